-- One row per mention with the event it was merged into: the link between articles, mentions and events.
create or replace table mention_events as
with keyed as (
    select * from int_event_mentions__keyed
),

final as (
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
    from keyed
)

select * from final
order by event_id, mention_id
