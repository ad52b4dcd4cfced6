-- Every id is unique in its table.
select 'events' as table_name, event_id as id, count(*) as n from events group by event_id having count(*) > 1
union all
select 'event_mentions', mention_id, count(*) from event_mentions group by mention_id having count(*) > 1
union all
select 'articles', article_id, count(*) from articles group by article_id having count(*) > 1
union all
select 'event_quantities', quantity_id, count(*) from event_quantities group by quantity_id having count(*) > 1
