import { describe, expect, it } from "vitest";
import { Random } from "../../src/common/random.js";
import type { VectorBenchReport } from "../../src/bench/vector-bench.js";
import {
  cosines,
  foldItems,
  foldQuery,
  idOverlap,
  innerProducts,
  mipsItems,
  mipsQuery,
  recallAtK,
  sampleDistinct,
  summarizeLatency,
} from "../../src/bench/vector-math.js";
import { conclusion, dimensionMismatch } from "../../src/bench/vector-report.js";
import type { MethodResult } from "../../src/bench/vector-results.js";
import { mfSubject, subjectInnerProducts, syntheticModels } from "../../src/bench/vector-subjects.js";
import type { Matrix32 } from "../../src/models/model.js";

const matrix = (rows: number[][]): Matrix32 => ({ rows: rows.length, dim: rows[0].length, data: Float32Array.from(rows.flat()) });

/** Item indices by descending score. */
const order = (scores: ArrayLike<number>) => Array.from(scores, (s, i) => [s, i]).sort((a, b) => b[0] - a[0]).map(([, i]) => i);

describe("summarizeLatency", () => {
  it("takes nearest-rank percentiles", () => {
    const samples = Array.from({ length: 100 }, (_, j) => 100 - j);
    expect(summarizeLatency(samples)).toEqual({ p50: 50, p95: 95, p99: 99, max: 100 });
    expect(summarizeLatency([3, 1, 2])).toEqual({ p50: 2, p95: 3, p99: 3, max: 3 });
  });

  it("refuses an empty series", () => {
    expect(() => summarizeLatency([])).toThrow(/no latency samples/);
  });
});

describe("recallAtK", () => {
  const scores = [0.9, 0.8, 0.7, 0.7, 0.7, 0.1];
  const score = (i: number) => scores[i];

  it("is the share of the k returned items that reach the k-th best exact score", () => {
    expect(recallAtK(score, 0.7, [0, 1, 2], 3)).toBe(1);
    expect(recallAtK(score, 0.7, [0, 5, 1], 3)).toBeCloseTo(2 / 3, 12);
    expect(recallAtK(score, 0.8, [0, 2], 2)).toBe(0.5);
  });

  it("counts any item tied at the cut as found, but not below it", () => {
    expect(recallAtK(score, 0.7, [4, 3, 0], 3)).toBe(1);
    expect(recallAtK(score, 0.7, [4, 3, 5], 3)).toBeCloseTo(2 / 3, 12);
  });

  it("counts a repeated item once and a short answer as misses", () => {
    expect(recallAtK(score, 0.7, [0, 0, 0], 3)).toBeCloseTo(1 / 3, 12);
    expect(recallAtK(score, 0.7, [0], 3)).toBeCloseTo(1 / 3, 12);
    expect(recallAtK(score, 0.7, [0, 1, 2, 3], 3)).toBe(1);
  });

  it("rejects a k below 1", () => {
    expect(() => recallAtK(score, 0.7, [0], 0)).toThrow(RangeError);
  });
});

describe("idOverlap", () => {
  it("does not forgive ties", () => {
    expect(idOverlap([0, 1, 2], [0, 1, 3], 3)).toBeCloseTo(2 / 3, 12);
    expect(idOverlap([0, 1, 2], [2, 1, 0], 3)).toBe(1);
  });
});

describe("the MIPS transform", () => {
  // Cosine prefers a (short, well aligned); the inner product prefers b (long).
  const items = matrix([
    [1, 0],
    [3, 3],
    [0, 2],
  ]);
  const query = [1, 0.2];

  it("is needed: on the raw vectors cosine and inner product rank differently", () => {
    expect(order(innerProducts(items, query))).toEqual([1, 0, 2]);
    expect(order(cosines(items, query))).toEqual([0, 1, 2]);
  });

  it("makes the cosine order of the transformed vectors the inner-product order", () => {
    const { matrix: transformed, maxNorm } = mipsItems(items);
    expect(transformed.dim).toBe(3);
    expect(maxNorm).toBeCloseTo(Math.sqrt(18), 6);
    expect(order(cosines(transformed, mipsQuery(query)))).toEqual([1, 0, 2]);
  });

  it("keeps inner products and gives every item the same norm", () => {
    const { matrix: transformed, maxNorm } = mipsItems(items);
    const q = mipsQuery(query);
    expect(Array.from(q)).toEqual([1, Math.fround(0.2), 0]);
    const raw = innerProducts(items, query);
    innerProducts(transformed, q).forEach((s, i) => expect(s).toBeCloseTo(raw[i], 5));
    for (let i = 0; i < 3; i++) expect(Math.hypot(...transformed.data.subarray(i * 3, i * 3 + 3))).toBeCloseTo(maxNorm, 5);
  });

  it("also turns the order of Euclidean distances into the inner-product order", () => {
    const { matrix: transformed } = mipsItems(items);
    const q = mipsQuery(query);
    const negDistance = Array.from({ length: 3 }, (_, i) => -Math.hypot(...Array.from(transformed.data.subarray(i * 3, i * 3 + 3), (v, c) => v - q[c])));
    expect(order(negDistance)).toEqual([1, 0, 2]);
  });
});

