-- Contract table, materialised from staging so the database file is readable from anywhere, with
-- each article's link to the original it copies (NULL for originals; syndicated copies are kept). Ordered,
-- so builds write the same bytes.
-- Written in chunks of article ids, each its own committed statement, so no statement holds every text
-- (DuckDB keeps a table being written in memory until it commits): transforms/io/warehouse.py plans ranges of
-- ids by their first characters, in ascending order, runs this statement for the first and the same select as
-- "insert into articles" for each later one. A chunk is the ids in [getvariable('articles_from'),
-- getvariable('articles_to')), an unset bound open (the last chunk also takes a NULL id); with neither set (by
-- hand in the DuckDB CLI) this one statement writes every article. The chunks follow each other by id, so
-- the table is ordered by article_id as a whole without sorting it whole.
create or replace table articles as
with articles as (
    select * from stg_articles
    where (getvariable('articles_from') is null or article_id >= getvariable('articles_from'))
        and (getvariable('articles_to') is null or article_id < getvariable('articles_to'))
        or getvariable('articles_to') is null and article_id is null
),

duplicates as (
    select
        article_id,
        duplicate_of,
        similarity,
        duplicate_method
    from stg_article_duplicates
),

final as (
    select
        articles.*,
        duplicates.duplicate_of,
        duplicates.similarity,
        duplicates.duplicate_method
    from articles
    left join duplicates on articles.article_id = duplicates.article_id
)

select * from final
order by article_id
