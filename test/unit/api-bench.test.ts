import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import type { ApiBenchReport } from "../../src/bench/api-bench.js";
import type { GraphQLReply } from "../../src/bench/api-client.js";
import { parseMix, parseRate, parseScenarios, parseSeconds, parseStrategy, parseUrl, parseWarmup } from "../../src/bench/api-options.js";
import { formatReport } from "../../src/bench/api-report.js";
import { checkTargets, EXPLAIN_RATE, hasGraphQLErrors, latencySummary, percentile, Recorder, type ScenarioSummary } from "../../src/bench/api-summary.js";
import { checkReply } from "../../src/bench/api-verify.js";
import { DEFAULT_MIX, requestBodies, searchTerms, weightedSchedule, Workload, type Pools } from "../../src/bench/api-workload.js";

const POOLS: Pools = {
  userIds: [1, 2, 3],
  movieIds: [10, 20],
  pairs: [
    [1, 10],
    [2, 20],
  ],
  searchTerms: ["matrix"],
};

function variables(body: string): Record<string, unknown> {
  return (JSON.parse(body) as { variables: Record<string, unknown> }).variables;
}

describe("weightedSchedule", () => {
  it("gives each kind exactly its share of one period, reduced by the common divisor", () => {
    const schedule = weightedSchedule(DEFAULT_MIX);
    expect(schedule).toHaveLength(20);
    const count = (kind: string) => schedule.filter((k) => k === kind).length;
    expect([count("recommendations"), count("similar"), count("explain"), count("search")]).toEqual([12, 5, 2, 1]);
  });

  it("spreads a kind out instead of sending it in a run", () => {
    expect(weightedSchedule({ recommendations: 1, explain: 1 })).toEqual(["recommendations", "explain"]);
    const schedule = weightedSchedule(DEFAULT_MIX);
    const longestRun = Math.max(...schedule.map((kind, i) => schedule.slice(i).findIndex((k) => k !== kind)));
    expect(longestRun).toBe(2);
    const explains = schedule.flatMap((k, i) => (k === "explain" ? [i] : []));
    expect(explains[1] - explains[0]).toBeGreaterThanOrEqual(8);
  });

  it("refuses a mix without a positive weight or with fractions", () => {
    expect(() => weightedSchedule({ recommendations: 0 })).toThrow(/at least one kind/);
    expect(() => weightedSchedule({ recommendations: 1.5 })).toThrow(/whole number/);
  });
});

describe("Workload", () => {
  it("sends a different user each time, round and round", () => {
    const workload = Workload.forScenario("recommendations", POOLS, "ALS");
    const users = Array.from({ length: 4 }, () => variables(workload.next().body).userId);
    expect(users).toEqual(["1", "2", "3", "1"]);
    expect(variables(requestBodies("recommendations", POOLS, "ALS")[0])).toEqual({ userId: "1", strategy: "ALS" });
  });

  it("asks for explanations of the (user, movie) pairs it was given", () => {
    const workload = Workload.forScenario("explain", POOLS, "HYBRID");
    expect([workload.next(), workload.next()].map((r) => variables(r.body))).toEqual([
      { userId: "1", movieId: "10" },
      { userId: "2", movieId: "20" },
    ]);
  });

  it("follows the mix's schedule, each kind rotating through its own ids", () => {
    const workload = Workload.forScenario("mixed", POOLS, "HYBRID", { recommendations: 2, similar: 1, explain: 0, search: 0 });
    const sent = Array.from({ length: 6 }, () => workload.next());
    expect(sent.map((r) => r.kind)).toEqual(["recommendations", "similar", "recommendations", "recommendations", "similar", "recommendations"]);
    expect(sent.filter((r) => r.kind === "similar").map((r) => variables(r.body).movieId)).toEqual(["10", "20"]);
  });

  it("refuses to run a kind it has nothing to send for", () => {
    expect(() => Workload.forScenario("explain", { ...POOLS, pairs: [] }, "HYBRID")).toThrow(/no explain requests/);
  });
});

