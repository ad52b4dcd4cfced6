-- The evidence sentence is exactly the text at its offsets.
select event_mentions.mention_id
from event_mentions
inner join articles on event_mentions.article_id = articles.article_id
where substring(articles.text, event_mentions.evidence_start + 1,
    event_mentions.evidence_end - event_mentions.evidence_start) != event_mentions.evidence
