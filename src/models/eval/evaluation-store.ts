import type { Database } from "../../db/database.js";
import { cypher } from "../../db/queries.js";
import { summaryOf, type FoldStatistic, type SummaryKey } from "./evaluate.js";
import type { EvaluationRun } from "./run-evaluation.js";

const Q = {
  save: cypher("model/save-evaluations"),
  read: cypher("model/evaluations"),
};

/** Ranking metrics are named with their cut-off, as in the literature ("ndcg@10"). */
const AT_K: ReadonlySet<SummaryKey> = new Set(["precision", "recall", "ndcg", "map", "hitRate"]);

export interface StoredEvaluation {
  model: string;
  split: string;
  k: number;
  /** "rating ≥ 4" or "any held-out item". */
  relevance: string;
  metrics: Array<{ name: string; value: number | null }>;
  dataFingerprint: string;
  evaluatedAt: string;
}

/** A model's headline numbers as named metrics, ranking ones suffixed with @K. */
export function namedMetrics(summary: Record<SummaryKey, number | null>, k: number): Array<{ name: string; value: number | null }> {
  return (Object.entries(summary) as Array<[SummaryKey, number | null]>).map(([key, value]) => ({
    name: AT_K.has(key) ? `${key}@${k}` : key,
    value,
  }));
}

function meansOf(metrics: Record<SummaryKey, FoldStatistic>): Record<SummaryKey, number | null> {
  return Object.fromEntries(Object.entries(metrics).map(([key, stat]) => [key, stat.mean])) as Record<SummaryKey, number | null>;
}

/** Keeps each model's latest evaluation in the graph, where the API and the web app read it. */
export class EvaluationStore {
  constructor(private readonly db: Database) {}

  /** Stores a run's headline numbers: for k-fold, each metric's mean over the folds. */
  async save(run: EvaluationRun, split: string, dataFingerprint: string): Promise<void> {
    const { result, crossValidation } = run;
    const relevance = result.relevance === "any" ? "any held-out item" : `rating ≥ ${result.relevance.minRating}`;
    const summaries = crossValidation
      ? crossValidation.models.map(({ name, metrics }) => ({ name, summary: meansOf(metrics) }))
      : result.models.map((model) => ({ name: model.name, summary: summaryOf(model) }));
    const rows = summaries.map(({ name, summary }) => ({
      model: name,
      split,
      k: result.k,
      relevance,
      metrics: JSON.stringify(namedMetrics(summary, result.k)),
      dataFingerprint,
    }));
  await this.db.write(Q.save, { rows });
  }

  /** The stored evaluations of these models, in the order asked for, null where there is none. */
  async byModels(models: readonly string[]): Promise<Array<StoredEvaluation | null>> {
    const rows = await this.db.read(Q.read, { models });
    const byModel = new Map(rows.map((row) => [row.model as string, { ...row, metrics: JSON.parse(row.metrics as string) } as StoredEvaluation]));
    return models.map((m) => byModel.get(m) ?? null);
  }
}
