// All ratings, one row per user (ascending id) with [movieId, rating, timestamp] triples by movie id,
// streamed to training. One record per user keeps the driver's per-record overhead small, and the
// fixed order makes the data's fingerprint reproducible.
MATCH (u:User)
WITH u ORDER BY u.id
RETURN u.id AS user,
       COLLECT { MATCH (u)-[r:RATED]->(m:Movie) RETURN [m.id, r.rating, r.timestamp] ORDER BY m.id } AS ratings
