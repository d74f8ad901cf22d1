import type { Strategy } from "./recommendation.fragment";

export const STRATEGY_OPTIONS: ReadonlyArray<{ value: Strategy; label: string; hint: string }> = [
  { value: "HYBRID", label: "Hybrid", hint: "A weighted mix of ALS, content and popularity" },
  { value: "ALS", label: "ALS", hint: "Implicit-feedback matrix factorisation" },
  { value: "MF", label: "MF", hint: "Biased matrix factorisation that predicts ratings" },
  { value: "ITEM_KNN", label: "Item-kNN", hint: "Movies rated alike to the ones rated highly" },
  { value: "USER_KNN", label: "User-kNN", hint: "What people with similar ratings liked" },
  { value: "CONTENT", label: "Content", hint: "Tags and genres of the movies liked" },
  { value: "POPULAR", label: "Popular", hint: "The most rated movies, the same for everyone" },
];
