import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { buffer } from "node:stream/consumers";
import yauzl from "yauzl";
import { cachedFolder, fillCacheEntry } from "../download-cache.js";
import { httpGet, saveWithDigest, type ProgressCallback } from "../http-get.js";
import { LoadError } from "../load-error.js";
import { atomicToMl100k, type AtomicMl100k, type Ml100kCounts } from "./atomic-ml100k.js";

/** A wheel on PyPI, pinned by its digest so that a re-uploaded file cannot change the data. */
export interface PinnedWheel {
  version: string;
  url: string;
  /** Hex SHA-256, as PyPI lists it. */
  sha256: string;
}

/**
 * RecBole 1.2.1 (https://pypi.org/project/recbole/1.2.1/), whose wheel ships
 * ml-100k as an example data set. URL and digest as PyPI's JSON API lists them
 * (https://pypi.org/pypi/recbole/json, releases["1.2.1"]).
 */
export const RECBOLE_WHEEL: PinnedWheel = {
  version: "1.2.1",
  url: "https://files.pythonhosted.org/packages/ab/fe/7d606cb7cd2b166a36b100cb9435d21014ceee16c192d972deb0976967a8/recbole-1.2.1-py3-none-any.whl",
  sha256: "9c9948202011f37eb0a7c6768129313f00d6403ad221ec940d5e2d5d5f33a407",
};

/** Where the wheel keeps the atomic files. */
const ATOMIC_FOLDER = "recbole/dataset_example/ml-100k";

/** The release folder's name: openRelease names the data set after it, the same as GroupLens' copy. */
const FOLDER = "ml-100k";

export interface PypiMl100kOptions {
  /** The converted files are kept here and reused on later calls. */
  cacheDir: string;
  /** Replaces RECBOLE_WHEEL (a local server in tests). */
  wheel?: PinnedWheel;
  /** Replaces ML_100K_COUNTS (a tiny wheel in tests). */
  counts?: Ml100kCounts;
  fetchImpl?: typeof fetch;
  /** Bytes of the wheel received so far, and its size. */
  onProgress?: ProgressCallback;
}

/** The cache entry of a wheel's copy; versioned, so a new pin never reuses an old copy. */
function cacheEntry(wheel: PinnedWheel): string {
  return `ml-100k-recbole-${wheel.version}`;
}

/** The folder converted earlier from this wheel, or undefined. */
export function cachedPypiMl100k(cacheDir: string, wheel: PinnedWheel = RECBOLE_WHEEL): string | undefined {
  return cachedFolder(resolve(cacheDir), cacheEntry(wheel), FOLDER);
}

/**
 * Fetches the pinned RecBole wheel from PyPI, checks its SHA-256, takes the
 * ml-100k atomic files out of it and writes them as u.data, u.item and u.user
 * into `<cacheDir>/ml-100k-recbole-<version>/ml-100k`, ready for openRelease.
 * The wheel itself is not kept. Later calls return the folder without
 * touching the network.
 */
export async function ml100kFromPypi(options: PypiMl100kOptions): Promise<string> {
  const wheel = options.wheel ?? RECBOLE_WHEEL;
  const cached = cachedPypiMl100k(options.cacheDir, wheel);
  if (cached) return cached;
  await fillCacheEntry(resolve(options.cacheDir), cacheEntry(wheel), async (work, unpacked) => {
    const path = join(work, basename(new URL(wheel.url).pathname));
    const actual = await saveWithDigest(await httpGet(options.fetchImpl ?? fetch, wheel.url), path, wheel.url, "sha256", options.onProgress);
    if (actual !== wheel.sha256) {
      throw new LoadError(`${wheel.url} failed its checksum: got SHA-256 ${actual}, but the pinned digest is ${wheel.sha256}; the download was deleted`);
    }
    const files = atomicToMl100k(await readAtomicFiles(path, wheel.url), options.counts);
    mkdirSync(join(unpacked, FOLDER));
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(unpacked, FOLDER, name), bytes);
    return `${actual}  ${basename(path)}\n`;
  });
  return cachedPypiMl100k(options.cacheDir, wheel)!;
}

/** The three atomic files, read from the wheel (a zip archive) into memory: together about 2 MB. */
async function readAtomicFiles(wheelPath: string, url: string): Promise<AtomicMl100k> {
  const wanted: Record<keyof AtomicMl100k, string> = {
    inter: `${ATOMIC_FOLDER}/ml-100k.inter`,
    item: `${ATOMIC_FOLDER}/ml-100k.item`,
    user: `${ATOMIC_FOLDER}/ml-100k.user`,
  };
  const found = new Map<string, string>();
  try {
    const zip = await yauzl.openPromise(wheelPath);
    for await (const entry of zip.eachEntry()) {
      if (Object.values(wanted).includes(entry.fileName)) {
        found.set(entry.fileName, (await buffer(await zip.openReadStreamPromise(entry))).toString("utf8"));
      }
    }
  } catch (error) {
    throw new LoadError(`cannot unpack ${url}: ${(error as Error).message}`);
  }
  const missing = Object.values(wanted).filter((path) => !found.has(path));
  if (missing.length > 0) throw new LoadError(`${url} has no ${missing.join(", ")}`);
  return { inter: found.get(wanted.inter)!, item: found.get(wanted.item)!, user: found.get(wanted.user)! };
}
