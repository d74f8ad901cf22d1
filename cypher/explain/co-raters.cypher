// Movies you liked that people who liked the target also liked: for each, the number of such people
// (support) and one of them, as a real path (you)-[:RATED]->(via)<-[:RATED]-(them)-[:RATED]->(target).
MATCH (you:User {id: toInteger($userId)})-[mine:RATED]->(via:Movie)
WHERE mine.rating >= $liked AND via.id <> toInteger($movieId)
MATCH (via)<-[theirs:RATED]-(them:User)-[liked:RATED]->(target:Movie {id: toInteger($movieId)})
WHERE them <> you AND theirs.rating >= $liked AND liked.rating >= $liked
WITH you, mine, via, target, count(them) AS support,
     head(collect([them, theirs, liked])) AS example
ORDER BY support * mine.rating DESC, via.id
LIMIT toInteger($first)
WITH you, mine, via, target, support, example[0] AS them, example[1] AS theirs, example[2] AS liked
RETURN 'CO_RATED' AS kind, via.id AS viaId, mine.rating AS viaRating, support,
       toFloat(support) * mine.rating AS weight, [] AS shared,
       [n IN [you, via, them, target] | {id: elementId(n), labels: labels(n), properties: n {.id, .title, .year}}] AS nodes,
       [r IN [mine, theirs, liked] | {id: elementId(r), type: type(r), start: elementId(startNode(r)), end: elementId(endNode(r)), properties: r {.rating}}] AS relationships
