// SIMILAR relationships of a model (all versions) and the deepest rank written.
MATCH (:Movie)-[s:SIMILAR {model: $model}]->(:Movie)
RETURN count(s) AS count, max(s.rank) AS maxRank
