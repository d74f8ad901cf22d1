// Which users does the active user-kNN model consider most like a user?
// Reads the SIMILAR_USER relationships of the active version of the model (score = the
// model's similarity, rank 1 = nearest), and counts the movies each pair actually co-rated,
// to compare with similar-users-by-co-rating. Empty when the model is not trained or the
// user is unknown.
//
// @param userId int = 1  the user
// @param model string = "user-knn"  model whose SIMILAR_USER relationships to read
// @param limit int = 10  neighbours to return, nearest first
// @column rank int  the neighbour's rank in the model (1 = nearest)
// @column userId int  the neighbour
// @column score float  the model's similarity
// @column shared int  movies both rated
// @column version int  the active model version the relationships belong to
MATCH (model:Model {name: $model, status: 'active'})
MATCH (u:User {id: toInteger($userId)})-[s:SIMILAR_USER {model: model.name, version: model.version}]->(v:User)
WITH u, s, v, model
ORDER BY s.rank
LIMIT toInteger($limit)
RETURN s.rank AS rank, v.id AS userId, s.score AS score,
       COUNT { (u)-[:RATED]->(:Movie)<-[:RATED]-(v) } AS shared, model.version AS version
ORDER BY rank
