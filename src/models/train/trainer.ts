import type { Database } from "../../db/database.js";
import { RatingMatrix } from "../data/rating-matrix.js";
import type { EpochReport, ModelKind, Recommender } from "../model.js";
import { createModel, HYBRID_COMPONENTS, type CommonParams, type ModelInputs } from "../registry.js";
import { ModelStore, type ModelRecord } from "../store/model-store.js";
import { loadContentFeatures, loadTrainingData } from "../store/training-data.js";

export interface TrainOptions extends CommonParams {
  kinds: readonly ModelKind[];
  /** Remove the versions the new ones replace once they are active. */
  prune?: boolean;
  onStage?: (stage: string) => void;
  onEpoch?: (kind: ModelKind, report: EpochReport) => void;
  onWrite?: (kind: ModelKind, stage: string, done: number, total: number) => void;
}

export interface TrainedModel {
  record: ModelRecord;
  fitSeconds: number;
  writeSeconds: number;
  epochs: EpochReport[];
}

/**
 * Trains models from the ratings in the graph and writes each one back as a
 * new active version: read once, fit each model in turn, save each as soon as
 * it is fit.
 */
export async function trainModels(db: Database, options: TrainOptions): Promise<TrainedModel[]> {
  options.onStage?.("reading ratings from the graph");
  const data = await loadTrainingData(db);
  const matrix = new RatingMatrix(data.users.size, data.items.size, data.interactions);
  const inputs: ModelInputs = {};
  if (options.kinds.some((k) => k === "content" || k === "hybrid")) {
    options.onStage?.("reading content features from the graph");
    inputs.content = await loadContentFeatures(db, data.items);
  }
  const store = new ModelStore(db);
  const trained: TrainedModel[] = [];
  // The hybrid's components, once fit here, become its own: it would otherwise fit them again on the same ratings.
  const keep = new Set<string>(options.kinds.includes("hybrid") ? HYBRID_COMPONENTS : []);
  const fitted = new Map<string, Recommender>();
  for (const kind of options.kinds) {
    options.onStage?.(`fitting ${kind}`);
    const model = createModel(kind, options, inputs);
    const epochs: EpochReport[] = [];
    const fitStarted = Date.now();
    await model.fit(matrix, {
      onEpoch: (report) => {
        epochs.push(report);
        options.onEpoch?.(kind, report);
      },
      fitted,
    });
    if (keep.has(kind)) fitted.set(kind, model);
    const fitSeconds = (Date.now() - fitStarted) / 1000;
    options.onStage?.(`writing ${kind} to the graph`);
    const writeStarted = Date.now();
    const record = await store.save(kind, model.toState(), data.users, data.items, {
      fingerprint: data.fingerprint,
      metrics: { fitSeconds, epochs: epochs.length, finalLoss: epochs.at(-1)?.loss ?? null, ratings: matrix.nnz },
      onProgress: (stage, done, total) => options.onWrite?.(kind, stage, done, total),
    });
    if (options.prune) await store.prune(kind);
    trained.push({ record, fitSeconds, writeSeconds: (Date.now() - writeStarted) / 1000, epochs });
  }
  return trained;
}
