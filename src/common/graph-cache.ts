import { LruCache } from "./lru-cache.js";

/** The part of CommitWatch a cache follows. */
export interface Generations {
  readonly generation: number;
  readonly caching: boolean;
  check(): Promise<void>;
}

/**
 * An LruCache of values read from the graph, kept until the graph changes:
 * every entry is dropped when the watch's generation moves (something was
 * committed), and `delete` drops one at once for a write this process made.
 * With caching off it keeps nothing.
 */
export class GraphCache<K, V> {
  private readonly entries: LruCache<K, V>;
  private generation: number;
  /** Bumped by every delete and every drop, so that a read begun before a write does not store what the write replaced. */
  private epoch = 0;

  constructor(
    capacity: number,
    private readonly watch: Generations,
  ) {
    this.entries = new LruCache(capacity);
    this.generation = watch.generation;
  }

  async get(key: K): Promise<V | undefined> {
    await this.watch.check();
    this.follow();
    return this.entries.get(key);
  }

  /** One look for writes for the whole batch. */
  async getMany(keys: readonly K[]): Promise<Array<V | undefined>> {
    await this.watch.check();
    this.follow();
    return keys.map((key) => this.entries.get(key));
  }

  /** Taken before reading a value from the graph, and passed to `set` with it. */
  mark(): number {
    this.follow();
    return this.epoch;
  }

  /** Stores a value read since `mark`, unless something was written meanwhile (it may be stale). */
  set(key: K, value: V, mark: number): void {
    this.follow();
    if (this.watch.caching && mark === this.epoch) this.entries.set(key, value);
  }

  delete(key: K): void {
    this.epoch++;
    this.entries.delete(key);
  }

  private follow(): void {
    if (this.watch.generation === this.generation) return;
    this.generation = this.watch.generation;
    this.epoch++;
    this.entries.clear();
  }
}
