// Every movie's values of the given vector properties (null where the movie has none).
MATCH (m:Movie)
RETURN m.id AS id, [key IN $keys | m[key]] AS values
