/**
 * npm run bench:train [-- --json] [-- --sets small,large] [-- --factors 64]
 *
 * Seconds per ALS iteration on ml-latest-small and a generated 25M-rating set,
 * the randomised SVD of a genome-sized matrix, and peak memory.
 */
import { Command, Option } from "commander";
import { generatedLargeSet } from "../src/bench/load-bench.js";
import { benchAls, benchGenomeSvd, type AlsBenchResult } from "../src/bench/train-bench.js";
import { positiveInt } from "../src/cli/commands/options.js";
import { benchOutput } from "../src/bench/bench-output.js";

const list = (value: string) => value.split(",").map((v) => v.trim());

const program = new Command("bench:train")
  .description("measure training speed: ALS per iteration and the genome SVD")
  .addOption(new Option("--sets <list>", "data sets for ALS: small, large").argParser(list).default(["small", "large"]))
  .option("--factors <n>", "ALS factors", positiveInt, 64)
  .option("--iterations <n>", "ALS iterations to time on ml-latest-small (the large set runs 2)", positiveInt, 10)
  .option("--json", "print results as JSON", false)
  .action(async (options: { sets: string[]; factors: number; iterations: number; json: boolean }) => {
    const { config, say, progress } = benchOutput(options.json);
    const als: AlsBenchResult[] = [];
    if (options.sets.includes("small")) {
      say("ALS on ml-latest-small");
      als.push(await benchAls("ml-latest-small", config.demoDataDir, options.factors, options.iterations));
    }
    if (options.sets.includes("large")) {
      const dir = await generatedLargeSet(config.dataCacheDir, progress);
      say("ALS on the generated 25M set (reading 25M ratings first)");
      als.push(await benchAls("generated 25M", dir, options.factors, 2));
    }
    say("randomised SVD of a 13,816 × 1,128 matrix");
    const svd = benchGenomeSvd();
    if (options.json) {
      console.log(JSON.stringify({ benchmark: "train", als, svd }, null, 2));
    } else {
      console.table(als);
      console.table([svd]);
    }
  });

await program.parseAsync();
