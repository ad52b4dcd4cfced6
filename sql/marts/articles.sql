-- Contract table, materialised from staging so the database file is readable from anywhere, with
-- each article's link to the original it copies (NULL for originals; syndicated copies are kept). Ordered,
-- so builds write the same bytes.
create or replace table articles as
with articles as (
    select * from stg_articles
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
