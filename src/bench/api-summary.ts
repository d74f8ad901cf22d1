import { DEFAULT_MIX, REQUEST_KINDS, type RequestKind, type ScenarioName } from "./api-workload.js";

/** What became of one request. */
export type Outcome = "ok" | "http" | "graphql";

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface ErrorCounts {
  /** Responses with a status outside 2xx. */
  http: number;
  /** 2xx responses whose body carries GraphQL `errors`. */
  graphql: number;
  /** Connection errors and timeouts, which never got a response. */
  socket: number;
  /** Requests of the verification pass before the run that did not return what they should. */
  verification: number;
}

export interface KindSummary {
  kind: RequestKind;
  requests: number;
  requestsPerSecond: number;
  latencyMs: LatencySummary;
  errors: number;
}

export interface ScenarioSummary {
  scenario: ScenarioName;
  /** Requests per second the load generator held the run to; null: as many as the API answered. */
  heldRate: number | null;
  /** Requests kept in flight; null for a paced run, which sends on schedule however many are in flight. */
  connections: number | null;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  /** Every response, failed ones too: an error that comes back fast must not flatter the numbers. */
  latencyMs: LatencySummary;
  errors: ErrorCounts;
  /** The mix split by kind; a single-kind scenario has one entry. */
  byKind: KindSummary[];
  /** First error messages seen, so a failed run says why. */
  samples: string[];
}

const MAX_SAMPLES = 5;

/**
 * Latencies and outcomes of one run, per kind of request. Every latency is
 * kept (tens of thousands for a 10-second run) so percentiles are exact, not
 * read off histogram buckets.
 */
export class Recorder {
  private readonly latencies = new Map<RequestKind, number[]>();
  private readonly failures = new Map<RequestKind, number>();
  readonly errors: ErrorCounts = { http: 0, graphql: 0, socket: 0, verification: 0 };
  readonly samples: string[] = [];

  record(kind: RequestKind, ms: number, outcome: Outcome, detail?: string): void {
    let list = this.latencies.get(kind);
    if (!list) this.latencies.set(kind, (list = []));
    list.push(ms);
    if (outcome === "ok") return;
    this.errors[outcome] += 1;
    this.failures.set(kind, (this.failures.get(kind) ?? 0) + 1);
    if (detail !== undefined) this.sample(`${kind}: ${detail}`);
  }

  sample(message: string): void {
    if (this.samples.length < MAX_SAMPLES) this.samples.push(message.slice(0, 300));
  }

  summarise(scenario: ScenarioName, heldRate: number | null, connections: number | null, seconds: number): ScenarioSummary {
    const all = [...this.latencies.values()].flat();
    const byKind = REQUEST_KINDS.flatMap((kind) => {
      const list = this.latencies.get(kind);
      if (!list) return [];
      return [{ kind, requests: list.length, requestsPerSecond: rate(list.length, seconds), latencyMs: latencySummary(list), errors: this.failures.get(kind) ?? 0 }];
    });
    return {
      scenario,
      heldRate,
      connections,
      seconds,
      requests: all.length,
      requestsPerSecond: rate(all.length, seconds),
      latencyMs: latencySummary(all),
      errors: { ...this.errors },
      byKind,
      samples: [...this.samples],
    };
  }
}

/** Nearest-rank percentiles, rounded to 0.1 ms. */
export function latencySummary(values: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: round1(sorted.at(-1) ?? Number.NaN) };
}

/** The smallest value with at least p % of the values at or below it. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return round1(sorted[rank - 1]);
}

export function totalErrors(errors: ErrorCounts): number {
  return errors.http + errors.graphql + errors.socket + errors.verification;
}

/** Whether a body carries a GraphQL `errors` member. */
export function hasGraphQLErrors(body: string): boolean {
  // Inside a JSON string every quote is escaped, so `"errors":` can only be a key; Apollo's
  // responses have no other key of that name. A substring test keeps the load generator cheap.
  return body.includes('"errors":');
}

/** How a reply counts: an HTTP error, a GraphQL error, or an answer; errors with the start of the body to show. */
export function replyOutcome(status: number, body: string): { outcome: Outcome; detail?: string } {
  if (status < 200 || status >= 300) return { outcome: "http", detail: `HTTP ${status} ${body.slice(0, 200)}` };
  if (hasGraphQLErrors(body)) return { outcome: "graphql", detail: body.slice(0, 200) };
  return { outcome: "ok" };
}

export interface Target {
  scenario: ScenarioName;
  metric: "p99" | "requestsPerSecond";
  /** p99 at most this many ms, or at least this many requests per second. */
  limit: number;
  /** A p99 measured with requests held to this rate, not at saturation. */
  atRate?: number;
}

/** The recommendation rate the API should sustain, and the rate at which its p99 is judged. */
export const RECOMMENDATIONS_RATE = 1000;

/**
 * The rate at which explanations' p99 is judged: as many per recommendation as
 * the default mix asks for (10 to 60), at the recommendation rate.
 */
export const EXPLAIN_RATE = Math.round((RECOMMENDATIONS_RATE * DEFAULT_MIX.explain) / DEFAULT_MIX.recommendations);

/** Scenarios that also run held to a rate, and the rate; 0 or absent: only the run at saturation. */
export type HeldRates = Partial<Record<ScenarioName, number>>;

/**
 * What the API should sustain on a 2-core machine with Neo4j beside it:
 * recommendations at 1,000 per second with p99 ≤ 20 ms, and explanations with
 * p99 ≤ 50 ms. Latencies are judged at a held rate: at saturation any
 * server's latency is its queue, set by how many connections wait in it.
 */
export const TARGETS: readonly Target[] = [
  { scenario: "recommendations", metric: "p99", limit: 20, atRate: RECOMMENDATIONS_RATE },
  { scenario: "recommendations", metric: "requestsPerSecond", limit: RECOMMENDATIONS_RATE },
  { scenario: "explain", metric: "p99", limit: 50, atRate: EXPLAIN_RATE },
];

/** A held run counts as holding its rate when it served at least this share of it. */
const HELD_SHARE = 0.98;

export interface TargetCheck {
  target: string;
  actual: number;
  met: boolean;
}

/**
 * Each target whose run took place, against what it measured; a run with
 * errors meets none, and a held run that fell behind its rate meets none.
 */
export function checkTargets(summaries: readonly ScenarioSummary[], targets: readonly Target[] = TARGETS): TargetCheck[] {
  return targets.flatMap((target) => {
    if (target.metric === "p99") {
      const summary = summaries.find((s) => s.scenario === target.scenario && s.heldRate === (target.atRate ?? null));
      if (!summary) return [];
      const held = summary.heldRate === null || summary.requestsPerSecond >= HELD_SHARE * summary.heldRate;
      const actual = summary.latencyMs.p99;
      const at = target.atRate ? ` at ${target.atRate} requests/s` : "";
      return [{ target: `${target.scenario} p99 ≤ ${target.limit} ms${at}`, actual, met: held && totalErrors(summary.errors) === 0 && actual <= target.limit }];
    }
    const summary = summaries.find((s) => s.scenario === target.scenario && s.heldRate === null);
    if (!summary) return [];
    const actual = summary.requestsPerSecond;
    return [{ target: `${target.scenario} ≥ ${target.limit} requests/s`, actual, met: totalErrors(summary.errors) === 0 && actual >= target.limit }];
  });
}

function rate(count: number, seconds: number): number {
  return seconds > 0 ? Math.round(count / seconds) : 0;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
