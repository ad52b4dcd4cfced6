-- Contract table, materialised from staging so the database file is readable from anywhere.
create or replace table articles as
select * from stg_articles
