import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buffer } from "node:stream/consumers";
import { fileURLToPath } from "node:url";
import yazl from "yazl";
import { fetchRelease } from "../../src/ingest/fetch-release.js";
import { UnreachableError } from "../../src/ingest/http-get.js";
import { LoadError } from "../../src/ingest/load-error.js";
import type { PinnedWheel } from "../../src/ingest/recbole/recbole-wheel.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/recbole-ml-100k/", import.meta.url));
const ML_100K = fileURLToPath(new URL("../fixtures/ml-100k/", import.meta.url));
const COUNTS = { ratings: 3, users: 2, movies: 4 };

async function zipOf(files: Record<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [path, bytes] of Object.entries(files)) zip.addBuffer(bytes, path);
  zip.end();
  return buffer(zip.outputStream);
}

const digest = (algorithm: "md5" | "sha256", data: Buffer) => createHash(algorithm).update(data).digest("hex");

/** One loopback server plays both GroupLens (/grouplens/…) and PyPI (/pypi/…); unknown paths are 404. */
let routes = new Map<string, Buffer | string>();
let requests: string[] = [];
let server: Server;
let origin: string;
/** A port nothing listens on: GroupLens out of reach. */
let closedPort: number;
let cacheDir: string;
let wheel: PinnedWheel;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    const body = routes.get(req.url ?? "");
    if (body === undefined) res.writeHead(404, "Not Found").end();
    else res.writeHead(200, { "content-length": Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
  routes = new Map();
  requests = [];
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
    const baseUrl = `http://127.0.0.1:${closedPort}`;
    const fetched = await fetchRelease("ml-100k", { cacheDir, baseUrl, wheel, counts: COUNTS });

    expect(fetched.dir).toBe(join(cacheDir, "ml-100k-recbole-1.2.1", "ml-100k"));
    expect(fetched.source).toBe(`the copy in the PyPI package recbole 1.2.1 (${wheel.url}, SHA-256 checked)`);
    expect(fetched.notes[0]).toContain(`${baseUrl}/ml-100k.zip.md5`);
    expect(fetched.notes[1]).toContain("no IMDb URLs and no release dates");
    expect(readdirSync(fetched.dir).sort()).toEqual(["u.data", "u.item", "u.user"]);

    // Still out of reach: the copy is reused without fetching the wheel again.
    requests = [];
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
    const error = await fetchRelease("ml-1m", { cacheDir, baseUrl: `http://127.0.0.1:${closedPort}`, wheel }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreachableError);
    expect(requests).toEqual([]);
  });
});
