import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { LoadError } from "../load-error.js";
import type { Release } from "../release.js";
import { isCsvRelease, openCsvRelease } from "./csv-release.js";
import { isMl100k, openMl100k } from "./ml-100k.js";
import { isMl1m, openMl1m } from "./ml-1m.js";

export interface OpenOptions {
  /** A folder holding genome-scores.csv and genome-tags.csv, when they are not in the release folder. */
  genomeDir?: string;
}

/** Recognises a MovieLens release folder by the files it contains. */
export function openRelease(dir: string, options: OpenOptions = {}): Release {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new LoadError(`not a folder: ${dir}`);
  }
  if (options.genomeDir !== undefined) {
    for (const file of ["genome-scores.csv", "genome-tags.csv"]) {
      if (!existsSync(join(options.genomeDir, file))) {
        throw new LoadError(`missing ${file} in ${options.genomeDir}`, file);
      }
    }
  }
  if (isMl100k(dir)) return openMl100k(dir);
  if (isMl1m(dir)) return openMl1m(dir);
  if (isCsvRelease(dir)) return openCsvRelease(dir, options.genomeDir);
  throw new LoadError(
    `no MovieLens release found in ${dir}: expected movies.csv + ratings.csv (CSV releases), u.data + u.item (ml-100k) or ratings.dat + movies.dat (ml-1m)`,
  );
}
