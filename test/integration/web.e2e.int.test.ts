import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.js";
import { wipeGraph } from "../../src/graph/dataset.js";
import { openRelease } from "../../src/ingest/formats/detect.js";
import { loadRelease } from "../../src/ingest/loader.js";
import { createLogger } from "../../src/logger.js";
import { defaultPlan } from "../../src/models/eval/background-evaluation.js";
import { EvaluationStore } from "../../src/models/eval/evaluation-store.js";
import { runEvaluation } from "../../src/models/eval/run-evaluation.js";
import { loadTrainingData } from "../../src/models/store/training-data.js";
import { trainModels } from "../../src/models/train/trainer.js";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { buildServer, type BuiltServer } from "../../src/server.js";
import { webRouter } from "../../src/web/web.router.js";
import { ML_LATEST_SMALL, openTestDatabase } from "./helpers.js";

const TOKEN = "web-e2e-token-0123456789";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOTS = join(PACKAGE_ROOT, "test-results", "screenshots");
const DOCS_SCREENSHOTS = join(PACKAGE_ROOT, "docs", "screenshots");
// The README's copies change only when asked for, so a test run leaves the checkout clean.
const UPDATE_DOCS = process.env.UPDATE_SCREENSHOTS === "1";
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 860 }, reducedMotion: "reduce" };

let db: Database;
let server: BuiltServer;
let http: Server;
let base: string;
let browser: Browser;
let webDir: string;

