// Movies you liked that share strongly relevant genome tags with the target:
// (you)-[:RATED]->(via)-[:HAS_TAG]->(tag)<-[:HAS_TAG]-(target), the strongest tag as the path.
MATCH (you:User {id: toInteger($userId)})-[mine:RATED]->(via:Movie)-[viaTag:HAS_TAG]->(tag:GenomeTag)<-[targetTag:HAS_TAG]-(target:Movie {id: toInteger($movieId)})
WHERE mine.rating >= $liked AND via <> target
WITH you, mine, via, target, tag, viaTag, targetTag ORDER BY viaTag.relevance * targetTag.relevance DESC
WITH you, mine, via, target, collect(tag.name) AS tags, count(tag) AS support,
     sum(viaTag.relevance * targetTag.relevance) AS overlap, head(collect([tag, viaTag, targetTag])) AS strongest
ORDER BY overlap * mine.rating DESC, via.id
LIMIT toInteger($first)
WITH you, mine, via, target, tags, support, overlap, strongest[0] AS tag, strongest[1] AS viaTag, strongest[2] AS targetTag
RETURN 'SHARED_TAGS' AS kind, via.id AS viaId, mine.rating AS viaRating, support,
       overlap * mine.rating AS weight, tags[..5] AS shared,
       [n IN [you, via, tag, target] | {id: elementId(n), labels: labels(n), properties: n {.id, .title, .year, .name}}] AS nodes,
       [r IN [mine, viaTag, targetTag] | {id: elementId(r), type: type(r), start: elementId(startNode(r)), end: elementId(endNode(r)), properties: r {.rating, .relevance}}] AS relationships
