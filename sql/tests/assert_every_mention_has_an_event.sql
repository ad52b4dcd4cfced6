-- Referential integrity: every mention is merged into exactly one event, and every event has a mention.
select event_mentions.mention_id as id, 'mention without event' as problem
from event_mentions
left join mention_events on event_mentions.mention_id = mention_events.mention_id
where mention_events.event_id is null
union all
select events.event_id, 'event without mention'
from events
left join mention_events on events.event_id = mention_events.event_id
where mention_events.mention_id is null
union all
select event_id, 'num_articles or num_sources out of range'
from events
-- syndicated copies count once in num_articles but each outlet counts in num_sources
where num_articles < 1 or num_sources < 1 or num_sources > mention_count or mention_count < num_articles
