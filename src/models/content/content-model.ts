import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { z } from "zod";
import { checkProfile, checkUser } from "../baselines/bias.js";
import type { RatingMatrix } from "../data/rating-matrix.js";
import { topK } from "../eval/evaluate.js";
import { FitError, type Matrix32, type ModelState, type Profile, type Recommender } from "../model.js";
import { randomizedSvd, type CsrMatrix, type DenseMatrix } from "./randomized-svd.js";
import { movieTerms, tfidf } from "./tfidf.js";

/** Configuration of the content model. */
export const ContentConfig = z.object({
  /** Dimension of the embeddings: the rank kept by both truncated SVDs (less when the data has lower rank). */
  dim: z.number().int().positive().default(64),
  /** Oversampling of the randomised SVDs (see RandomizedSvdConfig). */
  oversamples: z.number().int().min(0).default(10),
  /** Power iterations of the randomised SVDs (see RandomizedSvdConfig). */
  powerIterations: z.number().int().min(0).default(4),
  /**
   * Ridge penalty λ of the map from TF-IDF embeddings (unit vectors) to genome
   * embeddings. Holding out a fifth of the 158 ml-latest-small movies with a
   * genome, the held-out movies' mapped similarities to the others correlated
   * best with their genome similarities at 0.1 (0.59, against 0.56 at 0.01,
   * 0.55 at 1 and 0.40 at 10). With thousands of genome movies it matters less.
   */
  ridge: z.number().positive().default(0.1),
  /**
   * Pseudo-ratings at the global mean mixed into each user's mean rating, the
   * neutral point of the profile weights (see ContentModel). With 5, a user
   * with four 5-star ratings has a neutral point near 4, so all four count as
   * liked, while a user with hundreds of ratings is measured against their own mean.
   */
  meanDamping: z.number().min(0).default(5),
  /** Seed of the randomised SVDs' Gaussian test matrices. */
  seed: z.number().int().default(42),
});

export type ContentConfig = z.infer<typeof ContentConfig>;
export type ContentConfigInput = z.input<typeof ContentConfig>;

/** What the content model knows about the movies, by dense item index. */
export interface ContentFeatures {
  /** Size of the item index space, the same as the rating matrix's. */
  nItems: number;
  /** Tag-genome relevance of the movies that have one: row r (dim values) belongs to item items[r]. */
  genome?: { items: Int32Array; dim: number; data: Float32Array };
  /** Each item's genres (MovieLens names). */
  genres: string[][];
  /** Each item's free-text tags, one entry per application (a tag three users gave appears three times). */
  tags: string[][];
}

/**
 * Where an item's embedding came from, stored as its index in
 * itemVectors.source: its genome, or its TF-IDF row with at least one tag, or
 * its TF-IDF row of genres alone (also the label of an item with no feature at all).
 */
export const CONTENT_SOURCES = ["genome", "tags", "genres"] as const;
export type ContentSource = (typeof CONTENT_SOURCES)[number];

const GENOME = 0;
const TAGS = 1;
const GENRES = 2;

/** An item's nearest neighbours in content space, best first. */
export interface SimilarItems {
  items: Int32Array;
  /** Cosine similarities, in [−1, 1]. */
  scores: Float32Array;
}

