/**
 * Seeded randomness for everything that draws: the data set generator, model
 * initialisation, splits and sampling.
 *
 * The generator is xoshiro128** 1.1 by David Blackman and Sebastiano Vigna
 * ("Scrambled Linear Pseudorandom Number Generators", ACM TOMS 47(4), 2021;
 * reference code at https://prng.di.unimi.it/xoshiro128starstar.c). It is
 * 32-bit, so it runs on `Math.imul` without BigInt, and its period of 2^128 − 1
 * is out of reach, whereas the hundreds of millions of draws of a 25M-rating
 * run would use up a noticeable share of mulberry32's 2^32.
 *
 * The state is seeded the way the authors recommend, from a SplitMix-style
 * generator: a Weyl sequence (golden-ratio increment) through MurmurHash3's
 * fmix32 finalizer, so neighbouring keys (user 7, user 8) give unrelated
 * streams.
 */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = Number.NaN;

  /**
   * Every distinct key list gives an independent stream: `new Random(seed, STREAM, userIndex)`
   * lets each user be generated without replaying the draws of the users before it.
   */
  constructor(...keys: number[]) {
    let h = 0x6a09e667;
    for (const key of keys) {
      if (!Number.isSafeInteger(key)) throw new RangeError(`random keys must be safe integers, got ${key}`);
      h = fmix32(h ^ (key >>> 0));
      h = fmix32((h + GOLDEN) ^ Math.floor(key / 2 ** 32));
    }
    this.s0 = fmix32((h += GOLDEN));
    this.s1 = fmix32((h += GOLDEN));
    this.s2 = fmix32((h += GOLDEN));
    this.s3 = fmix32((h += GOLDEN));
    // xoshiro is stuck at zero forever from an all-zero state.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = GOLDEN;
  }

  /** Uniform unsigned 32-bit integer. */
  uint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Standard normal draw (Marsaglia's polar method; the second value of each pair is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const value = this.spare;
      this.spare = Number.NaN;
      return value;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.float() - 1;
      v = 2 * this.float() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * factor;
    return u * factor;
  }

  /** Exponential draw with mean 1 (inversion; 1 − u keeps the logarithm finite). */
  exponential(): number {
    return -Math.log(1 - this.float());
  }
}

const GOLDEN = 0x9e3779b9;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Unnormalised Zipf–Mandelbrot weights: the item of rank r (0-based) weighs
 * 1 / (r + 1 + offset)^exponent. Offset 0 is plain Zipf; a positive offset
 * flattens the head and leaves the power-law tail as it is.
 */
export function zipfWeights(n: number, exponent: number, offset = 0): Float64Array {
  const weights = new Float64Array(n);
  for (let r = 0; r < n; r++) weights[r] = 1 / (r + 1 + offset) ** exponent;
  return weights;
}

/**
 * Constant-time sampling from a fixed discrete distribution (Walker's alias
 * method, built with Vose's numerically stable variant). Drawing a movie for
 * each of 25M ratings by binary search over a CDF would cost ~16 branches per
 * draw; this costs one uniform draw and one comparison.
 */
export class AliasTable {
  readonly size: number;
  private readonly threshold: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (!(weights[i] >= 0) || !Number.isFinite(weights[i])) throw new RangeError(`weight ${i} is not a finite non-negative number`);
      total += weights[i];
    }
    if (n === 0 || total <= 0) throw new RangeError("an alias table needs at least one positive weight");
    this.size = n;
    this.threshold = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small = new Int32Array(n);
    const large = new Int32Array(n);
    let smallCount = 0;
    let largeCount = 0;
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i] * n) / total;
      if (scaled[i] < 1) small[smallCount++] = i;
      else large[largeCount++] = i;
    }
    while (smallCount > 0 && largeCount > 0) {
      const less = small[--smallCount];
      const more = large[--largeCount];
      this.threshold[less] = scaled[less];
      this.alias[less] = more;
      scaled[more] = scaled[more] + scaled[less] - 1;
      if (scaled[more] < 1) small[smallCount++] = more;
      else large[largeCount++] = more;
    }
    // Whatever is left is 1 up to rounding error and must always accept itself.
    while (largeCount > 0) this.threshold[large[--largeCount]] = 1;
    while (smallCount > 0) this.threshold[small[--smallCount]] = 1;
  }

  /** An index in [0, size), drawn with probability proportional to its weight. */
  sample(rng: Random): number {
    const u = rng.float() * this.size;
    const i = Math.floor(u);
    return u - i < this.threshold[i] ? i : this.alias[i];
  }
}
