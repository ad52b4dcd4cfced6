-- Contract table, materialised so the database file is readable from anywhere: every mention column plus
-- the event it was merged into (event_id); the article's outlet, date and original are in articles. Ordered
-- by event, so builds write the same bytes and an event's mentions sit together (they also compress better).
create or replace table event_mentions as
select * from int_event_mentions__keyed
order by event_id, mention_id
