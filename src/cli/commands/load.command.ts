import { Command } from "commander";
import { positiveInt } from "./options.js";
import { openRelease } from "../../ingest/formats/detect.js";
import { loadRelease, type LoadSummary } from "../../ingest/loader.js";
import { barProgress, lineProgress } from "../../ingest/progress.js";
import { openDatabase } from "../../runtime.js";
import { commandContext } from "../context.js";

export function printSummary(summary: LoadSummary): void {
  const c = summary.counts;
  console.log(`Loaded ${summary.dataset} (${summary.format}) in ${summary.seconds.toFixed(1)}s, ${summary.ratingsPerSecond} ratings/s`);
  console.table({
    "User nodes": c.users,
    "Movie nodes": c.movies,
    "Genre nodes": c.genres,
    "GenomeTag nodes": c.genomeTags,
    "RATED relationships": c.ratings,
    "TAGGED relationships": c.tags,
    "IN_GENRE relationships": c.movieGenres,
    "HAS_TAG relationships": c.genomeScores,
  });
  for (const warning of summary.warnings) console.log(`note: ${warning}`);
}

export function loadCommand(): Command {
  return new Command("load")
    .description("load a MovieLens release folder (CSV releases, ml-100k or ml-1m) into the graph")
    .argument("<dir>", "the release folder, e.g. data/ml-latest-small")
    .option("--genome <dir>", "folder with genome-scores.csv and genome-tags.csv, when not in <dir>")
    .option("--replace", "delete the data set the graph holds before loading this one", false)
    .option("--batch-size <rows>", "rows per write transaction", positiveInt, 10_000)
    .option("--json", "print the summary as JSON", false)
    .action(async (dir: string, options: { genome?: string; replace: boolean; batchSize: number; json: boolean }, command: Command) => {
      const { config, logger } = commandContext(command);
      const release = openRelease(dir, { genomeDir: options.genome });
      const db = await openDatabase(config, logger);
      try {
        const progress = process.stderr.isTTY ? barProgress() : lineProgress((line) => console.error(line));
        const summary = await loadRelease(db, release, { replace: options.replace, batchSize: options.batchSize, progress });
        if (options.json) console.log(JSON.stringify(summary, null, 2));
        else printSummary(summary);
      } finally {
        await db.close();
      }
    });
}
