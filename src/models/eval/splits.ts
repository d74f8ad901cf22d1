import { Random } from "../../common/random.js";
import { selectInteractions, type Interactions } from "../data/interactions.js";

/**
 * Train/test splits of a rating set, as positions into it (ascending, disjoint,
 * together covering every rating), so a split is cheap to keep and to apply to
 * other parallel arrays. `applySplit` turns one into two Interactions.
 */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}

export interface RandomSplitOptions {
  /** Share of all ratings held out for testing (default 0.2). */
  testFraction?: number;
  /** Seed of the shuffle (default 42). */
  seed?: number;
}

export interface TemporalSplitOptions {
  /** How many of each user's latest ratings are held out (default 1: leave-last-one-out). */
  perUser?: number;
}

export interface KFoldOptions {
  /** Number of folds (default 5). */
  k?: number;
  /** Seed of the shuffle that deals ratings to folds (default 42). */
  seed?: number;
}

export interface StratifiedSplitOptions {
  /** Share of each user's (or item's) ratings kept for training (default 0.75, as in Microsoft Recommenders). */
  ratio?: number;
  /** Seed of the per-user (or per-item) shuffles (default 42). */
  seed?: number;
  /**
   * Whose ratings are split in proportion: each user's (default, the
   * `filter_by="user"` default of Recommenders' python_stratified_split) or
   * each item's (`filter_by="item"`, which their MovieLens benchmark notebook,
   * examples/06_benchmarks/movielens.ipynb, passes: "The splitting is
   * stratified based on items").
   */
  by?: "user" | "item";
}

// Each kind of split draws from its own stream, so one seed gives unrelated shuffles across kinds.
const RANDOM_STREAM = 1;
const KFOLD_STREAM = 2;
const STRATIFIED_STREAM = 3;
const ITEM_STRATIFIED_STREAM = 4;

/** The rows of `data` on each side of a split. */
export function applySplit(data: Interactions, split: Split): { train: Interactions; test: Interactions } {
  return { train: selectInteractions(data, split.train), test: selectInteractions(data, split.test) };
}

/**
 * Holds out round(testFraction · n) ratings drawn uniformly without
 * replacement (a partial Fisher–Yates shuffle), regardless of user. Exact
 * rather than per-rating coin flips so sizes do not vary with the seed. A user
 * may end up with all of their ratings on one side; use `stratifiedSplit` when
 * every test user must also be a training user.
 */
export function randomSplit(data: Interactions, options: RandomSplitOptions = {}): Split {
  const { testFraction = 0.2, seed = 42 } = options;
  if (!(testFraction >= 0 && testFraction <= 1)) throw new RangeError(`testFraction must be within [0, 1], got ${testFraction}`);
  const n = data.users.length;
  const nTest = Math.round(testFraction * n);
  const random = new Random(seed, RANDOM_STREAM);
  const order = identity(n);
  for (let i = 0; i < nTest; i++) swap(order, i, i + random.int(n - i));
  const inTest = new Uint8Array(n);
  for (let i = 0; i < nTest; i++) inTest[order[i]] = 1;
  return partition(inTest, 1);
}

/**
 * Holds out each user's last `perUser` ratings by timestamp (the
 * leave-last-N-out protocol: the model must predict what a user rates next).
 * Ratings with equal timestamps keep their order in `data`, so the result
 * does not depend on a seed. A user with n ≤ perUser ratings keeps the earliest
 * one in training and gives up the other n − 1, so every user stays known to
 * the model; a user with a single rating is never tested.
 */
export function temporalSplit(data: Interactions, options: TemporalSplitOptions = {}): Split {
  const { perUser = 1 } = options;
  if (!Number.isInteger(perUser) || perUser < 1) throw new RangeError(`perUser must be a positive integer, got ${perUser}`);
  const n = data.users.length;
  const { ptr, positions } = groupBy(data.users);
  const inTest = new Uint8Array(n);
  for (let u = 0; u + 1 < ptr.length; u++) {
    const own = Array.from(positions.subarray(ptr[u], ptr[u + 1]));
    own.sort((a, b) => data.timestamps[a] - data.timestamps[b] || a - b);
    const held = Math.min(perUser, own.length - 1);
    for (let r = own.length - held; r < own.length; r++) inTest[own[r]] = 1;
  }
  return partition(inTest, 1);
}

/**
 * Deals the ratings into k folds after a seeded shuffle (position r of the
 * shuffled order goes to fold r mod k), so fold sizes differ by at most one and
 * every rating is in exactly one test fold. Fold f's training set is every
 * other fold. Like `randomSplit`, this ignores users.
 */
