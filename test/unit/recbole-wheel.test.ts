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
import { openRelease } from "../../src/ingest/formats/detect.js";
import { loadFailure } from "./load-failure.js";
import { cachedPypiMl100k, ml100kFromPypi, type PinnedWheel } from "../../src/ingest/recbole/recbole-wheel.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/recbole-ml-100k/", import.meta.url));
const ATOMIC_FILES = ["ml-100k.inter", "ml-100k.item", "ml-100k.user"];
const COUNTS = { ratings: 3, users: 2, movies: 4 };

/** A wheel laid out like RecBole's: package code, and the example data sets with files this project does not use. */
async function wheelOf(atomic: string[] = ATOMIC_FILES): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from("__version__ = '1.2.1'\n"), "recbole/__init__.py");
  for (const name of atomic) zip.addBuffer(readFileSync(join(FIXTURE, name)), `recbole/dataset_example/ml-100k/${name}`);
  zip.addBuffer(Buffer.from("head_id:token\trelation_id:token\ttail_id:token\n"), "recbole/dataset_example/ml-100k/ml-100k.kg");
  zip.end();
  return buffer(zip.outputStream);
}

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

let body: Buffer | undefined;
let requests: string[] = [];
let server: Server;
let url: string;
let cacheDir: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    if (body === undefined || req.url !== "/packages/recbole-1.2.1-py3-none-any.whl") {
      res.writeHead(404, "Not Found").end();
      return;
    }
    res.writeHead(200, { "content-length": body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/packages/recbole-1.2.1-py3-none-any.whl`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  body = undefined;
  requests = [];
  cacheDir = mkdtempSync(join(tmpdir(), "recbole-wheel-"));
});

afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

/** Serves `wheel` and returns the pin that matches it (or the given digest). */
function publish(wheel: Buffer, digest = sha256(wheel)): PinnedWheel {
  body = wheel;
  return { version: "1.2.1", url, sha256: digest };
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

    requests = [];
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