/**
 * Content-based recommendations from movie features alone.
 *
 * Item embeddings (`fitContent`). Movies with a tag genome are embedded by a
 * truncated SVD of their relevance vectors, taking the rows of U·Σ and
 * L2-normalising them, so dot products are cosines that approximate the
 * cosines of the full 1,128-value vectors. The columns are deliberately not
 * centred (no PCA): on the 177 genome movies we have, Toy Story's ten nearest
 * films by raw cosine are all children's films, while after centring
 * Braveheart, Apollo 13 and The Usual Suspects join them, because once the
 * average profile is removed the acclaim tags ("oscar winner", "imdb top
 * 250", "great movie") contribute most to their correlation. Every movie also gets a latent-semantic
 * embedding: U·Σ of a truncated SVD of the TF-IDF matrix of its genres and
 * tags (see `tfidf`), rows L2-normalised. The two spaces are unrelated, so
 * when some movies have a genome, a ridge regression fit on the movies with
 * both (centred, so it has an intercept) maps TF-IDF embeddings into the genome
 * space, and the movies without a genome take their mapped, normalised TF-IDF
 * embedding. Only when no movie has a genome is the TF-IDF space used as it is.
 * A movie with neither a genome nor any genre or tag keeps a zero vector:
 * cosine 0 with everything, so it is neither recommended nor informative.
 *
 * User profiles (`fit`). A user's profile is Σᵢ (r_ui − b_u) eᵢ over the items
 * they rated, normalised, where b_u = (Σᵢ r_ui + β μ) / (n_u + β) is their mean
 * rating damped toward the global mean μ by β = meanDamping pseudo-ratings.
 * Ratings above the neutral point pull the profile toward an item, ratings
 * below push it away. The plain user mean would make a user who rated four
 * films 5, 5, 4.5 and 5 dislike the 4.5 and, in sum, like nothing; a fixed
 * "rating ≥ 4" rule would ignore what low ratings say. Scores are cosines
 * between the profile and every item embedding, so they are not ratings.
 */
export class ContentModel implements Recommender {
  readonly kind = "content" as const;
  readonly predictsRatings = false;
  readonly config: ContentConfig;
  private embedding: Matrix32 | undefined;
  private source: Float32Array | undefined;
  private profiles: Matrix32 | undefined;
  private withContent: { of: Matrix32; mask: Uint8Array } | undefined;
  private globalMean = 0;

  constructor(config: Partial<ContentConfigInput> = {}) {
    this.config = ContentConfig.parse(config);
  }

  /** Rebuilds a fitted model from `toState()` output (for example, read back from the graph). */
  static fromState(state: ModelState): ContentModel {
    if (state.kind !== "content") throw new Error(`expected a "content" model state, got "${state.kind}"`);
    const model = new ContentModel(state.params as Partial<ContentConfigInput>);
    const embedding = checkMatrix(state.itemVectors.embedding, "itemVectors.embedding");
    const source = checkMatrix(state.itemVectors.source, "itemVectors.source");
    const profiles = checkMatrix(state.userVectors.profile, "userVectors.profile");
    if (source.dim !== 1 || source.rows !== embedding.rows) throw new Error(`a content state needs itemVectors.source of shape ${embedding.rows} × 1`);
    if (profiles.dim !== embedding.dim) throw new Error(`profiles have ${profiles.dim} dimensions but embeddings ${embedding.dim}`);
    const globalMean = state.scalars.globalMean;
    if (!Number.isFinite(globalMean)) throw new Error("a content state needs a finite scalars.globalMean");
    model.embedding = embedding;
    model.source = source.data;
    model.profiles = profiles;
    model.globalMean = globalMean;
    return model;
  }

  /** Number of dimensions of the item embeddings, once `fitContent` has run. */
  get dim(): number {
    return this.content("dim").dim;
  }

  /** Where item `item`'s embedding came from. */
  sourceOf(item: number): ContentSource {
    this.content("sourceOf");
    checkItem(item, this.source!.length);
    return CONTENT_SOURCES[this.source![item]];
  }