export function kFold(data: Interactions, options: KFoldOptions = {}): Split[] {
  const { k = 5, seed = 42 } = options;
  const n = data.users.length;
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k-fold needs an integer k ≥ 2, got ${k}`);
  if (k > n) throw new RangeError(`cannot deal ${n} ratings into ${k} folds`);
  const random = new Random(seed, KFOLD_STREAM);
  const order = identity(n);
  for (let i = n - 1; i > 0; i--) swap(order, i, random.int(i + 1));
  const fold = new Int32Array(n);
  for (let r = 0; r < n; r++) fold[order[r]] = r % k;
  return Array.from({ length: k }, (_, f) => partition(fold, f));
}

/**
 * Per user, shuffles that user's ratings and keeps the first round(ratio · n)
 * for training: the protocol of Microsoft Recommenders' python_stratified_split
 * (recommenders/datasets/python_splitters.py, `_do_stratification`), which
 * ranks each user's ratings in random order and keeps rank ≤
 * round(ratio · count). Their `round` is pandas/NumPy rounding, half to even,
 * so this rounds half to even too: with the default 0.75, a user with 2 ratings
 * keeps both (1.5 → 2), one with 6 keeps 4 (4.5 → 4), one with 10 keeps 8
 * (7.5 → 8). (Some versions of `_do_stratification` keep rank / count ≤ ratio
 * instead, which floors: 7 of 10. The two differ by at most one rating per user.)
 *
 * Users with too few ratings are not filtered (their `min_rating` defaults to
 * 1, which filters nothing): a user with round(ratio · n) = n, i.e. 1 or 2
 * ratings at 0.75, has no test rating and simply does not count in ranking
 * metrics. Only the shuffle differs from theirs (our seeded generator, one
 * independent stream per user, instead of NumPy's), so the same seed does not
 * reproduce their exact split.
 *
 * With `by: "item"` the same is done per item: every item keeps round(ratio · n)
 * of its ratings in training, so an item with 2 or more ratings is never only
 * in the test set, while a user's share of test ratings varies around 1 − ratio.
 */
export function stratifiedSplit(data: Interactions, options: StratifiedSplitOptions = {}): Split {
  const { ratio = 0.75, seed = 42, by = "user" } = options;
  if (!(ratio >= 0 && ratio <= 1)) throw new RangeError(`ratio must be within [0, 1], got ${ratio}`);
  const n = data.users.length;
  const { ptr, positions } = groupBy(by === "user" ? data.users : data.items);
  const stream = by === "user" ? STRATIFIED_STREAM : ITEM_STRATIFIED_STREAM;
  const inTest = new Uint8Array(n);
  for (let g = 0; g + 1 < ptr.length; g++) {
    const count = ptr[g + 1] - ptr[g];
    if (count === 0) continue;
    const own = positions.slice(ptr[g], ptr[g + 1]);
    const random = new Random(seed, stream, g);
    for (let i = count - 1; i > 0; i--) swap(own, i, random.int(i + 1));
    for (let r = roundHalfEven(ratio * count); r < count; r++) inTest[own[r]] = 1;
  }
  return partition(inTest, 1);
}

/** Rounds to the nearest integer and halves to the even one, as NumPy's `around` and Python's `round` do. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const rest = x - floor;
  if (rest < 0.5) return floor;
  if (rest > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Positions whose label is `testLabel` as test, the rest as train, both ascending. */
function partition(labels: Uint8Array | Int32Array, testLabel: number): Split {
  let nTest = 0;
  for (let p = 0; p < labels.length; p++) if (labels[p] === testLabel) nTest++;
  const train = new Int32Array(labels.length - nTest);
  const test = new Int32Array(nTest);
  let a = 0;
  let b = 0;
  for (let p = 0; p < labels.length; p++) {
    if (labels[p] === testLabel) test[b++] = p;
    else train[a++] = p;
  }
  return { train, test };
}

/** Positions grouped by user (or item) index with a counting sort, ascending within each group: group g owns positions[ptr[g] … ptr[g+1]). */
function groupBy(index: Int32Array): { ptr: Int32Array; positions: Int32Array } {
  let nGroups = 0;
  for (let p = 0; p < index.length; p++) {
    if (index[p] < 0) throw new RangeError(`rating ${p} has a negative index ${index[p]}`);
    if (index[p] >= nGroups) nGroups = index[p] + 1;
  }
  const ptr = new Int32Array(nGroups + 1);
  for (let p = 0; p < index.length; p++) ptr[index[p] + 1]++;
  for (let g = 0; g < nGroups; g++) ptr[g + 1] += ptr[g];
  const next = ptr.slice(0, nGroups);
  const positions = new Int32Array(index.length);
  for (let p = 0; p < index.length; p++) positions[next[index[p]]++] = p;
  return { ptr, positions };
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function swap(array: Int32Array, i: number, j: number): void {
  const t = array[i];
  array[i] = array[j];
  array[j] = t;
}
