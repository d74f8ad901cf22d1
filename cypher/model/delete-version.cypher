// Removes a version's record once its properties and relationships are gone.
MATCH (m:Model {name: $name, version: toInteger($version)})
DELETE m
