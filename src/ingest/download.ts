import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import { cachedFolder, fillCacheEntry } from "./download-cache.js";
import { httpGet, saveWithDigest, type ProgressCallback } from "./http-get.js";
import { LoadError } from "./load-error.js";

/** Where GroupLens publishes the MovieLens archives, each with a `<name>.zip.md5` beside it. */
export const GROUPLENS_BASE_URL = "https://files.grouplens.org/datasets/movielens";

export interface ReleaseArchive {
  url: string;
  /** The top-level folder the archive unpacks to. */
  folder: string;
}

const archive = (name: string, folder: string): ReleaseArchive => ({ url: `${GROUPLENS_BASE_URL}/${name}.zip`, folder });

/**
 * The releases `load --download` can fetch. Each archive holds a single folder,
 * named like the archive except ml-10m, which unpacks to "ml-10M100K" (its
 * 10 million ratings and 100 thousand tags). The folder names come from the
 * archives as published and from code that reads them; GroupLens does not
 * document them, so if a re-issued archive renames its folder, the download
 * fails with "has no folder …" and the entry here needs updating.
 */
export const RELEASES = {
  "ml-latest-small": archive("ml-latest-small", "ml-latest-small"),
  "ml-latest": archive("ml-latest", "ml-latest"),
  "ml-100k": archive("ml-100k", "ml-100k"),
  "ml-1m": archive("ml-1m", "ml-1m"),
  "ml-10m": archive("ml-10m", "ml-10M100K"),
  "ml-20m": archive("ml-20m", "ml-20m"),
  "ml-25m": archive("ml-25m", "ml-25m"),
  "ml-32m": archive("ml-32m", "ml-32m"),
} as const satisfies Record<string, ReleaseArchive>;

export type ReleaseName = keyof typeof RELEASES;

export interface DownloadOptions {
  /** Unpacked releases are kept here, one folder per release, and reused on later calls. */
  cacheDir: string;
  /** Replaces GROUPLENS_BASE_URL (a mirror, or a local server in tests). */
  baseUrl?: string;
  fetchImpl?: typeof fetch;
  /** Bytes of the archive received so far, and its size when the server sends one. */
  onProgress?: ProgressCallback;
}

export function isReleaseName(name: string): name is ReleaseName {
  return Object.hasOwn(RELEASES, name);
}

/** The folder of a release fetched earlier, or undefined when it is not in the cache. */
export function cachedRelease(name: ReleaseName, cacheDir: string): string | undefined {
  return cachedFolder(resolve(cacheDir), name, RELEASES[name].folder);
}

/**
 * Fetches a MovieLens release from GroupLens once and returns the folder it
 * unpacks to, ready for openRelease. Later calls return the cached folder
 * without touching the network. Throws UnreachableError when GroupLens does
 * not answer at all.
 */
export async function downloadRelease(name: string, options: DownloadOptions): Promise<string> {
  if (!isReleaseName(name)) {
    throw new LoadError(`unknown release "${name}"; known releases: ${Object.keys(RELEASES).join(", ")}`);
  }
  const cached = cachedRelease(name, options.cacheDir);
  if (cached) return cached;

  const { folder } = RELEASES[name];
  const base = options.baseUrl?.replace(/\/+$/, "") ?? GROUPLENS_BASE_URL;
  const zipUrl = `${base}/${name}.zip`;
  const md5Url = `${zipUrl}.md5`;
  const fetchImpl = options.fetchImpl ?? fetch;

  await fillCacheEntry(resolve(options.cacheDir), name, async (work, unpacked) => {
    // The checksum first: if it is missing, we learn that before an archive of up to a few hundred MB.
    const expected = parseMd5(await (await httpGet(fetchImpl, md5Url)).text(), md5Url);
    const zipPath = join(work, `${name}.zip`);
    const actual = await saveWithDigest(await httpGet(fetchImpl, zipUrl), zipPath, zipUrl, "md5", options.onProgress);
    if (actual !== expected) {
      throw new LoadError(
        `${zipUrl} failed its checksum: got MD5 ${actual}, but ${md5Url} says ${expected}; the download was deleted, try again`,
      );
    }
    await unzip(zipPath, unpacked);
    rmSync(zipPath);
    if (!existsSync(join(unpacked, folder))) {
      throw new LoadError(`${zipUrl} has no folder ${folder}/ (found: ${readdirSync(unpacked).join(", ") || "nothing"})`);
    }
    return `${expected}  ${name}.zip\n`;
  });
  return cachedRelease(name, options.cacheDir)!;
}

/** GroupLens writes either "<md5>  <file>" or "MD5 (<file>) = <md5>", so take the digest wherever it is. */
function parseMd5(text: string, url: string): string {
  const digest = /\b[0-9a-f]{32}\b/i.exec(text)?.[0];
  if (!digest) throw new LoadError(`${url} holds no MD5 digest: ${JSON.stringify(text.slice(0, 100))}`);
  return digest.toLowerCase();
}

/** Unpacks regular files and folders only, refusing any entry that would land outside `dest` (zip-slip). */
async function unzip(zipPath: string, dest: string): Promise<void> {
  mkdirSync(dest, { recursive: true });
  try {
    const zip = await yauzl.openPromise(zipPath);
    for await (const entry of zip.eachEntry()) {
      // yauzl already rejects "..", absolute and backslash names; this check is what the code below relies on.
      const path = resolve(dest, entry.fileName);
      const inside = relative(dest, path);
      if (inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
        throw new Error(`entry ${JSON.stringify(entry.fileName)} points outside the release folder`);
      }
      if (entry.fileName.endsWith("/")) {
        mkdirSync(path, { recursive: true });
        continue;
      }
      mkdirSync(dirname(path), { recursive: true });
      await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(path));
    }
  } catch (error) {
    throw new LoadError(`cannot unpack ${zipPath}: ${(error as Error).message}`);
  }
}
