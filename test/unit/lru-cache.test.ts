import { describe, expect, it } from "vitest";
import { ExpiringCache } from "../../src/common/expiring-cache.js";
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
});

describe("ExpiringCache", () => {
  const clock = () => {
    let t = 1000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it("serves an entry until its time to live has passed", () => {
    const time = clock();
    const cache = new ExpiringCache<string, number>(10, 500, time.now);
    cache.set("a", 1, cache.mark());
    time.advance(499);
    expect(cache.get("a")).toBe(1);
    time.advance(1);
    expect(cache.get("a")).toBeUndefined();
  });

  it("keeps nothing with a time to live of 0", () => {
    const cache = new ExpiringCache<string, number>(10, 0);
    cache.set("a", 1, cache.mark());
    expect(cache.get("a")).toBeUndefined();
  });

  it("drops a deleted entry at once", () => {
    const cache = new ExpiringCache<string, number>(10, 60_000);
    cache.set("a", 1, cache.mark());
    cache.delete("a");
    expect(cache.get("a")).toBeUndefined();
  });

  it("does not store a value read before a delete, which may be what the delete's write replaced", () => {
    const cache = new ExpiringCache<string, number>(10, 60_000);
    const mark = cache.mark();
    cache.delete("a");
    cache.set("a", 1, mark);
    expect(cache.get("a")).toBeUndefined();
    cache.set("a", 2, cache.mark());
    expect(cache.get("a")).toBe(2);
  });

  it("still evicts the least recently used entry beyond its capacity", () => {
    const cache = new ExpiringCache<string, number>(1, 60_000);
    cache.set("a", 1, cache.mark());
    cache.set("b", 2, cache.mark());
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBe(2);
  });
});
