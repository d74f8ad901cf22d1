import type { Database } from "../db/database.js";
import { cypher } from "../db/queries.js";
import { topK } from "../models/eval/evaluate.js";
import { HybridModel, zScores } from "../models/hybrid/hybrid.js";
import type { Profile } from "../models/model.js";
import { GraphCache, type Generations } from "../common/graph-cache.js";
import { LruCache } from "../common/lru-cache.js";
import { ContentModel } from "../models/content/content-model.js";
import { filterMask, type CatalogFilter } from "./catalog.js";
import { maximalMarginalRelevance } from "./diversify.js";
import { ratingsDigest } from "./ratings-digest.js";
import type { LoadedModels, ModelRuntime } from "./model-runtime.js";

const Q = { userRatings: cypher("recommend/user-ratings") };

/** The strategies the API offers, by the model that serves each. */
export const STRATEGY_MODELS = {
  POPULAR: "popularity",
  ITEM_KNN: "item-knn",
  USER_KNN: "user-knn",
  MF: "mf",
  ALS: "als",
  CONTENT: "content",
  HYBRID: "hybrid",
} as const;

export type Strategy = keyof typeof STRATEGY_MODELS;

export class UnknownUserError extends Error {
  override readonly name = "UnknownUserError";
}

export class ModelUnavailableError extends Error {
  override readonly name = "ModelUnavailableError";
}

export interface RecommendRequest {
  first: number;
  strategy: Strategy;
  /** `diversity` (0 to 1) re-ranks with maximal marginal relevance. */
  filter: CatalogFilter & { diversity?: number | null };
}

/** Ranked lists remembered (see ratingsDigest): a few MB at 10 movies a list. */
const RANKED_LISTS_KEPT = 10_000;

/** A user's ratings as the graph holds them, with their digest (the ranked-list cache's key). */
interface LiveRatings {
  ratings: Array<[number, number]>;
  digest: string;
}

/** Users whose ratings are kept in memory between requests. */
const USERS_KEPT = 10_000;

/** Diversifying picks from this many of the best candidates per movie asked for. */
const DIVERSITY_POOL_PER_ITEM = 10;

export interface ScoredMovie {
  movieId: number;
  score: number;
  rank: number;
  /** The hybrid's weighted parts (z-scores × weights) when the hybrid served the list. */
  components: { cf: number | null; content: number | null; popularity: number | null };
}

/**
 * Recommendations from the in-memory models. A user's ratings are read from
 * the graph, not from the trained model, so a rating written a moment ago is
 * excluded at once and, when it changed the user's taste since training,
 * scoring folds the current ratings in (scoreProfile) instead of using the
 * trained user vector. Those ratings are kept in memory until `commits` sees
 * a write to the graph; a rating written through this process drops them at
 * once (`ratingsChanged`).
 */
export class RecommendationService {
  private readonly cache = new LruCache<string, ScoredMovie[]>(RANKED_LISTS_KEPT);
  private readonly userRatings: GraphCache<number, LiveRatings>;

  constructor(
    private readonly db: Database,
    private readonly runtime: ModelRuntime,
    commits: Generations,
  ) {
    this.userRatings = new GraphCache(USERS_KEPT, commits);
  }

  async forUser(userId: number, request: RecommendRequest): Promise<ScoredMovie[]> {
    const { ratings: live, digest } = await this.ratingsOf(userId);
    const loaded = await this.runtime.current();
    const key = JSON.stringify([userId, loaded.signature, request.strategy, request.first, request.filter, digest]);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const profile = toProfile(loaded, live);
    const user = loaded.users.indexOf(userId);
    const unchanged = user >= 0 && sameRatings(loaded, user, profile);
    const ranked = this.rank(loaded, request, profile, unchanged ? user : -1);
    this.cache.set(key, ranked);
    return ranked;
  }

  /** The user rated, re-rated or unrated a movie: their ratings must be read again. */
  ratingsChanged(userId: number): void {
    this.userRatings.delete(userId);
  }

  private async ratingsOf(userId: number): Promise<LiveRatings> {
    const kept = await this.userRatings.get(userId);
    if (kept) return kept;
    const mark = this.userRatings.mark();
    const rows = await this.db.read(Q.userRatings, { userId });
    if (rows.length === 0) throw new UnknownUserError(`no user ${userId}`);
    const ratings = rows[0].ratings as Array<[number, number]>;
    const live = { ratings, digest: ratingsDigest(ratings) };
    this.userRatings.set(userId, live, mark);
    return live;
  }

