-- Contract table, materialised from staging so the database file is readable from anywhere. Ordered by every
-- column (rows are distinct), so builds write the same bytes.
create or replace table quarantine as
select * from stg_quarantine
order by all
