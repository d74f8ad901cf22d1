import { z } from "zod";
import type { RatingMatrix } from "../data/rating-matrix.js";
import { FitError, type ModelState, type Profile, type Recommender } from "../model.js";
import { checkProfile, checkUser } from "./bias.js";

/** Configuration of the most-popular baseline. */
export const PopularityConfig = z.object({
  /**
   * Only ratings ≥ minRating count. The default 0 counts every rating (MovieLens
   * ratings start at 0.5), i.e. "most rated"; 4 counts only the ratings of people
   * who liked the item, i.e. "most liked", which keeps widely seen but
   * disliked films off the top of the list.
   */
  minRating: z.number().min(0).default(0),
  /** Nothing in this model is random: the field is accepted so every model takes the same options. */
  seed: z.number().int().default(42),
});

export type PopularityConfig = z.infer<typeof PopularityConfig>;
export type PopularityConfigInput = z.input<typeof PopularityConfig>;

/**
 * The non-personalised baseline every top-N evaluation needs: an item's score
 * is the number of its training ratings (≥ minRating), the same for every user
 * and every profile. Scores are counts, not ratings.
 */
export class Popularity implements Recommender {
  readonly kind = "popularity" as const;
  readonly predictsRatings = false;
  readonly config: PopularityConfig;
  private counts: Float32Array | undefined;
  private nUsers = 0;

  constructor(config: Partial<PopularityConfigInput> = {}) {
    this.config = PopularityConfig.parse(config);
  }

  /** Rebuilds a fitted model from `toState()` output (for example, read back from the graph). */
  static fromState(state: ModelState): Popularity {
    if (state.kind !== "popularity") throw new Error(`expected a "popularity" model state, got "${state.kind}"`);
    const model = new Popularity(state.params as Partial<PopularityConfigInput>);
    const counts = state.itemVectors.count;
    if (!counts || counts.dim !== 1 || counts.data.length !== counts.rows) throw new Error("a popularity state needs itemVectors.count of shape nItems × 1");
    const nUsers = state.scalars.nUsers;
    if (!Number.isInteger(nUsers) || nUsers < 0) throw new Error(`a popularity state needs scalars.nUsers, got ${nUsers}`);
    model.counts = counts.data;
    model.nUsers = nUsers;
    return model;
  }

  async fit(train: RatingMatrix): Promise<void> {
    if (train.nnz === 0) throw new FitError("popularity needs at least one rating");
    const counts = new Float32Array(train.nItems);
    for (let i = 0; i < train.nItems; i++) {
      let n = 0;
      for (let p = train.itemPtr[i]; p < train.itemPtr[i + 1]; p++) if (train.itemRatings[p] >= this.config.minRating) n++;
      counts[i] = n;
    }
    this.counts = counts;
    this.nUsers = train.nUsers;
  }

  scoreUser(user: number): Float32Array {
    const counts = this.fitted("scoreUser");
    checkUser(user, this.nUsers);
    return counts.slice();
  }

  /** The same counts whatever the profile: the model is not personalised. */
  scoreProfile(profile: Profile): Float32Array {
    const counts = this.fitted("scoreProfile");
    checkProfile(profile, counts.length);
    return counts.slice();
  }

  /** The state shares the model's count array; copy it before mutating. */
  toState(): ModelState {
    const counts = this.fitted("toState");
    return {
      kind: this.kind,
      params: { ...this.config },
      scalars: { nUsers: this.nUsers },
      userVectors: {},
      itemVectors: { count: { rows: counts.length, dim: 1, data: counts } },
    };
  }

  private fitted(operation: string): Float32Array {
    if (!this.counts) throw new Error(`the popularity model must be fit before ${operation}`);
    return this.counts;
  }
}
