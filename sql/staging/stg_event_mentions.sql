-- One row per event per article, exact repeats from re-runs removed. The ids read more than once are in
-- stg_event_mentions__repeated (by hash, one narrow pass): every other row passes through, and only rows whose
-- id hash is repeated are deduplicated, by id.
create or replace view stg_event_mentions as
with source as not materialized (
    select * from read_parquet('events/mentions/**/*.parquet', union_by_name = true, hive_partitioning = true)
),

deduplicated as (
    select * from source
    where hash(mention_id) not in (select key_hash from stg_event_mentions__repeated)

    union all

    select * from source
    where hash(mention_id) in (select key_hash from stg_event_mentions__repeated)
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
