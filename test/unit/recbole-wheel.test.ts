import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openRelease } from "../../src/ingest/formats/detect.js";
import { digest, FileServer, zipOf } from "./file-server.js";
import { loadFailure } from "./load-failure.js";
import { cachedPypiMl100k, ml100kFromPypi, type PinnedWheel } from "../../src/ingest/recbole/recbole-wheel.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/recbole-ml-100k/", import.meta.url));
const ATOMIC_FILES = ["ml-100k.inter", "ml-100k.item", "ml-100k.user"];
const COUNTS = { ratings: 3, users: 2, movies: 4 };

/** A wheel laid out like RecBole's: package code, and the example data sets with files this project does not use. */
async function wheelOf(atomic: string[] = ATOMIC_FILES): Promise<Buffer> {
  const files: Record<string, Buffer | string> = { "recbole/__init__.py": "__version__ = '1.2.1'\n" };
  for (const name of atomic) files[`recbole/dataset_example/ml-100k/${name}`] = readFileSync(join(FIXTURE, name));
  files["recbole/dataset_example/ml-100k/ml-100k.kg"] = "head_id:token\trelation_id:token\ttail_id:token\n";
  return zipOf(files);
}

const sha256 = (data: Buffer) => digest("sha256", data);

const PATH = "/packages/recbole-1.2.1-py3-none-any.whl";
const server = new FileServer();
const { requests } = server;
/** The wheel being served. */
let body: Buffer | undefined;
let url: string;
let cacheDir: string;

beforeAll(async () => {
  await server.start();
  url = `${server.origin}${PATH}`;
});

afterAll(() => server.close());

beforeEach(() => {
  body = undefined;
  server.reset();
  cacheDir = mkdtempSync(join(tmpdir(), "recbole-wheel-"));
});

afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

/** Serves `wheel` and returns the pin that matches it (or the given digest). */
function publish(wheel: Buffer, pinned = sha256(wheel)): PinnedWheel {
  body = wheel;
  server.routes.set(PATH, wheel);
  return { version: "1.2.1", url, sha256: pinned };
}

describe("ml100kFromPypi", () => {
  it("fetches the pinned wheel, converts its ml-100k and keeps only the converted folder", async () => {
    const wheel = publish(await wheelOf());
    const progress: number[] = [];

    const dir = await ml100kFromPypi({ cacheDir, wheel, counts: COUNTS, onProgress: (bytes) => progress.push(bytes) });

    expect(dir).toBe(join(cacheDir, "ml-100k-recbole-1.2.1", "ml-100k"));
    expect(readdirSync(dir).sort()).toEqual(["u.data", "u.item", "u.user"]);
    expect(readdirSync(cacheDir)).toEqual(["ml-100k-recbole-1.2.1"]);
    expect(progress.at(-1)).toBe(body!.length);
    const release = openRelease(dir);
    expect(release).toMatchObject({ format: "ml-100k", name: "ml-100k" });
    const titles = [];
    for await (const { value } of release.movies()) titles.push(value.title);
    expect(titles).toEqual(["Toy Story", "unknown", "Misérables, Les", "Land Before Time III: The Time of the Great Giving (1995) (V)"]);
  });

  it("returns the cached folder on a second call without any request", async () => {
    const wheel = publish(await wheelOf());
    const first = await ml100kFromPypi({ cacheDir, wheel, counts: COUNTS });
    expect(requests).toHaveLength(1);
    expect(cachedPypiMl100k(cacheDir, wheel)).toBe(first);

    requests.length = 0;
    expect(await ml100kFromPypi({ cacheDir, wheel, counts: COUNTS })).toBe(first);
    expect(requests).toEqual([]);
    // Another pinned version is another cache entry.
    expect(cachedPypiMl100k(cacheDir, { ...wheel, version: "1.2.2" })).toBeUndefined();
  });

  it("refuses a wheel whose SHA-256 is not the pinned one, naming both, and caches nothing", async () => {
    const wrong = "0".repeat(64);
    const wheel = publish(await wheelOf(), wrong);
    const error = await loadFailure(ml100kFromPypi({ cacheDir, wheel, counts: COUNTS }));
    expect(error.message).toContain(wrong);
    expect(error.message).toContain(sha256(body!));
    expect(error.message).toContain(url);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it("refuses a copy with other counts than ml-100k's, and caches nothing", async () => {
    const wheel = publish(await wheelOf());
    const error = await loadFailure(ml100kFromPypi({ cacheDir, wheel, counts: { ratings: 100_000, users: 943, movies: 1_682 } }));
    expect(error.message).toContain("it is not ml-100k");
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it("names the atomic files a wheel lacks", async () => {
    const wheel = publish(await wheelOf(["ml-100k.inter", "ml-100k.item"]));
    const error = await loadFailure(ml100kFromPypi({ cacheDir, wheel, counts: COUNTS }));
    expect(error.message).toBe(`${url} has no recbole/dataset_example/ml-100k/ml-100k.user`);
  });

  it("reports a download that is not a zip archive", async () => {
    const wheel = publish(Buffer.from("<html>not a wheel</html>"));
    const error = await loadFailure(ml100kFromPypi({ cacheDir, wheel, counts: COUNTS }));
    expect(error.message).toContain(`cannot unpack ${url}`);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it("fails on HTTP 404 naming the URL", async () => {
    const error = await loadFailure(ml100kFromPypi({ cacheDir, wheel: { version: "1.2.1", url: `${url}.missing`, sha256: "0".repeat(64) }, counts: COUNTS }));
    expect(error.message).toContain(`${url}.missing`);
    expect(error.message).toContain("404");
  });
});
