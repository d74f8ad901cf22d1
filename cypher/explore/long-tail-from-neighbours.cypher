// Which rarely rated movies do a user's nearest neighbours like, that the user has not rated?
// Neighbours are the SIMILAR_USER relationships of the active user-kNN version; a neighbour
// likes a movie when they rated it at least minRating. "Long tail" means at most maxRatings
// ratings in the whole graph. Sorted by support, the summed similarity of the neighbours who
// liked it. Empty when the model is not trained or the user is unknown.
//
// @param userId int = 1  the user
// @param maxRatings int = 20  most ratings a movie may have to count as long tail
// @param minRating float = 4  lowest rating that counts as liked
// @param limit int = 10  movies to return
// @column movieId int  the movie
// @column title string  its title
// @column year int?  its year, when the title had one
// @column ratings int  its ratings in the whole graph
// @column likedBy int  neighbours who liked it
// @column support float  summed similarity of those neighbours
// @column theirAverage float  those neighbours' mean rating of it
MATCH (model:Model {name: 'user-knn', status: 'active'})
MATCH (u:User {id: toInteger($userId)})-[s:SIMILAR_USER {model: model.name, version: model.version}]->(v:User)-[r:RATED]->(m:Movie)
WHERE r.rating >= $minRating AND NOT EXISTS { (u)-[:RATED]->(m) }
WITH m, count(v) AS likedBy, sum(s.score) AS support, avg(r.rating) AS theirAverage
WITH m, likedBy, support, theirAverage, COUNT { (m)<-[:RATED]-() } AS ratings
WHERE ratings <= toInteger($maxRatings)
RETURN m.id AS movieId, m.title AS title, m.year AS year, ratings, likedBy, support, theirAverage
ORDER BY support DESC, movieId
LIMIT toInteger($limit)