describe("searchTerms", () => {
  it("takes the first word of four letters or more from each title, once each", () => {
    expect(searchTerms(["Toy Story", "The Matrix", "Matrix Reloaded", "Up", "Léon: The Professional"])).toEqual(["story", "matrix", "léon"]);
    expect(searchTerms(["Alpha One", "Bravo Two", "Charlie"], 2)).toEqual(["alpha", "bravo"]);
  });
});

describe("latency percentiles", () => {
  it("uses nearest rank on sorted values", () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), percentile(sorted, 100)]).toEqual([50, 95, 99, 100]);
    expect(percentile(Float64Array.from([7]), 99)).toBe(7);
    expect(percentile(new Float64Array(0), 50)).toBeNaN();
  });

  it("sorts numerically and rounds to 0.1 ms", () => {
    expect(latencySummary([10.04, 9, 100.26, 2])).toEqual({ p50: 9, p95: 100.3, p99: 100.3, max: 100.3 });
  });
});

describe("Recorder", () => {
  it("summarises each kind, in a fixed order, and counts failures by cause, failed requests' latencies included", () => {
    const recorder = new Recorder();
    recorder.record("explain", 50, "graphql", '{"errors":[{"message":"boom"}]}');
    for (let i = 1; i <= 8; i++) recorder.record("recommendations", i, "ok");
    recorder.record("explain", 70, "http", "HTTP 500");
    recorder.errors.socket += 1;
    const summary = recorder.summarise("mixed", null, 10, 2);
    expect(summary.requests).toBe(10);
    expect(summary.requestsPerSecond).toBe(5);
    expect(summary.latencyMs.max).toBe(70);
    expect(summary.errors).toEqual({ http: 1, graphql: 1, socket: 1, verification: 0 });
    expect(summary.byKind).toEqual([
      { kind: "recommendations", requests: 8, requestsPerSecond: 4, latencyMs: { p50: 4, p95: 8, p99: 8, max: 8 }, errors: 0 },
      { kind: "explain", requests: 2, requestsPerSecond: 1, latencyMs: { p50: 50, p95: 70, p99: 70, max: 70 }, errors: 2 },
    ]);
    expect(summary.samples).toEqual(['explain: {"errors":[{"message":"boom"}]}', "explain: HTTP 500"]);
  });
});

describe("hasGraphQLErrors", () => {
  it("finds an errors member wherever Apollo puts it", () => {
    expect(hasGraphQLErrors('{"errors":[{"message":"x"}],"data":null}')).toBe(true);
    expect(hasGraphQLErrors('{"data":{"a":1},"errors":[{"message":"x"}]}')).toBe(true);
  });

  it("is not fooled by the word inside a string value", () => {
    expect(hasGraphQLErrors('{"data":{"movie":{"title":"Comedy of \\"errors\\": a play"}}}')).toBe(false);
    expect(hasGraphQLErrors('{"data":{"movies":[]}}')).toBe(false);
  });
});

function summary(scenario: ScenarioSummary["scenario"], requestsPerSecond: number, p99: number, errors = 0, heldRate: number | null = null): ScenarioSummary {
  return {
    scenario,
    heldRate,
    connections: 10,
    seconds: 10,
    requests: requestsPerSecond * 10,
    requestsPerSecond,
    latencyMs: { p50: p99 / 2, p95: p99, p99, max: p99 },
    errors: { http: errors, graphql: 0, socket: 0, verification: 0 },
    byKind: [],
    samples: [],
  };
}

