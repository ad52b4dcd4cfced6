-- One row per outlet: articles kept, mentions and events found, inputs quarantined.
create or replace table source_coverage as
with articles as (
    -- the materialised articles (not the staging view, whose deduplication would read every text again)
    select article_id, coalesce(source, site, '(unknown)') as source from articles
),

mentions as (
    select article_id, event_id from event_mentions
),

raw_items as (
    select raw_id, coalesce(source, site, '(unknown)') as source from stg_raw_items
),

quarantined as (
    select
        coalesce(raw_items.source,
            nullif(regexp_extract(stg_quarantine.source_uri, '^https?://(?:www\.)?([^/:]+)', 1), ''),
            '(unknown)') as source,
        count(*) as quarantine_count
    from stg_quarantine
    left join raw_items on stg_quarantine.raw_id = raw_items.raw_id
    group by 1
),

article_counts as (
    select source, count(*) as article_count from articles group by source
),

mention_counts as (
    select
        articles.source,
        count(*) as mention_count,
        count(distinct mentions.event_id) as event_count
    from mentions
    inner join articles on mentions.article_id = articles.article_id
    group by articles.source
),

outlets as (
    select source from article_counts
    union
    select source from quarantined
),

final as (
    select
        outlets.source,
        cast(coalesce(article_counts.article_count, 0) as bigint) as article_count,
        cast(coalesce(mention_counts.mention_count, 0) as bigint) as mention_count,
        cast(coalesce(mention_counts.event_count, 0) as bigint) as event_count,
        cast(coalesce(quarantined.quarantine_count, 0) as bigint) as quarantine_count
    from outlets
    left join article_counts on outlets.source = article_counts.source
    left join mention_counts on outlets.source = mention_counts.source
    left join quarantined on outlets.source = quarantined.source
)

select * from final
order by source
