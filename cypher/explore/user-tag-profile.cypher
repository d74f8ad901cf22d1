// What is a user's taste by genome tag: which tags describe the movies they rate above their
// own average, and which the ones they rate below it?
// Walks (user)-[:RATED]->(movie)-[:HAS_TAG]->(tag): only the tags that strongly describe a
// movie have HAS_TAG, and only movies with a tag genome have any (158 of ml-latest-small's
// movies with the genome we have; none without one, and then the result is empty).
// affinity is the relevance-weighted mean of (rating − the user's mean rating): positive means
// the user rates movies about this tag above their own average, negative below. Sorted by the
// size of the evidence (affinity × the summed relevance), so strong likes and strong dislikes
// both come first.
//
// @param userId int = 1  the user
// @param minMovies int = 2  least number of the user's rated movies a tag must describe
// @param limit int = 15  tags to return
// @column tagId int  genome tag id
// @column tag string  genome tag name
// @column movies int  the user's rated movies with this tag
// @column averageRating float  the user's mean rating of them
// @column affinity float  relevance-weighted mean of (rating − the user's mean)
// @column evidence float  affinity × summed relevance: sorted by its absolute value
// @column examples string[]  up to three of those movies, most relevant first
MATCH (u:User {id: toInteger($userId)})-[r:RATED]->(:Movie)
WITH u, avg(r.rating) AS userMean
MATCH (u)-[r:RATED]->(m:Movie)-[h:HAS_TAG]->(t:GenomeTag)
WITH t, userMean, r, m, h
ORDER BY h.relevance DESC
WITH t, count(m) AS movies, avg(r.rating) AS averageRating, sum(h.relevance) AS weight,
     sum(h.relevance * (r.rating - userMean)) AS weighted, collect(m.title)[..3] AS examples
WHERE movies >= toInteger($minMovies)
RETURN t.id AS tagId, t.name AS tag, movies, averageRating, weighted / weight AS affinity, weighted AS evidence, examples
ORDER BY abs(evidence) DESC, tagId
LIMIT toInteger($limit)