describe("folding biases", () => {
  it("makes b_i + p·q_i an inner product, so the transform ranks by it", () => {
    // By p·q alone: item 0 (2) beats item 1 (1) beats item 2 (0); the biases reverse it.
    const factors = matrix([
      [2, 0],
      [1, 0],
      [0, 0],
    ]);
    const bias = Float32Array.from([-3, 0, 0.5]);
    const folded = foldItems(factors, bias);
    const q = foldQuery([1, 5], true);
    expect(Array.from(innerProducts(folded, q))).toEqual([-1, 1, 0.5]);
    expect(order(cosines(mipsItems(folded).matrix, mipsQuery(q)))).toEqual([1, 2, 0]);
  });

  it("leaves vectors alone without biases", () => {
    const factors = matrix([[1, 2]]);
    expect(foldItems(factors)).toBe(factors);
    expect(Array.from(foldQuery([1, 2], false))).toEqual([1, 2]);
  });

  it("reproduces MF's own predictions, and the check catches vectors that do not", () => {
    const { mf } = syntheticModels(50, 3, 4, 7);
    const subject = mfSubject("mf", mf);
    expect(subject.items.dim).toBe(5);
    for (let u = 0; u < 3; u++) subject.verify(u, subjectInnerProducts(subject, u));
    const wrong = subjectInnerProducts(subject, 0).map((s) => s + 0.01);
    expect(() => subject.verify(0, wrong)).toThrow(/miss the model's predictions/);
  });
});

describe("sampleDistinct", () => {
  it("draws distinct values, the same ones for the same seed", () => {
    const pool = Array.from({ length: 100 }, (_, j) => j * 2);
    const a = sampleDistinct(pool, 30, new Random(1));
    expect(new Set(a).size).toBe(30);
    expect(a.every((v) => pool.includes(v))).toBe(true);
    expect(sampleDistinct(pool, 30, new Random(1))).toEqual(a);
    expect(sampleDistinct(pool, 30, new Random(2))).not.toEqual(a);
    expect(sampleDistinct([1, 2, 3], 10, new Random(1)).sort()).toEqual([1, 2, 3]);
  });
});

describe("the conclusion", () => {
  const result = (caseName: string, method: string, p50: number, recall: number | null, synthetic = false): MethodResult => ({
    case: caseName,
    kind: "als",
    synthetic,
    method,
    queries: 100,
    latencyMs: { p50, p95: p50, p99: p50, max: p50 },
    recall,
    apiRecall: recall,
    sameIds: recall,
    buildSeconds: null,
  });
  const report = (results: MethodResult[], configuredDimensions: number | undefined = 64): VectorBenchReport => ({
    benchmark: "vectors",
    machine: { cores: 2, cpu: "test", node: "v20", loadAverageBefore: [1, 1, 1], loadAverageAfter: [1, 1, 1] },
    settings: { dataDir: "d", genomeDir: "g", queries: 100, seed: 1, scaleItems: 10, k: 10, candidates: [10], warmup: 0 },
    contentIndex: { property: "p", index: "i", configuredDimensions, embeddingDimensions: 64, listLengths: {}, indexable: 0, returned: 0 },
    contentTies: { queries: 100, tiedQueries: 0, medianTiedMovies: 0 },
    factors: { als: 64, mf: 64 },
    results: [result("Bolt round trip", "RETURN 1", 0.5, null), ...results],
  });

  it("keeps exact scoring when the accurate index settings are slower", () => {
    const text = conclusion(report([result("ALS", "exact", 1, null), result("ALS", "index fast", 0.8, 0.6), result("ALS", "index good", 2, 0.99)]));
    expect(text).toContain("exact scoring stays");
    expect(text).toContain("index good, 2 ms p50");
  });

  it("names the case where an accurate index is faster", () => {
    const text = conclusion(report([result("ALS big", "exact", 9, null), result("ALS big", "index", 3, 0.97)]));
    expect(text).toContain("an accurate index beat exact scoring only for: ALS big.");
  });

  it("judges synthetic cases by the latency of the settings accurate on trained factors", () => {
    const real = [result("ALS", "exact", 1, null), result("ALS", "coarse", 0.5, 0.6), result("ALS", "fine", 2, 0.98)];
    const slow = conclusion(report([...real, result("ALS 62k", "exact", 4, null, true), result("ALS 62k", "coarse", 1, 0.1, true), result("ALS 62k", "fine", 5, 0.3, true)]));
    expect(slow).toContain("the setting accurate on the trained factors (fine) takes 5 ms p50, slower");
    expect(slow).toContain("no index setting that was accurate on trained factors beat exact scoring");
    const fast = conclusion(report([...real, result("ALS 62k", "exact", 9, null, true), result("ALS 62k", "coarse", 1, 0.1, true), result("ALS 62k", "fine", 3, 0.3, true)]));
    expect(fast).toContain("an index answers faster than exact scoring for ALS 62k (3 ms p50 against 9 ms p50)");
    expect(fast).toContain("exact scoring stays");
    const none = conclusion(report([result("ALS", "exact", 1, null), result("ALS 62k", "exact", 9, null, true), result("ALS 62k", "fine", 3, 0.3, true)]));
    expect(none).toContain("no index setting reached recall ≥ 0.95 on the trained ALS factors");
  });

  it("flags a content index whose dimension differs from the embeddings'", () => {
    expect(dimensionMismatch(report([], 64))).toBe(false);
    expect(dimensionMismatch(report([], 32))).toBe(true);
    expect(dimensionMismatch(report([], undefined))).toBe(false);
    expect(conclusion(report([result("ALS", "exact", 1, null)], 32))).toContain("unusable");
  });
});
