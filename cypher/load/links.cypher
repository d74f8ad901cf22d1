// IMDb and TMDB ids from links.csv. imdbId stays text: it keeps its leading zeros.
UNWIND $rows AS row
MATCH (m:Movie {id: toInteger(row.movieId)})
SET m.imdbId = row.imdbId, m.tmdbId = toInteger(row.tmdbId)
