-- One row per clean article with the original it copies, derived each build by transforms/dedup.py.
create or replace view stg_article_duplicates as
with source as (
    select * from read_parquet('links/article_duplicates.parquet')
)

select
    -- ids
    article_id,
    duplicate_of,
    -- measures
    similarity,
    -- dimensions
    method as duplicate_method
from source
