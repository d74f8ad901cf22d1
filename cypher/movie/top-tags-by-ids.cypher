// Each movie's most relevant tag-genome tags (the HAS_TAG relationships the loader keeps),
// most relevant first; ties by tag name so pages are stable.
MATCH (m:Movie)
WHERE m.id IN [id IN $ids | toInteger(id)]
OPTIONAL MATCH (m)-[h:HAS_TAG]->(t:GenomeTag)
WITH m, h, t ORDER BY h.relevance DESC, t.name
WITH m, collect(CASE WHEN t IS NULL THEN NULL ELSE {tag: t.name, relevance: h.relevance} END) AS tags
RETURN m.id AS id, tags[..toInteger($limit)] AS tags
