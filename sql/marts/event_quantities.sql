-- Contract table, materialised from staging so the database file is readable from anywhere. Ordered (a
-- mention's quantities together), so builds write the same bytes.
-- Written in chunks of mention ids, each its own committed statement, so no statement holds or sorts every
-- quantity (DuckDB keeps a table being written in memory until it commits): transforms/io/warehouse.py plans
-- ranges of mention ids by their first characters, in ascending order, runs this statement for the first and
-- the same select as "insert into event_quantities" for each later one. A chunk is the mention ids in
-- [getvariable('event_quantities_from'), getvariable('event_quantities_to')), an unset bound open (the last
-- chunk also takes a NULL id); with neither set (by hand in the DuckDB CLI) this one statement writes every
-- quantity. The chunks follow each other by mention id, so the table is ordered as a whole.
create or replace table event_quantities as
select * from stg_event_quantities
where (getvariable('event_quantities_from') is null or mention_id >= getvariable('event_quantities_from'))
    and (getvariable('event_quantities_to') is null or mention_id < getvariable('event_quantities_to'))
    or getvariable('event_quantities_to') is null and mention_id is null
order by mention_id, quantity_id
