-- Every id is unique in its table. Ids are counted by 64-bit hash first (integers, not strings, in the
-- 10 M-row aggregate); only ids whose hash repeats are counted again by value, so a hash collision is no failure.
with repeated as (
    select 'events' as table_name, hash(event_id) as key_hash from events group by 2 having count(*) > 1
    union all
    select 'event_mentions', hash(mention_id) from event_mentions group by 2 having count(*) > 1
    union all
    select 'articles', hash(article_id) from articles group by 2 having count(*) > 1
    union all
    select 'event_quantities', hash(quantity_id) from event_quantities group by 2 having count(*) > 1
)

select 'events' as table_name, event_id as id, count(*) as n from events
where hash(event_id) in (select key_hash from repeated where table_name = 'events')
group by event_id having count(*) > 1
union all
select 'event_mentions', mention_id, count(*) from event_mentions
where hash(mention_id) in (select key_hash from repeated where table_name = 'event_mentions')
group by mention_id having count(*) > 1
union all
select 'articles', article_id, count(*) from articles
where hash(article_id) in (select key_hash from repeated where table_name = 'articles')
group by article_id having count(*) > 1
union all
select 'event_quantities', quantity_id, count(*) from event_quantities
where hash(quantity_id) in (select key_hash from repeated where table_name = 'event_quantities')
group by quantity_id having count(*) > 1
