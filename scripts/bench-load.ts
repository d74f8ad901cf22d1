/**
 * npm run bench:load [-- --json] [-- --sets small,large] [-- --paths online,bulk]
 *
 * Loads ml-latest-small and a generated ml-25m-sized set through the online
 * and the bulk path, each into a fresh throw-away Neo4j, and prints ratings/s.
 */
import { Command, Option } from "commander";
import { generatedLargeSet, runLoadBench, type LoadPath } from "../src/bench/load-bench.js";
import { benchOutput } from "../src/bench/bench-output.js";

const list = (value: string) => value.split(",").map((v) => v.trim());

const program = new Command("bench:load")
  .description("measure load throughput (online and bulk paths) on ml-latest-small and a generated 25M-rating set")
  .addOption(new Option("--sets <list>", "data sets: small, large").argParser(list).default(["small", "large"]))
  .addOption(new Option("--paths <list>", "load paths: online, bulk").argParser(list).default(["online", "bulk"]))
  .option("--heap <size>", "heap of the benchmark's Neo4j", "4g")
  .option("--pagecache <size>", "page cache of the benchmark's Neo4j", "6g")
  .option("--json", "print results as JSON", false)
  .action(async (options: { sets: string[]; paths: string[]; heap: string; pagecache: string; json: boolean }) => {
    const { config, logger, progress } = benchOutput(options.json);
    const datasets: Array<{ label: string; dir: string }> = [];
    if (options.sets.includes("small")) datasets.push({ label: "ml-latest-small", dir: config.demoDataDir });
    if (options.sets.includes("large")) {
      datasets.push({ label: "generated 25M", dir: await generatedLargeSet(config.dataCacheDir, progress) });
    }
    const results = await runLoadBench({
      datasets,
      paths: options.paths as LoadPath[],
      progress,
      logger,
      memory: { heap: options.heap, pageCache: options.pagecache },
    });
    if (options.json) console.log(JSON.stringify({ benchmark: "load", results }, null, 2));
    else console.table(results);
  });

await program.parseAsync();
