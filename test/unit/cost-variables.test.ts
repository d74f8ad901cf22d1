import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { costVariables } from "../../src/graphql/common/cost-variables.js";

describe("costVariables", () => {
  it("finds the variables passed as `first` or as a directive's `if`, in fragments too, and no others", () => {
    const document = parse(`
      query($user: ID!, $n: Int, $m: Int, $withTags: Boolean!, $skipMe: Boolean!) {
        user(id: $user) { recommendations(first: $n) { movie { ...M } } }
        movies(search: "x", first: 5) { totalCount @skip(if: $skipMe) }
      }
      fragment M on Movie { topTags(first: $m) @include(if: $withTags) { tag } }
    `);
    expect(costVariables(document)).toEqual(["m", "n", "skipMe", "withTags"]);
  });

  it("walks each document once", () => {
    const document = parse(`query($n: Int) { movies(first: $n) { totalCount } }`);
    expect(costVariables(document)).toBe(costVariables(document));
  });
});
