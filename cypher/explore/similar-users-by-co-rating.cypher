// Which users rated the most of the same movies as a user, and how much do they agree?
// Computed live from RATED relationships, no model needed. Sorted by the Jaccard overlap of the
// two users' rated movies, so heavy raters do not win by volume alone.
//
// @param userId int = 1  the user
// @param minShared int = 10  least number of movies both must have rated
// @param limit int = 10  users to return
// @column userId int  the other user
// @column shared int  movies both rated
// @column jaccard float  shared / movies either rated
// @column pearson float?  Pearson correlation of their ratings on the shared movies (null when either side's ratings there are all equal)
// @column meanAbsDiff float  mean absolute difference of their ratings on the shared movies
MATCH (u:User {id: toInteger($userId)})
WITH u, COUNT { (u)-[:RATED]->() } AS mine
MATCH (u)-[ru:RATED]->(m:Movie)<-[rv:RATED]-(v:User)
WHERE v <> u
WITH u, mine, v, count(m) AS shared, sum(ru.rating) AS sx, sum(rv.rating) AS sy,
     sum(ru.rating * ru.rating) AS sxx, sum(rv.rating * rv.rating) AS syy, sum(ru.rating * rv.rating) AS sxy,
     avg(abs(ru.rating - rv.rating)) AS meanAbsDiff
WHERE shared >= toInteger($minShared)
WITH v, shared, meanAbsDiff, toFloat(shared) / (mine + COUNT { (v)-[:RATED]->() } - shared) AS jaccard,
     (sxx - sx * sx / shared) * (syy - sy * sy / shared) AS spread, sxy - sx * sy / shared AS covariance
RETURN v.id AS userId, shared, jaccard,
       CASE WHEN spread > 1e-9 THEN covariance / sqrt(spread) END AS pearson, meanAbsDiff
ORDER BY jaccard DESC, userId
LIMIT toInteger($limit)
