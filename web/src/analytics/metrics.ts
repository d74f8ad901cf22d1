// Groups evaluation metrics for charts. Pure, for unit tests.

export interface EvaluatedModel {
  name: string;
  evaluation: { metrics: ReadonlyArray<{ name: string; value: number | null }> } | null;
}

export interface MetricGroup {
  title: string;
  /** Metric names, the chart's categories. */
  metrics: string[];
  /** One series per evaluated model, values in `metrics` order (null where the model has none). */
  series: Array<{ model: string; values: Array<number | null> }>;
}

const GROUPS: Record<string, string> = {
  rmse: "Rating error (lower is better)",
  mae: "Rating error (lower is better)",
  coverage: "Catalogue coverage (share of movies ever recommended)",
  novelty: "Novelty (higher: less obvious picks)",
  fitseconds: "Seconds to fit, in the evaluation run",
};

/** The chart a metric belongs on; one the app does not know gets a chart of its own. */
function groupOf(metric: string): string {
  if (/@\d+$/.test(metric)) return "Top-K ranking (higher is better)";
  return GROUPS[metric.toLowerCase()] ?? metric;
}

/**
 * Metrics on one scale share a chart: ranking metrics at K, rating errors;
 * coverage and novelty, on scales of their own, get one each. Models without
 * an evaluation are left out; groups no model measured are dropped.
 */
export function groupMetrics(models: readonly EvaluatedModel[]): MetricGroup[] {
  const evaluated = models.filter((m) => m.evaluation !== null);
  const groups = new Map<string, string[]>();
  for (const model of evaluated) {
    for (const { name, value } of model.evaluation!.metrics) {
      if (value === null) continue;
      const title = groupOf(name);
      const names = groups.get(title) ?? [];
      if (!names.includes(name)) names.push(name);
      groups.set(title, names);
    }
  }
  return [...groups].map(([title, metrics]) => ({
    title,
    metrics,
    series: evaluated.map((model) => ({
      model: model.name,
      values: metrics.map((name) => model.evaluation!.metrics.find((m) => m.name === name)?.value ?? null),
    })),
  }));
}

/** The training metrics worth a chart: numbers only (fit time, epochs, loss…), keyed by metric then model. */
export function numericTrainingMetrics(models: ReadonlyArray<{ name: string; metrics: Record<string, unknown> }>): Map<string, Map<string, number>> {
  const byMetric = new Map<string, Map<string, number>>();
  for (const model of models) {
    for (const [metric, value] of Object.entries(model.metrics)) {
      if (typeof value !== "number" || !Number.isFinite(value)) continue;
      const row = byMetric.get(metric) ?? new Map<string, number>();
      row.set(model.name, value);
      byMetric.set(metric, row);
    }
  }
  return byMetric;
}
