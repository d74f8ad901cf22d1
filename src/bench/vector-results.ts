import type { Database } from "../db/database.js";
import { ping } from "./vector-index.js";
import { summarizeLatency, type LatencySummary } from "./vector-math.js";

/** What a row measured: the Bolt floor, or top-k queries of one model. */
export type BenchKind = "bolt" | "content" | "als" | "mf";

/** One way of answering one case's queries, timed, with its accuracy against the exact answer. */
export interface MethodResult {
  case: string;
  kind: BenchKind;
  /** Synthetic random vectors: their timings hold, an index's recall on them does not carry over to trained ones. */
  synthetic: boolean;
  method: string;
  queries: number;
  latencyMs: LatencySummary;
  /** Mean recall@k against the exact answer of the similarity the index holds (ties at the cut forgiven); null for exact rows. */
  recall: number | null;
  /** Mean recall@k against the list the API serves (differs from `recall` where the API ranks by more than an inner product). */
  apiRecall: number | null;
  /** Mean share of the exact top-k ids returned, ties not forgiven. */
  sameIds: number | null;
  /** Seconds to build the index the row queried; null for exact rows and for the project's own index. */
  buildSeconds: number | null;
}

export interface CaseSettings {
  /** Length of every answer (top-k). */
  k: number;
  /** Numbers of candidates to ask the index for, each measured: the HNSW search keeps that many, so more finds more. */
  candidates: readonly number[];
  /** Untimed calls before each timed series, so compilation and caches are warm. */
  warmup: number;
}

/** Which case a row belongs to. */
export interface CaseLabel {
  label: string;
  kind: BenchKind;
  synthetic: boolean;
}

/** An index row's accuracy, as means over the queries. */
export interface Accuracy {
  recall: number;
  apiRecall: number;
  sameIds: number;
  buildSeconds: number | null;
}

/** Times `run` on every id after `warmup` untimed calls; returns each call's result and milliseconds. */
export async function timed<T>(ids: readonly number[], warmup: number, run: (id: number) => T | Promise<T>): Promise<{ ms: number[]; results: T[] }> {
  for (let j = 0; j < Math.min(warmup, ids.length); j++) await run(ids[j]);
  const ms: number[] = [];
  const results: T[] = [];
  for (const id of ids) {
    const started = performance.now();
    results.push(await run(id));
    ms.push(performance.now() - started);
  }
  return { ms, results };
}

/** Latency of a statement that does nothing: what every index row pays before the index does any work. */
export async function benchBolt(db: Database, queries: number, warmup: number): Promise<MethodResult> {
  const { ms } = await timed(Array.from({ length: queries }, (_, j) => j), warmup, () => ping(db));
  return row({ label: "Bolt round trip", kind: "bolt", synthetic: false }, "RETURN 1", ms);
}

/** A result row; exact rows have no accuracy. */
export function row(source: CaseLabel, method: string, ms: number[], accuracy?: Accuracy): MethodResult {
  const round = (x: number | null | undefined, digits: number) => (x === null || x === undefined ? null : Math.round(x * 10 ** digits) / 10 ** digits);
  return {
    case: source.label,
    kind: source.kind,
    synthetic: source.synthetic,
    method,
    queries: ms.length,
    latencyMs: summarizeLatency(ms),
    recall: round(accuracy?.recall, 4),
    apiRecall: round(accuracy?.apiRecall, 4),
    sameIds: round(accuracy?.sameIds, 4),
    buildSeconds: round(accuracy?.buildSeconds, 1),
  };
}

export function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}
