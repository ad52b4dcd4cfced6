-- Each mention with the id of the real-world event it reports. Mentions of the same kind,
-- modality and sides (and place, for fighting) whose dates lie within a tolerance of each other
-- are one event: a day for exchanges and other agreed-upon events reported from two time zones,
-- a week when either date has week precision, a month when either has month precision. Mentions
-- without a date stay one event per article. Loss claims are never merged: each is its own claim.
-- The event id is a hash of the group key and the cluster's first date: content, not counters.
create or replace view int_event_mentions__keyed as
with mentions as (
    select * from stg_event_mentions
),

articles as (
    select article_id, source, published_date from stg_articles
),

grouped as (
    select
        mentions.*,
        articles.source,
        articles.published_date,
        concat_ws('|',
            mentions.event_type,
            mentions.modality,
            coalesce(mentions.side_a, '?'),
            coalesce(mentions.side_b, '?'),
            case when mentions.event_type in ('attack', 'air_strike', 'shelling', 'incursion', 'capture', 'surrender')
                then coalesce(mentions.place_name, mentions.country_iso3, '?') end,
            case when mentions.event_date is null then mentions.article_id end,
            case when mentions.event_type = 'loss_claim' then mentions.mention_id end
        ) as group_key,
        case mentions.time_precision
            when 3 then 31
            when 2 then 7
            else case when mentions.event_type in ('prisoner_exchange', 'prisoner_release', 'exchange_agreed',
                'bodies_repatriation', 'mediation', 'negotiation') then 1 else 0 end
        end as date_tolerance_days
    from mentions
    left join articles on mentions.article_id = articles.article_id
),

gaps as (
    select
        *,
        coalesce(
            event_date - lag(event_date) over by_date
                > greatest(date_tolerance_days, lag(date_tolerance_days) over by_date),
            true
        ) as starts_event
    from grouped
    window by_date as (partition by group_key order by event_date, time_precision, mention_id)
),

-- dates ascend within a group, so the latest event start so far is the start of this mention's event
keyed as (
    select
        *,
        md5(concat_ws('|', group_key, cast(
            max(case when starts_event then event_date end) over (
                partition by group_key order by event_date, time_precision, mention_id
                rows between unbounded preceding and current row
            ) as varchar)))[1:16] as event_id
    from gaps
)

select * exclude (starts_event, date_tolerance_days) from keyed
