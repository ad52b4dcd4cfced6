-- One row per distinct article from the clean layer (paths relative to the warehouse folder).
create or replace view stg_articles as
with source as not materialized (
    select * from read_parquet('clean/**/*.parquet', union_by_name = true, hive_partitioning = true)
),

-- ids read more than once (re-runs); found by hash, so one narrow pass decides which rows need a choice
repeated as (
    select hash(article_id) as key_hash
    from source
    group by 1
    having count(*) > 1
),

deduplicated as (
    select * from source
    where hash(article_id) not in (select key_hash from repeated)

    union all

    select * from source
    where hash(article_id) in (select key_hash from repeated)
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
