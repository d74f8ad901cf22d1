import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import type { Database } from "../../db/database.js";
import { cypher } from "../../db/queries.js";
import { currentDataset, graphCounts } from "../../graph/dataset.js";
import { applySchema } from "../../graph/schema.js";
import type { LocalNeo4j } from "../../neo4j/local-server.js";
import { DEFAULT_TAG_SELECTION, genomeVectors, selectTopTags, type TagSelection } from "../genome.js";
import { LoadRefusedError, type LoadSummary } from "../loader.js";
import { silentProgress, type ProgressReporter } from "../progress.js";
import type { MovieRecord } from "../records.js";
import type { Release } from "../release.js";
import { validateRelease } from "../validate.js";
import { LineWriter } from "./line-writer.js";

const Q = {
  begin: cypher("dataset/begin"),
  complete: cypher("dataset/complete"),
};

export interface BulkOptions {
  replace?: boolean;
  tagSelection?: TagSelection;
  progress?: ProgressReporter;
}

/** What the bulk path needs: a database to check and mark, and the local server to stop, import into and restart. */
export interface BulkTarget {
  server: LocalNeo4j;
  importDir: string;
  /** Opens a connection (again) once the server runs. */
  open(): Promise<Database>;
}

const csvLine = (fields: unknown[]) => stringify([fields]).trimEnd();

/**
 * A first load through `neo4j-admin database import full`: validate the
 * release while writing the import files, stop the server, import (which
 * replaces the database), start it again, then add the schema and the Dataset
 * marker. Nothing is touched until the files are complete and valid.
 */
