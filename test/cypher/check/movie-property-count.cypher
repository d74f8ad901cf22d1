// How many movies carry the property named $key.
MATCH (m:Movie)
WHERE m[$key] IS NOT NULL
RETURN count(m) AS count
