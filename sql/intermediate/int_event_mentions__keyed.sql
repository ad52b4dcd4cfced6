-- Each mention (every column) with the id of the real-world event it reports. Mentions of the same kind,
-- modality and sides form a group; fighting (attack, incursion, capture, surrender, air_strike,
-- shelling) also needs the same place (admin1, else place name) and the same date. Within a group,
-- dates are clustered around anchors, never chained: the earliest date is the first anchor, every
-- later date within the window of the anchor belongs to it, and the first date beyond the window
-- is the next anchor. The window of two dates is the wider of their tolerances: a day for
-- exchanges, mediation and negotiation reported from two time zones, a week for week precision,
-- a month for month precision, none for fighting and anything else. Mentions without a date stay
-- one event per article; loss claims are never merged: each is its own claim.
-- The event id is a hash of the group key and the anchor date: content, not counters.
create or replace view int_event_mentions__keyed as
with recursive mentions as not materialized (
    -- inlined where used (never materialised): the clustering reads only the key columns, the final join
    -- streams every column once (through this one join: article columns stay in articles). Groups are joined
    -- and grouped on a 64-bit hash of the key, not the string (two of a million groups collide with odds of
    -- about 3 in 10^8)
    select
        *,
        hash(group_key) as group_hash
    from (
        select
            stg_event_mentions.*,
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
                event_type in ('attack', 'air_strike', 'shelling', 'incursion', 'capture', 'surrender')
                    as is_fighting
            from stg_event_mentions
        ) as stg_event_mentions
    ) as grouped
),

-- one row per group and date; a date's tolerance is the widest among its mentions
dates as (
    select
        group_hash,
        event_date,
        any_value(group_key) as group_key,
        max(date_tolerance_days) as tolerance_days,
        max(max(date_tolerance_days)) over (partition by group_hash) as group_tolerance_days
    from mentions
    where event_date is not null
    group by group_hash, event_date
),

-- only groups with some tolerance need anchors found; elsewhere every date is its own anchor
windowed as (
    select group_hash, event_date, tolerance_days from dates where group_tolerance_days > 0
),

-- the first later date outside the window shared with each date, per tolerance class
next_dates as materialized (
    select
        windowed.group_hash,
        windowed.event_date,
        least(day0.event_date, day1.event_date, week.event_date, month.event_date) as next_date
    from windowed
    asof left join (select group_hash, event_date from windowed where tolerance_days = 0) as day0
        on windowed.group_hash = day0.group_hash
        and windowed.event_date + windowed.tolerance_days < day0.event_date
    asof left join (select group_hash, event_date from windowed where tolerance_days = 1) as day1
        on windowed.group_hash = day1.group_hash
        and windowed.event_date + greatest(windowed.tolerance_days, 1) < day1.event_date
    asof left join (select group_hash, event_date from windowed where tolerance_days = 7) as week
        on windowed.group_hash = week.group_hash
        and windowed.event_date + greatest(windowed.tolerance_days, 7) < week.event_date
    asof left join (select group_hash, event_date from windowed where tolerance_days = 31) as month
        on windowed.group_hash = month.group_hash
        and windowed.event_date + 31 < month.event_date
),

-- anchors: a group's earliest date, then from each anchor the first date outside its window
anchors as (
    select
        group_hash,
        min(event_date) as anchor_date
    from windowed
    group by group_hash

    union all

    select
        next_dates.group_hash,
        next_dates.next_date as anchor_date
    from anchors
    inner join next_dates
        on anchors.group_hash = next_dates.group_hash
        and anchors.anchor_date = next_dates.event_date
    where next_dates.next_date is not null
),

-- the event id once per group and date (hashing per date, not per mention), from the date's anchor: the
-- latest anchor on or before it. A flag and a window rather than a join on the recursive result, whose
-- row estimate (far too high) would make the join below build its hash table on every mention.
flagged as (
    select
        dates.group_hash,
        dates.group_key,
        dates.event_date,
        exists (
            select 1 from anchors
            where anchors.group_hash = dates.group_hash and anchors.anchor_date = dates.event_date
        ) as is_anchor
    from dates
),

dated_events as (
    select
        group_hash,
        event_date,
        md5(concat_ws('|', group_key, cast(coalesce(
            max(case when is_anchor then event_date end) over (
                partition by group_hash order by event_date rows between unbounded preceding and current row),
            event_date) as varchar)))[1:16] as event_id
    from flagged
),

final as (
    select
        mentions.* exclude (is_fighting, group_key, group_hash, date_tolerance_days),
        -- undated mentions: the hash of the group key alone (it holds the article)
        coalesce(dated_events.event_id, md5(mentions.group_key)[1:16]) as event_id
    from mentions
    left join dated_events
        on mentions.group_hash = dated_events.group_hash
        and mentions.event_date = dated_events.event_date
)

select * from final
