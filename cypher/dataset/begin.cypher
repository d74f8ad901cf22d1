// Marks a load as under way: readers treat the data set as incomplete until dataset/complete runs.
MERGE (d:Dataset {name: $name})
SET d.status = 'loading', d.format = $format, d.source = $source, d.startedAt = datetime(), d.finishedAt = null
