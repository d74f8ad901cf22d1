import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.js";
import { cypher } from "../../src/db/queries.js";
import { wipeGraph } from "../../src/graph/dataset.js";
import { openRelease } from "../../src/ingest/formats/detect.js";
import { loadRelease } from "../../src/ingest/loader.js";
import { RatingMatrix } from "../../src/models/data/rating-matrix.js";
import { runEvaluation } from "../../src/models/eval/run-evaluation.js";
import { createModel, restoreModel } from "../../src/models/registry.js";
import { ModelStore, propertyName } from "../../src/models/store/model-store.js";
import { loadContentFeatures, loadTrainingData, type TrainingData } from "../../src/models/store/training-data.js";
import { trainModels } from "../../src/models/train/trainer.js";
import { GENOME, ML_LATEST_SMALL, openTestDatabase } from "./helpers.js";

const Q = {
  modelVersions: cypher("check/model-versions"),
  propertyCount: cypher("check/movie-property-count"),
  similarCount: cypher("check/similar-count"),
  neighborSupport: cypher("check/neighbor-support"),
};

let db: Database;
let data: TrainingData;

beforeAll(async () => {
  db = await openTestDatabase();
  await wipeGraph(db);
  await loadRelease(db, openRelease(ML_LATEST_SMALL, { genomeDir: GENOME }));
  data = await loadTrainingData(db);
});

afterAll(async () => {
  await wipeGraph(db);
  await db.close();
});

describe("training data from the graph", () => {
  it("holds every rating, user and movie, with a stable fingerprint", async () => {
    expect(data.interactions.users).toHaveLength(100_836);
    expect(data.users.size).toBe(610);
    expect(data.items.size).toBe(9742);
    const toyStory = data.items.indexOf(1);
    const user1 = data.users.indexOf(1);
    const matrix = new RatingMatrix(data.users.size, data.items.size, data.interactions);
    const row = matrix.userRow(user1);
    expect(row.ratings[Array.from(row.items).indexOf(toyStory)]).toBe(4);
    expect((await loadTrainingData(db)).fingerprint).toBe(data.fingerprint);
  });

  it("carries genome vectors, genres and tags for content", async () => {
    const content = await loadContentFeatures(db, data.items);
    expect(content.genome?.items).toHaveLength(158);
    expect(content.genome?.dim).toBe(1128);
    expect(content.genres[data.items.indexOf(1)].sort()).toEqual(["Adventure", "Animation", "Children", "Comedy", "Fantasy"]);
    expect(content.tags[data.items.indexOf(1)]).toContain("pixar");
  });
});

describe("models written to the graph", () => {
  it("read back into models that score exactly as the trained ones", async () => {
    const trained = await trainModels(db, { kinds: ["bias", "item-knn", "mf", "als", "content"], epochs: 5 });
    expect(trained.map((t) => [t.record.name, t.record.version, t.record.dataFingerprint])).toEqual(
      ["bias", "item-knn", "mf", "als", "content"].map((name) => [name, 1, data.fingerprint]),
    );
    const content = await loadContentFeatures(db, data.items);
    const matrix = new RatingMatrix(data.users.size, data.items.size, data.interactions);
    const store = new ModelStore(db);
    for (const record of await store.active()) {
      const original = createModel(record.kind, { epochs: 5 }, { content });
      await original.fit(matrix);
      const state = await store.load(record, data.users, data.items);
      // Neighbour lists come back whole, supports included, so a restored model saves what it was given.
      expect(state.itemNeighbors, record.name).toEqual(original.toState().itemNeighbors);
      const restored = restoreModel(state, matrix, new Map());
      for (const user of [0, 17, 609]) {
        expect(Array.from(restored.scoreUser(user)), `${record.name} user ${user}`).toEqual(Array.from(original.scoreUser(user)));
      }
    }
    const [similar] = await db.read(Q.similarCount, { model: "item-knn" });
    expect(similar.count).toBeGreaterThan(100_000);
    expect(similar.maxRank).toBe(50);
    const [support] = await db.read(Q.neighborSupport, { model: "item-knn", limit: 5000 });
    expect(support).toEqual({ relationships: 5000, withSupport: 5000, agreeing: 5000 });
  });

  it("record on each SIMILAR_USER relationship how many movies both users rated", async () => {
    await trainModels(db, { kinds: ["user-knn"] });
    const [support] = await db.read(Q.neighborSupport, { model: "user-knn", limit: 5000 });
    expect(support).toEqual({ relationships: 5000, withSupport: 5000, agreeing: 5000 });
  });

  it("switch versions atomically, keep the previous one until pruned, and clean up after a failed write", async () => {
    const store = new ModelStore(db);
    await trainModels(db, { kinds: ["als"], epochs: 2 });
    expect(await db.read(Q.modelVersions, { name: "als" })).toEqual([
      { version: 2, slot: "b", status: "active" },
      { version: 1, slot: "a", status: "retired" },
    ]);
    const [before] = await db.read(Q.propertyCount, { key: propertyName("als", "a", "factors") });
    expect(before.count).toBe(9742);

    let writes = 0;
    const failing = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === "write") {
          return async (name: string, ...rest: unknown[]) => {
            if (name === "model/write-item-vectors" && ++writes === 2) throw new Error("connection lost");
            return (target.write as (...a: unknown[]) => unknown).call(target, name, ...rest);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    await expect(trainModels(failing, { kinds: ["als"], epochs: 2 })).rejects.toThrow("connection lost");
    expect(await db.read(Q.modelVersions, { name: "als" })).toEqual([
      { version: 3, slot: "a", status: "writing" },
      { version: 2, slot: "b", status: "active" },
    ]);
    expect((await store.active()).find((m) => m.name === "als")?.version).toBe(2);

    await trainModels(db, { kinds: ["als"], epochs: 2, prune: true });
    expect(await db.read(Q.modelVersions, { name: "als" })).toEqual([{ version: 4, slot: "a", status: "active" }]);
    const [after] = await db.read(Q.propertyCount, { key: propertyName("als", "b", "factors") });
    expect(after.count).toBe(0);
  });
});

describe("evaluation on the graph's ratings", () => {
  it("beats the bias baseline's RMSE with MF and popularity's NDCG with ALS", async () => {
    const run = await runEvaluation(data, undefined, {
      kinds: ["mf", "als"],
      split: "random",
      k: 10,
      relevance: { minRating: 4 },
      folds: 5,
      perUser: 5,
      splitSeed: 42,
    });
    const byName = Object.fromEntries(run.result.models.map((m) => [m.name, m]));
    expect(Object.keys(byName)).toEqual(["popularity", "bias", "mf", "als"]);
    expect(byName.mf.rmse).toBeLessThan(0.87);
    expect(byName.mf.rmse).toBeLessThan(byName.bias.rmse!);
    expect(byName.als.ranking.ndcg).toBeGreaterThan(byName.popularity.ranking.ndcg);
  });
});

describe("content vector index", () => {
  it("holds embeddings of whatever dimension the data supports (genres only here)", async () => {
    await wipeGraph(db);
    await loadRelease(db, openRelease(new URL("../fixtures/ml-100k", import.meta.url).pathname));
    const [record] = (await trainModels(db, { kinds: ["content"] })).map((t) => t.record);
    const property = propertyName("content", record.slot, "embedding");
    const [row] = await db.read(cypher("check/content-index-hits"), { movieId: 1, index: `movie_content_${record.slot}`, property });
    expect(row.dimensions).toBeLessThan(64);
    expect(row.hits).toBe(5);
  });
});
