-- Contract table, materialised from staging so the database file is readable from anywhere.
create or replace table event_mentions as
select * from stg_event_mentions
