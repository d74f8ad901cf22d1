import { existsSync, readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { Random } from "../../../src/common/random.js";
import { ContentModel, type ContentFeatures } from "../../../src/models/content/content-model.js";
import { RatingMatrix } from "../../../src/models/data/rating-matrix.js";
import { FitError } from "../../../src/models/model.js";
import { recommenderSuite } from "./shared-suite.js";
import { SHARED_DATA } from "../../shared-data.js";

/** The shared suite's 40 items: even ones share genre A, odd ones genre B, and every item has a few noise tags. */
function suiteFeatures(nItems = 40): ContentFeatures {
  const random = new Random(99);
  return {
    nItems,
    genres: Array.from({ length: nItems }, (_, i) => [i % 2 === 0 ? "A" : "B"]),
    tags: Array.from({ length: nItems }, () => Array.from({ length: random.int(3) }, () => `noise ${random.int(6)}`)),
  };
}

recommenderSuite("content", {
  create: (seed) => {
    const model = new ContentModel({ seed });
    model.fitContent(suiteFeatures());
    return model;
  },
  restore: (state) => ContentModel.fromState(state),
});

/** A matrix from (user, item, rating) triples. */
function ratings(nUsers: number, nItems: number, triples: Array<[number, number, number]>): RatingMatrix {
  return new RatingMatrix(nUsers, nItems, {
    users: Int32Array.from(triples, ([u]) => u),
    items: Int32Array.from(triples, ([, i]) => i),
    ratings: Float32Array.from(triples, ([, , r]) => r),
    timestamps: new Float64Array(triples.length),
  });
}

describe("ContentModel on hand-made features", () => {
  // Items 0 and 1 are genre A, 2 and 3 genre B: their TF-IDF rows are two orthogonal unit vectors.
  const twoGenres: ContentFeatures = { nItems: 4, genres: [["A"], ["A"], ["B"], ["B"]], tags: [[], [], [], []] };

  it("embeds identical documents identically and disjoint ones orthogonally", () => {
    const model = new ContentModel();
    model.fitContent(twoGenres);
    const similar = model.similarItems(0, 3);
    expect(Array.from(similar.items)).toEqual([1, 2, 3]);
    expect(similar.scores[0]).toBeCloseTo(1, 6);
    expect(similar.scores[1]).toBeCloseTo(0, 6);
    expect(similar.scores[2]).toBeCloseTo(0, 6);
  });

  it("builds a profile from ratings above and below the neutral point: 2·e_A − 2·e_B normalised", async () => {
    // Global mean 3; with no damping the neutral point is the user's own mean, 3.
    const model = new ContentModel({ meanDamping: 0 });
    model.fitContent(twoGenres);
    await model.fit(ratings(1, 4, [[0, 0, 5], [0, 2, 1]]));
    const scores = Array.from(model.scoreUser(0));
    [Math.SQRT1_2, Math.SQRT1_2, -Math.SQRT1_2, -Math.SQRT1_2].forEach((s, i) => expect(scores[i]).toBeCloseTo(s, 6));
  });

  it("damps the neutral point toward the global mean, so a lone 5-star rating still counts as liked", async () => {
    const train = ratings(1, 4, [[0, 0, 4], [0, 2, 2]]); // global mean 3
    const damped = new ContentModel({ meanDamping: 5 });
    damped.fitContent(twoGenres);
    await damped.fit(train);
    // Neutral point (5 + 5·3) / 6 = 3.33: the profile is e_A.
    const liked = Array.from(damped.scoreProfile({ items: Int32Array.of(0), ratings: Float32Array.of(5) }));
    [1, 1, 0, 0].forEach((s, i) => expect(liked[i]).toBeCloseTo(s, 6));

    const undamped = new ContentModel({ meanDamping: 0 });
    undamped.fitContent(twoGenres);
    await undamped.fit(train);
    // Neutral point 5: the only rating is at it, so the profile is zero and so is every score.
    expect(Array.from(undamped.scoreProfile({ items: Int32Array.of(0), ratings: Float32Array.of(5) }))).toEqual([0, 0, 0, 0]);
  });

  it("maps movies without a genome into the genome space by ridge regression, and records each item's source", () => {
    // Genome movies 0–5: genre A movies have relevance profile gA, genre B ones gB (plus noise).
    // Movies 6–9 have no genome; 6 and 7 share genre A, 8 and 9 genre B; 9 also has a tag.
    const random = new Random(5);
    const dim = 30;
    const gA = Array.from({ length: dim }, (_, t) => (t < dim / 2 ? 0.9 : 0.1));
    const gB = Array.from({ length: dim }, (_, t) => (t < dim / 2 ? 0.1 : 0.9));
    const genomeItems = [0, 1, 2, 3, 4, 5];
    const genreOf = (i: number): "A" | "B" => (i % 2 === 0 ? "A" : "B");
    const data = Float32Array.from(genomeItems.flatMap((i) => (genreOf(i) === "A" ? gA : gB).map((v) => v + 0.05 * random.normal())));
    const features: ContentFeatures = {
      nItems: 10,
      genome: { items: Int32Array.from(genomeItems), dim, data },
      genres: Array.from({ length: 10 }, (_, i) => [genreOf(i)]),
      tags: Array.from({ length: 10 }, (_, i) => (i === 9 ? ["Dark"] : [])),
    };
    const model = new ContentModel({ dim: 4 });
    model.fitContent(features);
    expect([0, 5, 6, 9].map((i) => model.sourceOf(i))).toEqual(["genome", "genome", "genres", "tags"]);
    // Both mapped genre A movies land next to the genome movies of genre A, not of genre B.
    for (const item of [6, 8]) {
      const neighbours = Array.from(model.similarItems(item, 3).items).filter((i) => i < 6);
      expect(neighbours.every((i) => genreOf(i) === genreOf(item))).toBe(true);
    }
    const mapped = model.similarItems(6, 9);
    const toGenomeA = mapped.scores[Array.from(mapped.items).indexOf(0)];
    const toGenomeB = mapped.scores[Array.from(mapped.items).indexOf(1)];
    expect(toGenomeA).toBeGreaterThan(0.95);
    expect(toGenomeB).toBeLessThan(toGenomeA - 0.1);
  });

  it("uses the TF-IDF space when no movie has a genome", () => {
    const model = new ContentModel({ dim: 64 });
    model.fitContent(twoGenres);
    // Two terms: the TF-IDF matrix has rank 2, so that is all the SVD can keep.
    expect(model.dim).toBe(2);
    expect([0, 1, 2, 3].map((i) => model.sourceOf(i))).toEqual(["genres", "genres", "genres", "genres"]);
  });

  it("gives a movie without any feature a zero vector and no neighbours", () => {
    const model = new ContentModel();
    model.fitContent({ nItems: 3, genres: [["A"], ["A"], []], tags: [[], [], []] });
    expect(model.similarItems(2, 2).items).toHaveLength(0);
    expect(Array.from(model.similarItems(0, 2).items)).toEqual([1]);
  });

  it("stores embeddings, sources and profiles in its state", async () => {
    const model = new ContentModel();
    model.fitContent(twoGenres);
    await model.fit(ratings(2, 4, [[0, 0, 5], [1, 3, 4]]));
    const state = model.toState();
    expect(state.kind).toBe("content");
    expect(state.itemVectors.embedding.rows).toBe(4);
    expect(Array.from(state.itemVectors.source.data)).toEqual([2, 2, 2, 2]);
    expect(state.userVectors.profile.rows).toBe(2);
    expect(state.scalars.globalMean).toBe(4.5);
    expect(state.params).toMatchObject({ dim: 64, ridge: 0.1, meanDamping: 5, seed: 42 });
  });

  it("refuses to fit without features, on a different catalogue, or with a bad configuration", async () => {
    await expect(new ContentModel().fit(ratings(1, 4, [[0, 0, 5]]))).rejects.toThrow(/fitContent/);
    const model = new ContentModel();
    model.fitContent(twoGenres);
    await expect(model.fit(ratings(1, 5, [[0, 0, 5]]))).rejects.toThrow(FitError);
    expect(() => new ContentModel({ dim: 0 })).toThrow(ZodError);
    expect(() => new ContentModel({ ridge: -1 })).toThrow(ZodError);
    expect(() => model.fitContent({ nItems: 4, genres: [["A"]], tags: [[], [], [], []] })).toThrow(FitError);
  });
});

const DATA = SHARED_DATA.replace(/\/$/, "");
const haveData = existsSync(`${DATA}/genome/genome-scores.csv`) && existsSync(`${DATA}/ml-latest-small/movies.csv`);

describe.skipIf(!haveData)("ContentModel on the real tag genome", () => {
  const read = (file: string): Record<string, string>[] => parse(readFileSync(`${DATA}/${file}`, "utf8"), { columns: true });
  const movies = haveData ? read("ml-latest-small/movies.csv") : [];
  const genresOf = new Map(movies.map((m) => [Number(m.movieId), m.genres.split("|")]));
  const isFamily = (id: number): boolean => (genresOf.get(id) ?? []).some((g) => g === "Animation" || g === "Children");

  /** Complete genome vectors by movieId; the subset stops inside movie 187, which is dropped. */
  function genomeVectors(): Map<number, Float32Array> {
    const vectors = new Map<number, Float32Array>();
    const lines = readFileSync(`${DATA}/genome/genome-scores.csv`, "utf8").split(/\r?\n/).slice(1);
    for (const line of lines) {
      if (line === "") continue;
      const [movieId, tagId, relevance] = line.split(",").map(Number);
      if (!vectors.has(movieId)) vectors.set(movieId, new Float32Array(1128));
      vectors.get(movieId)![tagId - 1] = relevance;
    }
    vectors.delete(187);
    return vectors;
  }
  const genome = haveData ? genomeVectors() : new Map<number, Float32Array>();

  function genomeFeatures(ids: number[], nItems: number, index: Map<number, number>): NonNullable<ContentFeatures["genome"]> {
    const data = new Float32Array(ids.length * 1128);
    ids.forEach((id, r) => data.set(genome.get(id)!, r * 1128));
    return { items: Int32Array.from(ids, (id) => index.get(id)!), dim: 1128, data };
  }

  it("places children's and animated films nearest to Toy Story among the 177 genome movies", () => {
    const ids = [...genome.keys()];
    expect(ids).toHaveLength(177);
    const index = new Map(ids.map((id, i) => [id, i]));
    const model = new ContentModel();
    model.fitContent({ nItems: ids.length, genome: genomeFeatures(ids, ids.length, index), genres: ids.map(() => []), tags: ids.map(() => []) });
    const top = Array.from(model.similarItems(index.get(1)!, 10).items, (i) => ids[i]);
    // Babe leads by a wide margin (cosine 0.88 against 0.79 for the next).
    expect(top[0]).toBe(34);
    const known = top.filter((id) => genresOf.has(id));
    expect(known.length).toBeGreaterThanOrEqual(8);
    expect(known.filter(isFamily).length / known.length).toBeGreaterThanOrEqual(0.8);
  });

  it("maps the ml-latest-small movies without a genome into genome space, next to their own kind", () => {
    const ids = movies.map((m) => Number(m.movieId));
    const index = new Map(ids.map((id, i) => [id, i]));
    const tags: string[][] = ids.map(() => []);
    for (const row of read("ml-latest-small/tags.csv")) tags[index.get(Number(row.movieId))!].push(row.tag);
    const withGenome = ids.filter((id) => genome.has(id));
    const model = new ContentModel();
    model.fitContent({ nItems: ids.length, genome: genomeFeatures(withGenome, ids.length, index), genres: ids.map((id) => genresOf.get(id)!), tags });
    expect(model.sourceOf(index.get(1)!)).toBe("genome");
    expect(model.sourceOf(index.get(3114)!)).toBe("tags");
    const toyStory = Array.from(model.similarItems(index.get(1)!, 10).items, (i) => ids[i]);
    expect(toyStory.filter(isFamily).length).toBeGreaterThanOrEqual(8);
    const toyStory2 = Array.from(model.similarItems(index.get(3114)!, 10).items, (i) => ids[i]);
    expect(toyStory2.filter(isFamily).length).toBeGreaterThanOrEqual(8);
  }, 60_000);
});
