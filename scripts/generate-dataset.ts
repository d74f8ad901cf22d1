/**
 * Writes a synthetic MovieLens-shaped data set for benchmarks:
 *
 *   npx tsx scripts/generate-dataset.ts --preset ml-25m --out /tmp/gen-25m
 *   npx tsx scripts/generate-dataset.ts --users 1000 --movies 5000 --ratings 200000 --out /tmp/gen
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { generateDataset } from "../src/datagen/generate.js";
import { PRESETS, type PresetName } from "../src/datagen/presets.js";
import { integer, positiveInt } from "../src/cli/commands/options.js";
import { terminalProgress } from "../src/ingest/progress.js";


interface Options {
  preset?: PresetName;
  users?: number;
  movies?: number;
  ratings?: number;
  tags?: number;
  seed: number;
  out: string;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError("expected a non-negative integer");
  return n;
}

const program: Command = new Command("generate-dataset")
  .description("Write a deterministic synthetic data set in the MovieLens CSV release format (movies, ratings, tags, links).")
  .addOption(new Option("--preset <name>", "sizes of a real release: small = ml-latest-small, ml-25m = ml-25m").choices(Object.keys(PRESETS)))
  .option("--users <n>", "number of users (overrides the preset)", positiveInt)
  .option("--movies <n>", "number of movies (overrides the preset)", positiveInt)
  .option("--ratings <n>", "number of ratings (overrides the preset)", nonNegativeInt)
  .option("--tags <n>", "number of tags (default: ratings / 30)", nonNegativeInt)
  .option("--seed <n>", "random seed; the same seed and sizes give byte-identical files", integer, 42)
  .requiredOption("--out <dir>", "output folder, created if missing; existing CSV files are overwritten")
  .action(async (options: Options) => {
    const preset = options.preset ? PRESETS[options.preset] : undefined;
    const users = options.users ?? preset?.users;
    const movies = options.movies ?? preset?.movies;
    const ratings = options.ratings ?? preset?.ratings;
    if (users === undefined || movies === undefined || ratings === undefined) {
      program.error("error: give --preset, or all of --users, --movies and --ratings");
    }

    const reporter = terminalProgress();
    const stage = reporter.stage("ratings", ratings);
    let reported = 0;
    let result;
    try {
      result = await generateDataset({
        users,
        movies,
        ratings,
        tags: options.tags,
        seed: options.seed,
        outDir: options.out,
        onProgress: (written) => {
          stage.tick(written - reported);
          reported = written;
        },
      });
    } catch (error) {
      if (error instanceof RangeError) program.error(`error: ${error.message}`);
      throw error;
    } finally {
      stage.done();
    }

    const rate = result.seconds > 0 ? Math.round(result.ratings / result.seconds) : 0;
    console.log(`wrote ${options.out} (seed ${options.seed})`);
    console.log(`  users    ${result.users}`);
    console.log(`  movies   ${result.movies}`);
    console.log(`  ratings  ${result.ratings}`);
    console.log(`  tags     ${result.tags}`);
    console.log(`  bytes    ${result.bytes} (${(result.bytes / 1e6).toFixed(1)} MB)`);
    console.log(`  seconds  ${result.seconds.toFixed(2)}`);
    console.log(`  ratings/s ${rate}`);
  });

await program.parseAsync();
