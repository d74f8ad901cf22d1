import { describe, expect, it } from "vitest";
import type { RecommendersReport } from "../../src/bench/recommenders-bench.js";
import { PUBLISHED } from "../../src/bench/recommenders-published.js";
import { formatRecommendersReport } from "../../src/bench/recommenders-report.js";
import { chooseOnValidation, GRIDS, tunedModel } from "../../src/bench/recommenders-tuning.js";
import { ItemKnn } from "../../src/models/knn/item-knn.js";
import { UserKnn } from "../../src/models/knn/user-knn.js";
import { ImplicitAls } from "../../src/models/mf/implicit-als.js";
import { structuredRatings } from "./models/shared-suite.js";

describe("tunedModel", () => {
  it("is the model with its defaults when given no settings", () => {
    expect((tunedModel("als", {}, 7) as ImplicitAls).config).toEqual(new ImplicitAls({ seed: 7 }).config);
    expect((tunedModel("item-knn", {}, 7) as ItemKnn).config).toEqual(new ItemKnn({ seed: 7 }).config);
    expect((tunedModel("user-knn", {}, 7) as UserKnn).config).toEqual(new UserKnn({ seed: 7 }).config);
  });

  it("lowers the neighbours per prediction with a small K, which the kNN configs require", () => {
    expect((tunedModel("item-knn", { neighbors: 25, minSupport: 1 }, 7) as ItemKnn).config).toMatchObject({ neighbors: 25, k: 25, minSupport: 1 });
    expect((tunedModel("user-knn", { neighbors: 400, minSupport: 3 }, 7) as UserKnn).config).toMatchObject({ neighbors: 400, k: 40 });
  });
});

describe("GRIDS", () => {
  it("holds every combination once, each accepted by its model", () => {
    expect(GRIDS.als).toHaveLength(3 * 5 * 5);
    expect(GRIDS["item-knn"]).toHaveLength(12);
    expect(GRIDS["user-knn"]).toHaveLength(10);
    for (const [kind, grid] of Object.entries(GRIDS)) {
      expect(new Set(grid.map((p) => JSON.stringify(p))).size).toBe(grid.length);
      for (const params of grid) expect(() => tunedModel(kind as keyof typeof GRIDS, params, 1)).not.toThrow();
    }
  });
});

describe("chooseOnValidation", () => {
  it("picks one of the grid's settings on the training data alone, the same one every time", async () => {
    const { data } = structuredRatings(3, 60, 40);
    const options = { nUsers: 60, nItems: 40, by: "user" as const, ratio: 0.75, seed: 5, k: 5 };
    const choice = await chooseOnValidation("user-knn", data, options);
    expect(GRIDS["user-knn"]).toContainEqual(choice.params);
    expect(choice.tried).toBe(10);
    expect(choice.validationNdcg).toBeGreaterThan(0);
    // The winner is at least as good as the defaults when the defaults are on the grid (neighbors 50, minSupport 3).
    expect(choice.validationNdcg).toBeGreaterThanOrEqual(choice.defaultsNdcg);
    const again = await chooseOnValidation("user-knn", data, options);
    expect({ ...again, seconds: 0 }).toEqual({ ...choice, seconds: 0 });
  });
});

describe("formatRecommendersReport", () => {
  const report: RecommendersReport = {
    benchmark: "recommenders",
    data: { dir: "/cache/ml-100k", source: "GroupLens (https://files.grouplens.org/datasets/movielens)", notes: [], ratings: 100_000, users: 943, movies: 1_682, loadSeconds: 7.9 },
    protocol: { ratio: 0.75, k: 10, relevant: "every held-out rating", candidates: "the items with a training rating", seed: 42 },
    runs: [
      {
        by: "user",
        trainSize: 74_992,
        testSize: 25_008,
        rankedUsers: 943,
        choices: [{ kind: "als", params: { factors: 16, regularization: 30, alpha: 1 }, validationNdcg: 0.2754, defaultsNdcg: 0.242, tried: 75, seconds: 20 }],
        models: [
          { name: "popularity", settings: "defaults", params: {}, ndcg: 0.2522, precision: 0.2274, recall: 0.1115, map: 0.1379, mapOverRelevant: 0.0541, fitSeconds: 0 },
          { name: "als", settings: "validation", params: { factors: 16, alpha: 1 }, ndcg: 0.482, precision: 0.42, recall: 0.2234, map: 0.3387, mapOverRelevant: 0.1491, fitSeconds: 0.08 },
        ],
      },
    ],
    published: { source: "https://example.org/README.md", rows: PUBLISHED },
  };
  const text = formatRecommendersReport(report);

  it("writes Markdown tables whose rows all have the header's number of cells", () => {
    const tables = text.split("\n\n").filter((block) => block.startsWith("| "));
    expect(tables).toHaveLength(3);
    for (const table of tables) {
      const cells = table.split("\n").map((line) => line.split("|").length);
      expect(new Set(cells).size).toBe(1);
    }
  });

  it("shows where the settings came from and the published rows as printed", () => {
    expect(text).toContain("| als | validation: factors 16, alpha 1 | 0.4820 | 0.4200 | 0.2234 | 0.3387 | 0.1491 | 0.08 |");
    expect(text).toContain("| popularity | defaults | 0.2522 |");
    expect(text).toContain("| BiVAE | 0.4751 | 0.4118 | 0.2191 | 0.1461 |");
    expect(text).toContain("Stratified per user");
  });
});
