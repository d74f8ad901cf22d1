/**
 * npm run bench:recommenders [-- --json] [-- --splits user,item] [-- --seed 42]
 *
 * ml-100k scored the way Microsoft Recommenders scores its MovieLens
 * benchmark (stratified 75/25, top 10, every held-out item relevant), every
 * model with its defaults and ALS and the kNN models also with settings
 * chosen on a validation split, beside their published table.
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { benchOutput } from "../src/bench/bench-output.js";
import { runRecommendersBench, type SplitBy } from "../src/bench/recommenders-bench.js";
import { formatRecommendersReport } from "../src/bench/recommenders-report.js";
import { integer } from "../src/cli/commands/options.js";

function splits(value: string): SplitBy[] {
  const list = value.split(",").map((v) => v.trim());
  for (const by of list) if (by !== "user" && by !== "item") throw new InvalidArgumentError('expected "user", "item" or "user,item"');
  return list as SplitBy[];
}

const program = new Command("bench:recommenders")
  .description("ml-100k under the Microsoft Recommenders protocol, beside their published table")
  .addOption(new Option("--splits <list>", "stratify per user (ours), per item (their notebook's), or both").argParser(splits).default(["user", "item"]))
  .option("--seed <n>", "seed of the splits and of the models", integer, 42)
  .option("--heap <size>", "heap of the throw-away Neo4j", "1g")
  .option("--pagecache <size>", "page cache of the throw-away Neo4j", "512m")
  .option("--json", "print the results as JSON", false)
  .action(async (options: { splits: SplitBy[]; seed: number; heap: string; pagecache: string; json: boolean }) => {
    const { config, logger, say, progress } = benchOutput(options.json);
    const report = await runRecommendersBench({
      cacheDir: config.dataCacheDir,
      splits: options.splits,
      seed: options.seed,
      memory: { heap: options.heap, pageCache: options.pagecache },
      logger,
      progress,
      say,
    });
    console.log(options.json ? JSON.stringify(report, null, 2) : formatRecommendersReport(report));
  });

await program.parseAsync();
