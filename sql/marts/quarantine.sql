-- Contract table, materialised from staging so the database file is readable from anywhere.
create or replace table quarantine as
select * from stg_quarantine
