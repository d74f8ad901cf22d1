import { LruCache } from "./lru-cache.js";

/** Lifetimes are spread over the last quarter of the ttl (see `set`). */
const SPREAD = 0.25;
/** The golden ratio's fraction: successive multiples of it fill [0, 1) evenly, without randomness. */
const GOLDEN = 0.6180339887498949;

/**
 * An LruCache whose entries also expire at most `ttlMs` after they were
 * stored, for values read from the graph that something else may change:
 * they are served from memory for at most that long. A ttl of 0 keeps nothing.
 */
export class ExpiringCache<K, V> {
  private readonly entries: LruCache<K, { value: V; expiresAt: number }>;
  private stored = 0;
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
    if (this.now() < entry.expiresAt) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Taken before reading a value from the graph, and passed to `set` with it. */
  mark(): number {
    return this.deletions;
  }

  /**
   * Stores a value read since `mark`, unless something was deleted meanwhile
   * (it may be stale). Entries filled together (every user's ratings in a
   * server's first second) would otherwise all expire together and be read
   * again in one burst, which is the latency tail under load; so each lives
   * between 75% and 100% of the ttl, the share set by a low-discrepancy
   * sequence rather than a random number.
   */
  set(key: K, value: V, mark: number): void {
    if (this.ttlMs <= 0 || mark !== this.deletions) return;
    const share = 1 - SPREAD * ((++this.stored * GOLDEN) % 1);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs * share });
  }

  delete(key: K): void {
    this.deletions++;
    this.entries.delete(key);
  }
}
