// Marks a load as finished, with what it holds.
MATCH (d:Dataset {name: $name})
SET d.status = 'complete', d.finishedAt = datetime(), d.files = $files, d.warnings = $warnings
