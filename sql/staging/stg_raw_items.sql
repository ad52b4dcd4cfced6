-- One row per raw item (without its bytes): where it came from and the outlet its metadata names.
create or replace view stg_raw_items as
with source as not materialized (
    select * from read_parquet('raw/**/*.parquet', union_by_name = true, hive_partitioning = true)
),

-- ids read more than once (re-runs); found by hash, so one narrow pass decides which rows need a choice
repeated as (
    select hash(raw_id) as key_hash
    from source
    group by 1
    having count(*) > 1
),

deduplicated as (
    select * from source
    where hash(raw_id) not in (select key_hash from repeated)

    union all

    select * from source
    where hash(raw_id) in (select key_hash from repeated)
    qualify row_number() over (partition by raw_id order by fetched_at) = 1
)

select
    -- ids
    raw_id,
    -- dimensions
    source_uri,
    source_kind,
    content_type,
    nullif(trim(json_extract_string(meta_json, '$.source')), '') as source,
    nullif(regexp_extract(source_uri, '^https?://(?:www\.)?([^/:]+)', 1), '') as site,
    -- timestamps
    fetched_at
from deduplicated
