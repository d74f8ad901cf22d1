import neo4j from "neo4j-driver";

/**
 * Turns driver values into plain JSON-friendly data at the database boundary:
 * integers to numbers (bigint only beyond 2^53), nodes and relationships to
 * objects with their properties, temporal values to ISO strings.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) {
    return neo4j.integer.inSafeRange(value) ? neo4j.integer.toNumber(value) : BigInt(value.toString());
  }
  if (typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (value instanceof neo4j.types.Node) {
    return { elementId: value.elementId, labels: value.labels, properties: toPlainMap(value.properties) };
  }
  if (value instanceof neo4j.types.Relationship) {
    return {
      elementId: value.elementId,
      type: value.type,
      startElementId: value.startNodeElementId,
      endElementId: value.endNodeElementId,
      properties: toPlainMap(value.properties),
    };
  }
  if (value instanceof neo4j.types.Path) {
    return {
      nodes: [value.start, ...value.segments.map((s) => s.end)].map(toPlain),
      relationships: value.segments.map((s) => toPlain(s.relationship)),
    };
  }
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isDuration(value)
  ) {
    return value.toString();
  }
  return toPlainMap(value as Record<string, unknown>);
}

function toPlainMap(map: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(map)) out[key] = toPlain(v);
  return out;
}
