-- People returned and claimed figures are never negative.
select event_id, returned_to_a, returned_to_b from prisoner_exchanges
where returned_to_a < 0 or returned_to_b < 0
union all
select quantity_id, value, null from event_quantities where value < 0
