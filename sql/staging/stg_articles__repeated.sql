-- Hashes of the article ids read more than once (re-runs), found in one narrow pass. A table (in the build's
-- in-memory database, never published) rather than part of stg_articles: articles is written in chunks, each
-- reading stg_articles again, and this pass would otherwise scan every id once per chunk. Usually empty.
create or replace table stg_articles__repeated as
select hash(article_id) as key_hash
from read_parquet('clean/**/*.parquet', union_by_name = true, hive_partitioning = true)
group by 1
having count(*) > 1
