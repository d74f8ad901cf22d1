// Movies you rated whose item-kNN neighbours (the active version's SIMILAR relationships) include the target.
MATCH (model:Model {name: 'item-knn', status: 'active'})
MATCH (you:User {id: toInteger($userId)})-[mine:RATED]->(via:Movie)-[s:SIMILAR {model: 'item-knn', version: model.version}]->(target:Movie {id: toInteger($movieId)})
WITH you, mine, via, s, target, COUNT { (via)<-[:RATED]-(:User)-[:RATED]->(target) } AS support
ORDER BY s.score * mine.rating DESC, via.id
LIMIT toInteger($first)
RETURN 'SIMILAR_MOVIE' AS kind, via.id AS viaId, mine.rating AS viaRating, support,
       s.score * mine.rating AS weight, [] AS shared,
       [n IN [you, via, target] | {id: elementId(n), labels: labels(n), properties: n {.id, .title, .year}}] AS nodes,
       [r IN [mine, s] | {id: elementId(r), type: type(r), start: elementId(startNode(r)), end: elementId(endNode(r)), properties: r {.rating, .score, .rank, .model, .version}}] AS relationships
