-- Hashes of the quantity ids read more than once (re-runs), found in one narrow pass. A table (in the build's
-- in-memory database, never published) rather than part of stg_event_quantities: event_quantities is written
-- in chunks, each reading stg_event_quantities again, and this pass would otherwise scan every id once per
-- chunk. Usually empty; then the chunks' dedup branch ends at once.
create or replace table stg_event_quantities__repeated as
select hash(quantity_id) as key_hash
from read_parquet('events/quantities/**/*.parquet', union_by_name = true, hive_partitioning = true)
group by 1
having count(*) > 1
