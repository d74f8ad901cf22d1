import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import express, { type Router } from "express";
import { OPERATIONS_DIR } from "../../paths.js";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** Browser files of the IDE, served from node_modules: nothing is fetched from a CDN. */
const ASSETS: Record<string, string> = {
  "react.js": join(packageDir("react"), "umd", "react.production.min.js"),
  "react-dom.js": join(packageDir("react-dom"), "umd", "react-dom.production.min.js"),
  "graphiql.js": join(packageDir("graphiql"), "graphiql.min.js"),
  "graphiql.css": join(packageDir("graphiql"), "graphiql.min.css"),
};

/** The example operations in schema/operations/, one IDE tab each. */
export function exampleOperations(dir: string = OPERATIONS_DIR): Array<{ name: string; query: string }> {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((f) => ({ name: f.replace(/\.graphql$/, ""), query: readFileSync(join(dir, f), "utf8") }));
}

/**
 * GraphiQL at GET /graphql for browsers (a request that prefers HTML and
 * carries no query), with its scripts served by this server and the example
 * operations preloaded as tabs. GraphQL requests pass through untouched.
 */
export function ideRouter(): Router {
  const router = express.Router();
  const tabs = JSON.stringify(exampleOperations().map(({ query }) => ({ query })));
  const page = PAGE.replace("__TABS__", tabs.replace(/</g, "\\u003c"));
  for (const [name, path] of Object.entries(ASSETS)) {
    router.get(`/ide/${name}`, (_req, res) => res.sendFile(path, { maxAge: "1d" }));
  }
  router.get("/graphql", (req, res, next) => {
    if (req.query.query !== undefined || req.accepts(["application/json", "html"]) !== "html") {
      next();
      return;
    }
    res.type("html").send(page);
  });
  return router;
}

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cinegraph GraphQL</title>
<link rel="stylesheet" href="/ide/graphiql.css">
<style>html, body, #ide { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="ide"></div>
<script src="/ide/react.js"></script>
<script src="/ide/react-dom.js"></script>
<script src="/ide/graphiql.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: "/graphql" });
  ReactDOM.createRoot(document.getElementById("ide")).render(
    React.createElement(GraphiQL, { fetcher, defaultTabs: __TABS__, defaultEditorToolsVisibility: "headers" })
  );
</script>
</body>
</html>
`;
