import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chunks, writeInBatches } from "../../src/ingest/batches.js";

async function* from<T>(items: T[], log?: string[]): AsyncGenerator<T> {
  for (const item of items) {
    log?.push(`pull ${String(item)}`);
    yield item;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Collects unhandled rejections while a test runs, so a test can assert there were none. */
let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled = [];
  process.on("unhandledRejection", onUnhandled);
});
afterEach(() => {
  process.off("unhandledRejection", onUnhandled);
});

/** Lets pending timers and microtasks run, so a late unhandled rejection would be seen. */
const settle = () => sleep(30);

describe("writeInBatches", () => {
  it("writes fixed-size batches in order, the last one short, and returns the total", async () => {
    const batches: number[][] = [];
    const total = await writeInBatches(from([1, 2, 3, 4, 5, 6, 7]), 3, (x) => x * 10, async (batch) => {
      batches.push(batch);
    });
    expect(batches).toEqual([
      [10, 20, 30],
      [40, 50, 60],
      [70],
    ]);
    expect(total).toBe(7);
  });

  it("writes no empty batch when the size divides the count", async () => {
    const batches: string[][] = [];
    const total = await writeInBatches(from(["a", "b", "c", "d"]), 2, (x) => x.toUpperCase(), async (b) => {
      batches.push(b);
    });
    expect(batches).toEqual([
      ["A", "B"],
      ["C", "D"],
    ]);
    expect(total).toBe(4);
  });

  it("writes nothing and returns 0 for an empty source", async () => {
    let calls = 0;
    const total = await writeInBatches(from<number>([]), 10, (x) => x, async () => {
      calls += 1;
    });
    expect(total).toBe(0);
    expect(calls).toBe(0);
  });

  it("writes one batch when the source is smaller than the size", async () => {
    const batches: number[][] = [];
    expect(await writeInBatches(from([1, 2]), 1000, (x) => x, async (b) => void batches.push(b))).toBe(2);
    expect(batches).toEqual([[1, 2]]);
  });

  it("writes one item per batch with size 1", async () => {
    const batches: number[][] = [];
    expect(await writeInBatches(from([1, 2, 3]), 1, (x) => x, async (b) => void batches.push(b))).toBe(3);
    expect(batches).toEqual([[1], [2], [3]]);
  });

  it("maps every item exactly once, in order", async () => {
    const mapped: number[] = [];
    await writeInBatches(from([3, 1, 2]), 2, (x) => {
      mapped.push(x);
      return x;
    }, async () => undefined);
    expect(mapped).toEqual([3, 1, 2]);
  });

  it("reads the next batch while one write is in flight, but never starts a second write", async () => {
    const log: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const total = await writeInBatches(from([1, 2, 3, 4, 5, 6], log), 2, (x) => x, async (batch) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      log.push(`write ${batch.join(",")}`);
      await sleep(10);
      log.push(`done ${batch.join(",")}`);
      inFlight -= 1;
    });
    expect(total).toBe(6);
    expect(maxInFlight).toBe(1);
    expect(log).toEqual([
      "pull 1",
      "pull 2",
      "write 1,2",
      "pull 3",
      "pull 4",
      "done 1,2",
      "write 3,4",
      "pull 5",
      "pull 6",
      "done 3,4",
      "write 5,6",
      "done 5,6",
    ]);
  });

  it("does not resolve before the last write has finished", async () => {
    let finished = 0;
    const total = await writeInBatches(from([1, 2, 3, 4, 5]), 2, (x) => x, async () => {
      await sleep(5);
      finished += 1;
    });
    expect(total).toBe(5);
    expect(finished).toBe(3);
  });

  it("rejects with the error of a failing write and starts no further write", async () => {
    const started: number[][] = [];
    const promise = writeInBatches(from([1, 2, 3, 4, 5, 6, 7, 8]), 2, (x) => x, async (batch) => {
      started.push(batch);
      await sleep(5);
      if (batch[0] === 3) throw new Error("write failed: [3,4]");
    });
    await expect(promise).rejects.toThrow("write failed: [3,4]");
    expect(started).toEqual([
      [1, 2],
      [3, 4],
    ]);
    await settle();
    expect(unhandled).toEqual([]);
  });

  it("rejects when the last write fails", async () => {
    const promise = writeInBatches(from([1, 2, 3]), 2, (x) => x, async (batch) => {
      if (batch.length === 1) throw new Error("last write failed");
    });
    await expect(promise).rejects.toThrow("last write failed");
    await settle();
    expect(unhandled).toEqual([]);
  });

  it("rejects when the only write fails at once, without an unhandled rejection", async () => {
    const promise = writeInBatches(from([1]), 5, (x) => x, () => Promise.reject(new Error("refused")));
    await expect(promise).rejects.toThrow("refused");
    await settle();
    expect(unhandled).toEqual([]);
  });

  it("rejects when a write fails while the next batch is still being read slowly", async () => {
    async function* slow(): AsyncGenerator<number> {
      for (let i = 1; i <= 6; i++) {
        await sleep(5);
        yield i;
      }
    }
    const promise = writeInBatches(slow(), 2, (x) => x, async (batch) => {
      if (batch[0] === 1) throw new Error("first write failed");
    });
    await expect(promise).rejects.toThrow("first write failed");
    await settle();
    expect(unhandled).toEqual([]);
  });

  it("rejects when write throws synchronously", async () => {
    const promise = writeInBatches(from([1, 2, 3]), 2, (x) => x, (batch) => {
      if (batch[0] === 3) throw new Error("sync throw");
      return Promise.resolve();
    });
    await expect(promise).rejects.toThrow("sync throw");
  });

  it("rejects with a failing source's error after the write in flight has finished", async () => {
    const log: string[] = [];
    async function* failing(): AsyncGenerator<number> {
      yield 1;
      yield 2;
      yield 3;
      throw new Error("read failed at item 4");
    }
    const promise = writeInBatches(failing(), 2, (x) => x, async (batch) => {
      log.push(`write ${batch.join(",")}`);
      await sleep(10);
      log.push(`done ${batch.join(",")}`);
    });
    await expect(promise).rejects.toThrow("read failed at item 4");
    // The partial batch [3] is not written; the batch in flight is awaited before rejecting.
    expect(log).toEqual(["write 1,2", "done 1,2"]);
    await settle();
    expect(unhandled).toEqual([]);
  });

  it("reports the source's error, not the write's, when both fail", async () => {
    async function* failing(): AsyncGenerator<number> {
      yield 1;
      yield 2;
      await sleep(1);
      throw new Error("source failed");
    }
    const promise = writeInBatches(failing(), 2, (x) => x, async () => {
      await sleep(10);
      throw new Error("write failed");
    });
    await expect(promise).rejects.toThrow("source failed");
    await settle();
    expect(unhandled).toEqual([]);
  });

  it("rejects when map throws, naming its error", async () => {
    const written: number[][] = [];
    const promise = writeInBatches(from([1, 2, 3]), 2, (x) => {
      if (x === 3) throw new Error("cannot map 3");
      return x;
    }, async (b) => void written.push(b));
    await expect(promise).rejects.toThrow("cannot map 3");
    expect(written).toEqual([[1, 2]]);
  });
});

