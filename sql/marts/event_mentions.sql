-- Contract table, materialised so the database file is readable from anywhere: every mention column plus
-- the event it was merged into (event_id); the article's outlet, date and original are in articles.
-- Written in chunks of whole events, each its own committed statement, so no statement holds or sorts every
-- mention (DuckDB keeps a table being written in memory until it commits): transforms/io/warehouse.py plans
-- ranges of the events' first dates (int_event_dates.event_start), runs this statement for the first chunk
-- and, for each later one, the same select as "insert into event_mentions". A chunk is the mentions of the
-- events first dated in [getvariable('event_mentions_from'), getvariable('event_mentions_to')), dated up to 31
-- days later (the widest window); the undated ones are the last chunk (event_mentions_from set,
-- event_mentions_to unset). With neither variable set (by hand in the DuckDB CLI) this one statement writes
-- every mention. Each chunk is ordered by event and mention and the chunks by date, so builds write the same
-- bytes, an event's mentions sit together (they also compress better) and events reads each chunk's events
-- as one range of rows.
create or replace table event_mentions as
select
    mentions.* exclude (group_key, date_tolerance_days),
    -- undated mentions: the hash of the group key alone (it holds the article)
    coalesce(dates.event_id, md5(mentions.group_key)[1:16]) as event_id
from int_event_mentions__keyed as mentions
left join (
    select group_key, event_date, event_id from int_event_dates
    where getvariable('event_mentions_from') is null
        or event_start >= getvariable('event_mentions_from') and event_start < getvariable('event_mentions_to')
) as dates
    on mentions.group_key = dates.group_key
    and mentions.event_date = dates.event_date
where getvariable('event_mentions_from') is null
    or mentions.event_date >= getvariable('event_mentions_from')
        and mentions.event_date < cast(getvariable('event_mentions_to') as date) + 32
        and dates.event_id is not null
    or getvariable('event_mentions_to') is null and mentions.event_date is null
order by event_id, mention_id
