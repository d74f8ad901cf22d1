// Makes a completely written version the one readers use and retires the previous one, in one
// transaction: readers see either the old model or the new one, never a mix.
MATCH (new:Model {name: $name, version: toInteger($version), status: 'writing'})
OPTIONAL MATCH (old:Model {name: $name, status: 'active'})
SET old.status = 'retired', old.retiredAt = datetime()
SET new.status = 'active', new.trainedAt = datetime(), new.metrics = $metrics,
    new.dataFingerprint = $fingerprint, new.scalars = $scalars,
    new.userVectors = $userVectors, new.itemVectors = $itemVectors,
    new.itemNeighbors = $itemNeighbors, new.userNeighbors = $userNeighbors
RETURN new.version AS version
