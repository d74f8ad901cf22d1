// Movies sharing the most genres with a movie, by Jaccard overlap of their genre sets; ties go to
// the more rated movie, then the lower id.
MATCH (m:Movie {id: toInteger($movieId)})-[:IN_GENRE]->(g:Genre)<-[:IN_GENRE]-(n:Movie)
WITH m, n, count(g) AS shared
WITH n, shared, COUNT { (m)-[:IN_GENRE]->() } AS mine, COUNT { (n)-[:IN_GENRE]->() } AS theirs
WITH n, toFloat(shared) / (mine + theirs - shared) AS jaccard
RETURN n.id AS movieId, jaccard AS score
ORDER BY jaccard DESC, COUNT { (n)<-[:RATED]-() } DESC, n.id
LIMIT toInteger($first)
