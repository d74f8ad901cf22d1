import { ExploreError } from "./explore-error.js";

/** Types a parameter may declare; each has its own parser in params.ts. */
export const PARAM_TYPES = ["int", "float", "string"] as const;
export type ParamType = (typeof PARAM_TYPES)[number];
export type ParamValue = number | string;

/** Types a result column may declare, optionally as a list (`string[]`) and/or nullable (`int?`). */
export const COLUMN_TYPES = ["int", "float", "string", "boolean"] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface ParamSpec {
  name: string;
  type: ParamType;
  /** Used when the parameter is not given; absent means the parameter is required. */
  default?: ParamValue;
  description: string;
}

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  list: boolean;
  nullable: boolean;
  description: string;
}

export interface QueryHeader {
  /** The question the query answers: the header's first sentence, up to the first line ending in "?". */
  question: string;
  /** The free-text lines after the question (how it is computed, caveats), paragraphs kept. */
  description: string;
  params: ParamSpec[];
  columns: ColumnSpec[];
}

const NAME = "[A-Za-z_][A-Za-z0-9_]*";
const PARAM_LINE = new RegExp(`^@param\\s+(${NAME})\\s+(\\S+)(?:\\s*=\\s*("(?:[^"\\\\]|\\\\.)*"|\\S+))?(?:\\s+(.*))?$`);
const COLUMN_LINE = new RegExp(`^@column\\s+(${NAME})\\s+([a-z]+)(\\[\\])?(\\?)?(?:\\s+(.*))?$`);

/**
 * Reads the leading `//` comment block of a pack query. The format:
 *
 *     // Which pairs of movies were rated by the most of the same people?
 *     // Free text: how it is computed, caveats (any number of lines, `//` alone for a blank line).
 *     //
 *     // @param limit int = 10  pairs to return
 *     // @param userId int  a required parameter (no default)
 *     // @param genre string = ""  strings default to a JSON string literal
 *     // @column movieA int  one result column per line, in RETURN order
 *     // @column year int?  "?" when the value may be null, "[]" for a list: string[]
 *
 * Parameter types are int, float and string; column types int, float, string
 * and boolean. Every parameter and column needs a description after its type
 * (or default). `file` only names the query in error messages.
 */
export function parseHeader(text: string, file: string): QueryHeader {
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("//")) break;
    lines.push(trimmed.replace(/^\/\/ ?/, "").trimEnd());
  }
  const fail = (message: string): never => {
    throw new ExploreError(`${file}: ${message}`);
  };
  const questionEnd = lines.findIndex((line) => line.startsWith("@") || line.endsWith("?"));
  if (questionEnd < 0 || lines[questionEnd].startsWith("@") || lines.slice(0, questionEnd + 1).some((l) => l === "")) {
    fail('the header must start with the question the query answers, ending in "?"');
  }
  const question = lines.slice(0, questionEnd + 1).join(" ");
  const prose: string[] = [];
  const params: ParamSpec[] = [];
  const columns: ColumnSpec[] = [];
  for (const line of lines.slice(questionEnd + 1)) {
    if (line.startsWith("@param")) params.push(parseParamLine(line, fail));
    else if (line.startsWith("@column")) columns.push(parseColumnLine(line, fail));
    else if (line.startsWith("@")) fail(`unknown header tag in "${line}" (known: @param, @column)`);
    else prose.push(line);
  }
  for (const [kind, names] of [["parameter", params.map((p) => p.name)], ["column", columns.map((c) => c.name)]] as const) {
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice) fail(`${kind} ${twice} is declared twice`);
  }
  if (columns.length === 0) fail("the header declares no @column");
  return { question, description: prose.join("\n").trim(), params, columns };
}

function parseParamLine(line: string, fail: (message: string) => never): ParamSpec {
  const match = PARAM_LINE.exec(line);
  if (!match) return fail(`cannot read "${line}"; expected "@param <name> <type> [= <default>]  <description>"`);
  const [, name, type, rawDefault, description] = match;
  if (!isOneOf(PARAM_TYPES, type)) return fail(`parameter ${name} has unknown type "${type}" (known: ${PARAM_TYPES.join(", ")})`);
  if (!description) return fail(`parameter ${name} needs a description`);
  const spec: ParamSpec = { name, type, description };
  if (rawDefault !== undefined) {
    const text = type === "string" ? parseStringLiteral(rawDefault) : rawDefault;
    if (text === undefined) return fail(`parameter ${name}: a string default must be a double-quoted literal, got ${rawDefault}`);
    const value = parseParamValue(type, text);
    if (value === undefined) return fail(`parameter ${name}: default ${rawDefault} is not a valid ${type}`);
    spec.default = value;
  }
  return spec;
}

function parseColumnLine(line: string, fail: (message: string) => never): ColumnSpec {
  const match = COLUMN_LINE.exec(line);
  if (!match) return fail(`cannot read "${line}"; expected "@column <name> <type>[[]][?]  <description>"`);
  const [, name, type, list, nullable, description] = match;
  if (!isOneOf(COLUMN_TYPES, type)) return fail(`column ${name} has unknown type "${type}" (known: ${COLUMN_TYPES.join(", ")})`);
  if (!description) return fail(`column ${name} needs a description`);
  return { name, type, list: list !== undefined, nullable: nullable !== undefined, description };
}

/**
 * The value of a parameter written as text, or undefined when the text is not
 * a valid value of the type. Integers must be safe integers written in
 * decimal; floats accept integer, decimal and exponent notation.
 */
export function parseParamValue(type: ParamType, text: string): ParamValue | undefined {
  switch (type) {
    case "int": {
      if (!/^[+-]?\d+$/.test(text)) return undefined;
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : undefined;
    }
    case "float": {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return undefined;
      const n = Number(text);
      return Number.isFinite(n) ? n : undefined;
    }
    case "string":
      return text;
  }
}

/** How a column's type reads in a header: `int`, `string[]`, `float?`. */
export function columnTypeText(column: ColumnSpec): string {
  return `${column.type}${column.list ? "[]" : ""}${column.nullable ? "?" : ""}`;
}

function parseStringLiteral(raw: string): string | undefined {
  if (!raw.startsWith('"')) return undefined;
  try {
    return JSON.parse(raw) as string;
  } catch {
    return undefined;
  }
}

function isOneOf<T extends string>(options: readonly T[], value: string): value is T {
  return (options as readonly string[]).includes(value);
}
