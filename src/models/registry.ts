import { Bias } from "./baselines/bias.js";
import { Popularity } from "./baselines/popularity.js";
import { ContentModel, type ContentFeatures } from "./content/content-model.js";
import type { RatingMatrix } from "./data/rating-matrix.js";
import { HybridModel } from "./hybrid/hybrid.js";
import { ItemKnn } from "./knn/item-knn.js";
import { UserKnn } from "./knn/user-knn.js";
import { BiasedMf } from "./mf/biased-mf.js";
import { ImplicitAls } from "./mf/implicit-als.js";
import { Nmf } from "./mf/nmf.js";
import type { ModelKind, ModelState, Recommender } from "./model.js";

/** Every model `train` and `evaluate` know, in the order they are trained (the hybrid last, after its components). */
export const MODEL_KINDS = ["popularity", "bias", "item-knn", "user-knn", "mf", "nmf", "als", "content", "hybrid"] as const satisfies readonly ModelKind[];

/** What `train` builds when no --model is given. NMF is left out: MF predicts ratings better at the same cost. */
export const DEFAULT_KINDS: readonly ModelKind[] = ["popularity", "bias", "item-knn", "user-knn", "mf", "als", "content", "hybrid"];

/** The components of the hybrid: collaborative ranking, content, and popularity for the cold start. */
export const HYBRID_COMPONENTS: readonly ModelKind[] = ["als", "content", "popularity"];

/** Overrides that apply to every model that has such a setting (the CLI's --factors, --epochs, --seed). */
export interface CommonParams {
  factors?: number;
  epochs?: number;
  seed?: number;
}

/** Inputs beyond the rating matrix that some models need. */
export interface ModelInputs {
  content?: ContentFeatures;
}

export function isModelKind(name: string): name is ModelKind {
  return (MODEL_KINDS as readonly string[]).includes(name);
}

/** A fresh, unfitted model with the common overrides applied where the model has them. */
export function createModel(kind: ModelKind, common: CommonParams, inputs: ModelInputs): Recommender {
  const seed = common.seed === undefined ? {} : { seed: common.seed };
  const factors = common.factors === undefined ? {} : { factors: common.factors };
  switch (kind) {
    case "popularity":
      return new Popularity(seed);
    case "bias":
      return new Bias(seed);
    case "item-knn":
      return new ItemKnn(seed);
    case "user-knn":
      return new UserKnn(seed);
    case "mf":
      return new BiasedMf({ ...seed, ...factors, ...(common.epochs === undefined ? {} : { epochs: common.epochs }) });
    case "nmf":
      return new Nmf({ ...seed, ...(common.epochs === undefined ? {} : { epochs: common.epochs }) });
    case "als":
      return new ImplicitAls({ ...seed, ...factors, ...(common.epochs === undefined ? {} : { iterations: common.epochs }) });
    case "content": {
      if (!inputs.content) throw new Error("the content model needs the movies' content features");
      const model = new ContentModel(seed);
      model.fitContent(inputs.content);
      return model;
    }
    case "hybrid":
      return new HybridModel(
        HYBRID_COMPONENTS.map((name) => ({ name, model: createModel(name, common, inputs) })),
        seed,
      );
  }
}

/**
 * Rebuilds a trained model from its state. Neighbourhood models also need the
 * training ratings (their neighbours' ratings live in the graph as RATED
 * relationships, not in the state); the hybrid needs its restored components.
 */
export function restoreModel(state: ModelState, ratings: RatingMatrix, components: ReadonlyMap<string, Recommender>): Recommender {
  switch (state.kind) {
    case "popularity":
      return Popularity.fromState(state);
    case "bias":
      return Bias.fromState(state);
    case "item-knn":
      return ItemKnn.fromState(state, ratings);
    case "user-knn":
      return UserKnn.fromState(state, ratings);
    case "mf":
      return BiasedMf.fromState(state);
    case "nmf":
      return Nmf.fromState(state);
    case "als":
      return ImplicitAls.fromState(state);
    case "content":
      return ContentModel.fromState(state);
    case "hybrid":
      return HybridModel.fromState(
        state,
        HYBRID_COMPONENTS.map((name) => {
          const model = components.get(name);
          if (!model) throw new Error(`the hybrid needs the active "${name}" model; train it first`);
          return { name, model };
        }),
      );
  }
}
