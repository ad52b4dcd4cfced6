-- One row per real-world event: mentions of it across articles merged. Differing figures are kept
-- side by side with who reported them (never averaged); an agreed exchange links to the realised one.
create or replace table events as
with links as (
    -- the materialised link table carries each mention's event, keys, dates, sides and figures
    select
        mention_id,
        event_id,
        article_id,
        original_article_id,
        source,
        published_date,
        event_type,
        modality,
        event_date,
        time_precision,
        side_a,
        side_b,
        returned_to_a,
        returned_to_b,
        claimant
    from mention_events
),

-- only what the link table lacks comes from the wide mentions: the join carries these columns and
-- the event id, not every link column (aggregates over links alone read mention_events directly)
keyed as (
    select
        links.event_id,
        links.published_date,
        event_mentions.mention_id,
        event_mentions.mediators,
        event_mentions.claimants,
        event_mentions.evidence,
        event_mentions.actor1_sector,
        event_mentions.place_name,
        event_mentions.country_iso3,
        event_mentions.admin1,
        event_mentions.latitude,
        event_mentions.longitude,
        event_mentions.geo_precision,
        event_mentions.acled_event_type,
        event_mentions.acled_sub_event_type,
        event_mentions.cameo_code,
        event_mentions.plover_event,
        event_mentions.plover_mode
    from event_mentions
    inner join links on event_mentions.mention_id = links.mention_id
),

-- distinct values per event first, then small lists: cheaper than list_distinct over every mention
mediators_per_event as (
    select
        event_id,
        list(mediator order by mediator) as mediators
    from (select distinct event_id, unnest(mediators) as mediator from keyed) as unnested
    where mediator is not null
    group by event_id
),

claimants_per_event as (
    select
        event_id,
        list(claimant order by claimant) as claimants
    from (select distinct event_id, unnest(claimants) as claimant from keyed) as unnested
    where claimant is not null
    group by event_id
),

outlets_per_event as (
    select
        event_id,
        list(source order by source) filter (where source is not null) as sources,
        count(distinct outlet) as num_sources
    from (select distinct event_id, coalesce(source, article_id) as outlet, source from links) as outlets
    group by event_id
),

articles_per_event as (
    select
        event_id,
        count(*) as num_articles
    from (select distinct event_id, original_article_id from links where original_article_id is not null) as originals
    group by event_id
),

quantities as (
    select mention_id, value from stg_event_quantities
    where role = 'killed'  -- attack casualties: item 'killed' (people), or personnel/civilians
),

killed_per_mention as (
    select mention_id, sum(value) as killed
    from quantities
    group by mention_id
),

-- list_sort and list_distinct cost a sort per list, so they run only on lists of two or more (most
-- figures are reported by one mention, most events have one figure per side)
figures_per_value as (
    select
        event_id,
        side,
        value,
        list(claimant) filter (where claimant is not null) as claimants,
        list(outlet) as sources
    from (
        select event_id, side_a as side, returned_to_a as value, claimant, coalesce(source, article_id) as outlet
        from links
        union all
        select event_id, side_b as side, returned_to_b as value, claimant, coalesce(source, article_id) as outlet
        from links
    ) as sided
    where value is not null
    group by event_id, side, value
),

figures_sorted as (
    select
        event_id,
        side,
        value,
        case when len(claimants) > 1 then list_sort(list_distinct(claimants)) else claimants end as claimants,
        case when len(sources) > 1 then list_sort(list_distinct(sources)) else sources end as sources
    from figures_per_value
),

-- (side, value) is unique per event, so sorting the structs orders them by side, then value (NULL side
-- last, as order by would); disputed: more figures than sides (a NULL side counts as one)
figures as (
    select
        event_id,
        case
            when count(*) > 1
                then list_sort(list(struct_pack(side := side, value := value, claimants := claimants, sources := sources)))
            else list(struct_pack(side := side, value := value, claimants := claimants, sources := sources))
        end as reported_figures,
        count(*) > count(distinct side) + cast(bool_or(side is null) as integer) as is_disputed
    from figures_sorted
    group by event_id
),

-- what the link table alone decides
merged_links as (
    select
        event_id,
        any_value(event_type) as event_type,
        any_value(modality) as modality,
        arg_min(event_date, concat(time_precision, cast(event_date as varchar))) as event_date,
        min(time_precision) as time_precision,
        any_value(side_a) as side_a,
        any_value(side_b) as side_b,
        max(returned_to_a) as returned_to_a,
        max(returned_to_b) as returned_to_b,
        list(returned_to_a) filter (where returned_to_a is not null) as returned_to_a_reported,
        list(returned_to_b) filter (where returned_to_b is not null) as returned_to_b_reported,
        count(*) as mention_count,
        min(published_date) as first_published_date
    from links
    group by event_id
),

-- what needs the wide mention columns
merged_mentions as (
    select
        keyed.event_id,
        max(killed_per_mention.killed) as fatalities,
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

merged as (
    select
        merged_links.* replace (
            case when len(returned_to_a_reported) > 1 then list_sort(list_distinct(returned_to_a_reported))
                else returned_to_a_reported end as returned_to_a_reported,
            case when len(returned_to_b_reported) > 1 then list_sort(list_distinct(returned_to_b_reported))
                else returned_to_b_reported end as returned_to_b_reported
        ),
        merged_mentions.* exclude (event_id)
    from merged_links
    inner join merged_mentions on merged_links.event_id = merged_mentions.event_id
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
        coalesce(mediators_per_event.mediators, cast([] as varchar[])) as mediators,
        coalesce(claimants_per_event.claimants, cast([] as varchar[])) as claimants,
        outlets_per_event.sources,
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
        cast(coalesce(articles_per_event.num_articles, 0) as integer) as num_articles,
        cast(outlets_per_event.num_sources as integer) as num_sources,
        merged.first_published_date,
        merged.evidence
    from merged
    left join figures on merged.event_id = figures.event_id
    left join realised_links on merged.event_id = realised_links.event_id
    left join mediators_per_event on merged.event_id = mediators_per_event.event_id
    left join claimants_per_event on merged.event_id = claimants_per_event.event_id
    left join outlets_per_event on merged.event_id = outlets_per_event.event_id
    left join articles_per_event on merged.event_id = articles_per_event.event_id
)

select * from final
order by event_date, event_type, event_id
