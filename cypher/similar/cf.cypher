// A movie's collaborative neighbours: the SIMILAR relationships of the active item-kNN version.
MATCH (model:Model {name: 'item-knn', status: 'active'})
MATCH (:Movie {id: toInteger($movieId)})-[s:SIMILAR {model: 'item-knn', version: model.version}]->(n:Movie)
RETURN n.id AS movieId, s.score AS score, model.version AS version
ORDER BY s.rank
LIMIT toInteger($first)