export async function bulkLoadRelease(target: BulkTarget, release: Release, options: BulkOptions = {}): Promise<LoadSummary> {
  const started = Date.now();
  const progress = options.progress ?? silentProgress;
  const selection = options.tagSelection ?? DEFAULT_TAG_SELECTION;

  let db = await target.open();
  const counts = await graphCounts(db);
  const [existing] = await currentDataset(db);
  if (!options.replace && (existing || counts.movies > 0 || counts.users > 0)) {
    await db.close();
    throw new LoadRefusedError(
      `the bulk import replaces the whole database, which holds ${existing ? `the data set "${existing.name}"` : "data"}; pass --replace to allow it`,
    );
  }
  await db.close();

  const dir = join(target.importDir, `bulk-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  try {
    const files = await writeImportFiles(release, dir, progress, selection);
    const stage = progress.stage("neo4j-admin import");
    const importStarted = Date.now();
    await target.server.stop();
    try {
      await target.server.admin([
        "database",
        "import",
        "full",
        "neo4j",
        "--overwrite-destination=true",
        "--id-type=INTEGER",
        "--array-delimiter=;",
        "--skip-bad-relationships=false",
        "--skip-duplicate-nodes=false",
        "--ignore-empty-strings=true",
        "--threads=2",
        `--report-file=${join(dir, "import.report")}`,
        ...files.nodes.map(([label, path]) => `--nodes=${label}=${path}`),
        ...files.relationships.map(([type, path]) => `--relationships=${type}=${path}`),
      ]);
    } finally {
      await target.server.start();
    }
    const importSeconds = (Date.now() - importStarted) / 1000;
    stage.tick(files.plan.rows.ratings);
    stage.done();

    db = await target.open();
    try {
      await applySchema(db);
      await db.write(Q.begin, { name: release.name, format: release.format, source: release.dir });
      await db.write(Q.complete, { name: release.name, files: release.files, warnings: files.plan.warnings });
      const seconds = (Date.now() - started) / 1000;
      return {
        dataset: release.name,
        format: release.format,
        counts: await graphCounts(db),
        rows: files.plan.rows,
        warnings: files.plan.warnings,
        seconds,
        stageSeconds: { "write import files": files.seconds, "neo4j-admin import": importSeconds },
        ratingsPerSecond: Math.round(files.plan.rows.ratings / seconds),
      };
    } finally {
      await db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function writeImportFiles(release: Release, dir: string, progress: ProgressReporter, selection: TagSelection) {
  const started = Date.now();
  const path = (name: string) => join(dir, name);
  const users = new LineWriter(path("users.csv"), "id:ID(User),gender,age:int,occupation,zip");
  const rated = new LineWriter(path("rated.csv"), ":START_ID(User),:END_ID(Movie),rating:float,timestamp:long");
  const tagged = new LineWriter(path("tagged.csv"), ":START_ID(User),:END_ID(Movie),tag,timestamp:long");

  const plan = await validateRelease(release, progress, {
    rating: (r) => rated.write(`${r.userId},${r.movieId},${r.rating},${r.timestamp}`),
    tag: (t) => tagged.write(csvLine([t.userId, t.movieId, t.tag, t.timestamp])),
  });
  await Promise.all([rated.close(), tagged.close()]);

  const details = new Map<number, { gender?: string | null; age?: number | null; occupation?: string | null; zip?: string | null }>();
  for await (const { value } of release.users()) details.set(value.id, value);
  for (const id of plan.userIds) {
    const u = details.get(id);
    await users.write(csvLine([id, u?.gender ?? "", u?.age ?? "", u?.occupation ?? "", u?.zip ?? ""]));
  }
  await users.close();

  const genreIds = new Map(plan.genres.map((name, i) => [name, i + 1]));
  const genres = new LineWriter(path("genres.csv"), ":ID(Genre),name");
  for (const [name, id] of genreIds) await genres.write(csvLine([id, name]));
  await genres.close();

  const genomeTags = new LineWriter(path("genome-tags.csv"), "id:ID(GenomeTag),name");
  for await (const { value } of release.genomeTags()) await genomeTags.write(csvLine([value.id, value.name]));
  await genomeTags.close();

  // Genome vectors are bounded by the genome (≈14k movies × 1,128 tags), not by ratings: holding them lets
  // each movie row carry its vector.
  const vectors = new Map<number, number[]>();
  const hasTag = new LineWriter(path("has-tag.csv"), ":START_ID(Movie),:END_ID(GenomeTag),relevance:double");
  for await (const v of genomeVectors(release.genomeScores(), plan.rows.genomeTags)) {
    if (!v.complete || !plan.movieIds.has(v.movieId)) continue;
    vectors.set(v.movieId, v.values);
    for (const [tagId, relevance] of selectTopTags(v.values, selection)) await hasTag.write(`${v.movieId},${tagId},${relevance}`);
  }
  await hasTag.close();

  const links = new Map<number, { imdbId: string | null; tmdbId: number | null }>();
  for await (const { value } of release.links()) links.set(value.movieId, value);
  const movies = new LineWriter(path("movies.csv"), "id:ID(Movie),title,year:int,imdbId,tmdbId:int,genome:double[]");
  const inGenre = new LineWriter(path("in-genre.csv"), ":START_ID(Movie),:END_ID(Genre)");
  for await (const { value: m } of release.movies()) {
    await movies.write(movieLine(m, links.get(m.id), vectors.get(m.id)));
    for (const g of m.genres) await inGenre.write(`${m.id},${genreIds.get(g)}`);
  }
  await Promise.all([movies.close(), inGenre.close()]);

  return {
    plan,
    seconds: (Date.now() - started) / 1000,
    nodes: [
      ["User", users.path],
      ["Movie", movies.path],
      ["Genre", genres.path],
      ["GenomeTag", genomeTags.path],
    ] as Array<[string, string]>,
    relationships: [
      ["RATED", rated.path],
      ["TAGGED", tagged.path],
      ["IN_GENRE", inGenre.path],
      ["HAS_TAG", hasTag.path],
    ] as Array<[string, string]>,
  };
}

function movieLine(m: MovieRecord, link: { imdbId: string | null; tmdbId: number | null } | undefined, genome: number[] | undefined): string {
  return csvLine([m.id, m.title, m.year ?? "", link?.imdbId ?? "", link?.tmdbId ?? "", genome ? genome.join(";") : ""]);
}
