import { describe, expect, it } from "vitest";
import { Random } from "../../../src/common/random.js";
import { RatingMatrix } from "../../../src/models/data/rating-matrix.js";
import { ItemKnn } from "../../../src/models/knn/item-knn.js";
import { UserKnn } from "../../../src/models/knn/user-knn.js";

/**
 * Taste shown by what people rate, as in MovieLens: users of group g (u % 2)
 * rate each of group g's items (i % 2 = g) with probability 0.6, 4 to 5
 * stars, and each of the other group's with probability 0.15, 1 to 2.5 stars.
 */
function tasteGroups(seed = 11, nUsers = 40, nItems = 30): RatingMatrix {
  const random = new Random(seed);
  const users: number[] = [];
  const items: number[] = [];
  const ratings: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    for (let i = 0; i < nItems; i++) {
      const own = i % 2 === u % 2;
      if (random.float() >= (own ? 0.6 : 0.15)) continue;
      users.push(u);
      items.push(i);
      ratings.push(own ? 4 + random.int(3) / 2 : 1 + random.int(4) / 2);
    }
  }
  return new RatingMatrix(nUsers, nItems, {
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    ratings: Float32Array.from(ratings),
    timestamps: new Float64Array(users.length),
  });
}

const matrix = tasteGroups();
const models: Array<[string, () => ItemKnn | UserKnn]> = [
  ["item-knn", () => new ItemKnn()],
  ["user-knn", () => new UserKnn()],
];

describe.each(models)("%s: ranking follows the user's taste", (_, create) => {
  it("ranks every unrated item of a user's own group above the other group's", async () => {
    const model = create();
    await model.fit(matrix);
    for (let u = 0; u < matrix.nUsers; u++) {
      const scores = model.rankUser(u);
      const rated = new Set(matrix.userRow(u).items);
      const unrated = Array.from(scores.keys()).filter((i) => !rated.has(i));
      const own = unrated.filter((i) => i % 2 === u % 2).map((i) => scores[i]);
      const other = unrated.filter((i) => i % 2 !== u % 2).map((i) => scores[i]);
      expect(own.length).toBeGreaterThan(0);
      expect(Math.min(...own)).toBeGreaterThan(Math.max(...other));
    }
  });

  it("ranks the group a visitor liked first, even from fewer films than minSupport", async () => {
    const model = create();
    await model.fit(matrix);
    for (const liked of [[1, 3, 5, 7, 9], [1, 3]]) {
      const scores = model.rankProfile({ items: Int32Array.from(liked), ratings: Float32Array.from(liked, () => 5) });
      const odd = Array.from({ length: 15 }, (_, j) => 2 * j + 1).filter((i) => !liked.includes(i));
      const even = Array.from({ length: 15 }, (_, j) => 2 * j);
      expect(Math.min(...odd.map((i) => scores[i]))).toBeGreaterThan(Math.max(...even.map((i) => scores[i])));
    }
  });
});
