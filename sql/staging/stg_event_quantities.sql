-- One row per number stated for an event mention, exact repeats from re-runs removed. The ids read more than
-- once are in stg_event_quantities__repeated (by hash, one narrow pass): every other row passes through, and
-- only rows whose id hash is repeated are deduplicated, by id.
create or replace view stg_event_quantities as
with source as not materialized (
    select * from read_parquet('events/quantities/**/*.parquet', union_by_name = true, hive_partitioning = true)
),

deduplicated as (
    select * from source
    where hash(quantity_id) not in (select key_hash from stg_event_quantities__repeated)

    union all

    select * from source
    where hash(quantity_id) in (select key_hash from stg_event_quantities__repeated)
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
