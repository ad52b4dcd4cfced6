-- One row per mediator and month: mediation events, realised exchanges mediated and people returned through them.
create or replace table mediation_activity as
with events as (
    select * from events
    where modality = 'realised' and event_date is not null and len(mediators) > 0
),

per_mediator as (
    select
        unnest(mediators) as mediator,
        cast(date_trunc('month', event_date) as date) as month,
        event_type,
        event_id,
        coalesce(returned_to_a, 0) + coalesce(returned_to_b, 0) as people_returned
    from events
),

monthly as (
    select
        mediator,
        month,
        count(*) filter (where event_type = 'mediation') as mediation_count,
        count(*) filter (where event_type = 'prisoner_exchange') as exchange_count,
        count(*) filter (where event_type = 'bodies_repatriation') as repatriation_count,
        count(*) as event_count,
        sum(people_returned) filter (where event_type = 'prisoner_exchange') as people_exchanged,
        list_sort(list(event_id)) as event_ids
    from per_mediator
    group by mediator, month
),

final as (
    select
        mediator,
        month,
        cast(mediation_count as bigint) as mediation_count,
        cast(exchange_count as bigint) as exchange_count,
        cast(repatriation_count as bigint) as repatriation_count,
        cast(event_count as bigint) as event_count,
        cast(coalesce(people_exchanged, 0) as bigint) as people_exchanged,
        event_ids
    from monthly
)

select * from final
order by mediator, month
