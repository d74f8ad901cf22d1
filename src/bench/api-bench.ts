import { cpus, loadavg, totalmem } from "node:os";
import type { Strategy } from "../recommend/recommendation.service.js";
import { fire } from "./api-load.js";
import { firePaced } from "./api-paced.js";
import { discoverPools } from "./api-pools.js";
import { checkTargets, Recorder, totalErrors, type HeldRates, type ScenarioSummary, type TargetCheck } from "./api-summary.js";
import type { ApiTarget } from "./api-target.js";
import { verifyWorkload } from "./api-verify.js";
import { DEFAULT_MIX, Workload, type Mix, type ScenarioName } from "./api-workload.js";

export interface ApiBenchOptions {
  scenarios: readonly ScenarioName[];
  seconds: number;
  warmupSeconds: number;
  connections: number;
  strategy: Strategy;
  mix?: Mix;
  /** Requests per second of a second, held run of these scenarios, which judges their latency; 0 skips it. */
  heldRates: HeldRates;
  /** Users 1…n to spread recommendations over. */
  maxUsers: number;
  /** Requests per kind checked in full before each scenario's timed run. */
  verifyCount?: number;
  say?: (line: string) => void;
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
  platform: string;
  /** 1-minute load average before the first run: other work on the machine skews every number. */
  loadAverage: number;
}

export interface ApiBenchReport {
  benchmark: "api";
  machine: Machine;
  api: { url: string; server: string; neo4j: string };
  settings: { seconds: number; warmupSeconds: number; connections: number; heldRates: HeldRates; strategy: Strategy; mix: Mix };
  pools: { users: number; movies: number; pairs: number; searchTerms: number };
  scenarios: ScenarioSummary[];
  targets: TargetCheck[];
  /** Errors over all scenarios, verification included; anything but 0 makes the run invalid. */
  errors: number;
}

/**
 * Drives the API with each scenario in turn: finds real ids on the server,
 * checks a few replies of the scenario in full, warms up, then runs for the
 * given time while recording every response. Scenarios with a held rate run
 * twice: as fast as the API answers, then held to that rate.
 */
export async function runApiBench(target: ApiTarget, options: ApiBenchOptions): Promise<ApiBenchReport> {
  const say = options.say ?? (() => undefined);
  const mix = options.mix ?? DEFAULT_MIX;
  const machine = describeMachine();
  say(`finding users, recommended movies and (user, movie) pairs on ${target.url}`);
  const pools = await discoverPools(target.url, { strategy: options.strategy, maxUsers: options.maxUsers, pairsPerUser: 3 });
  const scenarios: ScenarioSummary[] = [];
  for (const scenario of options.scenarios) {
    const workload = () => Workload.forScenario(scenario, pools, options.strategy, mix);
    const problems = await verifyWorkload(target.url, workload(), options.verifyCount ?? 20);
    const fireOptions = { url: target.url, connections: options.connections };
    if (options.warmupSeconds > 0) {
      say(`${scenario}: warming up for ${options.warmupSeconds} s`);
      await fire(workload(), { ...fireOptions, seconds: options.warmupSeconds }, new Recorder());
    }
    const held = options.heldRates[scenario] ?? 0;
    const rates = held > 0 ? [null, held] : [null];
    for (const rate of rates) {
      say(`${scenario}: ${options.seconds} s ${rate ? `paced at ${rate} requests/s` : `with ${options.connections} connections`}`);
      const recorder = new Recorder();
      recorder.errors.verification = problems.length;
      for (const problem of problems) recorder.sample(`verification: ${problem}`);
      const seconds = rate
        ? await firePaced(workload(), { url: target.url, rate, seconds: options.seconds }, recorder)
        : await fire(workload(), { ...fireOptions, seconds: options.seconds }, recorder);
      scenarios.push(recorder.summarise(scenario, rate, rate ? null : options.connections, round1(seconds)));
    }
  }
  return {
    benchmark: "api",
    machine,
    api: { url: target.url, server: target.server, neo4j: target.neo4j },
    settings: {
      seconds: options.seconds,
      warmupSeconds: options.warmupSeconds,
      connections: options.connections,
      heldRates: options.heldRates,
      strategy: options.strategy,
      mix,
    },
    pools: { users: pools.userIds.length, movies: pools.movieIds.length, pairs: pools.pairs.length, searchTerms: pools.searchTerms.length },
    scenarios,
    targets: checkTargets(scenarios),
    errors: scenarios.reduce((sum, s) => sum + totalErrors(s.errors), 0),
  };
}

function describeMachine(): Machine {
  const cores = cpus();
  return {
    cores: cores.length,
    cpu: cores[0]?.model ?? "unknown",
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: round1(loadavg()[0]),
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