  /** Builds the item embeddings (see the class docstring). Must run before `fit`. */
  fitContent(features: ContentFeatures): void {
    const { nItems, genres, tags, genome } = features;
    if (!Number.isInteger(nItems) || nItems < 1) throw new FitError(`content features need at least one item, got nItems = ${nItems}`);
    if (genres.length !== nItems || tags.length !== nItems) {
      throw new FitError(`content features for ${nItems} items need ${nItems} genre and tag lists, got ${genres.length} and ${tags.length}`);
    }
    const text = tfidf(genres.map((g, i) => movieTerms(g, tags[i])));
    const textEmbedding = this.reduce(text);
    const source = new Float32Array(nItems);
    for (let i = 0; i < nItems; i++) source[i] = tags[i].some((tag) => tag.trim() !== "") ? TAGS : GENRES;

    if (!genome || genome.items.length === 0) {
      this.embedding = { rows: nItems, dim: textEmbedding.dim, data: Float32Array.from(textEmbedding.data) };
      this.source = source;
      return;
    }

    checkGenome(genome, nItems);
    const genomeEmbedding = this.reduce({ rows: genome.items.length, cols: genome.dim, data: genome.data });
    const dim = genomeEmbedding.dim;
    const data = new Float32Array(nItems * dim);
    const hasGenome = new Uint8Array(nItems);
    genome.items.forEach((item, r) => {
      hasGenome[item] = 1;
      source[item] = GENOME;
      data.set(genomeEmbedding.data.subarray(r * dim, (r + 1) * dim), item * dim);
    });

    const isZero = (i: number): boolean => text.ptr[i] === text.ptr[i + 1];
    const needsMap = Array.from({ length: nItems }, (_, i) => i).filter((i) => !hasGenome[i] && !isZero(i));
    if (needsMap.length > 0) {
      const pairs = genome.items.filter((item) => !isZero(item));
      if (pairs.length === 0) {
        throw new FitError("no movie has both a genome and genres or tags, so TF-IDF embeddings cannot be mapped into the genome space");
      }
      const rowOf = new Int32Array(nItems);
      genome.items.forEach((item, r) => (rowOf[item] = r));
      const map = fitRidge(
        gatherRows(textEmbedding.data, textEmbedding.dim, pairs),
        gatherRows(genomeEmbedding.data, dim, Int32Array.from(pairs, (item) => rowOf[item])),
        pairs.length,
        textEmbedding.dim,
        dim,
        this.config.ridge,
      );
      for (const item of needsMap) {
        const mapped = map(textEmbedding.data.subarray(item * textEmbedding.dim, (item + 1) * textEmbedding.dim));
        data.set(normalized(mapped), item * dim);
      }
    }
    this.embedding = { rows: nItems, dim, data };
    this.source = source;
  }

  /** Builds every user's profile from their ratings (see the class docstring); the embeddings stay as `fitContent` made them. */
  async fit(train: RatingMatrix): Promise<void> {
    const embedding = this.content("fit");
    if (train.nItems !== embedding.rows) throw new FitError(`the ratings cover ${train.nItems} items but the content features ${embedding.rows}`);
    if (train.nnz === 0) throw new FitError("the content model needs at least one rating to build user profiles");
    this.globalMean = train.globalMean;
    const data = new Float32Array(train.nUsers * embedding.dim);
    for (let u = 0; u < train.nUsers; u++) {
      const { items, ratings } = train.userRow(u);
      data.set(this.profileOf(items, ratings), u * embedding.dim);
    }
    this.profiles = { rows: train.nUsers, dim: embedding.dim, data };
  }

  /** Cosine between user `user`'s profile and every item. */
  scoreUser(user: number): Float32Array {
    const profiles = this.fitted("scoreUser");
    checkUser(user, profiles.rows);
    return this.cosines(profiles.data.subarray(user * profiles.dim, (user + 1) * profiles.dim));
  }

  /** Cosine between the profile built from these ratings (as in `fit`) and every item. */
  scoreProfile(profile: Profile): Float32Array {
    this.fitted("scoreProfile");
    checkProfile(profile, this.embedding!.rows);
    return this.cosines(this.profileOf(profile.items, profile.ratings));
  }

  /** The k items closest to `item` by cosine, best first, leaving out itself and items without content. */
  similarItems(item: number, k: number): SimilarItems {
    const embedding = this.content("similarItems");
    checkItem(item, embedding.rows);
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
    const query = embedding.data.subarray(item * embedding.dim, (item + 1) * embedding.dim);
    const scores = this.cosines(query);
    const candidates = norm(query) > 0 ? this.itemsWithContent().slice() : new Uint8Array(embedding.rows);
    candidates[item] = 0;
    const items = topK(scores, Math.min(k, embedding.rows), candidates);
    return { items, scores: Float32Array.from(items, (i) => scores[i]) };
  }

