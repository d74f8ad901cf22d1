import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { downloadRelease, RELEASES } from "../../src/ingest/download.js";
import { openRelease } from "../../src/ingest/formats/detect.js";
import { UnreachableError } from "../../src/ingest/http-get.js";
import { closedPort, digest, FileServer, zipOf } from "./file-server.js";
import { loadFailure } from "./load-failure.js";

const MOVIES = "movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n2,Jumanji (1995),Adventure|Children\n";
const RATINGS = "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,2,3.5,964981247\n2,1,5.0,964982224\n";

const md5 = (data: Buffer) => digest("md5", data);

const server = new FileServer();
const { routes, requests } = server;
let baseUrl: string;
let cacheDir: string;

beforeAll(async () => {
  await server.start();
  baseUrl = `${server.origin}/datasets/movielens`;
});

afterAll(() => server.close());

beforeEach(() => {
  server.reset();
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

    requests.length = 0;
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
    requests.length = 0;
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
    const port = await closedPort();

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
