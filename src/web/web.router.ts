import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { type Request, type Router } from "express";
import { PACKAGE_ROOT } from "../paths.js";

/**
 * Where `npm run build:web` (part of `npm run build`, hence of `npm install`)
 * writes the web app. Not dist/web: tsc compiles src/web there, and Vite
 * empties its output folder first.
 */
export const WEB_DIR = join(PACKAGE_ROOT, "dist", "webapp");

/** Paths that belong to the API, the health checks and the IDE: never answered with the app. */
const SERVER_PATHS = /^\/(graphql|health|ide)(\/|$)/;

/** A page navigation: not a file, not the API's paths, and from a client that takes HTML (a browser, or curl accepting anything) rather than asking for JSON. */
function isPageRequest(req: Request): boolean {
  const lastSegment = req.path.slice(req.path.lastIndexOf("/") + 1);
  return !SERVER_PATHS.test(req.path) && !lastSegment.includes(".") && req.accepts(["html", "application/json"]) === "html";
}

const NOT_BUILT = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>cinegraph: web app not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<h1>The web app is not built</h1>
<p>This server has no built web app to serve. Build it with <code>npm run build:web</code> (or <code>npm run build</code>) and reload this page.</p>
<p>The GraphQL API works meanwhile: <a href="/graphql">/graphql</a>.</p>
</body>
</html>
`;

/**
 * Serves the web app built by Vite: hashed files under /assets/ are cached for
 * a year (a new build has new names), everything else is revalidated, and
 * page navigations to client-side routes (/movies/1, /users/1…) get
 * index.html. Mount it before the GraphQL handler; it leaves the API's paths
 * alone. The directory is read per request, so building after the server
 * started works without a restart.
 */
export function webRouter(dir: string = WEB_DIR): Router {
  const router = express.Router();
  const index = join(dir, "index.html");

  router.use("/assets", express.static(join(dir, "assets"), { immutable: true, maxAge: "1y", index: false, redirect: false }));
  // A missing asset is a stale page asking for an old build's file: a plain 404, never index.html.
  router.use("/assets", (_req, res) => {
    res.status(404).type("text").send("Not found");
  });
  router.use(express.static(dir, { index: false, redirect: false, maxAge: 0 }));
  router.get("/{*path}", (req, res, next) => {
    if (!isPageRequest(req)) {
      next();
      return;
    }
    if (!existsSync(index)) {
      res.status(503).set("Retry-After", "60").type("html").send(NOT_BUILT);
      return;
    }
    res.sendFile(index, { cacheControl: false, headers: { "Cache-Control": "no-cache" } });
  });
  return router;
}
