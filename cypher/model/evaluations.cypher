// The stored evaluations of the named models.
MATCH (e:Evaluation)
WHERE e.model IN $models
RETURN e.model AS model, e.split AS split, e.k AS k, e.relevance AS relevance, e.metrics AS metrics,
       e.dataFingerprint AS dataFingerprint, toString(e.evaluatedAt) AS evaluatedAt
