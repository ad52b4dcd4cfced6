-- One row per distinct article from the clean layer (paths relative to the warehouse folder).
-- The ids read more than once (re-runs) are in stg_articles__repeated (by hash, one narrow pass, once per build
-- rather than once per chunk of articles): only rows whose id hash is repeated are deduplicated, by id.
create or replace view stg_articles as
with source as not materialized (
    select * from read_parquet('clean/**/*.parquet', union_by_name = true, hive_partitioning = true)
),

deduplicated as (
    select * from source
    where hash(article_id) not in (select key_hash from stg_articles__repeated)

    union all

    select * from source
    where hash(article_id) in (select key_hash from stg_articles__repeated)
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
