import { ExploreError } from "./explore-error.js";
import { parseParamValue, type ParamSpec, type ParamValue } from "./header.js";

const EXPECTED: Record<ParamSpec["type"], string> = {
  int: "an integer",
  float: "a number",
  string: "a string",
};

/**
 * Turns `key=value` arguments into the values of a query's declared
 * parameters: each converted to its declared type, defaults filled in for the
 * ones not given. Fails with a message naming the parameter on a malformed
 * argument, a name the query does not declare, a name given twice, a value
 * of the wrong type, or a required parameter left out.
 */
export function bindParams(declared: readonly ParamSpec[], args: readonly string[], query: string): Record<string, ParamValue> {
  const given = new Map<string, string>();
  for (const arg of args) {
    const at = arg.indexOf("=");
    if (at <= 0) throw new ExploreError(`expected a parameter as key=value, got "${arg}"`);
    const key = arg.slice(0, at).trim();
    if (given.has(key)) throw new ExploreError(`parameter ${key} is given twice`);
    given.set(key, arg.slice(at + 1));
  }
  const names = declared.map((p) => p.name);
  for (const key of given.keys()) {
    if (!names.includes(key)) {
      throw new ExploreError(
        names.length === 0
          ? `${query} takes no parameters, got ${key}`
          : `${query} has no parameter ${key}; its parameters: ${names.join(", ")}`,
      );
    }
  }
  const values: Record<string, ParamValue> = {};
  for (const spec of declared) {
    const text = given.get(spec.name);
    if (text === undefined) {
      if (spec.default === undefined) throw new ExploreError(`${query} needs parameter ${spec.name} (${spec.type}): ${spec.description}`);
      values[spec.name] = spec.default;
      continue;
    }
    const value = parseParamValue(spec.type, spec.type === "string" ? text : text.trim());
    if (value === undefined) throw new ExploreError(`parameter ${spec.name}: expected ${EXPECTED[spec.type]}, got "${text}"`);
    values[spec.name] = value;
  }
  return values;
}
