import { columnTypeText, type ColumnSpec, type ColumnType } from "./header.js";

/**
 * Where result rows differ from the columns a header declares: a missing or
 * undeclared column, or a value of another type (null only where the column is
 * nullable; integers also count as floats, since 4.0 arrives as 4). One line
 * per column and kind of problem, with the first offending row; empty when
 * every row matches.
 */
export function shapeProblems(columns: readonly ColumnSpec[], rows: ReadonlyArray<Record<string, unknown>>): string[] {
  const problems = new Set<string>();
  const mistyped = new Set<string>();
  const declared = new Set(columns.map((c) => c.name));
  rows.forEach((row, index) => {
    for (const key of Object.keys(row)) {
      if (!declared.has(key)) problems.add(`column ${key} is returned but not declared`);
    }
    for (const column of columns) {
      if (!(column.name in row)) {
        problems.add(`column ${column.name} is declared but not returned`);
        continue;
      }
      const value = row[column.name];
      if (!fits(column, value) && !mistyped.has(column.name)) {
        mistyped.add(column.name);
        problems.add(`column ${column.name} should be ${columnTypeText(column)}, row ${index + 1} has ${describe(value)}`);
      }
    }
  });
  return [...problems];
}

function describe(value: unknown): string {
  return typeof value === "bigint" ? `${value}n` : JSON.stringify(value);
}

function fits(column: ColumnSpec, value: unknown): boolean {
  if (value === null) return column.nullable;
  if (!column.list) return isType(column.type, value);
  return Array.isArray(value) && value.every((item) => isType(column.type, item));
}

function isType(type: ColumnType, value: unknown): boolean {
  switch (type) {
    case "int":
      return Number.isInteger(value) || typeof value === "bigint";
    case "float":
      return typeof value === "number";
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
  }
}
