import type { Interactions } from "../models/data/interactions.js";
import { evaluateModels } from "../models/eval/evaluate.js";
import { applySplit, stratifiedSplit } from "../models/eval/splits.js";
import { ItemKnn, ItemKnnConfig } from "../models/knn/item-knn.js";
import { UserKnn, UserKnnConfig } from "../models/knn/user-knn.js";
import { ImplicitAls } from "../models/mf/implicit-als.js";
import type { Recommender } from "../models/model.js";

/** The models whose settings bench:recommenders chooses on a validation split, besides running them with their defaults. */
export type TunedKind = "als" | "item-knn" | "user-knn";

type Params = Record<string, number>;

/** Every combination of the listed values, first key slowest. */
function grid(axes: Record<string, number[]>): Params[] {
  return Object.entries(axes).reduce<Params[]>((combos, [key, values]) => combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v }))), [{}]);
}

/**
 * What is searched: log-spaced values around each default. ALS: factors,
 * λ and α (defaults 64 / 30 / 1). kNN: the neighbours kept per
 * item or user (the K of the ranking lists) and the minimum support; k, the
 * neighbours per rating prediction, does not affect ranking and stays at its
 * default where the K allows.
 */
export const GRIDS: Record<TunedKind, Params[]> = {
  als: grid({ factors: [16, 32, 64], regularization: [3, 10, 30, 100, 300], alpha: [0.3, 1, 3, 10, 40] }),
  "item-knn": grid({ neighbors: [25, 50, 100, 200, 400, 800], minSupport: [1, 3] }),
  "user-knn": grid({ neighbors: [25, 50, 100, 200, 400], minSupport: [1, 3] }),
};

/** A fresh model of `kind` with `params` over its defaults and the common seed. */
export function tunedModel(kind: TunedKind, params: Params, seed: number): Recommender {
  switch (kind) {
    case "als":
      return new ImplicitAls({ ...params, seed });
    case "item-knn":
      return new ItemKnn({ ...withinNeighbors(params, ItemKnnConfig.parse({}).k), seed });
    case "user-knn":
      return new UserKnn({ ...withinNeighbors(params, UserKnnConfig.parse({}).k), seed });
  }
}

/** kNN configs refuse k (neighbours per prediction) above neighbors (neighbours kept), so a small K lowers k with it. */
function withinNeighbors(params: Params, defaultK: number): Params {
  return params.neighbors === undefined ? params : { ...params, k: Math.min(defaultK, params.neighbors) };
}

export interface ValidationChoice {
  kind: TunedKind;
  /** The winning settings (the rest are the model's defaults). */
  params: Params;
  /** NDCG@K of the winner on the validation split. */
  validationNdcg: number;
  /** NDCG@K of the model's defaults on the same split, for scale. */
  defaultsNdcg: number;
  /** Settings tried. */
  tried: number;
  seconds: number;
}

export interface ValidationOptions {
  nUsers: number;
  nItems: number;
  /** The protocol of the test split, repeated inside the training part. */
  by: "user" | "item";
  ratio: number;
  /** Seed of the models; the validation split uses seed + 1, so it is not the test split's shuffle again. */
  seed: number;
  k: number;
}

/**
 * Chooses a model's settings without looking at the test set: the training
 * part is split again by the same protocol (ratio, per user or per item), every
 * setting of the grid is fit on the inner training part, and the one with the
 * highest NDCG@K on the inner held-out part wins (the first on a tie, in grid
 * order). Items the user rated in the test set are unknown here, so they are
 * candidates that count as misses: validation NDCG is lower than test NDCG, and
 * only its order matters.
 */
export async function chooseOnValidation(kind: TunedKind, train: Interactions, options: ValidationOptions): Promise<ValidationChoice> {
  const started = performance.now();
  const inner = applySplit(train, stratifiedSplit(train, { ratio: options.ratio, seed: options.seed + 1, by: options.by }));
  const candidates = GRIDS[kind];
  const result = await evaluateModels({
    nUsers: options.nUsers,
    nItems: options.nItems,
    train: inner.train,
    test: inner.test,
    models: [
      { name: "defaults", create: () => tunedModel(kind, {}, options.seed) },
      ...candidates.map((params, c) => ({ name: String(c), create: () => tunedModel(kind, params, options.seed) })),
    ],
    k: options.k,
    ks: [options.k],
    relevance: "any",
  });
  const [defaults, ...scored] = result.models;
  let best = 0;
  scored.forEach((model, c) => {
    if (model.ranking.ndcg > scored[best].ranking.ndcg) best = c;
  });
  return {
    kind,
    params: candidates[best],
    validationNdcg: scored[best].ranking.ndcg,
    defaultsNdcg: defaults.ranking.ndcg,
    tried: candidates.length,
    seconds: (performance.now() - started) / 1000,
  };
}