  /** For someone who is not a user: their (movie id, rating) pairs fold in like a user's ratings. */
  async forProfile(ratings: Array<[number, number]>, request: RecommendRequest): Promise<ScoredMovie[]> {
    const loaded = await this.runtime.current();
    return this.rank(loaded, request, toProfile(loaded, ratings), -1);
  }

  private rank(loaded: LoadedModels, request: RecommendRequest, profile: Profile, user: number): ScoredMovie[] {
    const name = STRATEGY_MODELS[request.strategy];
    // Someone with no ratings gets what needs none: popularity, whatever was asked for.
    const model = profile.items.length === 0 ? loaded.models.get("popularity") : loaded.models.get(name);
    if (!model) throw new ModelUnavailableError(`the ${name} model is not trained; run \`cinegraph train --model ${name}\``);
    const parts = model instanceof HybridModel ? hybridParts(model, user, profile) : undefined;
    const scores = parts
      ? sumParts(parts)
      : user >= 0
        ? (model.rankUser?.(user) ?? model.scoreUser(user))
        : (model.rankProfile?.(profile) ?? model.scoreProfile(profile));
    const mask = filterMask(loaded.catalog, request.filter);
    for (const item of profile.items) mask[item] = 0;
    const diversity = request.filter.diversity ?? 0;
    const ranked =
      diversity > 0
        ? maximalMarginalRelevance(topK(scores, request.first * DIVERSITY_POOL_PER_ITEM, mask), scores, request.first, diversity, similarityOf(loaded))
        : topK(scores, request.first, mask);
    return Array.from(ranked, (item, r) => ({
      movieId: loaded.items.idAt(item),
      score: scores[item],
      rank: r + 1,
      components: {
        cf: parts?.get("als")?.[item] ?? null,
        content: parts?.get("content")?.[item] ?? null,
        popularity: parts?.get("popularity")?.[item] ?? null,
      },
    }));
  }
}

/**
 * How alike two movies are, for diversifying: the cosine of their content
 * embeddings, or, without a content model, the Jaccard overlap of their genres.
 */
function similarityOf(loaded: LoadedModels): (a: number, b: number) => number {
  const content = loaded.models.get("content");
  if (content instanceof ContentModel) return (a, b) => content.itemSimilarity(a, b);
  const genres = loaded.catalog.genreMask;
  return (a, b) => {
    const union = bitCount(genres[a] | genres[b]);
    return union === 0 ? 0 : bitCount(genres[a] & genres[b]) / union;
  };
}

function bitCount(mask: number): number {
  let count = 0;
  for (let m = mask >>> 0; m !== 0; m &= m - 1) count++;
  return count;
}

/** Each component's weighted z-scores, the terms the hybrid's score is the sum of (as HybridModel.combine computes it). */
function hybridParts(model: HybridModel, user: number, profile: Profile): Map<string, Float64Array> {
  const parts = new Map<string, Float64Array>();
  model.components.forEach(({ name, model: component }, c) => {
    const weight = model.componentWeights[c];
    const z = zScores(user >= 0 ? component.scoreUser(user) : component.scoreProfile(profile));
    for (let i = 0; i < z.length; i++) z[i] *= weight;
    parts.set(name, z);
  });
  return parts;
}

/** The hybrid's score, Σ weight × z-score, from the parts already computed for the breakdown. */
function sumParts(parts: Map<string, Float64Array>): Float32Array {
  const arrays = [...parts.values()];
  const sum = new Float64Array(arrays[0].length);
  for (const part of arrays) for (let i = 0; i < sum.length; i++) sum[i] += part[i];
  return Float32Array.from(sum);
}

function toProfile(loaded: LoadedModels, ratings: Array<[number, number]>): Profile {
  const known = ratings.filter(([id]) => loaded.items.indexOf(id) >= 0);
  return {
    items: Int32Array.from(known, ([id]) => loaded.items.indexOf(id)),
    ratings: Float32Array.from(known, ([, rating]) => rating),
  };
}

/** Whether the user's ratings are still those the models were trained on. */
function sameRatings(loaded: LoadedModels, user: number, profile: Profile): boolean {
  const row = loaded.ratings.userRow(user);
  if (row.items.length !== profile.items.length) return false;
  const trained = new Map<number, number>();
  row.items.forEach((item, k) => trained.set(item, row.ratings[k]));
  return Array.from(profile.items).every((item, k) => trained.get(item) === profile.ratings[k]);
}

