import { describe, expect, it } from "vitest";
import { CommitWatch } from "../../src/db/commit-watch.js";

/** A database whose last-commit token the test moves, counting how often it is asked. */
function fakeDatabase() {
  const db = {
    token: "tx-1",
    looks: 0,
    failing: false,
    /** When set, looks wait for it. */
    gate: undefined as Promise<void> | undefined,
    async lastCommit() {
      db.looks += 1;
      await db.gate;
      if (db.failing) throw new Error("Neo4j is not available");
      return db.token;
    },
  };
  return db;
}

function clock() {
  let t = 10_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("CommitWatch", () => {
  it("looks at most once per interval, and moves its generation only when the token changed", async () => {
    const db = fakeDatabase();
    const time = clock();
    const watch = new CommitWatch(db, 1000, time.now);
    await watch.check();
    const first = watch.generation;
    expect(db.looks).toBe(1);
    time.advance(999);
    await watch.check();
    expect(db.looks).toBe(1);
    time.advance(1);
    await watch.check();
    expect(db.looks).toBe(2);
    expect(watch.generation).toBe(first);
    db.token = "tx-2";
    time.advance(1000);
    await watch.check();
    expect(watch.generation).toBe(first + 1);
  });

  it("sees a commit made during the interval at the first check after it", async () => {
    const db = fakeDatabase();
    const time = clock();
    const watch = new CommitWatch(db, 500, time.now);
    await watch.check();
    const before = watch.generation;
    db.token = "tx-2";
    time.advance(300);
    await watch.check();
    expect(watch.generation).toBe(before);
    time.advance(200);
    await watch.check();
    expect(watch.generation).toBe(before + 1);
  });

  it("shares one look among the callers that arrive while it runs", async () => {
    const db = fakeDatabase();
    let open = () => undefined as void;
    db.gate = new Promise<void>((resolve) => (open = resolve));
    const watch = new CommitWatch(db, 1000, clock().now);
    const checks = [watch.check(), watch.check(), watch.check()];
    open();
    await Promise.all(checks);
    expect(db.looks).toBe(1);
  });

  it("passes a failed look on to every caller waiting for it, and looks again on the next check", async () => {
    const db = fakeDatabase();
    db.failing = true;
    const watch = new CommitWatch(db, 1000, clock().now);
    await expect(Promise.all([watch.check(), watch.check()])).rejects.toThrow("Neo4j is not available");
    expect(db.looks).toBe(1);
    db.failing = false;
    await watch.check();
    expect(db.looks).toBe(2);
  });

  it("never looks with an interval of 0, which turns caching off", async () => {
    const db = fakeDatabase();
    const watch = new CommitWatch(db, 0);
    await watch.check();
    expect(watch.caching).toBe(false);
    expect(db.looks).toBe(0);
  });
});
