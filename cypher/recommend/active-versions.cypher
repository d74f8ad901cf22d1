// Name and version of every active model: cheap enough to ask before serving, so a new version is picked up.
MATCH (m:Model {status: 'active'})
RETURN m.name AS name, m.version AS version
ORDER BY name
