-- One row per realised event that ACLED codes, with ACLED's column names and precision codes.
create or replace table acled_events as
with events as (
    select * from events
    where modality = 'realised' and acled_event_type is not null and event_date is not null
),

countries as (
    select iso3, country, region from countries
),

coded as (
    select
        events.*,
        coalesce(events.country_iso3, events.side_a) as event_iso3,
        coalesce(place_country.country, side_a_country.country, events.side_a) as event_country,
        coalesce(place_country.region, side_a_country.region) as event_region,
        coalesce(side_a_country.country, events.side_a) as side_a_name,
        coalesce(side_b_country.country, events.side_b) as side_b_name
    from events
    left join countries as place_country on events.country_iso3 = place_country.iso3
    left join countries as side_a_country on events.side_a = side_a_country.iso3
    left join countries as side_b_country on events.side_b = side_b_country.iso3
),

final as (
    select
        coalesce(event_iso3, 'XXX') || '-' || event_id as event_id_cnty,
        event_date,
        cast(year(event_date) as integer) as year,
        cast(time_precision as integer) as time_precision,
        case when acled_event_type = 'Strategic developments' then 'Strategic developments'
            else 'Political violence' end as disorder_type,
        acled_event_type as event_type,
        acled_sub_event_type as sub_event_type,
        case actor1_sector
            when 'military' then 'Military Forces of ' || side_a_name
            when 'government' then 'Government of ' || side_a_name
            when 'civilian' then 'Civilians (' || side_a_name || ')'
            else side_a_name
        end as actor1,
        case when event_type in ('attack', 'air_strike', 'shelling', 'incursion', 'capture', 'surrender')
            then 'Military Forces of ' || side_b_name else side_b_name end as actor2,
        array_to_string(mediators, '; ') as assoc_actor_1,
        event_iso3 as iso3,
        event_region as region,
        event_country as country,
        admin1,
        place_name as location,
        latitude,
        longitude,
        cast(geo_precision as integer) as geo_precision,
        array_to_string(sources, '; ') as source,
        evidence as notes,
        cast(coalesce(fatalities, 0) as integer) as fatalities,
        case when is_disputed then 'disputed figures' end as tags,
        event_id as sitrep_event_id,
        event_type as sitrep_event_type,
        returned_to_a,
        returned_to_b,
        num_articles,
        num_sources
    from coded
)

select * from final
order by event_date, event_id_cnty
