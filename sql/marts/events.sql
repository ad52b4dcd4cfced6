-- One row per real-world event: mentions of it across articles merged. Differing figures are kept
-- side by side with who reported them (never averaged); an agreed exchange links to the realised one.
-- Written in chunks of events, each its own committed statement, so no statement holds the aggregates of every
-- event: transforms/io/warehouse.py runs this statement for each range of event ids in each chunk of
-- event_mentions (whole events, see its header), the first creating the table and the later ones as "insert into
-- events". A chunk reads the rows [getvariable('events_row_from'), getvariable('events_row_to')) of event_mentions
-- (by rowid, as its chunks wrote them) whose event ids are in [getvariable('events_id_from'),
-- getvariable('events_id_to')) (an unset bound open), and whose events are first dated in
-- [getvariable('events_from'), getvariable('events_to')) (for the realised exchanges their agreements may link
-- to; both unset for the undated events). With no variable set (by hand in the DuckDB CLI) this one statement
-- writes every event. Each chunk is ordered by date, type and id.
create or replace table events as
with mentions as not materialized (
    -- inlined where used, so each part reads only its columns of the materialised mentions; every grouping and
    -- join below is on the event id as an integer: 16 hex digits are 64 bits, so the UBIGINT is the id itself,
    -- not a hash that two events could share (the 16-character id is carried once per event)
    select
        cast('0x' || event_id as ubigint) as event_key,
        event_id,
        mention_id,
        article_id,
        event_type,
        modality,
        event_date,
        time_precision,
        side_a,
        side_b,
        returned_to_a,
        returned_to_b,
        claimant,
        mediators,
        claimants,
        evidence,
        actor1_sector,
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
        plover_mode
    from event_mentions
    where (
            getvariable('events_row_from') is null
            or rowid >= getvariable('events_row_from') and rowid < getvariable('events_row_to')
        )
        and (getvariable('events_id_from') is null or event_id >= getvariable('events_id_from'))
        and (getvariable('events_id_to') is null or event_id < getvariable('events_id_to'))
),

-- each article's outlet, date and original (the article a syndicated copy copies, else itself); every
-- mention's article is in articles (data test assert_mentions_have_articles)
article_links as (
    select article_id, source, published_date, duplicate_of from articles
),

-- the mentions' key columns with their article's: one join per chunk (materialised: a chunk's rows are few, and
-- inlined, each of the five parts reading it joined the chunk with every article again)
linked as materialized (
    select
        mentions.event_key,
        mentions.mention_id,
        mentions.article_id,
        coalesce(article_links.duplicate_of, mentions.article_id) as original_article_id,
        article_links.source,
        article_links.published_date,
        mentions.side_a,
        mentions.side_b,
        mentions.returned_to_a,
        mentions.returned_to_b,
        mentions.claimant,
        mentions.evidence
    from mentions
    left join article_links on mentions.article_id = article_links.article_id
),

-- distinct values per event first, then small lists: cheaper than list_distinct over every mention
mediators_per_event as (
    select
        event_key,
        list(mediator order by mediator) as mediators
    from (select distinct event_key, unnest(mediators) as mediator from mentions) as unnested
    where mediator is not null
    group by event_key
),

claimants_per_event as (
    select
        event_key,
        list(claimant order by claimant) as claimants
    from (select distinct event_key, unnest(claimants) as claimant from mentions) as unnested
    where claimant is not null
    group by event_key
),

outlets_per_event as (
    select
        event_key,
        list(source order by source) filter (where source is not null) as sources,
        count(distinct outlet) as num_sources
    from (select distinct event_key, coalesce(source, article_id) as outlet, source from linked) as outlets
    group by event_key
),

articles_per_event as (
    select
        event_key,
        count(*) as num_articles
    from (select distinct event_key, original_article_id from linked where original_article_id is not null)
        as originals
    group by event_key
),

quantities as (
    select mention_id, value from event_quantities
    where role = 'killed'  -- attack casualties: item 'killed' (people), or personnel/civilians
        and mention_id in (select mention_id from linked)
),

-- joined with the materialised linked, not the mentions: a join on the table pushed the killed quantities' ids
-- into its scan as a filter, which cost a third of a chunk
killed_per_event as (
    select linked.event_key, max(killed_per_mention.killed) as fatalities
    from (select mention_id, sum(value) as killed from quantities group by mention_id) as killed_per_mention
    inner join linked on killed_per_mention.mention_id = linked.mention_id
    group by linked.event_key
),

figure_reports as not materialized (
    select event_key, side_a as side, returned_to_a as value, claimant, coalesce(source, article_id) as outlet
    from linked
    where returned_to_a is not null
    union all
    select event_key, side_b as side, returned_to_b as value, claimant, coalesce(source, article_id) as outlet
    from linked
    where returned_to_b is not null
),

-- most figures have one claimant and one outlet: min and max tell those apart without building a list
-- per figure; lists (sorted, distinct) are built only for figures with two or more
figures_per_value as (
    select
        event_key,
        side,
        value,
        min(claimant) as first_claimant,
        max(claimant) as last_claimant,
        min(outlet) as first_outlet,
        max(outlet) as last_outlet
    from figure_reports
    group by event_key, side, value
),

