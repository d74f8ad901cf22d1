import { yearValue, type Years } from "../components/YearRange";
import type { RecommendationFilter, Strategy } from "./recommendation.fragment";

export interface RecommendationSettings {
  strategy: Strategy;
  genres: string[];
  years: Years;
  /** 0 = pure relevance, 1 = as varied as possible. */
  diversity: number;
}

export const DEFAULT_SETTINGS: RecommendationSettings = { strategy: "HYBRID", genres: [], years: { from: "", to: "" }, diversity: 0 };

/** The API's filter, leaving out what is unset so equal settings give equal cache keys. */
export function toFilter(settings: RecommendationSettings): RecommendationFilter | undefined {
  const filter: RecommendationFilter = {};
  if (settings.genres.length > 0) filter.genres = settings.genres;
  const yearFrom = yearValue(settings.years.from);
  const yearTo = yearValue(settings.years.to);
  if (yearFrom !== undefined) filter.yearFrom = yearFrom;
  if (yearTo !== undefined) filter.yearTo = yearTo;
  if (settings.diversity > 0) filter.diversity = settings.diversity;
  return Object.keys(filter).length > 0 ? filter : undefined;
}
