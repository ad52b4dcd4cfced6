-- Each mention with the key of the real-world event it reports: mentions of the same kind,
-- modality, sides and date (across articles) are one event.
create or replace view int_event_mentions__keyed as
with mentions as (
    select * from stg_event_mentions
),

articles as (
    select article_id, source, published_date from stg_articles
),

keyed as (
    select
        mentions.*,
        articles.source,
        articles.published_date,
        md5(concat_ws('|',
            mentions.event_type,
            mentions.modality,
            coalesce(mentions.side_a, '?'),
            coalesce(mentions.side_b, '?'),
            coalesce(cast(mentions.event_date as varchar), mentions.article_id),
            -- loss claims are per claimant and per sentence: two claims are never one event
            case when mentions.event_type = 'loss_claim' then mentions.mention_id end
        ))[1:16] as event_id
    from mentions
    left join articles on mentions.article_id = articles.article_id
)

select * from keyed
