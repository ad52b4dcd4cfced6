-- One row per number stated for an event mention.
create or replace view stg_event_quantities as
with source as not materialized (
    select * from read_parquet('events/quantities/**/*.parquet', union_by_name = true, hive_partitioning = true)
),

-- ids read more than once (re-runs); found by hash, so one narrow pass decides which rows need a choice
repeated as (
    select hash(quantity_id) as key_hash
    from source
    group by 1
    having count(*) > 1
),

deduplicated as (
    select * from source
    where hash(quantity_id) not in (select key_hash from repeated)

    union all

    select * from source
    where hash(quantity_id) in (select key_hash from repeated)
    qualify row_number() over (partition by quantity_id order by _extractor_version desc) = 1
)

select
    -- ids
    quantity_id,
    mention_id,
    article_id,
    -- dimensions
    role,
    side_iso3,
    item,
    qualifier,
    count_basis,
    claimant,
    claimant_iso3,
    -- measures
    value,
    value_text,
    -- evidence
    evidence,
    char_start,
    -- metadata
    _extractor_version
from deduplicated
