import { summaryOf, type CrossValidationResult, type EvaluationResult, type FoldStatistic, type SummaryKey } from "../evaluate.js";

/** How a headline metric is shown, and which direction is better. */
export interface MetricColumn {
  key: SummaryKey;
  /** Column header; ranking metrics carry their cut-off. */
  label: (k: number) => string;
  /**
   * Which end is best. Novelty counts as "higher" although more is only better
   * at equal accuracy: the mark says which model recommends the least obvious
   * items, not which one to ship.
   */
  better: "higher" | "lower";
  /** Decimals shown; the best value is judged on the shown value, so the mark never singles out one of two equal-looking cells. */
  digits: number;
}

/** The headline metrics in the order tables show them: rating accuracy, ranking, beyond-accuracy, cost. */
export const METRIC_COLUMNS: readonly MetricColumn[] = [
  { key: "rmse", label: () => "RMSE", better: "lower", digits: 4 },
  { key: "mae", label: () => "MAE", better: "lower", digits: 4 },
  { key: "precision", label: (k) => `P@${k}`, better: "higher", digits: 4 },
  { key: "recall", label: (k) => `R@${k}`, better: "higher", digits: 4 },
  { key: "ndcg", label: (k) => `NDCG@${k}`, better: "higher", digits: 4 },
  { key: "map", label: (k) => `MAP@${k}`, better: "higher", digits: 4 },
  { key: "hitRate", label: (k) => `HR@${k}`, better: "higher", digits: 4 },
  { key: "coverage", label: () => "Coverage", better: "higher", digits: 4 },
  { key: "novelty", label: () => "Novelty (bits)", better: "higher", digits: 3 },
  { key: "fitSeconds", label: () => "Fit (s)", better: "lower", digits: 2 },
];

/** Marks the best cell of each column in the terminal table. */
export const BEST_MARK = "*";

/** A value as shown in tables: fixed decimals, "–" when the metric does not apply. */
export function formatValue(value: number | null, digits: number): string {
  return value === null || !Number.isFinite(value) ? "–" : value.toFixed(digits);
}

/**
 * The rows holding a column's best value as displayed (all of them on a tie;
 * none when no row has a value). With a single model its values are trivially
 * the best and are marked all the same, so the table reads the same way at any
 * size.
 */
export function bestRows(values: Array<number | null>, column: MetricColumn): Set<number> {
  const shown = values.map((v) => (v === null || !Number.isFinite(v) ? null : Number(v.toFixed(column.digits))));
  const present = shown.filter((v): v is number => v !== null);
  if (present.length === 0) return new Set();
  const best = column.better === "higher" ? Math.max(...present) : Math.min(...present);
  return new Set(shown.flatMap((v, row) => (v === best ? [row] : [])));
}

/**
 * A plain-text table for the terminal: one row per model, one column per
 * headline metric, the best value of each column followed by "*".
 */
export function metricsTable(result: EvaluationResult): string {
  const summaries = result.models.map(summaryOf);
  const cells = METRIC_COLUMNS.map((column) => {
    const values = summaries.map((s) => s[column.key]);
    const best = bestRows(values, column);
    return values.map((v, row) => formatValue(v, column.digits) + (best.has(row) ? BEST_MARK : " "));
  });
  return render(
    result.models.map((m) => m.name),
    METRIC_COLUMNS.map((c) => c.label(result.k)),
    cells,
    `${BEST_MARK} best in column (lower is better for RMSE, MAE and fit time); ` +
      `ranking metrics over ${result.rankedUsers} users, K = ${result.k}`,
  );
}

/** Cross-validation as "mean ± std" per model and metric, the best mean of each column marked. */
export function crossValidationTable(cv: CrossValidationResult): string {
  const k = cv.folds[0]?.k ?? 0;
  const cells = METRIC_COLUMNS.map((column) => {
    const stats = cv.models.map((m) => m.metrics[column.key]);
    const best = bestRows(
      stats.map((s) => s.mean),
      column,
    );
    return stats.map((s, row) => formatStatistic(s, column.digits) + (best.has(row) ? BEST_MARK : " "));
  });
  return render(
    cv.models.map((m) => m.name),
    METRIC_COLUMNS.map((c) => c.label(k)),
    cells,
    `mean ± sample std over ${cv.folds.length} folds; ${BEST_MARK} best mean in column (lower is better for RMSE, MAE and fit time)`,
  );
}

/** "mean ± std", or "–" when the metric was never measured. */
export function formatStatistic(statistic: FoldStatistic, digits: number): string {
  if (statistic.mean === null) return "–";
  return `${statistic.mean.toFixed(digits)} ± ${formatValue(statistic.std, digits)}`;
}

/** Columns padded to their widest cell: names left-aligned, numbers right-aligned so decimals line up. */
function render(names: string[], headers: string[], columns: string[][], footnote: string): string {
  const nameCells = names.map(printable);
  const nameWidth = Math.max("Model".length, ...nameCells.map((n) => n.length));
  const widths = headers.map((header, c) => Math.max(header.length + 1, ...columns[c].map((cell) => cell.length)));
  const line = (name: string, cells: string[]) =>
    [name.padEnd(nameWidth), ...cells.map((cell, c) => cell.padStart(widths[c]))].join("  ").trimEnd();
  const header = line(
    "Model",
    headers.map((h) => `${h} `),
  );
  const rows = nameCells.map((name, row) => line(name, columns.map((column) => column[row])));
  return [header, "-".repeat(header.length), ...rows, "", footnote].join("\n");
}

/** Control characters in a model name would break the layout of the terminal table. */
function printable(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, " ");
}
