import type { ContentFeatures } from "../content/content-model.js";
import type { RatingData } from "../data/interactions.js";
import type { ModelKind } from "../model.js";
import { createModel, type CommonParams } from "../registry.js";
import { crossValidate, evaluateModels, type CrossValidationResult, type EvaluationResult, type Relevance } from "./evaluate.js";
import { applySplit, randomSplit, stratifiedSplit, temporalSplit } from "./splits.js";

export type SplitKind = "random" | "temporal" | "kfold" | "stratified";

export interface EvaluationPlan extends CommonParams {
  kinds: readonly ModelKind[];
  split: SplitKind;
  k: number;
  /** Held-out ratings at least this high are relevant; "any" makes every held-out item relevant. */
  relevance: Relevance;
  /** Folds of --split kfold. */
  folds: number;
  /** Ratings per user held out by --split temporal. */
  perUser: number;
  /** Seed of the split. */
  splitSeed: number;
}

export interface EvaluationRun {
  /** The single evaluation, or the first fold of a cross-validation (for the charts). */
  result: EvaluationResult;
  crossValidation?: CrossValidationResult;
}

/**
 * Evaluates the chosen models, always beside the popularity and bias
 * baselines, on one split of the data: random 80/20 per rating, per-user
 * temporal leave-last-N-out, k-fold cross-validation, or the Microsoft
 * Recommenders protocol (per-user stratified 75/25, top-K over unseen items,
 * every held-out item relevant).
 */
export async function runEvaluation(data: RatingData, content: ContentFeatures | undefined, plan: EvaluationPlan): Promise<EvaluationRun> {
  const kinds = withBaselines(plan.kinds);
  const models = kinds.map((kind) => ({ name: kind, create: () => createModel(kind, plan, { content }) }));
  const common = { nUsers: data.users.size, nItems: data.items.size, models, k: plan.k, relevance: plan.relevance };
  const all = data.interactions;
  switch (plan.split) {
    case "random":
      return { result: await evaluateModels({ ...common, ...applySplit(all, randomSplit(all, { testFraction: 0.2, seed: plan.splitSeed })) }) };
    case "temporal":
      return { result: await evaluateModels({ ...common, ...applySplit(all, temporalSplit(all, { perUser: plan.perUser })) }) };
    case "stratified":
      return { result: await evaluateModels({ ...common, ...applySplit(all, stratifiedSplit(all, { ratio: 0.75, seed: plan.splitSeed })) }) };
    case "kfold": {
      const crossValidation = await crossValidate({ ...common, data: all, folds: plan.folds, seed: plan.splitSeed });
      return { result: crossValidation.folds[0], crossValidation };
    }
  }
}

/** Every comparison includes the honest baselines, first. */
export function withBaselines(kinds: readonly ModelKind[]): ModelKind[] {
  const baselines: ModelKind[] = ["popularity", "bias"];
  return [...baselines, ...kinds.filter((k) => !baselines.includes(k))];
}
