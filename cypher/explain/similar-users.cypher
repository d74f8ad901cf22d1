// Users like you (the active user-kNN version's SIMILAR_USER relationships) who liked the target.
MATCH (model:Model {name: 'user-knn', status: 'active'})
MATCH (you:User {id: toInteger($userId)})-[s:SIMILAR_USER {model: 'user-knn', version: model.version}]->(them:User)-[liked:RATED]->(target:Movie {id: toInteger($movieId)})
WHERE liked.rating >= $liked
WITH you, s, them, liked, target
ORDER BY s.score * liked.rating DESC, them.id
LIMIT toInteger($first)
RETURN 'SIMILAR_USER' AS kind, null AS viaId, null AS viaRating, COUNT { (you)-[:RATED]->(:Movie)<-[:RATED]-(them) } AS support,
       s.score * liked.rating AS weight, [] AS shared,
       [n IN [you, them, target] | {id: elementId(n), labels: labels(n), properties: n {.id, .title, .year}}] AS nodes,
       [r IN [s, liked] | {id: elementId(r), type: type(r), start: elementId(startNode(r)), end: elementId(endNode(r)), properties: r {.rating, .score, .rank, .model, .version}}] AS relationships
