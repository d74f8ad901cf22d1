/** What the watch needs of the database (see Database.lastCommit). */
export interface CommitSource {
  lastCommit(): Promise<string>;
}

/**
 * Notices writes to the graph, whoever made them (this API, Cypher, another
 * API process, a load), by comparing the database's last-commit token at
 * most every `intervalMs`. Caches of graph data keep their entries until
 * `generation` moves, so while nothing is written a request reads nothing
 * from the database, and a write made anywhere shows within `intervalMs`.
 * An interval of 0 turns caching off.
 */
export class CommitWatch {
  /** Moves on whenever the last-commit token differs from the previous check's. */
  generation = 0;
  private token: string | undefined;
  private checkedAt = -Infinity;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly db: CommitSource,
    readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get caching(): boolean {
    return this.intervalMs > 0;
  }

  /**
   * Resolves once `generation` reflects every commit made before the last
   * `intervalMs`: at once when a check began that recently, otherwise after
   * one look at the database, which concurrent callers share.
   */
  check(): Promise<void> {
    if (!this.caching || this.now() - this.checkedAt < this.intervalMs) return Promise.resolve();
    this.pending ??= this.look().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async look(): Promise<void> {
    // The time the look began: a commit after it may be missed by this look, so it counts as checked from then.
    const began = this.now();
    const token = await this.db.lastCommit();
    if (token !== this.token) {
      this.token = token;
      this.generation += 1;
    }
    this.checkedAt = began;
  }
}
