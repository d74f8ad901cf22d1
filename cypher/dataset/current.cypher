// The data set the graph holds (at most one), with its load status.
MATCH (d:Dataset)
RETURN d.name AS name, d.format AS format, d.status AS status,
       toString(d.startedAt) AS startedAt, toString(d.finishedAt) AS finishedAt
ORDER BY d.startedAt DESC
