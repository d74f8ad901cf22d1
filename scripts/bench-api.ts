/**
 * npm run bench:api [-- --url http://127.0.0.1:4000/graphql] [-- --duration 10] [-- --connections 10] [-- --json]
 *
 * Requests per second and latency percentiles of the GraphQL API under
 * load: recommendations, similar movies, explanations and a mix. Without
 * --url it loads ml-latest-small into a throw-away Neo4j, trains the default
 * models and starts the API in a process of its own.
 */
import { Command, Option } from "commander";
import { runApiBench } from "../src/bench/api-bench.js";
import { parseMix, parseRate, parseScenarios, parseSeconds, parseStrategy, parseUrl, parseWarmup } from "../src/bench/api-options.js";
import { EXPLAIN_RATE, RECOMMENDATIONS_RATE } from "../src/bench/api-summary.js";
import { formatReport } from "../src/bench/api-report.js";
import { externalTarget, throwAwayTarget } from "../src/bench/api-target.js";
import { DEFAULT_MIX, SCENARIOS, type Mix, type ScenarioName } from "../src/bench/api-workload.js";
import { positiveInt } from "../src/cli/commands/options.js";
import type { Strategy } from "../src/recommend/recommendation.service.js";
import { benchOutput } from "../src/bench/bench-output.js";

interface Options {
  url?: string;
  scenarios: ScenarioName[];
  duration: number;
  warmup: number;
  connections: number;
  strategy: Strategy;
  mix: Mix;
  users: number;
  rate: number;
  explainRate: number;
  data?: string;
  genome?: string;
  heap: string;
  pagecache: string;
  serverLogLevel: string;
  json: boolean;
}

const program = new Command("bench:api")
  .description("measure the GraphQL API under load: requests/s and p50/p95/p99/max latency per scenario")
  .option("--url <url>", "drive this running API (e.g. one `npm start` serves) instead of starting a throw-away one", parseUrl)
  .addOption(new Option("--scenarios <list>", `scenarios: ${SCENARIOS.join(", ")}`).argParser(parseScenarios).default([...SCENARIOS]))
  .option("--duration <seconds>", "timed seconds per scenario", parseSeconds, 10)
  .option("--warmup <seconds>", "untimed seconds before each scenario", parseWarmup, 3)
  .option("--connections <n>", "requests in flight at once", positiveInt, 10)
  .option("--strategy <strategy>", "recommendation strategy", parseStrategy, "HYBRID" as Strategy)
  .option("--mix <weights>", "the mixed scenario's weights", parseMix, DEFAULT_MIX)
  .option("--rate <n>", "requests/s of the second recommendations run, which judges its p99 (0: skip it)", parseRate, RECOMMENDATIONS_RATE)
  .option("--explain-rate <n>", "requests/s of the second explain run, which judges its p99 (0: skip it)", parseRate, EXPLAIN_RATE)
  .option("--users <n>", "spread requests over users 1…n", positiveInt, 610)
  .option("--data <dir>", "release to load into the throw-away Neo4j (default: DEMO_DATA_DIR, ml-latest-small)")
  .option("--genome <dir>", "also load the tag genome from this folder (genome-scores.csv, genome-tags.csv)")
  .option("--heap <size>", "heap of the throw-away Neo4j", "2g")
  .option("--pagecache <size>", "page cache of the throw-away Neo4j", "2g")
  .option("--server-log-level <level>", "LOG_LEVEL of the throw-away API (info logs every request)", "warn")
  .option("--json", "print the results as JSON", false)
  .action(async (options: Options) => {
    const { config, logger, say, progress } = benchOutput(options.json);
    const target = options.url
      ? await externalTarget(options.url)
      : await throwAwayTarget({
          dataDir: options.data ?? config.demoDataDir,
          genomeDir: options.genome,
          memory: { heap: options.heap, pageCache: options.pagecache },
          serverLogLevel: options.serverLogLevel,
          logger,
          progress,
          say,
        });
    try {
      const report = await runApiBench(target, {
        scenarios: options.scenarios,
        seconds: options.duration,
        warmupSeconds: options.warmup,
        connections: options.connections,
        strategy: options.strategy,
        mix: options.mix,
        maxUsers: options.users,
        heldRates: { recommendations: options.rate, explain: options.explainRate },
        say,
      });
      console.log(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
      if (report.errors > 0) {
        console.error(`bench:api: ${report.errors} requests failed; the run is not valid`);
        process.exitCode = 1;
      }
    } finally {
      await target.stop();
    }
  });

await program.parseAsync();
