-- Each mention (every column) with the key of the group it is clustered in (int_event_dates) and its date
-- tolerance. Mentions of the same kind, modality and sides form a group; fighting (attack, incursion, capture,
-- surrender, air_strike, shelling) also needs the same place (admin1, else place name) and the same date.
-- Mentions without a date stay one event per article; loss claims are never merged: each is its own claim.
-- The window of two dates is the wider of their tolerances: a day for exchanges, mediation and negotiation
-- reported from two time zones, a week for week precision, a month for month precision, none for fighting
-- and anything else. Read twice, never materialised: int_event_dates reads only the key columns, each chunk
-- of event_mentions every column of its dates.
create or replace view int_event_mentions__keyed as
select
    stg_event_mentions.* exclude (is_fighting),
    concat_ws('|',
        event_type,
        modality,
        coalesce(side_a, '?'),
        coalesce(side_b, '?'),
        case when is_fighting then coalesce(admin1, place_name, country_iso3, '?') end,
        case when event_date is null then article_id end,
        case when event_type = 'loss_claim' then mention_id end
    ) as group_key,
    case
        when is_fighting then 0
        when time_precision = 3 then 31
        when time_precision = 2 then 7
        when event_type in ('prisoner_exchange', 'prisoner_release', 'exchange_agreed',
            'bodies_repatriation', 'mediation', 'negotiation') then 1
        else 0
    end as date_tolerance_days
from (
    select
        *,
        event_type in ('attack', 'air_strike', 'shelling', 'incursion', 'capture', 'surrender') as is_fighting
    from stg_event_mentions
) as stg_event_mentions
