// The tag genome's vocabulary.
UNWIND $rows AS row
MERGE (t:GenomeTag {id: toInteger(row.id)})
SET t.name = row.name
