// Every movie id, ascending: the order of the dense item index models are trained on.
MATCH (m:Movie)
RETURN m.id AS id
ORDER BY id