  /** Cosine between two items' embeddings (a dot product: they are unit or zero); 0 when either has none. */
  itemSimilarity(a: number, b: number): number {
    const { rows, dim, data } = this.content("itemSimilarity");
    checkItem(a, rows);
    checkItem(b, rows);
    let dot = 0;
    for (let c = 0; c < dim; c++) dot += data[a * dim + c] * data[b * dim + c];
    return dot;
  }

  /**
   * 1 for every item whose embedding is not zero. Computed once per set of
   * embeddings: scanning every norm on each similarItems call doubled its cost.
   */
  private itemsWithContent(): Uint8Array {
    const embedding = this.content("itemsWithContent");
    if (this.withContent?.of !== embedding) {
      const mask = new Uint8Array(embedding.rows);
      for (let i = 0; i < embedding.rows; i++) mask[i] = norm(embedding.data.subarray(i * embedding.dim, (i + 1) * embedding.dim)) > 0 ? 1 : 0;
      this.withContent = { of: embedding, mask };
    }
    return this.withContent.mask;
  }

  /** The state shares the model's arrays; copy them before mutating. */
  toState(): ModelState {
    const profiles = this.fitted("toState");
    const embedding = this.embedding!;
    return {
      kind: this.kind,
      params: { ...this.config },
      scalars: { globalMean: this.globalMean },
      userVectors: { profile: profiles },
      itemVectors: { embedding, source: { rows: embedding.rows, dim: 1, data: this.source! } },
    };
  }

  /** The unit-length (or zero) profile of a user who gave these ratings. */
  private profileOf(items: ArrayLike<number>, ratings: ArrayLike<number>): Float32Array {
    const { dim, data } = this.embedding!;
    const beta = this.config.meanDamping;
    let sum = 0;
    for (let j = 0; j < ratings.length; j++) sum += ratings[j];
    const neutral = ratings.length + beta > 0 ? (sum + beta * this.globalMean) / (ratings.length + beta) : 0;
    const profile = new Float64Array(dim);
    for (let j = 0; j < items.length; j++) {
      const weight = ratings[j] - neutral;
      const start = items[j] * dim;
      for (let c = 0; c < dim; c++) profile[c] += weight * data[start + c];
    }
    return Float32Array.from(normalized(profile));
  }

  /** Dot products of a unit (or zero) vector with every item embedding: cosines, since the embeddings are unit or zero too. */
  private cosines(vector: Float32Array): Float32Array {
    const { rows, dim, data } = this.embedding!;
    const scores = new Float32Array(rows);
    for (let i = 0; i < rows; i++) {
      let s = 0;
      const start = i * dim;
      for (let c = 0; c < dim; c++) s += vector[c] * data[start + c];
      scores[i] = s;
    }
    return scores;
  }

  /** U·Σ of a truncated SVD, rows L2-normalised. */
  private reduce(matrix: DenseMatrix | CsrMatrix): { dim: number; data: Float64Array } {
    const { dim, oversamples, powerIterations, seed } = this.config;
    const svd = randomizedSvd(matrix, { rank: dim, oversamples, powerIterations, seed });
    const k = svd.rank;
    const data = new Float64Array(matrix.rows * k);
    for (let i = 0; i < matrix.rows; i++) {
      const row = data.subarray(i * k, (i + 1) * k);
      for (let c = 0; c < k; c++) row[c] = svd.u[i * k + c] * svd.s[c];
      row.set(normalized(row));
    }
    return { dim: k, data };
  }

  private content(operation: string): Matrix32 {
    if (!this.embedding) throw new Error(`the content model needs fitContent(features) before ${operation}`);
    return this.embedding;
  }

