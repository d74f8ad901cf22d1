// Every genre name, sorted.
MATCH (g:Genre)
WITH g.name AS name ORDER BY name
RETURN collect(name) AS names
