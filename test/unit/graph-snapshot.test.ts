import { describe, expect, it } from "vitest";
import { GraphSnapshot } from "../../src/common/graph-snapshot.js";

function fakeWatch(caching = true) {
  return { generation: 1, caching, check: async () => undefined };
}

/** A build the test finishes by hand. */
function gatedBuilds<T>() {
  const pending: Array<{ resolve: (value: T) => void; reject: (error: Error) => void }> = [];
  const build = () => new Promise<T>((resolve, reject) => pending.push({ resolve, reject }));
  return { pending, build };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A snapshot whose first build ("v1") has been served. */
async function builtOnce() {
  const watch = fakeWatch();
  const builds = gatedBuilds<string>();
  const snapshot = new GraphSnapshot(watch, builds.build);
  const first = snapshot.get();
  await settle();
  builds.pending[0].resolve("v1");
  expect(await first).toBe("v1");
  return { watch, builds, snapshot };
}

describe("GraphSnapshot", () => {
  it("makes the first callers wait for one shared build, then serves it", async () => {
    const builds = gatedBuilds<string>();
    const snapshot = new GraphSnapshot(fakeWatch(), builds.build);
    const first = [snapshot.get(), snapshot.get(), snapshot.get()];
    await settle();
    expect(builds.pending).toHaveLength(1);
    builds.pending[0].resolve("v1");
    expect(await Promise.all(first)).toEqual(["v1", "v1", "v1"]);
    expect(await snapshot.get()).toBe("v1");
    expect(builds.pending).toHaveLength(1);
  });

  it("after a commit, serves the previous value while one rebuild runs, then the new one", async () => {
    const { watch, builds, snapshot } = await builtOnce();
    watch.generation += 1;
    expect(await snapshot.get()).toBe("v1");
    expect(await snapshot.get()).toBe("v1");
    expect(builds.pending).toHaveLength(2);
    builds.pending[1].resolve("v2");
    await settle();
    expect(await snapshot.get()).toBe("v2");
    expect(builds.pending).toHaveLength(2);
  });

  it("keeps the previous value when a rebuild fails, and tries again on the next get", async () => {
    const { watch, builds, snapshot } = await builtOnce();
    watch.generation += 1;
    expect(await snapshot.get()).toBe("v1");
    builds.pending[1].reject(new Error("Neo4j is not available"));
    await settle();
    expect(await snapshot.get()).toBe("v1");
    expect(builds.pending).toHaveLength(3);
    builds.pending[2].resolve("v2");
    await settle();
    expect(await snapshot.get()).toBe("v2");
  });

  it("passes a failed first build on to its callers, and builds again on the next get", async () => {
    const builds = gatedBuilds<string>();
    const snapshot = new GraphSnapshot(fakeWatch(), builds.build);
    const first = snapshot.get();
    await settle();
    builds.pending[0].reject(new Error("Neo4j is not available"));
    await expect(first).rejects.toThrow("Neo4j is not available");
    const second = snapshot.get();
    await settle();
    builds.pending[1].resolve("v1");
    expect(await second).toBe("v1");
  });

  it("ignores a slow build overtaken by a later one", async () => {
    const { watch, builds, snapshot } = await builtOnce();
    watch.generation = 2;
    await snapshot.get();
    watch.generation = 3;
    await snapshot.get();
    builds.pending[2].resolve("v3");
    await settle();
    builds.pending[1].resolve("v2");
    await settle();
    expect(await snapshot.get()).toBe("v3");
  });

  it("builds on every get with caching off", async () => {
    let builds = 0;
    const snapshot = new GraphSnapshot(fakeWatch(false), async () => ++builds);
    await snapshot.get();
    await snapshot.get();
    expect(builds).toBe(2);
  });
});
