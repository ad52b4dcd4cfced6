-- One row per prisoner exchange that took place (realised), two-sided.
create or replace table prisoner_exchanges as
with exchanges as (
    select * from events
    where event_type = 'prisoner_exchange' and modality = 'realised'
),

final as (
    select
        event_id,
        event_date,
        cast(time_precision as integer) as time_precision,
        side_a,
        side_b,
        cast(returned_to_a as integer) as returned_to_a,
        cast(returned_to_b as integer) as returned_to_b,
        is_disputed,
        returned_to_a_reported,
        returned_to_b_reported,
        reported_figures,
        mediators,
        claimants,
        num_articles,
        num_sources,
        sources,
        evidence
    from exchanges
)

select * from final
order by event_date, event_id
