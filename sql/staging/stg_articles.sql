-- One row per distinct article from the clean layer (paths relative to the warehouse folder).
create or replace view stg_articles as
with source as (
    select * from read_parquet('clean/**/*.parquet', union_by_name = true, hive_partitioning = true)
),

deduplicated as (
    select *
    from source
    qualify row_number() over (partition by article_id order by raw_id) = 1
)

select
    -- ids
    article_id,
    raw_id,
    -- dimensions
    url,
    coalesce(source, site) as source,
    site,
    title,
    language,
    is_english,
    -- measures
    text,
    text_sha256,
    char_count,
    -- dates and timestamps
    published_date,
    fetched_at,
    -- metadata
    source_uri,
    _extractor_version
from deduplicated
