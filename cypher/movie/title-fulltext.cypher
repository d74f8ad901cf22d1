// Titles close to $query in the full-text index (the query is already escaped and fuzzy-marked
// by the caller), best match first.
CALL db.index.fulltext.queryNodes('movie_title', $query, {limit: toInteger($limit)})
YIELD node, score
RETURN node.id AS id, node.title AS title, node.year AS year, score
