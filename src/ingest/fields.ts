import { LoadError } from "./load-error.js";

/** Where a value came from, so a parse failure can say so. */
export interface FieldSite {
  file: string;
  line: number;
}

/** Plain decimal notation only: Number() would also take "0x4", "4e0" or "Infinity". */
const DECIMAL = /^-?(\d+(\.\d+)?|\.\d+)$/;

export function parseId(raw: string | undefined, field: string, at: FieldSite): number {
  const text = (raw ?? "").trim();
  if (!/^\d+$/.test(text)) {
    throw new LoadError(`expected a positive integer id, got ${JSON.stringify(raw ?? "")}`, at.file, at.line, field);
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new LoadError(`id out of range: ${text}`, at.file, at.line, field);
  }
  return value;
}

export function parseOptionalId(raw: string | undefined, field: string, at: FieldSite): number | null {
  return (raw ?? "").trim() === "" ? null : parseId(raw, field, at);
}

/** MovieLens ratings are half stars from 0.5 to 5. */
export function parseRating(raw: string | undefined, field: string, at: FieldSite): number {
  const text = (raw ?? "").trim();
  if (!DECIMAL.test(text)) {
    throw new LoadError(`expected a number, got ${JSON.stringify(raw ?? "")}`, at.file, at.line, field);
  }
  const value = Number(text);
  if (value < 0.5 || value > 5) {
    throw new LoadError(`rating ${text} is outside 0.5–5`, at.file, at.line, field);
  }
  if (!Number.isInteger(value * 2)) {
    throw new LoadError(`rating ${text} is not a half-star step`, at.file, at.line, field);
  }
  return value;
}

export function parseTimestamp(raw: string | undefined, field: string, at: FieldSite): number {
  const text = (raw ?? "").trim();
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new LoadError(`expected Unix seconds, got ${JSON.stringify(raw ?? "")}`, at.file, at.line, field);
  }
  return Number(text);
}

export function parseRelevance(raw: string | undefined, field: string, at: FieldSite): number {
  const text = (raw ?? "").trim();
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new LoadError(`expected a relevance between 0 and 1, got ${JSON.stringify(raw ?? "")}`, at.file, at.line, field);
  }
  return value;
}

export function requireText(raw: string | undefined, field: string, at: FieldSite): string {
  if (raw === undefined || raw.trim() === "") {
    throw new LoadError("must not be empty", at.file, at.line, field);
  }
  return raw;
}
