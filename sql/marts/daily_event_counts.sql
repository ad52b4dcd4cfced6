-- One row per day, event type and country: how many realised events took place, and how widely reported.
create or replace table daily_event_counts as
with events as (
    select * from events
    where modality = 'realised' and event_date is not null
),

counted as (
    select
        event_date,
        event_type,
        coalesce(country_iso3, side_a, '(unknown)') as country_iso3,
        count(*) as event_count,
        sum(mention_count) as mention_count,
        sum(num_articles) as article_count,
        count(*) filter (where time_precision = 1) as day_precision_count
    from events
    group by all
),

final as (
    select
        event_date,
        event_type,
        country_iso3,
        cast(event_count as bigint) as event_count,
        cast(day_precision_count as bigint) as day_precision_count,
        cast(mention_count as bigint) as mention_count,
        cast(article_count as bigint) as article_count
    from counted
)

select * from final
order by event_date, event_type, country_iso3
