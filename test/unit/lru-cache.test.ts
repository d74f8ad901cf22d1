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

  it("serves an entry for between three quarters and all of its time to live", () => {
    const time = clock();
    const cache = new ExpiringCache<string, number>(10, 400, time.now);
    cache.set("a", 1, cache.mark());
    time.advance(299);
    expect(cache.get("a")).toBe(1);
    time.advance(101);
    expect(cache.get("a")).toBeUndefined();
  });

  it("spreads the expiry of entries stored together over the last quarter of the ttl", () => {
    const time = clock();
    const cache = new ExpiringCache<number, number>(100, 1000, time.now);
    for (let k = 0; k < 40; k++) cache.set(k, k, cache.mark());
    const alive = (after: number) => {
      time.advance(after);
      return Array.from({ length: 40 }, (_, k) => cache.get(k)).filter((v) => v !== undefined).length;
    };
    expect(alive(749)).toBe(40);
    expect(alive(126)).toBeGreaterThan(10);
    expect(alive(0)).toBeLessThan(30);
    expect(alive(125)).toBe(0);
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
