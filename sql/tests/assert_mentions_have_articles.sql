-- Referential integrity: every mention and quantity points at an article and a mention that exist.
select mention_id as id, 'mention without article' as problem from event_mentions
where article_id not in (select article_id from articles)
union all
select quantity_id, 'quantity without mention' from event_quantities
where mention_id not in (select mention_id from event_mentions)