describe("chunks", () => {
  it("splits an array into chunks of the size, the last one short", () => {
    expect(chunks([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it("returns exact chunks when the size divides the length", () => {
    expect(chunks(["a", "b", "c", "d"], 2)).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("returns one chunk when the size is at least the length", () => {
    expect(chunks([1, 2], 2)).toEqual([[1, 2]]);
    expect(chunks([1, 2], 1000)).toEqual([[1, 2]]);
  });

  it("returns no chunks for an empty array", () => {
    expect(chunks([], 5)).toEqual([]);
  });

  it("returns copies and leaves the input alone", () => {
    const input = [1, 2, 3];
    const out = chunks(input, 2);
    out[0].push(99);
    expect(input).toEqual([1, 2, 3]);
    expect(out).toEqual([[1, 2, 99], [3]]);
  });
});

describe("writeInBatches with concurrency", () => {
  it("keeps at most `concurrency` writes in flight and writes every batch once", async () => {
    let inFlight = 0;
    let peak = 0;
    const written: number[][] = [];
    const total = await writeInBatches(
      from([1, 2, 3, 4, 5, 6, 7, 8, 9]),
      2,
      (x) => x,
      async (batch) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await sleep(batch[0] === 1 ? 40 : 5);
        written.push(batch);
        inFlight -= 1;
      },
      3,
    );
    expect(total).toBe(9);
    expect(peak).toBe(3);
    expect(written.flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(written).toHaveLength(5);
  });

  it("rejects with the first failure after the other writes settle, without unhandled rejections", async () => {
    const settled: number[] = [];
    await expect(
      writeInBatches(from([1, 2, 3, 4, 5, 6]), 1, (x) => x, async ([x]) => {
        await sleep(x === 2 ? 1 : 20);
        if (x === 2) throw new Error("batch 2 failed");
        settled.push(x);
      }, 2),
    ).rejects.toThrow("batch 2 failed");
    expect(settled).toContain(1);
    expect(settled).not.toContain(6);
    await settle();
    expect(unhandled).toEqual([]);
  });

  it("refuses a concurrency below 1", async () => {
    await expect(writeInBatches(from([1]), 1, (x) => x, async () => undefined, 0)).rejects.toThrow(RangeError);
  });
});
