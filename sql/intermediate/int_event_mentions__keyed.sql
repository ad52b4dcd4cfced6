-- Each mention (its key columns) with the id of the real-world event it reports. Mentions of the same kind,
-- modality and sides form a group; fighting (attack, incursion, capture, surrender, air_strike,
-- shelling) also needs the same place (admin1, else place name) and the same date. Within a group,
-- dates are clustered around anchors, never chained: the earliest date is the first anchor, every
-- later date within the window of the anchor belongs to it, and the first date beyond the window
-- is the next anchor. The window of two dates is the wider of their tolerances: a day for
-- exchanges, mediation and negotiation reported from two time zones, a week for week precision,
-- a month for month precision, none for fighting and anything else. Mentions without a date stay
-- one event per article; loss claims are never merged: each is its own claim.
-- original_article_id is the article a syndicated copy copies (else the article itself).
-- The event id is a hash of the group key and the anchor date: content, not counters.
create or replace view int_event_mentions__keyed as
with recursive mentions as (
    -- the columns the keys and the link table need, so the wide text and lists are never carried here
    select
        mention_id,
        article_id,
        event_type,
        modality,
        side_a,
        side_b,
        admin1,
        place_name,
        country_iso3,
        event_date,
        time_precision,
        returned_to_a,
        returned_to_b,
        claimant
    from stg_event_mentions
),

articles as (
    select
        article_id,
        source,
        published_date
    from stg_articles
),

duplicates as (
    select
        article_id,
        duplicate_of
    from stg_article_duplicates
),

typed as (
    select
        mentions.*,
        articles.source,
        articles.published_date,
        coalesce(duplicates.duplicate_of, mentions.article_id) as original_article_id,
        mentions.event_type in ('attack', 'air_strike', 'shelling', 'incursion', 'capture', 'surrender')
            as is_fighting
    from mentions
    left join articles on mentions.article_id = articles.article_id
    left join duplicates on mentions.article_id = duplicates.article_id
),

grouped as (
    select
        typed.*,
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
    from typed
),

-- one row per group and date; a date's tolerance is the widest among its mentions
dates as (
    select
        group_key,
        event_date,
        max(date_tolerance_days) as tolerance_days,
        max(max(date_tolerance_days)) over (partition by group_key) as group_tolerance_days
    from grouped
    where event_date is not null
    group by group_key, event_date
),

-- only groups with some tolerance need anchors found; elsewhere every date is its own anchor
windowed as (
    select group_key, event_date, tolerance_days from dates where group_tolerance_days > 0
),

-- the first later date outside the window shared with each date, per tolerance class
next_dates as materialized (
    select
        windowed.group_key,
        windowed.event_date,
        least(day0.event_date, day1.event_date, week.event_date, month.event_date) as next_date
    from windowed
    asof left join (select group_key, event_date from windowed where tolerance_days = 0) as day0
        on windowed.group_key = day0.group_key
        and windowed.event_date + windowed.tolerance_days < day0.event_date
    asof left join (select group_key, event_date from windowed where tolerance_days = 1) as day1
        on windowed.group_key = day1.group_key
        and windowed.event_date + greatest(windowed.tolerance_days, 1) < day1.event_date
    asof left join (select group_key, event_date from windowed where tolerance_days = 7) as week
        on windowed.group_key = week.group_key
        and windowed.event_date + greatest(windowed.tolerance_days, 7) < week.event_date
    asof left join (select group_key, event_date from windowed where tolerance_days = 31) as month
        on windowed.group_key = month.group_key
        and windowed.event_date + 31 < month.event_date
),

-- anchors: a group's earliest date, then from each anchor the first date outside its window
anchors as (
    select
        group_key,
        min(event_date) as anchor_date
    from windowed
    group by group_key

    union all

    select
        next_dates.group_key,
        next_dates.next_date as anchor_date
    from anchors
    inner join next_dates
        on anchors.group_key = next_dates.group_key
        and anchors.anchor_date = next_dates.event_date
    where next_dates.next_date is not null
),

-- the event id once per group and date (hashing per date, not per mention), from the date's anchor: the
-- latest anchor on or before it. A flag and a window rather than a join on the recursive result, whose
-- row estimate (far too high) would make the join below build its hash table on every mention.
flagged as (
    select
        dates.group_key,
        dates.event_date,
        exists (
            select 1 from anchors
            where anchors.group_key = dates.group_key and anchors.anchor_date = dates.event_date
        ) as is_anchor
    from dates
),

dated_events as (
    select
        group_key,
        event_date,
        md5(concat_ws('|', group_key, cast(coalesce(
            max(case when is_anchor then event_date end) over (
                partition by group_key order by event_date rows between unbounded preceding and current row),
            event_date) as varchar)))[1:16] as event_id
    from flagged
),

final as (
    select
        grouped.* exclude (is_fighting, date_tolerance_days),
        -- undated mentions: the hash of the group key alone (it holds the article)
        coalesce(dated_events.event_id, md5(grouped.group_key)[1:16]) as event_id
    from grouped
    left join dated_events
        on grouped.group_key = dated_events.group_key
        and grouped.event_date = dated_events.event_date
)

select * from final
