import { describe, expect, it } from "vitest";
import { openRelease } from "../../src/ingest/formats/detect.js";
import { DEFAULT_TAG_SELECTION, genomeVectors, selectTopTags, type GenomeVector } from "../../src/ingest/genome.js";
import { LoadError } from "../../src/ingest/load-error.js";
import type { GenomeScoreRecord, Located } from "../../src/ingest/records.js";
import { GENOME, ML_LATEST_SMALL } from "../shared-data.js";

const SMALL = ML_LATEST_SMALL;

/** genome-scores rows [movieId, tagId, relevance], numbered from line 2 as under a header. */
async function* scores(rows: Array<[number, number, number]>): AsyncGenerator<Located<GenomeScoreRecord>> {
  let line = 2;
  for (const [movieId, tagId, relevance] of rows) {
    yield { value: { movieId, tagId, relevance }, file: "genome-scores.csv", line: line++ };
  }
}

async function collect(stream: AsyncIterable<GenomeVector>): Promise<GenomeVector[]> {
  const out: GenomeVector[] = [];
  for await (const v of stream) out.push(v);
  return out;
}

/** Collects vectors until the stream fails; returns both. */
async function collectUntilError(stream: AsyncIterable<GenomeVector>): Promise<{ vectors: GenomeVector[]; error: LoadError }> {
  const vectors: GenomeVector[] = [];
  try {
    for await (const v of stream) vectors.push(v);
  } catch (error) {
    expect(error).toBeInstanceOf(LoadError);
    return { vectors, error: error as LoadError };
  }
  throw new Error("expected a LoadError, but the stream ended normally");
}

