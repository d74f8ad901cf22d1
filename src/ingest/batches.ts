/**
 * Feeds an async stream to `write` in fixed-size batches, keeping one write in
 * flight while the next batch is parsed, so reading and the database overlap.
 */
export async function writeInBatches<T, R>(
  source: AsyncIterable<T>,
  size: number,
  map: (item: T) => R,
  write: (batch: R[]) => Promise<void>,
): Promise<number> {
  assertBatchSize(size);
  let batch: R[] = [];
  let pending: Promise<void> | undefined;
  let total = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const full = batch;
    batch = [];
    await pending;
    pending = write(full);
    // Observed again at the next flush; this only keeps Node from flagging it as unhandled meanwhile.
    pending.catch(() => undefined);
    total += full.length;
  };
  try {
    for await (const item of source) {
      batch.push(map(item));
      if (batch.length >= size) await flush();
    }
    await flush();
    await pending;
  } catch (error) {
    await pending?.catch(() => undefined);
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
