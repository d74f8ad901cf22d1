import { describe, expect, it } from "vitest";
import { movieTerms, tfidf } from "../../../src/models/content/tfidf.js";

describe("movieTerms", () => {
  it("prefixes genres and tags, lower-cases and trims them, and drops empty tags and the no-genre placeholder", () => {
    expect(movieTerms(["Comedy", "Film-Noir"], [" Dark Humor ", "", "dark humor", "   "])).toEqual([
      "genre:comedy",
      "genre:film-noir",
      "tag:dark humor",
      "tag:dark humor",
    ]);
    expect(movieTerms(["(no genres listed)"], [])).toEqual([]);
  });
});

describe("tfidf", () => {
  // Three documents, worked by hand with N = 3:
  //   idf(df = 2) = ln(4/3) + 1 = 1.2876820724517808   (genre:comedy, genre:drama)
  //   idf(df = 1) = ln(4/2) + 1 = 1.6931471805599454   (tag:dark, tag:funny)
  //   d0: comedy 1·1.28768, funny 2·1.69315 → ÷ 3.62286 → 0.355432, 0.934702
  //   d1: comedy, drama both 1.28768       → 1/√2 each
  //   d2: drama 1.28768, dark 1.69315      → ÷ 2.12718 → 0.605349, 0.795961
  const documents = [
    ["genre:comedy", "tag:funny", "tag:funny"],
    ["genre:comedy", "genre:drama"],
    ["genre:drama", "tag:dark"],
  ];
  const matrix = tfidf(documents);

  it("sorts the vocabulary and computes scikit-learn's smooth idf", () => {
    expect(matrix.terms).toEqual(["genre:comedy", "genre:drama", "tag:dark", "tag:funny"]);
    expect(matrix.idf[0]).toBeCloseTo(1.2876820724517808, 12);
    expect(matrix.idf[1]).toBeCloseTo(1.2876820724517808, 12);
    expect(matrix.idf[2]).toBeCloseTo(1.6931471805599454, 12);
    expect(matrix.idf[3]).toBeCloseTo(1.6931471805599454, 12);
  });

  it("weights raw counts by idf and L2-normalises each row, as sparse CSR", () => {
    expect(matrix.rows).toBe(3);
    expect(matrix.cols).toBe(4);
    expect(Array.from(matrix.ptr)).toEqual([0, 2, 4, 6]);
    expect(Array.from(matrix.indices)).toEqual([0, 3, 0, 1, 1, 2]);
    const expected = [0.35543246785041743, 0.9347019636214327, Math.SQRT1_2, Math.SQRT1_2, 0.6053485081062916, 0.7959605415681652];
    matrix.values.forEach((value, e) => expect(value).toBeCloseTo(expected[e], 6));
  });

  it("leaves a document without terms as an empty row", () => {
    const withEmpty = tfidf([["genre:drama"], []]);
    expect(Array.from(withEmpty.ptr)).toEqual([0, 1, 1]);
    expect(withEmpty.values[0]).toBeCloseTo(1, 12);
    // N = 2, df = 1: ln(3/2) + 1.
    expect(withEmpty.idf[0]).toBeCloseTo(Math.log(1.5) + 1, 12);
  });
});
