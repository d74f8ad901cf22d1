// Registers a version being written. It stays invisible to readers (status 'writing') until model/activate.
CREATE (:Model {
  name: $name, kind: $kind, version: toInteger($version), slot: $slot, status: 'writing',
  params: $params, startedAt: datetime()
})
