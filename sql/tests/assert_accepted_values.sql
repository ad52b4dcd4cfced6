-- Event types, modalities and qualifiers come from the documented sets.
select mention_id as id, event_type as value from event_mentions
where event_type not in ('prisoner_exchange', 'prisoner_release', 'exchange_agreed', 'bodies_repatriation',
    'capture', 'surrender', 'attack', 'incursion', 'loss_claim', 'mediation', 'negotiation')
union all
select mention_id, modality from event_mentions
where modality not in ('realised', 'agreed', 'hypothetical', 'negated', 'historical')
union all
select quantity_id, qualifier from event_quantities
where qualifier not in ('exact', 'more_than', 'at_least', 'about', 'up_to')
union all
select event_id, cast(time_precision as varchar) from prisoner_exchanges
where time_precision not in (1, 2, 3)
