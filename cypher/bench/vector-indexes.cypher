// Every vector index with what it covers and how it is configured.
SHOW VECTOR INDEXES YIELD name, labelsOrTypes, properties, options, state, populationPercent
RETURN name, labelsOrTypes, properties, options.indexConfig AS config, state, populationPercent
