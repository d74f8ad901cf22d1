import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fetchRelease, fetchReport } from "../../src/ingest/fetch-release.js";
import { UnreachableError } from "../../src/ingest/http-get.js";
import { LoadError } from "../../src/ingest/load-error.js";
import type { PinnedWheel } from "../../src/ingest/recbole/recbole-wheel.js";
import { closedPort, digest, FileServer, zipOf } from "./file-server.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/recbole-ml-100k/", import.meta.url));
const ML_100K = fileURLToPath(new URL("../fixtures/ml-100k/", import.meta.url));
const COUNTS = { ratings: 3, users: 2, movies: 4 };

/** One loopback server plays both GroupLens (/grouplens/…) and PyPI (/pypi/…); unknown paths are 404. */
const server = new FileServer();
const { routes, requests } = server;
let origin: string;
/** GroupLens out of reach: nothing listens there. */
let offline: string;
let cacheDir: string;
let wheel: PinnedWheel;

beforeAll(async () => {
  await server.start();
  origin = server.origin;
  offline = `http://127.0.0.1:${await closedPort()}`;
});

afterAll(() => server.close());

beforeEach(async () => {
  server.reset();
  cacheDir = mkdtempSync(join(tmpdir(), "fetch-release-"));
  const files: Record<string, Buffer> = {};
  for (const name of ["ml-100k.inter", "ml-100k.item", "ml-100k.user"]) files[`recbole/dataset_example/ml-100k/${name}`] = readFileSync(join(FIXTURE, name));
  const whl = await zipOf(files);
  routes.set("/pypi/recbole-1.2.1-py3-none-any.whl", whl);
  wheel = { version: "1.2.1", url: `${origin}/pypi/recbole-1.2.1-py3-none-any.whl`, sha256: digest("sha256", whl) };
});

afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

async function publishGroupLens(): Promise<void> {
  const files: Record<string, Buffer> = {};
  for (const name of ["u.data", "u.item", "u.user"]) files[`ml-100k/${name}`] = readFileSync(join(ML_100K, name));
  const zip = await zipOf(files);
  routes.set("/grouplens/ml-100k.zip", zip);
  routes.set("/grouplens/ml-100k.zip.md5", `${digest("md5", zip)}  ml-100k.zip\n`);
}

describe("fetchRelease", () => {
  it("takes ml-100k from GroupLens when GroupLens answers", async () => {
    await publishGroupLens();
    const fetched = await fetchRelease("ml-100k", { cacheDir, baseUrl: `${origin}/grouplens`, wheel, counts: COUNTS });
    expect(fetched).toEqual({ dir: join(cacheDir, "ml-100k", "ml-100k"), source: `GroupLens (${origin}/grouplens)`, notes: [] });
    expect(requests.some((r) => r.startsWith("/pypi/"))).toBe(false);
  });

  it("falls back to the PyPI copy when GroupLens cannot be reached, saying why and what the copy lacks", async () => {
    const baseUrl = offline;
    const fetched = await fetchRelease("ml-100k", { cacheDir, baseUrl, wheel, counts: COUNTS });

    expect(fetched.dir).toBe(join(cacheDir, "ml-100k-recbole-1.2.1", "ml-100k"));
    expect(fetched.source).toBe(`the copy in the PyPI package recbole 1.2.1 (${wheel.url}, SHA-256 checked)`);
    expect(fetched.notes[0]).toContain(`${baseUrl}/ml-100k.zip.md5`);
    expect(fetched.notes[1]).toContain("no IMDb URLs and no release dates");
    expect(readdirSync(fetched.dir).sort()).toEqual(["u.data", "u.item", "u.user"]);

    // Still out of reach: the copy is reused without fetching the wheel again.
    requests.length = 0;
    expect((await fetchRelease("ml-100k", { cacheDir, baseUrl, wheel, counts: COUNTS })).dir).toBe(fetched.dir);
    expect(requests).toEqual([]);

    // Reachable again: GroupLens' own files win, and are cached beside the copy.
    await publishGroupLens();
    const online = await fetchRelease("ml-100k", { cacheDir, baseUrl: `${origin}/grouplens`, wheel, counts: COUNTS });
    expect(online.dir).toBe(join(cacheDir, "ml-100k", "ml-100k"));
    expect(readdirSync(cacheDir).sort()).toEqual(["ml-100k", "ml-100k-recbole-1.2.1"]);
  });

  it("does not fall back when GroupLens answers with an error", async () => {
    const error = await fetchRelease("ml-100k", { cacheDir, baseUrl: `${origin}/grouplens`, wheel, counts: COUNTS }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).message).toContain("404");
    expect(requests.some((r) => r.startsWith("/pypi/"))).toBe(false);
  });

  it("has no second source for the other releases", async () => {
    const error = await fetchRelease("ml-1m", { cacheDir, baseUrl: offline, wheel }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreachableError);
    expect(requests).toEqual([]);
  });
});

describe("fetchReport", () => {
  it("says where the release is, where it came from, and every note", () => {
    expect(fetchReport("ml-100k", { dir: "/cache/ml-100k", source: "PyPI", notes: ["no dates", "no URLs"] })).toEqual([
      "ml-100k: /cache/ml-100k, from PyPI",
      "note: no dates",
      "note: no URLs",
    ]);
  });
});
