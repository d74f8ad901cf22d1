// Which movies divide people most: the widest spread of ratings among movies rated often
// enough for the spread to mean something?
// Spread is the sample standard deviation of a movie's ratings (a 0.5–5 scale).
//
// @param minRatings int = 30  least number of ratings a movie needs
// @param limit int = 10  movies to return
// @column movieId int  the movie
// @column title string  its title
// @column year int?  its year, when the title had one
// @column ratings int  its number of ratings
// @column averageRating float  mean rating
// @column stdDev float  sample standard deviation of its ratings
// @column lowShare float  share of ratings of 2 or less
// @column highShare float  share of ratings of 4.5 or more
MATCH (m:Movie)<-[r:RATED]-(:User)
WITH m, count(r) AS ratings, avg(r.rating) AS averageRating, stDev(r.rating) AS stdDev,
     sum(CASE WHEN r.rating <= 2 THEN 1 ELSE 0 END) AS low, sum(CASE WHEN r.rating >= 4.5 THEN 1 ELSE 0 END) AS high
WHERE ratings >= toInteger($minRatings)
RETURN m.id AS movieId, m.title AS title, m.year AS year, ratings, averageRating, stdDev,
       toFloat(low) / ratings AS lowShare, toFloat(high) / ratings AS highShare
ORDER BY stdDev DESC, movieId
LIMIT toInteger($limit)
