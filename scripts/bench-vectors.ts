/**
 * npm run bench:vectors [-- --json] [-- --movies 300] [-- --seed 42] [-- --scale-items 62423]
 *
 * Vector index or exact scoring? Loads ml-latest-small with the tag genome
 * into a throw-away Neo4j, trains content, ALS and MF, and times top-10
 * queries answered exactly in memory and through HNSW vector indexes
 * (the project's content index; a temporary MIPS-transformed index for the
 * factor models), with recall@10, then repeats on a synthetic 62k-item catalogue.
 */
import { Command, Option } from "commander";
import { join } from "node:path";
import { runVectorBench } from "../src/bench/vector-bench.js";
import { formatVectorReport } from "../src/bench/vector-report.js";
import { integer, positiveInt } from "../src/cli/commands/options.js";
import { PACKAGE_ROOT } from "../src/paths.js";
import { benchOutput } from "../src/bench/bench-output.js";

// The genome may not be redistributed, so it is not in the repository; this is where the project's shared copy sits.
const SHARED_GENOME = join(PACKAGE_ROOT, "..", "shared", "data", "movielens", "genome");

const candidateList = (value: string) => value.split(",").map((v) => positiveInt(v.trim()));

interface Options {
  movies: number;
  seed: number;
  scaleItems: number;
  candidates: number[];
  data?: string;
  genome: string | false;
  heap: string;
  pagecache: string;
  json: boolean;
}

const program = new Command("bench:vectors")
  .description("compare exact in-memory top-k scoring with Neo4j vector indexes: latency and recall@10")
  .option("--movies <n>", "movies (content) and users (ALS, MF) to query per case", positiveInt, 300)
  .option("--seed <n>", "seed of the sampled movies and users and of the synthetic catalogue", integer, 42)
  .option("--scale-items <n>", "items of the synthetic catalogue (ml-25m has 62,423 movies)", positiveInt, 62_423)
  .addOption(new Option("--candidates <list>", "candidates to ask the index for, each measured").argParser(candidateList).default([10, 100]))
  .option("--data <dir>", "release to load (default: DEMO_DATA_DIR, ml-latest-small)")
  .option("--genome <dir>", "folder with genome-scores.csv and genome-tags.csv", SHARED_GENOME)
  .option("--no-genome", "load no genome (releases without one, e.g. ml-1m, have genre-only content embeddings)")
  .option("--heap <size>", "heap of the throw-away Neo4j", "2g")
  .option("--pagecache <size>", "page cache of the throw-away Neo4j", "1g")
  .option("--json", "print the results as JSON", false)
  .action(async (options: Options) => {
    const { config, logger, say, progress } = benchOutput(options.json);
    const report = await runVectorBench({
      dataDir: options.data ?? config.demoDataDir,
      genomeDir: options.genome || undefined,
      queries: options.movies,
      seed: options.seed,
      scaleItems: options.scaleItems,
      settings: { k: 10, candidates: options.candidates, warmup: 20 },
      memory: { heap: options.heap, pageCache: options.pagecache },
      logger,
      progress,
      say,
    });
    console.log(options.json ? JSON.stringify(report, null, 2) : formatVectorReport(report));
  });

await program.parseAsync();
