import type { Strategy } from "../recommend/recommendation.service.js";

/** One kind of GraphQL request the benchmark sends. */
export type RequestKind = "recommendations" | "similar" | "explain" | "search";

/** A timed run: one kind of request alone, or the mix. */
export type ScenarioName = "recommendations" | "similar" | "explain" | "mixed";

export const SCENARIOS: readonly ScenarioName[] = ["recommendations", "similar", "explain", "mixed"];

export const REQUEST_KINDS: readonly RequestKind[] = ["recommendations", "similar", "explain", "search"];

export type Mix = Record<RequestKind, number>;

/** A browsing session's shape: mostly lists for a user, then neighbours, a few explanations and searches. */
export const DEFAULT_MIX: Mix = { recommendations: 60, similar: 25, explain: 10, search: 5 };

/** The operations, as a client would send them: variables, not values spliced into the text. */
export const OPERATIONS: Record<RequestKind, string> = {
  recommendations:
    "query Recommendations($userId: ID!, $strategy: Strategy) { recommendations(userId: $userId, first: 10, strategy: $strategy) { rank score movie { id title year genres averageRating ratingCount } } }",
  similar: "query Similar($movieId: ID!) { similarMovies(movieId: $movieId, first: 10) { score source movie { id title } } }",
  explain:
    "query Explain($userId: ID!, $movieId: ID!) { explain(userId: $userId, movieId: $movieId, first: 5) { summary paths { kind support weight } } }",
  search: "query Search($search: String!) { movies(search: $search, first: 10) { totalCount edges { node { id title year } } } }",
};

/** Real ids to spread the load over, found on the server before the timed runs. */
export interface Pools {
  userIds: number[];
  movieIds: number[];
  /** (user, movie) pairs where the movie is among the user's recommendations. */
  pairs: Array<[number, number]>;
  searchTerms: string[];
}

/** Every request body of a kind, serialised once so the load generator only picks the next one. */
export function requestBodies(kind: RequestKind, pools: Pools, strategy: Strategy): string[] {
  const body = (variables: Record<string, unknown>) => JSON.stringify({ query: OPERATIONS[kind], variables });
  switch (kind) {
    case "recommendations":
      return pools.userIds.map((id) => body({ userId: String(id), strategy }));
    case "similar":
      return pools.movieIds.map((id) => body({ movieId: String(id) }));
    case "explain":
      return pools.pairs.map(([userId, movieId]) => body({ userId: String(userId), movieId: String(movieId) }));
    case "search":
      return pools.searchTerms.map((search) => body({ search }));
  }
}

/**
 * One period of a smooth weighted round-robin (as nginx balances upstreams):
 * each kind appears exactly in proportion to its weight, spread out rather
 * than in runs, so any stretch of the run sees the mix.
 */
export function weightedSchedule(mix: Partial<Mix>): RequestKind[] {
  const entries = REQUEST_KINDS.map((kind) => [kind, mix[kind] ?? 0] as const).filter(([, w]) => w > 0);
  if (entries.length === 0) throw new Error("the mix needs at least one kind with a positive weight");
  for (const [kind, w] of entries) if (!Number.isInteger(w)) throw new Error(`weight of ${kind} must be a whole number, got ${w}`);
  const divisor = entries.map(([, w]) => w).reduce(gcd);
  const weights = entries.map(([kind, w]) => [kind, w / divisor] as const);
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  const current = weights.map(() => 0);
  const schedule: RequestKind[] = [];
  for (let slot = 0; slot < total; slot++) {
    let best = 0;
    weights.forEach(([, w], i) => {
      current[i] += w;
      if (current[i] > current[best]) best = i;
    });
    current[best] -= total;
    schedule.push(weights[best][0]);
  }
  return schedule;
}

/** The requests of one scenario, handed out in a fixed order that all connections share. */
export class Workload {
  private slot = 0;
  private readonly cursors = new Map<RequestKind, number>();

  constructor(
    private readonly schedule: readonly RequestKind[],
    private readonly bodies: ReadonlyMap<RequestKind, readonly string[]>,
  ) {
    for (const kind of new Set(schedule)) {
      if (!bodies.get(kind)?.length) throw new Error(`no ${kind} requests to send: the server gave nothing to build them from`);
    }
  }

  /** The scenario's workload: one kind throughout, or the mix. */
  static forScenario(scenario: ScenarioName, pools: Pools, strategy: Strategy, mix: Mix = DEFAULT_MIX): Workload {
    const schedule = scenario === "mixed" ? weightedSchedule(mix) : [scenario];
    const bodies = new Map([...new Set(schedule)].map((kind) => [kind, requestBodies(kind, pools, strategy)] as const));
    return new Workload(schedule, bodies);
  }

  next(): { kind: RequestKind; body: string } {
    const kind = this.schedule[this.slot];
    this.slot = (this.slot + 1) % this.schedule.length;
    const list = this.bodies.get(kind)!;
    const cursor = this.cursors.get(kind) ?? 0;
    this.cursors.set(kind, (cursor + 1) % list.length);
    return { kind, body: list[cursor] };
  }
}

/** Distinct words a visitor might type into the search box, taken from real titles. */
export function searchTerms(titles: readonly string[], limit = 200): string[] {
  const terms = new Set<string>();
  for (const title of titles) {
    const word = title.split(/[^\p{L}\p{N}]+/u).find((w) => w.length >= 4);
    if (word) terms.add(word.toLowerCase());
    if (terms.size >= limit) break;
  }
  return [...terms];
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