describe("checkTargets", () => {
  it("judges recommendations' rate at saturation, and each p99 at its held rate", () => {
    const runs = [
      summary("recommendations", 1200, 45),
      summary("recommendations", 995, 18, 0, 1000),
      summary("explain", 300, 120),
      summary("explain", 165, 61, 0, 167),
    ];
    expect(checkTargets(runs)).toEqual([
      { target: "recommendations p99 ≤ 20 ms at 1000 requests/s", actual: 18, met: true },
      { target: "recommendations ≥ 1000 requests/s", actual: 1200, met: true },
      { target: "explain p99 ≤ 50 ms at 167 requests/s", actual: 61, met: false },
    ]);
  });

  it("holds explanations to as many per recommendation as the default mix has", () => {
    expect(EXPLAIN_RATE).toBe(167);
  });

  it("does not count a held run that fell behind its rate, however fast its answers", () => {
    const runs = [summary("recommendations", 900, 30), summary("recommendations", 900, 12, 0, 1000)];
    expect(checkTargets(runs)).toEqual([
      { target: "recommendations p99 ≤ 20 ms at 1000 requests/s", actual: 12, met: false },
      { target: "recommendations ≥ 1000 requests/s", actual: 900, met: false },
    ]);
  });

  it("skips targets whose run did not take place, and a run with errors meets none", () => {
    expect(checkTargets([summary("explain", 167, 10, 1, 167)])).toEqual([{ target: "explain p99 ≤ 50 ms at 167 requests/s", actual: 10, met: false }]);
    expect(checkTargets([summary("explain", 300, 10)])).toEqual([]);
    expect(checkTargets([summary("similar", 300, 10)])).toEqual([]);
    expect(checkTargets([summary("recommendations", 1200, 10)])).toEqual([{ target: "recommendations ≥ 1000 requests/s", actual: 1200, met: true }]);
  });
});

describe("checkReply", () => {
  const reply = (json: GraphQLReply["json"], status = 200): GraphQLReply => ({ status, json, text: JSON.stringify(json) });

  it("accepts full answers", () => {
    expect(checkReply("recommendations", reply({ data: { recommendations: [{ rank: 1, movie: { id: "1" } }, { rank: 2, movie: { id: "2" } }] } }))).toBeUndefined();
    expect(checkReply("explain", reply({ data: { explain: { summary: "Because…", paths: [] } } }))).toBeUndefined();
    expect(checkReply("similar", reply({ data: { similarMovies: [] } }))).toBeUndefined();
    expect(checkReply("search", reply({ data: { movies: { edges: [] } } }))).toBeUndefined();
  });

  it("names what is wrong", () => {
    expect(checkReply("explain", reply({ errors: [{ message: "no user 9", extensions: { code: "NOT_FOUND" } }], data: null }))).toBe("NOT_FOUND: no user 9");
    expect(checkReply("similar", { status: 502, json: undefined, text: "Bad Gateway" })).toBe("HTTP 502: Bad Gateway");
    expect(checkReply("recommendations", reply({ data: { recommendations: [] } }))).toBe("no recommendations");
    expect(checkReply("recommendations", reply({ data: { recommendations: [{ rank: 2, movie: { id: "1" } }] } }))).toMatch(/rank/);
    expect(checkReply("explain", reply({ data: { explain: { summary: "", paths: [] } } }))).toMatch(/summary/);
  });
});

