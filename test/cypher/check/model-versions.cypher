// Every version of a model with its slot and status, newest first.
MATCH (m:Model {name: $name})
RETURN m.version AS version, m.slot AS slot, m.status AS status
ORDER BY version DESC
