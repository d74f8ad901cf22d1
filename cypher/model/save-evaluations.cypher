// The latest evaluation of each model, replacing the one before: one (:Evaluation) per model
// name, with its headline metrics as a JSON string (node properties cannot hold maps).
UNWIND $rows AS row
MERGE (e:Evaluation {model: row.model})
SET e.split = row.split, e.k = toInteger(row.k), e.relevance = row.relevance, e.metrics = row.metrics,
    e.dataFingerprint = row.dataFingerprint, e.evaluatedAt = datetime()