describe("argument parsing", () => {
  it("takes known scenarios, once each, in the order given", () => {
    expect(parseScenarios("explain, recommendations,explain")).toEqual(["explain", "recommendations"]);
    expect(() => parseScenarios("explain,nope")).toThrow(InvalidArgumentError);
    expect(() => parseScenarios(",")).toThrow(InvalidArgumentError);
  });

  it("takes strategies in any case", () => {
    expect(parseStrategy("item_knn")).toBe("ITEM_KNN");
    expect(() => parseStrategy("random")).toThrow(/unknown strategy/);
  });

  it("reads a mix, leaving unnamed kinds at 0", () => {
    expect(parseMix("recommendations=3,explain=1")).toEqual({ recommendations: 3, similar: 0, explain: 1, search: 0 });
    expect(() => parseMix("recommendations=0")).toThrow(/positive/);
    expect(() => parseMix("ratings=3")).toThrow(InvalidArgumentError);
    expect(() => parseMix("explain=-1")).toThrow(InvalidArgumentError);
  });

  it("takes http(s) URLs and points a bare host at /graphql", () => {
    expect(parseUrl("http://127.0.0.1:4000")).toBe("http://127.0.0.1:4000/graphql");
    expect(parseUrl("https://api.example.org/v1/graphql")).toBe("https://api.example.org/v1/graphql");
    expect(() => parseUrl("bolt://127.0.0.1:7687")).toThrow(/http/);
    expect(() => parseUrl("localhost 4000")).toThrow(/not a URL/);
  });

  it("takes whole seconds, at least 1 for runs and 0 for no warm-up", () => {
    expect(parseSeconds("10")).toBe(10);
    expect(() => parseSeconds("0")).toThrow(InvalidArgumentError);
    expect(() => parseSeconds("2.5")).toThrow(InvalidArgumentError);
    expect(parseWarmup("0")).toBe(0);
    expect(() => parseWarmup("-1")).toThrow(InvalidArgumentError);
    expect(parseRate("0")).toBe(0);
    expect(parseRate("1500")).toBe(1500);
    expect(() => parseRate("-5")).toThrow(InvalidArgumentError);
    expect(() => parseRate("99.5")).toThrow(InvalidArgumentError);
  });
});

describe("formatReport", () => {
  const report = (scenarios: ScenarioSummary[]): ApiBenchReport => ({
    benchmark: "api",
    machine: { cores: 2, cpu: "Test CPU", memoryGb: 8, node: "v20.0.0", platform: "linux x64", loadAverage: 0.5 },
    api: { url: "http://127.0.0.1:1/graphql", server: "cinegraph serve", neo4j: "same machine: throw-away Neo4j" },
    settings: { seconds: 10, warmupSeconds: 3, connections: 10, heldRates: { recommendations: 1000, explain: 167 }, strategy: "HYBRID", mix: DEFAULT_MIX },
    pools: { users: 610, movies: 400, pairs: 1830, searchTerms: 200 },
    scenarios,
    targets: checkTargets(scenarios),
    errors: scenarios.reduce((sum, s) => sum + s.errors.http, 0),
  });

  it("prints the machine, a row per scenario and each target's verdict", () => {
    const text = formatReport(
      report([summary("recommendations", 1200, 30), summary("recommendations", 1000, 18, 0, 1000), summary("explain", 300, 90), summary("explain", 167, 61, 0, 167)]),
    );
    expect(text).toContain("machine:  2 cores (Test CPU)");
    expect(text).toContain("neo4j:    same machine: throw-away Neo4j");
    expect(text).toContain("recommendations also held to 1000 requests/s; explain also held to 167 requests/s");
    expect(text).toMatch(/^recommendations\s+10\s+12000\s+1200\s+15\s+30\s+30\s+30\s+0$/m);
    expect(text).toMatch(/^recommendations @1000\/s\s+10\s+10000\s+1000\s+9\s+18\s+18\s+18\s+0$/m);
    expect(text).toContain("✓ met     recommendations p99 ≤ 20 ms at 1000 requests/s: 18");
    expect(text).toMatch(/^explain @167\/s\s+10\s+1670\s+167\s+30.5\s+61\s+61\s+61\s+0$/m);
    expect(text).toContain("✗ MISSED  explain p99 ≤ 50 ms at 167 requests/s: 61");
    expect(text).not.toContain("FAILED");
  });

  it("says loudly when requests failed", () => {
    const text = formatReport(report([{ ...summary("explain", 300, 20, 3), samples: ["explain: HTTP 500"] }]));
    expect(text).toContain("!!! 3 REQUESTS FAILED");
    expect(text).toContain("!!! explain: 3 HTTP, 0 GraphQL, 0 connection, 0 verification errors");
    expect(text).toContain("!!!   explain: HTTP 500");
  });
});
