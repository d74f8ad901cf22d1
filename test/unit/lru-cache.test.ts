import { describe, expect, it } from "vitest";
import { LruCache } from "../../src/common/lru-cache.js";

describe("LruCache", () => {
  it("evicts the least recently used entry beyond its capacity", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1);
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
  });

  it("forgets everything on clear", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.clear();
    expect(cache.get("a")).toBeUndefined();
    expect(cache.has("a")).toBe(false);
  });
});
