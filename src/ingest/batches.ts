/**
 * Feeds an async stream to `write` in fixed-size batches, keeping up to
 * `concurrency` writes in flight while the next batch is parsed, so reading
 * and the database overlap. On the first failed write it stops reading, lets
 * the writes in flight settle, and rejects with that failure.
 */
export async function writeInBatches<T, R>(
  source: AsyncIterable<T>,
  size: number,
  map: (item: T) => R,
  write: (batch: R[]) => Promise<void>,
  concurrency = 1,
): Promise<number> {
  assertBatchSize(size);
  assertBatchSize(concurrency);
  let batch: R[] = [];
  const inFlight = new Set<Promise<void>>();
  let total = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const full = batch;
    batch = [];
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    const pending = write(full).then(() => {
      inFlight.delete(pending);
    });
    // Observed through Promise.race/all later; this only keeps Node from flagging it as unhandled meanwhile.
    pending.catch(() => undefined);
    inFlight.add(pending);
    total += full.length;
  };
  try {
    for await (const item of source) {
      batch.push(map(item));
      if (batch.length >= size) await flush();
    }
    await flush();
    await Promise.all(inFlight);
  } catch (error) {
    await Promise.allSettled(inFlight);
    throw error;
  }
  return total;
}

/** Array chunks for data already in memory (user ids, genre names). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  assertBatchSize(size);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function assertBatchSize(size: number): void {
  if (!Number.isInteger(size) || size <= 0) throw new RangeError(`batch size must be a positive integer, got ${size}`);
}
