-- One row per claimed loss figure: who claims it, whose losses, which item, how many.
-- Written in chunks of claim dates, each its own committed statement, so no statement holds every claim
-- (DuckDB keeps a table being written in memory until it commits): transforms/io/warehouse.py plans ranges of
-- the loss-claim mentions' dates, in ascending order, runs this statement for the first and the same select as
-- "insert into loss_claims" for each later one. A chunk is the claims dated in
-- [getvariable('loss_claims_from'), getvariable('loss_claims_to')); the undated ones are the last chunk
-- (loss_claims_from set, loss_claims_to unset). With neither set (by hand in the DuckDB CLI) this one statement
-- writes every claim. The chunks follow each other by date, so the table is ordered by date as a whole.
create or replace table loss_claims as
with mentions as (
    -- the materialised, deduplicated mentions (with their event): not the staging view again
    select * from event_mentions
    where event_type = 'loss_claim'
        and (
            getvariable('loss_claims_from') is null
            or event_date >= getvariable('loss_claims_from') and event_date < getvariable('loss_claims_to')
            or getvariable('loss_claims_to') is null and event_date is null
        )
),

quantities as (
    -- the materialised quantities (the same rows as stg_event_quantities): not the Parquet again per chunk
    select * from event_quantities
    where role = 'lost'
),

final as (
    select
        mentions.event_id,
        quantities.quantity_id,
        coalesce(quantities.claimant, mentions.claimant) as claimant,
        coalesce(quantities.claimant_iso3, mentions.claimant_iso3) as claimant_iso3,
        quantities.side_iso3 as target_iso3,
        quantities.item,
        quantities.value,
        quantities.qualifier,
        mentions.period_start,
        mentions.event_date as as_of,
        mentions.modality,
        mentions.article_id,
        quantities.evidence
    from quantities
    inner join mentions on quantities.mention_id = mentions.mention_id
)

select * from final
-- quantity_id last: the order is total, so two builds write the same bytes (rows tied on the first three came
-- out in any order at 100,000 articles)
order by as_of, claimant, item, quantity_id
