CREATE FULLTEXT INDEX movie_title IF NOT EXISTS FOR (m:Movie) ON EACH [m.title]
