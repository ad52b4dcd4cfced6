-- One row per real-world event: mentions of it across articles merged, differing figures kept.
create or replace table events as
with keyed as (
    select * from int_event_mentions__keyed
),

merged as (
    select
        event_id,
        any_value(event_type) as event_type,
        any_value(modality) as modality,
        min(event_date) as event_date,
        min(time_precision) as time_precision,
        any_value(side_a) as side_a,
        any_value(side_b) as side_b,
        max(returned_to_a) as returned_to_a,
        max(returned_to_b) as returned_to_b,
        list_sort(list_distinct(list(returned_to_a) filter (where returned_to_a is not null))) as returned_to_a_reported,
        list_sort(list_distinct(list(returned_to_b) filter (where returned_to_b is not null))) as returned_to_b_reported,
        list_sort(list_distinct(flatten(list(mediators)))) as mediators,
        list_sort(list_distinct(flatten(list(claimants)))) as claimants,
        count(distinct article_id) as num_articles,
        count(distinct coalesce(source, article_id)) as num_sources,
        min_by(evidence, concat(coalesce(cast(published_date as varchar), '9999'), mention_id)) as evidence,
        any_value(acled_event_type) as acled_event_type,
        any_value(acled_sub_event_type) as acled_sub_event_type,
        any_value(cameo_code) as cameo_code,
        any_value(plover_event) as plover_event,
        any_value(plover_mode) as plover_mode,
        min_by(place_name, mention_id) as place_name,
        min_by(country_iso3, mention_id) as country_iso3,
        min_by(admin1, mention_id) as admin1,
        min_by(latitude, mention_id) as latitude,
        min_by(longitude, mention_id) as longitude,
        min_by(geo_precision, mention_id) as geo_precision
    from keyed
    group by event_id
),

final as (
    select
        event_id,
        event_type,
        modality,
        event_date,
        time_precision,
        side_a,
        side_b,
        returned_to_a,
        returned_to_b,
        returned_to_a_reported,
        returned_to_b_reported,
        (len(returned_to_a_reported) > 1 or len(returned_to_b_reported) > 1) as is_disputed,
        mediators,
        claimants,
        place_name,
        country_iso3,
        admin1,
        latitude,
        longitude,
        geo_precision,
        acled_event_type,
        acled_sub_event_type,
        cameo_code,
        plover_event,
        plover_mode,
        cast(num_articles as integer) as num_articles,
        cast(num_sources as integer) as num_sources,
        evidence
    from merged
)

select * from final
