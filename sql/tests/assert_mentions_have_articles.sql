-- Referential integrity: every mention and quantity points at an article and a mention that exist. Ids are
-- looked up by 64-bit hash (integer hash tables, not 10 M strings); a missing id passes only if its hash
-- collides with an existing one. A NULL id is not flagged here (not_null tests cover ids), as before.
select mention_id as id, 'mention without article' as problem from event_mentions
where hash(article_id) not in (select hash(article_id) from articles where article_id is not null)
union all
select quantity_id, 'quantity without mention' from event_quantities
where hash(mention_id) not in (select hash(mention_id) from event_mentions where mention_id is not null)
