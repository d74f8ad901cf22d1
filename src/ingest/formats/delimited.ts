import { basename } from "node:path";
import type { FieldSite } from "../fields.js";
import { LoadError } from "../load-error.js";
import type { Located } from "../records.js";
import { readLines } from "./lines.js";

/**
 * Shared by the classic releases (ml-100k, ml-1m): headerless files with one
 * record per line and a plain separator that never appears quoted.
 */
export interface DelimitedFile {
  path: string;
  separator: string;
  /** Column names in file order; the count is enforced and the names appear in errors. */
  columns: readonly string[];
  encoding: BufferEncoding;
}

export async function* delimitedRecords<T>(
  { path, separator, columns, encoding }: DelimitedFile,
  map: (fields: string[], at: FieldSite) => T,
): AsyncGenerator<Located<T>> {
  const file = basename(path);
  for await (const { text, line } of readLines(path, encoding)) {
    if (text.trim() === "") continue;
    const fields = text.split(separator);
    if (fields.length !== columns.length) {
      const expected = `expected ${columns.length} fields separated by "${separator}", got ${fields.length}`;
      // Name the first column that is absent, or the last one the extra text follows.
      if (fields.length < columns.length) {
        throw new LoadError(`missing (${expected})`, file, line, columns[fields.length]);
      }
      throw new LoadError(`unexpected text after this field (${expected})`, file, line, columns[columns.length - 1]);
    }
    yield { value: map(fields, { file, line }), file, line };
  }
}

/** The classic releases spell it "Children's"; the CSV releases, which the graph follows, say "Children". */
export function normalizeGenre(name: string): string {
  return name === "Children's" ? "Children" : name;
}

export function parseGender(raw: string, field: string, at: FieldSite): string {
  const text = raw.trim();
  if (text !== "M" && text !== "F") {
    throw new LoadError(`expected M or F, got ${JSON.stringify(raw)}`, at.file, at.line, field);
  }
  return text;
}

export function parseAge(raw: string, field: string, at: FieldSite): number {
  const text = raw.trim();
  if (!/^\d{1,3}$/.test(text) || Number(text) === 0) {
    throw new LoadError(`expected a positive whole number, got ${JSON.stringify(raw)}`, at.file, at.line, field);
  }
  return Number(text);
}

/** Zip codes stay text: some are Canadian ("T8H1N") or ZIP+4 ("55117-1234"). */
export function parseZip(raw: string): string | null {
  const text = raw.trim();
  return text === "" ? null : text;
}
