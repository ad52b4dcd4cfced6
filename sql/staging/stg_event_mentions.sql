-- One row per event per article, exact repeats from re-runs removed.
create or replace view stg_event_mentions as
with source as not materialized (
    select * from read_parquet('events/mentions/**/*.parquet', union_by_name = true, hive_partitioning = true)
),

-- ids read more than once (re-runs); found by hash, so one narrow pass decides which rows need a choice
repeated as (
    select hash(mention_id) as key_hash
    from source
    group by 1
    having count(*) > 1
),

deduplicated as (
    select * from source
    where hash(mention_id) not in (select key_hash from repeated)

    union all

    select * from source
    where hash(mention_id) in (select key_hash from repeated)
    qualify row_number() over (partition by mention_id order by _extractor_version desc) = 1
)

select
    -- ids
    mention_id,
    article_id,
    -- dimensions
    event_type,
    modality,
    side_a,
    side_b,
    actor1_sector,
    mediators,
    claimant,
    claimant_iso3,
    claimants,
    place_name,
    country_iso3,
    admin1,
    latitude,
    longitude,
    geo_precision,
    acled_event_type,
    acled_sub_event_type,
    cameo_code,
    plover_event,
    plover_mode,
    -- measures
    returned_to_a,
    returned_to_b,
    -- dates
    event_date,
    time_precision,
    date_basis,
    date_text,
    period_start,
    -- evidence
    evidence,
    evidence_start,
    evidence_end,
    -- metadata
    _extractor_version
from deduplicated
