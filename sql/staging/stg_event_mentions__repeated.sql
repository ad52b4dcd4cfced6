-- Hashes of the mention ids read more than once (re-runs), found in one narrow pass. A table (in the build's
-- in-memory database, never published) rather than part of stg_event_mentions: event_mentions is written in
-- chunks, each reading stg_event_mentions again, and this pass would otherwise scan every id once per chunk.
-- Usually empty; then the chunks' dedup branch ends at once.
create or replace table stg_event_mentions__repeated as
select hash(mention_id) as key_hash
from read_parquet('events/mentions/**/*.parquet', union_by_name = true, hive_partitioning = true)
group by 1
having count(*) > 1
