// The free-text tags users gave each movie, case-folded and counted, most used first.
MATCH (m:Movie)
WHERE m.id IN [id IN $ids | toInteger(id)]
OPTIONAL MATCH (m)<-[t:TAGGED]-()
WITH m, toLower(trim(t.tag)) AS tag, count(t) AS count
ORDER BY count DESC, tag
WITH m, collect(CASE WHEN tag IS NULL THEN NULL ELSE {tag: tag, count: count} END) AS tags
RETURN m.id AS id, tags[..toInteger($limit)] AS tags
