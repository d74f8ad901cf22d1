import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viteConfig from "../../web/vite.config.js";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { WEB_DIR, webRouter } from "../../src/web/web.router.js";

const INDEX = "<!doctype html><title>app</title>";
const HTML = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };

let built: string;
const servers: Server[] = [];

/** The router in front of a stand-in for the rest of the server, which marks what it receives. */
async function serve(dir: string): Promise<string> {
  const app = express();
  app.use(webRouter(dir));
  app.use((_req, res) => {
    res.status(418).send("passed through");
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(() => {
  built = mkdtempSync(join(tmpdir(), "cinegraph-web-"));
  mkdirSync(join(built, "assets"));
  writeFileSync(join(built, "index.html"), INDEX);
  writeFileSync(join(built, "assets", "index-AbC123.js"), "console.log(1)");
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  rmSync(built, { recursive: true, force: true });
});

describe("webRouter", () => {
  it("answers page navigations with index.html, revalidated on every visit", async () => {
    const base = await serve(built);
    for (const path of ["/", "/movies/1", "/users/42", "/analytics/models"]) {
      const res = await fetch(base + path, { headers: HTML });
      expect(res.status, path).toBe(200);
      expect(await res.text()).toBe(INDEX);
      expect(res.headers.get("cache-control")).toBe("no-cache");
    }
    const curl = await fetch(`${base}/`, { headers: { accept: "*/*" } });
    expect(await curl.text()).toBe(INDEX);
  });

  it("serves hashed assets as immutable for a year, and a missing one as a 404", async () => {
    const base = await serve(built);
    const asset = await fetch(`${base}/assets/index-AbC123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const missing = await fetch(`${base}/assets/index-old.js`, { headers: HTML });
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toBe(INDEX);
  });

  it("leaves the API, health checks, IDE, files and non-browser requests to the rest of the server", async () => {
    const base = await serve(built);
    const passes = [
      fetch(`${base}/graphql`, { headers: HTML }),
      fetch(`${base}/graphql?query={stats{users}}`, { headers: { accept: "application/json" } }),
      fetch(`${base}/health/ready`, { headers: HTML }),
      fetch(`${base}/ide/graphiql.js`, { headers: HTML }),
      fetch(`${base}/favicon.ico`, { headers: HTML }),
      fetch(`${base}/movies/1`, { headers: { accept: "application/json" } }),
      fetch(`${base}/movies/1`, { method: "POST", headers: HTML }),
    ];
    for (const res of await Promise.all(passes)) expect(res.status, res.url).toBe(418);
  });

  it("says how to build the app when it is not built", async () => {
    const base = await serve(join(built, "nothing-here"));
    const res = await fetch(`${base}/movies/1`, { headers: HTML });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("npm run build:web");
    expect((await fetch(`${base}/graphql`, { headers: HTML })).status).toBe(418);
  });
});

describe("the web app's build folder", () => {
  it("is where the server looks, and not a folder tsc compiles src/ into (Vite empties it)", () => {
    expect(viteConfig.build?.outDir).toBe(WEB_DIR);
    const underDist = relative(PACKAGE_ROOT + "/dist", WEB_DIR);
    expect(underDist.startsWith("..")).toBe(false);
    expect(existsSync(`${PACKAGE_ROOT}/src/${underDist}`)).toBe(false);
  });
});
