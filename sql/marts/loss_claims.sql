-- One row per claimed loss figure: who claims it, whose losses, which item, how many.
create or replace table loss_claims as
with mentions as (
    -- the materialised, deduplicated mentions (with their event): not the staging view again
    select * from event_mentions
    where event_type = 'loss_claim'
),

quantities as (
    select * from stg_event_quantities
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
order by as_of, claimant, item
