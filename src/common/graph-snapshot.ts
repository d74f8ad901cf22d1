import type { Generations } from "./graph-cache.js";

/**
 * One value built from a whole part of the graph (a search index, say), kept
 * until the watch sees a commit and then built again on the next `get`.
 * Requests that arrive during a build share it; a failed build is not kept.
 * With caching off every `get` builds afresh.
 */
export class GraphSnapshot<T> {
  private kept: { generation: number; value: Promise<T> } | undefined;

  constructor(
    private readonly watch: Generations,
    private readonly build: () => Promise<T>,
  ) {}

  async get(): Promise<T> {
    await this.watch.check();
    if (!this.watch.caching) return this.build();
    const { generation } = this.watch;
    if (this.kept?.generation !== generation) {
      const value = this.build();
      const kept = { generation, value };
      this.kept = kept;
      value.catch(() => {
        if (this.kept === kept) this.kept = undefined;
      });
    }
    return this.kept.value;
  }
}
