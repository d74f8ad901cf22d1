import { registerEnumType } from "type-graphql";
import { STRATEGY_MODELS, type Strategy as StrategyName } from "../../recommend/recommendation.service.js";

/** The GraphQL enum mirrors the service's strategies, one value per model. */
export const Strategy = Object.fromEntries(Object.keys(STRATEGY_MODELS).map((k) => [k, k])) as { [K in StrategyName]: K };

registerEnumType(Strategy, {
  name: "Strategy",
  description: "Which model ranks the recommendations",
  valuesConfig: {
    POPULAR: { description: "Most rated movies (also what a user without ratings gets)" },
    ITEM_KNN: { description: "Movies similar to the ones you rated (item-based neighbours)" },
    USER_KNN: { description: "What people like you rated (user-based neighbours)" },
    MF: { description: "Biased matrix factorisation (rating prediction)" },
    ALS: { description: "Implicit-feedback matrix factorisation" },
    CONTENT: { description: "Tag-genome and genre content similarity" },
    HYBRID: { description: "Weighted mix of ALS, content and popularity" },
  },
});
