// How did rating activity change over the years: how many ratings, by how many people, how
// generous, and how old the movies rated were?
// Years are those of the rating timestamps (UTC). Half stars only exist in MovieLens from 2003,
// which halfStarShare shows. An empty genre means every movie; a genre name (e.g. "Comedy")
// keeps that genre's movies only.
//
// @param genre string = ""  only movies of this genre ("" for all)
// @column year int  calendar year of the ratings
// @column ratings int  ratings given that year
// @column users int  people who rated that year
// @column movies int  distinct movies rated that year
// @column averageRating float  mean rating
// @column halfStarShare float  share of ratings ending in .5
// @column averageMovieAge float?  mean of (rating year − movie year), over movies with a year
MATCH (u:User)-[r:RATED]->(m:Movie)
WHERE $genre = '' OR EXISTS { (m)-[:IN_GENRE]->(:Genre {name: $genre}) }
WITH datetime({epochSeconds: r.timestamp}).year AS year, u, r, m
RETURN year, count(r) AS ratings, count(DISTINCT u) AS users, count(DISTINCT m) AS movies,
       avg(r.rating) AS averageRating,
       toFloat(sum(CASE WHEN r.rating % 1 = 0.5 THEN 1 ELSE 0 END)) / count(r) AS halfStarShare,
       avg(year - m.year) AS averageMovieAge
ORDER BY year