figure_lists as (
    select
        figure_reports.event_key,
        figure_reports.side,
        figure_reports.value,
        list_sort(list_distinct(list(figure_reports.claimant))) as claimants,
        list_sort(list_distinct(list(figure_reports.outlet))) as sources
    from figure_reports
    semi join (
        select event_key, side, value from figures_per_value
        where first_claimant != last_claimant or first_outlet != last_outlet
    ) as several
        on figure_reports.event_key = several.event_key
        and figure_reports.side is not distinct from several.side
        and figure_reports.value = several.value
    group by figure_reports.event_key, figure_reports.side, figure_reports.value
),

figures_sorted as (
    select
        figures_per_value.event_key,
        figures_per_value.side,
        figures_per_value.value,
        case
            when first_claimant != last_claimant then figure_lists.claimants
            when first_claimant is not null then [first_claimant]
        end as claimants,
        case when first_outlet != last_outlet then figure_lists.sources else [first_outlet] end as sources
    from figures_per_value
    left join figure_lists
        on figures_per_value.event_key = figure_lists.event_key
        and figures_per_value.side is not distinct from figure_lists.side
        and figures_per_value.value = figure_lists.value
),

-- (side, value) is unique per event, so sorting the structs orders them by side, then value (NULL side
-- last, as order by would); disputed: more figures than sides (a NULL side counts as one)
figures as (
    select
        event_key,
        case
            when count(*) > 1
                then list_sort(list(struct_pack(side := side, value := value, claimants := claimants, sources := sources)))
            else list(struct_pack(side := side, value := value, claimants := claimants, sources := sources))
        end as reported_figures,
        count(*) > count(distinct side) + cast(bool_or(side is null) as integer) as is_disputed
    from figures_sorted
    group by event_key
),

-- the earliest report: publication date and evidence sentence (needs the article's date)
first_reports as (
    select
        event_key,
        min(published_date) as first_published_date,
        arg_min(evidence, concat(coalesce(cast(published_date as varchar), '9999'), mention_id)) as evidence
    from linked
    group by event_key
),

-- one aggregate of the mentions per event for everything that takes one value or a plain list
merged_raw as (
    select
        event_key,
        any_value(event_id) as event_id,
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
        any_value(acled_event_type) as acled_event_type,
        any_value(acled_sub_event_type) as acled_sub_event_type,
        any_value(cameo_code) as cameo_code,
        any_value(plover_event) as plover_event,
        any_value(plover_mode) as plover_mode,
        arg_min(actor1_sector, mention_id) as actor1_sector,
        arg_min(place_name, mention_id) as place_name,
        arg_min(country_iso3, mention_id) as country_iso3,
        arg_min(admin1, mention_id) as admin1,
        arg_min(latitude, mention_id) as latitude,
        arg_min(longitude, mention_id) as longitude,
        arg_min(geo_precision, mention_id) as geo_precision
    from mentions
    group by event_key
),

merged as (
    select
        merged_raw.* replace (
            case when len(returned_to_a_reported) > 1 then list_sort(list_distinct(returned_to_a_reported))
                else returned_to_a_reported end as returned_to_a_reported,
            case when len(returned_to_b_reported) > 1 then list_sort(list_distinct(returned_to_b_reported))
                else returned_to_b_reported end as returned_to_b_reported
        ),
        killed_per_event.fatalities,
        first_reports.first_published_date,
        first_reports.evidence
    from merged_raw
    inner join first_reports on merged_raw.event_key = first_reports.event_key
    left join killed_per_event on merged_raw.event_key = killed_per_event.event_key
),

agreements as (
    select event_id, event_date, side_a, side_b from merged
    where event_type = 'exchange_agreed' and event_date is not null
),

-- realised exchanges that an agreement of this chunk may link to, also from later (or earlier) chunks: those
-- first dated from 32 days before the chunk to 121 days after its end (a link spans a day before to 90 days
-- after the agreement, and each event at most 31 days); their date by the same rule as merged_raw's event_date.
-- Narrow: the mentions of realised exchanges in that window only
realisations as (
    select
        event_id,
        arg_min(event_date, concat(time_precision, cast(event_date as varchar))) as event_date,
        any_value(side_a) as side_a,
        any_value(side_b) as side_b
    from event_mentions
    where event_type = 'prisoner_exchange' and modality = 'realised' and event_date is not null
        and (
            getvariable('events_from') is null
            or event_date >= cast(getvariable('events_from') as date) - 32
                and event_date < cast(getvariable('events_to') as date) + 152
                and event_id in (
                    select event_id from int_event_dates
                    where event_start >= cast(getvariable('events_from') as date) - 32
                        and event_start < cast(getvariable('events_to') as date) + 121
                )
        )
    group by event_id
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
    left join figures on merged.event_key = figures.event_key
    left join realised_links on merged.event_id = realised_links.event_id
    left join mediators_per_event on merged.event_key = mediators_per_event.event_key
    left join claimants_per_event on merged.event_key = claimants_per_event.event_key
    left join outlets_per_event on merged.event_key = outlets_per_event.event_key
    left join articles_per_event on merged.event_key = articles_per_event.event_key
)

select * from final
order by event_date, event_type, event_id
