-- Contract table, materialised from staging so the database file is readable from anywhere. Ordered (a
-- mention's quantities together), so builds write the same bytes.
create or replace table event_quantities as
select * from stg_event_quantities
order by mention_id, quantity_id