/** The app as the sources are now, built with the project's Vite config into a folder of its own. */
async function buildWeb(outDir: string): Promise<void> {
  // Vitest sets NODE_ENV=test, which would make the React plugin emit development JSX calls that
  // React's production build lacks: build as `npm run build:web` does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: join(PACKAGE_ROOT, "web", "vite.config.ts"), build: { outDir }, logLevel: "warn" });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

async function prepareGraph(): Promise<void> {
  db = await openTestDatabase();
  await wipeGraph(db);
  await loadRelease(db, openRelease(ML_LATEST_SMALL));
  // What the flows need: the hybrid (the default strategy) and its parts, and item-kNN for collaborative similarity.
  await trainModels(db, { kinds: ["popularity", "item-knn", "als", "content", "hybrid"], epochs: 5 });
  // What `evaluate --save` stores, on a small scale, so the models tab has evaluation charts to draw.
  const data = await loadTrainingData(db);
  await new EvaluationStore(db).save(await runEvaluation(data, undefined, { ...defaultPlan(["als"]), epochs: 5 }), "random", data.fingerprint);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install it (apt-get install chromium) or point CHROMIUM_PATH at one`);
  }
  webDir = mkdtempSync(join(tmpdir(), "cinegraph-web-e2e-"));
  // Side by side, and both finished before failing, so a broken build never leaves a load running into afterAll.
  const settled = await Promise.allSettled([buildWeb(webDir), prepareGraph()]);
  for (const result of settled) if (result.status === "rejected") throw result.reason;
  server = await buildServer(db, createLogger("silent"), { apiToken: TOKEN });
  // The freshly built app in front of the whole server (whose own router would serve dist/webapp).
  const app = express();
  app.use(webRouter(webDir));
  app.use(server.app);
  http = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => http.once("listening", resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  if (UPDATE_DOCS) mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (http ? http.close(resolve) : resolve(undefined)));
  await server?.stop();
  if (db) {
    await wipeGraph(db);
    await db.close();
  }
  if (webDir) rmSync(webDir, { recursive: true, force: true });
});

/** A page that fails the test on any uncaught error or console error, such as a failed GraphQL request. */
async function openPage(options: BrowserContextOptions = DESKTOP): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  return { page, problems };
}

/** The whole page by default; `of` for one element, `fullPage: false` for what fits the screen. */
async function screenshot(page: Page, view: string, { of, fullPage = true }: { of?: Locator; fullPage?: boolean } = {}): Promise<void> {
  const file = join(SCREENSHOTS, `${view}.png`);
  if (of) {
    await of.screenshot({ path: file });
  } else {
    // From the top, or the sticky header is drawn wherever the page was scrolled to.
    await page.evaluate("window.scrollTo(0, 0)");
    await page.screenshot({ path: file, fullPage });
  }
  if (UPDATE_DOCS) copyFileSync(file, join(DOCS_SCREENSHOTS, `${view}.png`));
}

/** Rendering waits on GraphQL answers and on debounced inputs: poll for seconds, not the default one. */
function eventually<T>(value: () => Promise<T>, message?: string) {
  return expect.poll(value, { timeout: 20_000, interval: 100, message });
}

async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: "visible", timeout: 20_000 });
}

async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? "").replace(/\s+/g, " ").trim();
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element: { ownerDocument: { activeElement: unknown } }) => element === element.ownerDocument.activeElement);
}

/** The slice of the DOM's canvas API the pixel count needs (the test project has no DOM types). */
interface Canvas {
  width: number;
  height: number;
  getContext(kind: "2d"): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

/** How many pixels of a canvas, or of all canvases inside an element, are painted. */
async function paintedPixels(target: Locator): Promise<number> {
  return target.evaluate((element: { tagName: string; querySelectorAll(selector: string): Iterable<unknown> }) => {
    const canvases = (element.tagName === "CANVAS" ? [element] : [...element.querySelectorAll("canvas")]) as Canvas[];
    let painted = 0;
    for (const canvas of canvases) {
      const context = canvas.getContext("2d");
      if (!context || canvas.width === 0 || canvas.height === 0) continue;
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
    }
    return painted;
  });
}

async function expectChartsDrawn(scope: Locator, atLeast: number): Promise<void> {
  const charts = scope.locator(".chart canvas");
  await eventually(() => charts.count()).toBeGreaterThanOrEqual(atLeast);
  for (let i = 0; i < (await charts.count()); i++) {
    await eventually(() => paintedPixels(charts.nth(i)), `chart ${i} is drawn`).toBeGreaterThan(500);
  }
}

/** The entries of a list, not the items of lists inside them (such as genre chips). */
function items(list: Locator): Locator {
  return list.locator(":scope > li");
}

async function titlesIn(list: Locator): Promise<string[]> {
  return list.locator(".movie-card-title a").allTextContents();
}

describe("web app", () => {
  it("searches, opens a movie and switches what similar means", async () => {
    const { page, problems } = await openPage();
    await page.goto(base);
    await page.getByLabel("Title", { exact: true }).fill("toy story");
    const results = page.getByRole("list", { name: "Search results" });
    await eventually(() => titlesIn(results)).toEqual(expect.arrayContaining(["Toy Story", "Toy Story 2", "Toy Story 3"]));
    await page.getByRole("button", { name: "Animation" }).click();
    await page.getByLabel("From year").fill("1999");
    await eventually(() => titlesIn(results)).toEqual(["Toy Story 2", "Toy Story 3"]);
    expect(new URL(page.url()).search).toBe("?q=toy+story&genre=Animation&from=1999");
    await screenshot(page, "search");
    await page.getByLabel("From year").fill("");
    await page.getByRole("button", { name: "Animation" }).click();
    await eventually(() => titlesIn(results)).toEqual(["Toy Story", "Toy Story 2", "Toy Story 3"]);
    await page.getByLabel("Sort").selectOption("NEWEST");
    await eventually(() => titlesIn(results)).toEqual(["Toy Story 3", "Toy Story 2", "Toy Story"]);
    expect(new URL(page.url()).searchParams.get("sort")).toBe("NEWEST");

    await results.getByRole("link", { name: "Toy Story", exact: true }).click();
    await eventually(() => textOf(page.getByRole("heading", { level: 1 }))).toBe("Toy Story 1995");
    expect(new URL(page.url()).pathname).toBe("/movies/1");
    expect(await page.getByRole("link", { name: /IMDb/ }).getAttribute("href")).toMatch("https://www.imdb.com/title/tt0114709/");
    expect(await page.getByRole("link", { name: /TMDB/ }).getAttribute("href")).toMatch(/themoviedb\.org\/movie\/862/);
    await visible(page.getByText("No genome tags"));
    await eventually(() => textOf(page.locator(".poster-large .poster-initials"))).toBe("TS");
    await expectChartsDrawn(page.locator("main"), 1);
    const hybrid = page.getByRole("list", { name: "Similar movies by hybrid" });
    await eventually(() => items(hybrid).count()).toBe(10);
    const byHybrid = await titlesIn(hybrid);
    expect(byHybrid).not.toContain("Toy Story");

    await page.getByRole("radio", { name: "Collaborative" }).check();
    const cf = page.getByRole("list", { name: "Similar movies by cf" });
    await eventually(() => items(cf).count()).toBe(10);
    await visible(cf.getByText(/item-knn v\d+/).first());
    await page.getByRole("radio", { name: "Genres" }).check();
    const genre = page.getByRole("list", { name: "Similar movies by genre" });
    await visible(genre.getByText("genres", { exact: false }).first());
    expect(await titlesIn(genre)).not.toEqual(byHybrid);
    // Other movies have exactly Toy Story's five genres (Antz, Toy Story 2): the closest by genre is one of them.
    const closestGenres = items(items(genre).first().getByRole("list", { name: "Genres" }));
    expect(await closestGenres.allTextContents()).toEqual(["Adventure", "Animation", "Children", "Comedy", "Fantasy"]);
    await page.getByRole("radio", { name: "Hybrid" }).check();
    await screenshot(page, "movie");
    expect(problems).toEqual([]);
  });

  it("shows a user's taste and recommendations, and explains one as a graph", async () => {
    const { page, problems } = await openPage();
    await page.goto(`${base}/users/1`);
    await eventually(() => textOf(page.getByRole("heading", { level: 1 }))).toBe("User 1");
    const top = page.getByRole("list", { name: "Highest rated movies" });
    await eventually(() => items(top).count()).toBe(10);
    await visible(top.getByText("Rated 5★").first());
    await expectChartsDrawn(page.locator("main"), 1);

    const recs = page.getByRole("list", { name: "Recommendations for user 1" });
    await eventually(() => items(recs).count()).toBe(10);
    const hybrid = await titlesIn(recs);
    await page.getByRole("radio", { name: "Item-kNN" }).check();
    await eventually(() => titlesIn(recs)).not.toEqual(hybrid);
    await page.getByRole("radio", { name: "Hybrid" }).check();
    await eventually(() => titlesIn(recs)).toEqual(hybrid);

    const first = items(recs).first();
    await first.getByRole("button", { name: /Why this\?/ }).click();
    const explanation = first.locator(".explanation");
    await eventually(() => textOf(explanation.locator(".summary"))).toMatch(/^Because /);
    const graph = explanation.locator(".graph-canvas");
    await eventually(async () => Number(await graph.getAttribute("data-nodes"))).toBeGreaterThanOrEqual(3);
    await eventually(() => paintedPixels(graph)).toBeGreaterThan(1000);
    await eventually(() => textOf(items(explanation.getByRole("list", { name: "Paths from you to this movie" })).first())).toMatch(/You rated|User \d+/);
    await screenshot(page, "user");
    await first.scrollIntoViewIfNeeded();
    await screenshot(page, "explanation", { of: first });

    await page.getByText("Filters and diversity").click();
    const slider = page.getByRole("slider", { name: /Diversity/ });
    await slider.focus();
    for (let i = 0; i < 8; i++) await slider.press("ArrowRight");
    await eventually(() => titlesIn(recs)).not.toEqual(hybrid);
    expect(problems).toEqual([]);
  });

  it("lets an anonymous visitor rate movies and updates the recommendations at once", async () => {
    const { page, problems } = await openPage();
    await page.goto(`${base}/visitor`);
    const recs = page.getByRole("list", { name: "Recommendations for you" });
    await eventually(() => items(recs).count()).toBe(10);
    const popular = await titlesIn(recs);

    const finder = page.getByLabel("Find a movie");
    await finder.fill("toy story 2");
    await page.getByRole("group", { name: "Your rating for Toy Story 2 (1999)" }).getByRole("radio", { name: "5 stars" }).check();
    await eventually(() => titlesIn(recs)).not.toEqual(popular);
    const afterOne = await titlesIn(recs);
    await finder.fill("finding nemo");
    await page.getByRole("group", { name: "Your rating for Finding Nemo (2003)" }).getByRole("radio", { name: "4 stars" }).check();
    await eventually(() => titlesIn(recs)).not.toEqual(afterOne);
    expect(await titlesIn(recs)).not.toContain("Finding Nemo");
    await eventually(() => page.getByRole("region", { name: "Your ratings" }).locator(".your-ratings > li").count()).toBe(2);
    await visible(page.getByRole("heading", { name: "Recommended for you" }));

    // Nothing is stored, yet "Why this?" finds paths from the movies just rated.
    const first = items(recs).first();
    await first.getByRole("button", { name: /Why this\?/ }).click();
    const explanation = first.locator(".explanation");
    await eventually(() => textOf(explanation.locator(".summary"))).toMatch(/^Because you /);
    await eventually(async () => Number(await explanation.locator(".graph-canvas").getAttribute("data-nodes"))).toBeGreaterThanOrEqual(3);
    await eventually(() => textOf(items(explanation.getByRole("list", { name: "Paths from you to this movie" })).first())).toMatch(
      /You rated (Toy Story 2.*5★|Finding Nemo.*4★)/,
    );
    await screenshot(page, "visitor");
    expect(problems).toEqual([]);
  });

  // Before the token test, which adds a user and ratings to the data set this one counts.
  it("charts a movie against its neighbours, the data set and the models", async () => {
    const { page, problems } = await openPage();
    await page.goto(`${base}/analytics?movie=1`);
    await visible(page.getByRole("heading", { name: "Toy Story (1995)" }));
    await expectChartsDrawn(page.locator("main"), 1);
    await page.getByRole("radio", { name: "Recommended to its fans" }).check();
    await visible(page.getByText(/What the hybrid model recommends to someone who liked Toy Story/).first());
    await expectChartsDrawn(page.locator("main"), 1);
    await screenshot(page, "analytics-compare");

    await page.getByRole("link", { name: "Data set" }).click();
    const tiles = page.locator(".tiles");
    await eventually(() => textOf(tiles)).toContain("Users610");
    await eventually(() => textOf(tiles)).toContain("Movies9,742");
    await eventually(() => textOf(tiles)).toContain("Ratings100,836");
    await expectChartsDrawn(page.locator("main"), 2);
    await screenshot(page, "analytics-dataset");

    await page.getByRole("link", { name: "Models" }).click();
    await eventually(() => items(page.getByRole("list", { name: "Active models" })).count()).toBe(5);
    await visible(page.getByText("Top-K ranking (higher is better)").first());
    await expectChartsDrawn(page.locator("main"), 3);
    await visible(page.getByText("Not evaluated yet.").first());
    await screenshot(page, "analytics-models");
    expect(problems).toEqual([]);
  });

  it("stores a visitor's ratings as a user once an API token is set", async () => {
    const { page, problems } = await openPage();
    await page.goto(`${base}/visitor`);
    await page.getByRole("button", { name: /API token/ }).click();
    await page.getByLabel("API token", { exact: true }).fill(TOKEN);
    await page.getByRole("button", { name: "Save" }).click();
    await visible(page.getByText("An API token is set"));

    await page.getByLabel("Find a movie").fill("heat");
    await page.getByRole("group", { name: "Your rating for Heat (1995)" }).getByRole("radio", { name: "5 stars" }).check();
    const stored = page.getByText(/Your ratings are stored as user (\d+)/);
    await visible(stored);
    const userId = /user (\d+)/.exec((await stored.textContent()) ?? "")![1];
    const recs = page.getByRole("list", { name: "Recommendations for you" });
    await eventually(() => items(recs).count()).toBe(10);
    const afterHeat = await titlesIn(recs);
    await page.getByLabel("Find a movie").fill("godfather");
    await page.getByRole("group", { name: "Your rating for Godfather, The (1972)" }).getByRole("radio", { name: "5 stars" }).check();
    await eventually(() => titlesIn(recs)).not.toEqual(afterHeat);

    // The list may change first from refreshing what the Heat rating changed, so wait for the write itself.
    const storedRatings = async () => {
      const result = await server.apollo.executeOperation(
        { query: "query($id: ID!) { user(id: $id) { ratingCount ratings(first: 5) { edges { node { rating movie { title } } } } } }", variables: { id: userId } },
        { contextValue: server.contextFor() },
      );
      if (result.body.kind !== "single") throw new Error("expected a single result");
      return (result.body.singleResult.data?.user as { ratingCount: number }).ratingCount;
    };
    await eventually(storedRatings).toBe(2);
    await items(recs).first().getByRole("button", { name: /Why this\?/ }).click();
    await eventually(() => textOf(recs.locator(".summary").first())).toMatch(/^Because |^Nothing you rated/);
    expect(problems).toEqual([]);
  });

  it("reads well at phone width", async () => {
    const { page, problems } = await openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, reducedMotion: "reduce" });
    await page.goto(`${base}/movies/1`);
    await eventually(() => textOf(page.getByRole("heading", { level: 1 }))).toBe("Toy Story 1995");
    await eventually(() => items(page.getByRole("list", { name: "Similar movies by hybrid" })).count()).toBe(10);
    await expectChartsDrawn(page.locator("main"), 1);
    // Nothing wider than the screen: no sideways scrolling.
    expect(await page.locator("html").evaluate((html: { scrollWidth: number }) => html.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "movie-phone", { fullPage: false });
    expect(problems).toEqual([]);
  });

  it("can be used from the keyboard", async () => {
    const { page, problems } = await openPage();
    await page.goto(base);
    await page.getByRole("link", { name: "Skip to content" }).waitFor({ state: "attached" });
    await page.keyboard.press("Tab");
    await eventually(() => isFocused(page.getByRole("link", { name: "Skip to content" }))).toBe(true);
    const search = page.getByLabel("Title", { exact: true });
    for (let presses = 0; presses < 15 && !(await isFocused(search)); presses++) {
      await page.keyboard.press("Tab");
    }
    await eventually(() => isFocused(search)).toBe(true);
    await page.keyboard.type("heat");
    const firstResult = page.getByRole("list", { name: "Search results" }).getByRole("link", { name: "Heat", exact: true });
    await visible(firstResult);
    await firstResult.focus();
    await page.keyboard.press("Enter");
    await eventually(() => textOf(page.getByRole("heading", { level: 1 }))).toBe("Heat 1995");
    await page.getByRole("radio", { name: "Content" }).focus();
    await page.keyboard.press("ArrowRight");
    await eventually(() => page.getByRole("radio", { name: "Collaborative" }).isChecked()).toBe(true);
    await visible(page.getByRole("list", { name: "Similar movies by cf" }));
    expect(problems).toEqual([]);
  });

  it("explains what went wrong, with the API's error code", async () => {
    const { page } = await openPage();
    await page.goto(`${base}/users/not-a-number`);
    const alert = page.getByRole("alert");
    await eventually(() => textOf(alert)).toContain("BAD_USER_INPUT");
    await page.goto(`${base}/movies/99999999`);
    await visible(page.getByText("There is no movie 99999999"));
    await page.goto(`${base}/no/such/page`);
    await visible(page.getByText("There is no page here"));
  });
});
