// Which genres are given to the same movies most often?
// Counts movies that carry both genres of a pair. lift compares that with what independent
// genres would give: above 1, the pair occurs more often than chance.
//
// @param limit int = 20  genre pairs to return
// @column genreA string  the pair's first genre, alphabetically
// @column genreB string  the other genre
// @column movies int  movies in both genres
// @column jaccard float  movies / movies in either genre
// @column lift float  movies × all movies / (movies in genreA × movies in genreB)
MATCH (a:Genre)<-[:IN_GENRE]-(m:Movie)-[:IN_GENRE]->(b:Genre)
WHERE a.name < b.name
WITH a, b, count(m) AS movies
ORDER BY movies DESC, a.name, b.name
LIMIT toInteger($limit)
WITH a, b, movies, COUNT { (a)<-[:IN_GENRE]-(:Movie) } AS inA, COUNT { (b)<-[:IN_GENRE]-(:Movie) } AS inB,
     COUNT { (:Movie) } AS allMovies
RETURN a.name AS genreA, b.name AS genreB, movies, toFloat(movies) / (inA + inB - movies) AS jaccard,
       toFloat(movies) * allMovies / (inA * inB) AS lift
ORDER BY movies DESC, genreA, genreB
