/** Longest cell shown by default; --json prints values in full. */
const MAX_CELL = 60;

export interface TableOptions {
  /** Cells longer than this many characters are cut; default 60. */
  maxCell?: number;
}

/**
 * Rows as an aligned plain-text table: a header, a rule, one line per row.
 * Numbers are right-aligned, fractions rounded to four significant digits (or
 * to a whole number when the integer part is longer), lists are joined with "; " (titles contain commas), null is
 * empty, and long cells are cut with "…". Widths count code points, so
 * accented titles line up; double-width scripts may not.
 */
export function renderTable(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>, options: TableOptions = {}): string {
  const cells = rows.map((row) => columns.map((column) => formatCell(row[column], options.maxCell)));
  const numeric = columns.map((column) => rows.some((row) => isNumber(row[column])) && rows.every((row) => isNumber(row[column]) || row[column] === null));
  const widths = columns.map((column, c) => Math.max(width(column), ...cells.map((line) => width(line[c]))));
  const line = (values: readonly string[]) =>
    values.map((value, c) => (numeric[c] ? padStart(value, widths[c]) : padEnd(value, widths[c]))).join("  ").trimEnd();
  return [line(columns), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

/** A value as one table cell, cut to maxCell characters. */
export function formatCell(value: unknown, maxCell = MAX_CELL): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : formatFloat(value);
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return truncate(value.map((item) => formatCell(item, Infinity)).join("; "), maxCell);
  if (typeof value === "string") return truncate(printable(value), maxCell);
  return truncate(JSON.stringify(value), maxCell);
}

function formatFloat(value: number): string {
  const digits = Math.max(4, Math.trunc(Math.abs(value)).toString().length);
  return String(Number(value.toPrecision(Math.min(digits, 21))));
}

function isNumber(value: unknown): boolean {
  return typeof value === "number" || typeof value === "bigint";
}

/** Line breaks and other control characters would break the layout. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, " ");
}

function truncate(text: string, maxCell: number): string {
  const chars = [...text];
  return chars.length <= maxCell ? text : `${chars.slice(0, maxCell - 1).join("")}…`;
}

function width(text: string): number {
  return [...text].length;
}

function padEnd(text: string, to: number): string {
  return text + " ".repeat(Math.max(0, to - width(text)));
}

function padStart(text: string, to: number): string {
  return " ".repeat(Math.max(0, to - width(text))) + text;
}