  private fitted(operation: string): Matrix32 {
    if (!this.profiles) throw new Error(`the content model must be fit before ${operation}`);
    return this.profiles;
  }
}

/**
 * Ridge regression with an intercept from X (n × p) to Y (n × q), both
 * row-major: W = (XcᵀXc + λI)⁻¹ XcᵀYc on column-centred Xc, Yc (Hastie,
 * Tibshirani & Friedman, The Elements of Statistical Learning, 2nd ed., §3.4.1,
 * which leaves the intercept unpenalised by centring). Returns x ↦ ȳ + (x − x̄) W.
 */
function fitRidge(x: Float64Array, y: Float64Array, n: number, p: number, q: number, lambda: number): (row: ArrayLike<number>) => Float64Array {
  const xMean = columnMeans(x, n, p);
  const yMean = columnMeans(y, n, q);
  const gram = new Float64Array(p * p);
  const cross = new Float64Array(p * q);
  for (let r = 0; r < n; r++) {
    for (let a = 0; a < p; a++) {
      const xa = x[r * p + a] - xMean[a];
      for (let b = 0; b < p; b++) gram[a * p + b] += xa * (x[r * p + b] - xMean[b]);
      for (let b = 0; b < q; b++) cross[a * q + b] += xa * (y[r * q + b] - yMean[b]);
    }
  }
  for (let a = 0; a < p; a++) gram[a * p + a] += lambda;
  const w = new CholeskyDecomposition(Matrix.from1DArray(p, p, gram)).solve(Matrix.from1DArray(p, q, cross));
  return (row) => {
    const out = Float64Array.from(yMean);
    for (let a = 0; a < p; a++) {
      const xa = row[a] - xMean[a];
      for (let b = 0; b < q; b++) out[b] += xa * w.get(a, b);
    }
    return out;
  };
}

function columnMeans(data: Float64Array, rows: number, cols: number): Float64Array {
  const mean = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mean[c] += data[r * cols + c];
  return mean.map((m) => m / rows);
}

function gatherRows(data: Float64Array, dim: number, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length * dim);
  for (let r = 0; r < rows.length; r++) out.set(data.subarray(rows[r] * dim, (rows[r] + 1) * dim), r * dim);
  return out;
}

function norm(vector: ArrayLike<number>): number {
  let s = 0;
  for (let c = 0; c < vector.length; c++) s += vector[c] * vector[c];
  return Math.sqrt(s);
}

/** The vector scaled to unit length; a zero vector stays zero. */
function normalized(vector: Float64Array): Float64Array {
  const length = norm(vector);
  return length > 0 ? vector.map((v) => v / length) : vector;
}

function checkItem(item: number, nItems: number): void {
  if (!Number.isInteger(item) || item < 0 || item >= nItems) throw new RangeError(`item ${item} is outside the ${nItems} items of the content model`);
}

function checkGenome(genome: NonNullable<ContentFeatures["genome"]>, nItems: number): void {
  const { items, dim, data } = genome;
  if (!Number.isInteger(dim) || dim < 1) throw new FitError(`the genome needs a positive dimension, got ${dim}`);
  if (data.length !== items.length * dim) throw new FitError(`a genome of ${items.length} items × ${dim} tags needs ${items.length * dim} values, got ${data.length}`);
  const seen = new Uint8Array(nItems);
  for (const item of items) {
    if (!Number.isInteger(item) || item < 0 || item >= nItems) throw new FitError(`genome item ${item} is outside the ${nItems} items`);
    if (seen[item]) throw new FitError(`genome item ${item} is listed twice`);
    seen[item] = 1;
  }
}

function checkMatrix(matrix: Matrix32 | undefined, name: string): Matrix32 {
  if (!matrix || !(matrix.data instanceof Float32Array) || matrix.data.length !== matrix.rows * matrix.dim) {
    throw new Error(`a content state needs ${name} as a Float32Array of rows × dim values`);
  }
  return matrix;
}
