-- One row per group and date of the dated mentions (int_event_mentions__keyed) with the id of the event the
-- date belongs to, the event's first (anchor) date and the date's mention count (event_mentions plans its
-- chunks from the dates, events from the first dates). Within a group, dates are
-- clustered around anchors, never chained: the earliest date is the first anchor, every later date within the
-- window of the anchor belongs to it, and the first date beyond the window is the next anchor. The event id
-- is a hash of the group key and the anchor date: content, not counters. A table (in the build's in-memory
-- database, never published): computed once from the key columns, read by every chunk of event_mentions.
-- Groups are compared by their key, never by a hash of it alone (a hash collision would merge two groups).
create or replace table int_event_dates as
with recursive dates as materialized (
    -- a date's tolerance is the widest among its mentions
    select
        group_key,
        event_date,
        max(date_tolerance_days) as tolerance_days,
        count(*) as mention_count
    from int_event_mentions__keyed
    where event_date is not null
    group by group_key, event_date
),

-- only groups with some tolerance need anchors found; elsewhere every date is its own anchor. The groups by a
-- semi join, not a window over every group and date: most groups (fighting, loss claims) have no tolerance,
-- and those dates need no window at all (below)
tolerant_groups as (
    select distinct group_key from dates where tolerance_days > 0
),

windowed as (
    select dates.group_key, dates.event_date, dates.tolerance_days, dates.mention_count
    from dates
    semi join tolerant_groups on dates.group_key = tolerant_groups.group_key
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

-- the event id once per group and date, from the date's anchor: the latest anchor on or before it. A flag
-- and a window rather than a join on the recursive result, whose row estimate is far too high.
flagged as (
    select
        windowed.group_key,
        windowed.event_date,
        windowed.mention_count,
        exists (
            select 1 from anchors
            where anchors.group_key = windowed.group_key and anchors.anchor_date = windowed.event_date
        ) as is_anchor
    from windowed
),

anchored as (
    select
        group_key,
        event_date,
        coalesce(
            max(case when is_anchor then event_date end) over (
                partition by group_key order by event_date rows between unbounded preceding and current row),
            event_date) as event_start,
        mention_count
    from flagged

    union all

    -- the groups without tolerance: every date its own anchor
    select dates.group_key, dates.event_date, dates.event_date as event_start, dates.mention_count
    from dates
    anti join tolerant_groups on dates.group_key = tolerant_groups.group_key
)

select
    group_key,
    event_date,
    md5(concat_ws('|', group_key, cast(event_start as varchar)))[1:16] as event_id,
    -- the event's first date: its mentions are dated from it to at most 31 days later (the widest window)
    event_start,
    mention_count
from anchored
-- by date: each chunk of event_mentions reads its dates' rows (zone maps skip the rest)
order by event_date, group_key
