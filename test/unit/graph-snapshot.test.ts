import { describe, expect, it } from "vitest";
import { GraphSnapshot } from "../../src/common/graph-snapshot.js";

function fakeWatch(caching = true) {
  return { generation: 1, caching, check: async () => undefined };
}

describe("GraphSnapshot", () => {
  it("builds once per generation, and shares a build among the callers that arrive during it", async () => {
    const watch = fakeWatch();
    let builds = 0;
    const snapshot = new GraphSnapshot(watch, async () => ++builds);
    expect(await Promise.all([snapshot.get(), snapshot.get(), snapshot.get()])).toEqual([1, 1, 1]);
    expect(await snapshot.get()).toBe(1);
    watch.generation += 1;
    expect(await snapshot.get()).toBe(2);
    expect(builds).toBe(2);
  });

  it("does not keep a failed build", async () => {
    let fail = true;
    const snapshot = new GraphSnapshot(fakeWatch(), async () => {
      if (fail) throw new Error("Neo4j is not available");
      return "index";
    });
    await expect(snapshot.get()).rejects.toThrow("Neo4j is not available");
    fail = false;
    expect(await snapshot.get()).toBe("index");
  });

  it("builds on every get with caching off", async () => {
    let builds = 0;
    const snapshot = new GraphSnapshot(fakeWatch(false), async () => ++builds);
    await snapshot.get();
    await snapshot.get();
    expect(builds).toBe(2);
  });
});