describe("genomeVectors", () => {
  it("groups sorted rows into one vector per movie, values indexed by tagId - 1", async () => {
    const vectors = await collect(
      genomeVectors(
        scores([
          [1, 1, 0.029],
          [1, 2, 0.02375],
          [1, 3, 1],
          [2, 1, 0.5],
          [2, 2, 0.25],
          [2, 3, 0.125],
        ]),
        3,
      ),
    );
    expect(vectors).toEqual([
      { movieId: 1, values: [0.029, 0.02375, 1], complete: true },
      { movieId: 2, values: [0.5, 0.25, 0.125], complete: true },
    ]);
  });

  it("marks a movie that stops early as incomplete and fills missing tags with 0", async () => {
    const vectors = await collect(
      genomeVectors(
        scores([
          [5, 1, 0.1],
          [5, 2, 0.2],
          [5, 3, 0.3],
          [5, 4, 0.4],
          [7, 1, 0.7],
          [7, 2, 0.8],
        ]),
        4,
      ),
    );
    expect(vectors).toEqual([
      { movieId: 5, values: [0.1, 0.2, 0.3, 0.4], complete: true },
      { movieId: 7, values: [0.7, 0.8, 0, 0], complete: false },
    ]);
  });

  it("places values by tag id even when a movie's tags are not in order", async () => {
    const vectors = await collect(
      genomeVectors(
        scores([
          [3, 3, 0.3],
          [3, 1, 0.1],
          [3, 2, 0.2],
        ]),
        3,
      ),
    );
    expect(vectors).toEqual([{ movieId: 3, values: [0.1, 0.2, 0.3], complete: true }]);
  });

  it("yields nothing for no rows", async () => {
    expect(await collect(genomeVectors(scores([]), 1128))).toEqual([]);
  });

  it("yields a movie's vector as soon as the next movie starts (streams)", async () => {
    let pulled = 0;
    async function* counted(): AsyncGenerator<Located<GenomeScoreRecord>> {
      for await (const row of scores([
        [1, 1, 0.1],
        [1, 2, 0.2],
        [2, 1, 0.3],
        [2, 2, 0.4],
        [3, 1, 0.5],
      ])) {
        pulled += 1;
        yield row;
      }
    }
    const iterator = genomeVectors(counted(), 2)[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toEqual({ movieId: 1, values: [0.1, 0.2], complete: true });
    expect(pulled).toBe(3);
    const second = await iterator.next();
    expect(second.value).toEqual({ movieId: 2, values: [0.3, 0.4], complete: true });
    expect(pulled).toBe(5);
    await iterator.return?.(undefined);
  });

  it("rejects a movie that appears again (unsorted input), after yielding the earlier movies", async () => {
    const { vectors, error } = await collectUntilError(
      genomeVectors(
        scores([
          [1, 1, 0.1],
          [1, 2, 0.2],
          [2, 1, 0.3],
          [1, 1, 0.4],
        ]),
        2,
      ),
    );
    expect(vectors.map((v) => v.movieId)).toEqual([1]);
    expect(error.message).toBe('genome-scores.csv, line 5, field "movieId": movie 1 appears again: the file must be sorted by movieId');
    expect(error).toMatchObject({ file: "genome-scores.csv", line: 5, field: "movieId" });
  });

  it("rejects a tag id beyond the number of genome tags", async () => {
    const { vectors, error } = await collectUntilError(
      genomeVectors(
        scores([
          [1, 1, 0.1],
          [1, 4, 0.2],
        ]),
        3,
      ),
    );
    expect(vectors).toEqual([]);
    expect(error.message).toBe('genome-scores.csv, line 3, field "tagId": tag 4 is not in genome-tags.csv (3 tags)');
  });

  it("rejects every score when there are no genome tags", async () => {
    const { error } = await collectUntilError(genomeVectors(scores([[1, 1, 0.5]]), 0));
    expect(error.message).toBe('genome-scores.csv, line 2, field "tagId": tag 1 is not in genome-tags.csv (0 tags)');
  });

  it("rejects the same tag twice for one movie", async () => {
    const { error } = await collectUntilError(
      genomeVectors(
        scores([
          [1, 1, 0.1],
          [1, 2, 0.2],
          [1, 2, 0.3],
        ]),
        3,
      ),
    );
    expect(error.message).toBe('genome-scores.csv, line 4, field "tagId": movie 1 has tag 2 twice');
    expect(error).toMatchObject({ line: 4, field: "tagId" });
  });

  it("allows the same tag for different movies", async () => {
    const vectors = await collect(
      genomeVectors(
        scores([
          [1, 2, 0.1],
          [2, 2, 0.2],
        ]),
        2,
      ),
    );
    expect(vectors).toEqual([
      { movieId: 1, values: [0, 0.1], complete: false },
      { movieId: 2, values: [0, 0.2], complete: false },
    ]);
  });
});

describe("selectTopTags", () => {
  //              tag: 1    2    3    4    5    6  7    8
  const values = [0.9, 0.2, 0.6, 0.6, 0.1, 0, 0.5, 0.45];
  // Ranked (zero dropped): [1,.9] [3,.6] [4,.6] [7,.5] [8,.45] [2,.2] [5,.1]

  it("keeps every tag at or above minRelevance when that is between minTags and maxTags", () => {
    expect(selectTopTags(values, { minRelevance: 0.5, maxTags: 50, minTags: 2 })).toEqual([
      [1, 0.9],
      [3, 0.6],
      [4, 0.6],
      [7, 0.5],
    ]);
  });

  it("caps the result at maxTags", () => {
    expect(selectTopTags(values, { minRelevance: 0.5, maxTags: 3, minTags: 2 })).toEqual([
      [1, 0.9],
      [3, 0.6],
      [4, 0.6],
    ]);
  });

  it("tops up to minTags with the most relevant tags below minRelevance", () => {
    expect(selectTopTags(values, { minRelevance: 0.5, maxTags: 50, minTags: 6 })).toEqual([
      [1, 0.9],
      [3, 0.6],
      [4, 0.6],
      [7, 0.5],
      [8, 0.45],
      [2, 0.2],
    ]);
    expect(selectTopTags(values, { minRelevance: 0.95, maxTags: 50, minTags: 2 })).toEqual([
      [1, 0.9],
      [3, 0.6],
    ]);
  });

  it("lets maxTags win over minTags", () => {
    expect(selectTopTags(values, { minRelevance: 0.5, maxTags: 1, minTags: 5 })).toEqual([[1, 0.9]]);
  });

  it("never selects a tag with relevance 0, even to reach minTags", () => {
    const selected = selectTopTags(values, { minRelevance: 0.5, maxTags: 50, minTags: 10 });
    expect(selected).toEqual([
      [1, 0.9],
      [3, 0.6],
      [4, 0.6],
      [7, 0.5],
      [8, 0.45],
      [2, 0.2],
      [5, 0.1],
    ]);
    expect(selected.some(([id]) => id === 6)).toBe(false);
  });

  it("uses 0.5 / 50 / 5 by default", () => {
    expect(DEFAULT_TAG_SELECTION).toEqual({ minRelevance: 0.5, maxTags: 50, minTags: 5 });
    expect(selectTopTags(values)).toEqual([
      [1, 0.9],
      [3, 0.6],
      [4, 0.6],
      [7, 0.5],
      [8, 0.45],
    ]);
  });

  it("breaks ties by the lower tag id", () => {
    expect(selectTopTags([0.3, 0.8, 0.3, 0.8], { minRelevance: 0, maxTags: 10, minTags: 0 })).toEqual([
      [2, 0.8],
      [4, 0.8],
      [1, 0.3],
      [3, 0.3],
    ]);
    expect(selectTopTags([0.7, 0.7, 0.7, 0.7], { minRelevance: 0.5, maxTags: 2, minTags: 0 })).toEqual([
      [1, 0.7],
      [2, 0.7],
    ]);
  });

  it("returns nothing for an empty or all-zero vector", () => {
    expect(selectTopTags([])).toEqual([]);
    expect(selectTopTags([0, 0, 0])).toEqual([]);
  });

  it("returns nothing when minTags is 0 and nothing reaches minRelevance", () => {
    expect(selectTopTags([0.1, 0.2], { minRelevance: 0.5, maxTags: 50, minTags: 0 })).toEqual([]);
  });

  it("does not change the input", () => {
    const input = [0.2, 0.9, 0.5];
    selectTopTags(input);
    expect(input).toEqual([0.2, 0.9, 0.5]);
  });
});

describe("the real partial genome", () => {
  const release = openRelease(SMALL, { genomeDir: GENOME });

  it("has 1128 genome tags numbered 1..1128", async () => {
    const ids: number[] = [];
    for await (const { value } of release.genomeTags()) ids.push(value.id);
    expect(ids).toHaveLength(1128);
    expect(ids.every((id, i) => id === i + 1)).toBe(true);
  });

  it("holds 178 movies, 177 complete; movie 187 stops after tag 343", async () => {
    const vectors = await collect(genomeVectors(release.genomeScores(), 1128));
    expect(vectors).toHaveLength(178);
    expect(vectors.filter((v) => v.complete)).toHaveLength(177);
    const incomplete = vectors.filter((v) => !v.complete);
    expect(incomplete.map((v) => v.movieId)).toEqual([187]);
    const last = incomplete[0];
    expect(last.values).toHaveLength(1128);
    expect(last.values[342]).toBe(0.04275);
    expect(last.values[341]).toBe(0.01775);
    expect(last.values.slice(343).every((v) => v === 0)).toBe(true);
    expect(vectors[0].movieId).toBe(1);
    expect(vectors[0].values.slice(0, 3)).toEqual([0.029, 0.02375, 0.05425]);
    expect(vectors.at(-1)!.movieId).toBe(187);
  });

  it("picks Toy Story's top tags: 50 of its 91 tags at >= 0.5, most relevant first", async () => {
    let toyStory: GenomeVector | undefined;
    for await (const vector of genomeVectors(release.genomeScores(), 1128)) {
      if (vector.movieId === 1) {
        toyStory = vector;
        break;
      }
    }
    expect(toyStory?.complete).toBe(true);
    const values = toyStory!.values;
    expect(values.filter((v) => v >= 0.5)).toHaveLength(91);
    const top = selectTopTags(values);
    expect(top).toHaveLength(50);
    // 1036 toys, 244 computer animation, 786 pixar animation, 64 animation, 589 kids and family
    expect(top.slice(0, 5)).toEqual([
      [1036, 0.9995],
      [244, 0.999],
      [786, 0.9955],
      [64, 0.98875],
      [589, 0.9885],
    ]);
    expect(top[48]).toEqual([19, 0.66825]);
    expect(top[49]).toEqual([1003, 0.661]);
    expect(selectTopTags(values, { minRelevance: 0.5, maxTags: 200, minTags: 5 })).toHaveLength(91);
  });
});
