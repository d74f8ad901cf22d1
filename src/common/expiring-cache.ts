import { LruCache } from "./lru-cache.js";

/**
 * An LruCache whose entries also expire `ttlMs` after they were stored, for
 * values read from the graph that something else may change: they are served
 * from memory for at most that long. A ttl of 0 keeps nothing.
 */
export class ExpiringCache<K, V> {
  private readonly entries: LruCache<K, { value: V; storedAt: number }>;
  /** Bumped by every delete, so that a read begun before a write does not store what the write replaced. */
  private deletions = 0;

  constructor(
    capacity: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new LruCache(capacity);
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt < this.ttlMs) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Taken before reading a value from the graph, and passed to `set` with it. */
  mark(): number {
    return this.deletions;
  }

  /** Stores a value read since `mark`, unless something was deleted meanwhile (it may be stale). */
  set(key: K, value: V, mark: number): void {
    if (this.ttlMs > 0 && mark === this.deletions) this.entries.set(key, { value, storedAt: this.now() });
  }

  delete(key: K): void {
    this.deletions++;
    this.entries.delete(key);
  }
}
