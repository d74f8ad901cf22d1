import { describe, expect, it } from "vitest";
import { GraphCache } from "../../src/common/graph-cache.js";

/** A watch the test moves by hand, counting the checks it is asked for. */
function fakeWatch(caching = true) {
  return { generation: 1, caching, checks: 0, check: async function () { this.checks += 1; } };
}

describe("GraphCache", () => {
  it("keeps an entry for as long as nothing is committed", async () => {
    const watch = fakeWatch();
    const cache = new GraphCache<string, number>(10, watch);
    cache.set("a", 1, cache.mark());
    expect(await cache.get("a")).toBe(1);
    expect(await cache.get("a")).toBe(1);
    expect(watch.checks).toBe(2);
  });

  it("drops every entry when the watch sees a commit", async () => {
    const watch = fakeWatch();
    const cache = new GraphCache<string, number>(10, watch);
    cache.set("a", 1, cache.mark());
    cache.set("b", 2, cache.mark());
    watch.generation += 1;
    expect(await cache.getMany(["a", "b"])).toEqual([undefined, undefined]);
    cache.set("a", 3, cache.mark());
    expect(await cache.get("a")).toBe(3);
  });

  it("does not store a value read before a commit was seen", async () => {
    const watch = fakeWatch();
    const cache = new GraphCache<string, number>(10, watch);
    const mark = cache.mark();
    watch.generation += 1;
    cache.set("a", 1, mark);
    expect(await cache.get("a")).toBeUndefined();
  });

  it("drops a deleted entry at once, and does not store a value read before the delete", async () => {
    const cache = new GraphCache<string, number>(10, fakeWatch());
    cache.set("a", 1, cache.mark());
    const mark = cache.mark();
    cache.delete("a");
    expect(await cache.get("a")).toBeUndefined();
    cache.set("a", 1, mark);
    expect(await cache.get("a")).toBeUndefined();
    cache.set("a", 2, cache.mark());
    expect(await cache.get("a")).toBe(2);
  });

  it("keeps nothing when caching is off", async () => {
    const cache = new GraphCache<string, number>(10, fakeWatch(false));
    cache.set("a", 1, cache.mark());
    expect(await cache.get("a")).toBeUndefined();
  });

  it("still evicts the least recently used entry beyond its capacity", async () => {
    const cache = new GraphCache<string, number>(1, fakeWatch());
    cache.set("a", 1, cache.mark());
    cache.set("b", 2, cache.mark());
    expect(await cache.get("a")).toBeUndefined();
    expect(await cache.get("b")).toBe(2);
  });

  it("asks the watch to look for writes once per batch", async () => {
    const watch = fakeWatch();
    const cache = new GraphCache<number, number>(10, watch);
    await cache.getMany([1, 2, 3]);
    expect(watch.checks).toBe(1);
  });
});
