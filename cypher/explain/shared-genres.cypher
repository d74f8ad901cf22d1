// Movies you liked in the target's genres: (you)-[:RATED]->(via)-[:IN_GENRE]->(genre)<-[:IN_GENRE]-(target),
// weighted by how many genres they share.
MATCH (you:User {id: toInteger($userId)})-[mine:RATED]->(via:Movie)-[viaGenre:IN_GENRE]->(genre:Genre)<-[targetGenre:IN_GENRE]-(target:Movie {id: toInteger($movieId)})
WHERE mine.rating >= $liked AND via <> target
WITH you, mine, via, target, collect([genre, viaGenre, targetGenre]) AS shared
ORDER BY size(shared) * mine.rating DESC, via.id
LIMIT toInteger($first)
WITH you, mine, via, target, shared, shared[0] AS strongest
RETURN 'SHARED_GENRES' AS kind, via.id AS viaId, mine.rating AS viaRating, size(shared) AS support,
       toFloat(size(shared)) * mine.rating AS weight, [s IN shared | s[0].name] AS shared,
       [n IN [you, via, strongest[0], target] | {id: elementId(n), labels: labels(n), properties: n {.id, .title, .year, .name}}] AS nodes,
       [r IN [mine, strongest[1], strongest[2]] | {id: elementId(r), type: type(r), start: elementId(startNode(r)), end: elementId(endNode(r)), properties: r {.rating}}] AS relationships
