import { createHash } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { Readable, Transform } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
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
  onProgress?: (bytes: number, total?: number) => void;
}

/** Marks a cache folder as fully unpacked; written last, so a folder without it is never used. */
const COMPLETE = ".complete";

export function isReleaseName(name: string): name is ReleaseName {
  return Object.hasOwn(RELEASES, name);
}

/**
 * Fetches a MovieLens release from GroupLens once and returns the folder it
 * unpacks to, ready for openRelease. Later calls return the cached folder
 * without touching the network.
 */
export async function downloadRelease(name: string, options: DownloadOptions): Promise<string> {
  if (!isReleaseName(name)) {
    throw new LoadError(`unknown release "${name}"; known releases: ${Object.keys(RELEASES).join(", ")}`);
  }
  const { folder } = RELEASES[name];
  const cacheDir = resolve(options.cacheDir);
  const target = join(cacheDir, name);
  if (existsSync(join(target, COMPLETE)) && existsSync(join(target, folder))) return join(target, folder);

  const base = options.baseUrl?.replace(/\/+$/, "") ?? GROUPLENS_BASE_URL;
  const zipUrl = `${base}/${name}.zip`;
  const md5Url = `${zipUrl}.md5`;
  const fetchImpl = options.fetchImpl ?? fetch;

  mkdirSync(cacheDir, { recursive: true });
  removeAbandoned(cacheDir, name);
  // The pid keeps two concurrent downloads of the same release out of each other's way.
  const work = join(cacheDir, `${name}.partial-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    // The checksum first: if it is missing, we learn that before an archive of up to a few hundred MB.
    const expected = parseMd5(await (await get(fetchImpl, md5Url)).text(), md5Url);
    const zipPath = join(work, `${name}.zip`);
    const actual = await saveWithMd5(await get(fetchImpl, zipUrl), zipPath, zipUrl, options.onProgress);
    if (actual !== expected) {
      throw new LoadError(
        `${zipUrl} failed its checksum: got MD5 ${actual}, but ${md5Url} says ${expected}; the download was deleted, try again`,
      );
    }
    const unpacked = join(work, "unpacked");
    await unzip(zipPath, unpacked);
    rmSync(zipPath);
    if (!existsSync(join(unpacked, folder))) {
      throw new LoadError(`${zipUrl} has no folder ${folder}/ (found: ${readdirSync(unpacked).join(", ") || "nothing"})`);
    }
    writeFileSync(join(unpacked, COMPLETE), `${expected}  ${name}.zip\n`);
    rmSync(target, { recursive: true, force: true });
    renameSync(unpacked, target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return join(target, folder);
}

/** Work folders left by a download that was killed; their process is gone, so nothing else will remove them. */
function removeAbandoned(cacheDir: string, name: string): void {
  // Release names are plain [a-z0-9-], so they need no escaping in the pattern.
  const pattern = new RegExp(`^${name}\\.partial-(\\d+)$`);
  for (const entry of readdirSync(cacheDir)) {
    const pid = Number(pattern.exec(entry)?.[1]);
    if (pid && !isAlive(pid)) rmSync(join(cacheDir, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function get(fetchImpl: typeof fetch, url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (error) {
    // fetch reports network failures as "fetch failed" and keeps the reason (ENOTFOUND, ECONNREFUSED…) in cause.
    const reason = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
    throw new LoadError(`could not download ${url} (${reason}); check the network connection`);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new LoadError(`could not download ${url}: HTTP ${response.status} ${response.statusText}`.trimEnd());
  }
  return response;
}

/** GroupLens writes either "<md5>  <file>" or "MD5 (<file>) = <md5>", so take the digest wherever it is. */
function parseMd5(text: string, url: string): string {
  const digest = /\b[0-9a-f]{32}\b/i.exec(text)?.[0];
  if (!digest) throw new LoadError(`${url} holds no MD5 digest: ${JSON.stringify(text.slice(0, 100))}`);
  return digest.toLowerCase();
}

/** Streams the body to a file, hashing on the way so the archive is never read twice or held in memory. */
async function saveWithMd5(
  response: Response,
  path: string,
  url: string,
  onProgress?: (bytes: number, total?: number) => void,
): Promise<string> {
  const length = Number(response.headers.get("content-length"));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  const hash = createHash("md5");
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      onProgress?.(bytes, total);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), meter, createWriteStream(path));
  } catch (error) {
    throw new LoadError(`download of ${url} broke off after ${bytes} bytes (${(error as Error).message}); try again`);
  }
  return hash.digest("hex");
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
