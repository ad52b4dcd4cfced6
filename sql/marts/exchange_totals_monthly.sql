-- One row per month and side: people returned to that side in realised exchanges, and the running total.
create or replace table exchange_totals_monthly as
with exchanges as (
    select * from prisoner_exchanges
    where event_date is not null
),

per_side as (
    select date_trunc('month', event_date) as month, side_a as side, returned_to_a as returned from exchanges
    union all
    select date_trunc('month', event_date) as month, side_b as side, returned_to_b as returned from exchanges
),

monthly as (
    select
        cast(month as date) as month,
        side,
        cast(coalesce(sum(returned), 0) as bigint) as returned
    from per_side
    where side is not null
    group by 1, 2
),

final as (
    select
        month,
        side,
        returned,
        cast(sum(returned) over (partition by side order by month) as bigint) as cumulative
    from monthly
)

select * from final
order by side, month
