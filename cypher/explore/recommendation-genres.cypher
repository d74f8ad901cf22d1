// How do the ALS model's recommendations for a user spread over genres, compared with the
// genres of what the user rated?
// Recomputes the ALS strategy in Cypher from the stored factors of the active version: the
// user's top `top` movies by x_u · y_i among the movies they have not rated. That is the
// API's ALS list for a user whose ratings have not changed since training; after new ratings
// the API folds them in, this query does not, and it applies no recommendation filter.
// A movie with several genres counts once in each, so shares add up to more than 1.
// Empty when ALS is not trained or the user is unknown.
//
// @param userId int = 1  the user
// @param top int = 50  recommendations to spread over genres
// @column genre string  genre name
// @column recommended int  recommended movies in the genre
// @column share float  recommended / top
// @column ratedShare float  share of the user's rated movies in the genre
// @column examples string[]  the three best recommended movies in the genre
MATCH (model:Model {name: 'als', status: 'active'})
WITH 'als_' + model.slot + '_factors' AS key
MATCH (u:User {id: toInteger($userId)})
WHERE u[key] IS NOT NULL
WITH u, key, u[key] AS x
MATCH (m:Movie)
WHERE m[key] IS NOT NULL AND NOT EXISTS { (u)-[:RATED]->(m) }
WITH u, x, m, m[key] AS y
WITH u, m, reduce(dot = 0.0, i IN range(0, size(x) - 1) | dot + x[i] * y[i]) AS score
ORDER BY score DESC, m.id
LIMIT toInteger($top)
WITH u, collect(m) AS recommended
UNWIND range(0, size(recommended) - 1) AS rank
WITH u, size(recommended) AS top, recommended[rank] AS m, rank
MATCH (m)-[:IN_GENRE]->(g:Genre)
WITH u, top, g, m, rank
ORDER BY rank
WITH u, top, g, collect(m.title) AS titles
WITH g, top, titles,
     toFloat(COUNT { (u)-[:RATED]->(:Movie)-[:IN_GENRE]->(g) }) / COUNT { (u)-[:RATED]->() } AS ratedShare
RETURN g.name AS genre, size(titles) AS recommended, toFloat(size(titles)) / top AS share, ratedShare, titles[..3] AS examples
ORDER BY recommended DESC, genre
