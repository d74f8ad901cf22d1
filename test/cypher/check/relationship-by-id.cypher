// A relationship by elementId with its type and the elementIds of its ends; no row when it does not exist.
MATCH (a)-[r]->(b)
WHERE elementId(r) = $id
RETURN type(r) AS type, elementId(a) AS start, elementId(b) AS end
