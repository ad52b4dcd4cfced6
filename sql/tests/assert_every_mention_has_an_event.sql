-- Referential integrity: every mention is merged into exactly one event that exists, every event has its
-- mentions (mention_count of them), and the article and outlet counts are in range. One aggregate of the
-- mentions per event, on a 64-bit hash of the id (a bad id would have to collide with a good one to pass).
with per_event as (
    select
        hash(event_id) as event_key,
        any_value(event_id) as event_id,
        count(*) as mention_count,
        count(*) filter (where event_id is null) as without_event
    from event_mentions
    group by 1
),

checked as (
    select
        coalesce(events.event_id, per_event.event_id) as id,
        case
            when per_event.without_event > 0 then 'mention without event'
            when events.event_id is null then 'mention of an event not in events'
            when per_event.event_key is null then 'event without mention'
            when per_event.mention_count != events.mention_count then 'mention_count differs from its mentions'
        end as problem
    from per_event
    full outer join events on per_event.event_key = hash(events.event_id)
)

select id, problem from checked where problem is not null
union all
select event_id, 'num_articles or num_sources out of range'
from events
-- syndicated copies count once in num_articles but each outlet counts in num_sources
where num_articles < 1 or num_sources < 1 or num_sources > mention_count or mention_count < num_articles
