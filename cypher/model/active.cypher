// Every active model with what is needed to read it back.
MATCH (m:Model {status: 'active'})
RETURN m.name AS name, m.kind AS kind, m.version AS version, m.slot AS slot, m.params AS params,
       m.scalars AS scalars, m.metrics AS metrics, m.dataFingerprint AS dataFingerprint,
       toString(m.trainedAt) AS trainedAt, m.userVectors AS userVectors, m.itemVectors AS itemVectors,
       m.itemNeighbors AS itemNeighbors, m.userNeighbors AS userNeighbors
ORDER BY name
