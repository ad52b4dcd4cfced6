-- One row per real-world event: mentions of it across articles merged. Differing figures are kept
-- side by side with who reported them (never averaged); an agreed exchange links to the realised one.
create or replace table events as
with mentions as (
    -- the materialised, deduplicated mentions: not the staging view again
    select * from event_mentions
),

links as (
    select mention_id, event_id, original_article_id, source, published_date from mention_events
),

keyed as (
    select mentions.*, links.event_id, links.original_article_id, links.source, links.published_date
    from mentions
    inner join links on mentions.mention_id = links.mention_id
),

quantities as (
    select mention_id, value from stg_event_quantities
    where role = 'killed' and item in ('personnel', 'civilians')
),

killed_per_mention as (
    select mention_id, sum(value) as killed
    from quantities
    group by mention_id
),

figures_per_value as (
    select
        event_id,
        side,
        value,
        list_sort(list_distinct(list(claimant) filter (where claimant is not null))) as claimants,
        list_sort(list_distinct(list(coalesce(source, article_id)))) as sources
    from (
        select event_id, side_a as side, returned_to_a as value, claimant, source, article_id from keyed
        union all
        select event_id, side_b as side, returned_to_b as value, claimant, source, article_id from keyed
    ) as sided
    where value is not null
    group by event_id, side, value
),

figures as (
    select
        event_id,
        list(struct_pack(side := side, value := value, claimants := claimants, sources := sources)
            order by side, value) as reported_figures,
        max(count_per_side) > 1 as is_disputed
    from (
        select *, count(*) over (partition by event_id, side) as count_per_side from figures_per_value
    ) as counted
    group by event_id
),

merged as (
    select
        keyed.event_id,
        any_value(keyed.event_type) as event_type,
        any_value(keyed.modality) as modality,
        arg_min(keyed.event_date, concat(keyed.time_precision, cast(keyed.event_date as varchar))) as event_date,
        min(keyed.time_precision) as time_precision,
        any_value(keyed.side_a) as side_a,
        any_value(keyed.side_b) as side_b,
        max(keyed.returned_to_a) as returned_to_a,
        max(keyed.returned_to_b) as returned_to_b,
        list_sort(list_distinct(list(keyed.returned_to_a) filter (where keyed.returned_to_a is not null)))
            as returned_to_a_reported,
        list_sort(list_distinct(list(keyed.returned_to_b) filter (where keyed.returned_to_b is not null)))
            as returned_to_b_reported,
        max(killed_per_mention.killed) as fatalities,
        list_sort(list_distinct(flatten(list(keyed.mediators)))) as mediators,
        list_sort(list_distinct(flatten(list(keyed.claimants)))) as claimants,
        list_sort(list_distinct(list(keyed.source) filter (where keyed.source is not null))) as sources,
        count(*) as mention_count,
        count(distinct keyed.original_article_id) as num_articles,
        count(distinct coalesce(keyed.source, keyed.article_id)) as num_sources,
        min(keyed.published_date) as first_published_date,
        arg_min(keyed.evidence, concat(coalesce(cast(keyed.published_date as varchar), '9999'), keyed.mention_id))
            as evidence,
        any_value(keyed.acled_event_type) as acled_event_type,
        any_value(keyed.acled_sub_event_type) as acled_sub_event_type,
        any_value(keyed.cameo_code) as cameo_code,
        any_value(keyed.plover_event) as plover_event,
        any_value(keyed.plover_mode) as plover_mode,
        arg_min(keyed.actor1_sector, keyed.mention_id) as actor1_sector,
        arg_min(keyed.place_name, keyed.mention_id) as place_name,
        arg_min(keyed.country_iso3, keyed.mention_id) as country_iso3,
        arg_min(keyed.admin1, keyed.mention_id) as admin1,
        arg_min(keyed.latitude, keyed.mention_id) as latitude,
        arg_min(keyed.longitude, keyed.mention_id) as longitude,
        arg_min(keyed.geo_precision, keyed.mention_id) as geo_precision
    from keyed
    left join killed_per_mention on keyed.mention_id = killed_per_mention.mention_id
    group by keyed.event_id
),

agreements as (
    select event_id, event_date, side_a, side_b from merged
    where event_type = 'exchange_agreed' and event_date is not null
),

realisations as (
    select event_id, event_date, side_a, side_b from merged
    where event_type = 'prisoner_exchange' and modality = 'realised' and event_date is not null
),

-- the first realised exchange between the same sides from a day before the agreement to 90 days after
realised_links as (
    select
        agreements.event_id,
        arg_min(realisations.event_id, concat(cast(realisations.event_date as varchar), realisations.event_id))
            as realised_event_id
    from agreements
    inner join realisations
        on agreements.side_a is not distinct from realisations.side_a
        and agreements.side_b is not distinct from realisations.side_b
        and realisations.event_date between agreements.event_date - 1 and agreements.event_date + 90
    group by agreements.event_id
),

final as (
    select
        merged.event_id,
        merged.event_type,
        merged.modality,
        merged.event_date,
        merged.time_precision,
        merged.side_a,
        merged.side_b,
        merged.actor1_sector,
        merged.returned_to_a,
        merged.returned_to_b,
        merged.returned_to_a_reported,
        merged.returned_to_b_reported,
        coalesce(figures.is_disputed, false) as is_disputed,
        coalesce(figures.reported_figures, []) as reported_figures,
        merged.fatalities,
        merged.mediators,
        merged.claimants,
        merged.sources,
        merged.place_name,
        merged.country_iso3,
        merged.admin1,
        merged.latitude,
        merged.longitude,
        merged.geo_precision,
        merged.acled_event_type,
        merged.acled_sub_event_type,
        merged.cameo_code,
        merged.plover_event,
        merged.plover_mode,
        realised_links.realised_event_id,
        cast(merged.mention_count as integer) as mention_count,
        cast(merged.num_articles as integer) as num_articles,
        cast(merged.num_sources as integer) as num_sources,
        merged.first_published_date,
        merged.evidence
    from merged
    left join figures on merged.event_id = figures.event_id
    left join realised_links on merged.event_id = realised_links.event_id
)

select * from final
order by event_date, event_type, event_id
