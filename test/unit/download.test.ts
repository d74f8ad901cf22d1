import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buffer } from "node:stream/consumers";
import yazl from "yazl";
import { downloadRelease, RELEASES } from "../../src/ingest/download.js";
import { openRelease } from "../../src/ingest/formats/detect.js";
import { UnreachableError } from "../../src/ingest/http-get.js";
import { loadFailure } from "./load-failure.js";

const MOVIES = "movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n2,Jumanji (1995),Adventure|Children\n";
const RATINGS = "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,2,3.5,964981247\n2,1,5.0,964982224\n";

async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [path, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), path);
  zip.end();
  return buffer(zip.outputStream);
}

const md5 = (data: Buffer) => createHash("md5").update(data).digest("hex");

/** What the server answers, by path; anything else is a 404. Every request is recorded. */
let routes = new Map<string, Buffer | string>();
let requests: string[] = [];
let server: Server;
let baseUrl: string;
let cacheDir: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    const body = routes.get(req.url ?? "");
    if (body === undefined) {
      res.writeHead(404, "Not Found").end();
      return;
    }
    res.writeHead(200, { "content-length": Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/datasets/movielens`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  routes = new Map();
  requests = [];
  cacheDir = mkdtempSync(join(tmpdir(), "download-"));
});

afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

/** Serves `name`.zip with the given files and its checksum, as GroupLens lays them out. */
function publish(name: string, zip: Buffer, checksum = `${md5(zip)}  ${name}.zip\n`): void {
  routes.set(`/datasets/movielens/${name}.zip`, zip);
  routes.set(`/datasets/movielens/${name}.zip.md5`, checksum);
}

describe("downloadRelease", () => {
  it("downloads, verifies and unpacks a release that openRelease recognises", async () => {
    const zip = await zipOf({ "ml-latest-small/movies.csv": MOVIES, "ml-latest-small/ratings.csv": RATINGS });
    publish("ml-latest-small", zip);
    const progress: Array<[number, number | undefined]> = [];

    const dir = await downloadRelease("ml-latest-small", {
      cacheDir,
      baseUrl,
      onProgress: (bytes, total) => progress.push([bytes, total]),
    });

    expect(dir).toBe(join(cacheDir, "ml-latest-small", "ml-latest-small"));
    expect(readdirSync(dir).sort()).toEqual(["movies.csv", "ratings.csv"]);
    const release = openRelease(dir);
    expect(release).toMatchObject({ format: "csv", name: "ml-latest-small" });
    const ratings = [];
    for await (const r of release.ratings()) ratings.push(r.value);
    expect(ratings).toHaveLength(3);
    expect(progress.at(-1)).toEqual([zip.length, zip.length]);
    // Only the unpacked release stays in the cache: no archive, no work folder.
    expect(readdirSync(cacheDir)).toEqual(["ml-latest-small"]);
  });

  it("accepts the BSD-style checksum line GroupLens uses for some releases", async () => {
    const zip = await zipOf({ "ml-latest-small/movies.csv": MOVIES, "ml-latest-small/ratings.csv": RATINGS });
    publish("ml-latest-small", zip, `MD5 (ml-latest-small.zip) = ${md5(zip).toUpperCase()}\n`);
    const dir = await downloadRelease("ml-latest-small", { cacheDir, baseUrl });
    expect(existsSync(join(dir, "movies.csv"))).toBe(true);
  });

  it("returns the cached release on a second call without any request", async () => {
    publish("ml-latest-small", await zipOf({ "ml-latest-small/movies.csv": MOVIES, "ml-latest-small/ratings.csv": RATINGS }));
    const first = await downloadRelease("ml-latest-small", { cacheDir, baseUrl });
    expect(requests).toHaveLength(2);

    requests = [];
    const second = await downloadRelease("ml-latest-small", { cacheDir, baseUrl });
    expect(second).toBe(first);
    expect(requests).toEqual([]);
  });

  it("unpacks ml-10m to the folder name its archive uses", async () => {
    publish("ml-10m", await zipOf({ "ml-10M100K/movies.dat": "1::Toy Story (1995)::Comedy\n", "ml-10M100K/ratings.dat": "1::1::5::838985046\n" }));
    const dir = await downloadRelease("ml-10m", { cacheDir, baseUrl });
    expect(dir).toBe(join(cacheDir, "ml-10m", RELEASES["ml-10m"].folder));
    expect(readdirSync(dir).sort()).toEqual(["movies.dat", "ratings.dat"]);
  });

  it("fails on a checksum mismatch naming both digests, and caches nothing", async () => {
    const zip = await zipOf({ "ml-latest-small/movies.csv": MOVIES, "ml-latest-small/ratings.csv": RATINGS });
    const wrong = "0123456789abcdef0123456789abcdef";
    publish("ml-latest-small", zip, `${wrong}  ml-latest-small.zip\n`);

    const error = await loadFailure(downloadRelease("ml-latest-small", { cacheDir, baseUrl }));
    expect(error.message).toContain(wrong);
    expect(error.message).toContain(md5(zip));
    expect(error.message).toContain("checksum");
    expect(readdirSync(cacheDir)).toEqual([]);

    // Once the checksum is right, the next call downloads again instead of trusting anything left over.
    publish("ml-latest-small", zip);
    requests = [];
    await downloadRelease("ml-latest-small", { cacheDir, baseUrl });
    expect(requests).toHaveLength(2);
  });

  it("fails on HTTP 404 naming the URL", async () => {
    routes.set("/datasets/movielens/ml-1m.zip.md5", "0123456789abcdef0123456789abcdef  ml-1m.zip\n");
    const error = await loadFailure(downloadRelease("ml-1m", { cacheDir, baseUrl }));
    expect(error.message).toContain(`${baseUrl}/ml-1m.zip`);
    expect(error.message).toContain("404");
    // The server answered: this is not the "cannot be reached" that lets a caller try another source.
    expect(error).not.toBeInstanceOf(UnreachableError);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it("fails when the server cannot be reached, naming the URL", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const error = await loadFailure(downloadRelease("ml-100k", { cacheDir, baseUrl: `http://127.0.0.1:${port}` }));
    expect(error.message).toContain(`http://127.0.0.1:${port}/ml-100k.zip.md5`);
    expect(error.message).toContain("ECONNREFUSED");
    expect(error).toBeInstanceOf(UnreachableError);
  });

  it("refuses an unknown release, listing the known ones", async () => {
    const error = await loadFailure(downloadRelease("ml-5m", { cacheDir, baseUrl }));
    expect(error.message).toContain('"ml-5m"');
    for (const name of Object.keys(RELEASES)) expect(error.message).toContain(name);
    expect(requests).toEqual([]);
  });

  it("refuses an archive entry that climbs out of the release folder", async () => {
    // yazl will not write "../" itself, so the name is patched in the finished archive (same length, same CRC).
    const clean = await zipOf({ "ml-latest-small/movies.csv": MOVIES, "ml-latest-small/ratings.csv": RATINGS, "XX/evil.txt": "gotcha" });
    const evil = Buffer.from(clean.toString("latin1").replaceAll("XX/evil.txt", "../evil.txt"), "latin1");
    publish("ml-latest-small", evil);

    const error = await loadFailure(downloadRelease("ml-latest-small", { cacheDir, baseUrl }));
    expect(error.message).toContain("../evil.txt");
    expect(existsSync(join(cacheDir, "evil.txt"))).toBe(false);
    expect(readdirSync(cacheDir)).toEqual([]);
  });
});
