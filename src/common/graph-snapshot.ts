import type { Generations } from "./graph-cache.js";

interface Build<T> {
  generation: number;
  value: Promise<T>;
}

/**
 * One value built from a whole part of the graph (a search index, say) and
 * built again when the watch sees a commit. Building reads the whole part,
 * so requests never wait for a rebuild: until the new value is ready they
 * get the previous one, and a write shows within the watch's interval plus
 * one build. Only the first `get` waits, sharing its build with every
 * request that arrives meanwhile. A failed build keeps the previous value
 * and is tried again on the next `get`. With caching off every `get` builds.
 */
export class GraphSnapshot<T> {
  private ready: T | undefined;
  private building: Build<T> | undefined;
  private builtFor = -1;

  constructor(
    private readonly watch: Generations,
    private readonly build: () => Promise<T>,
  ) {}

  async get(): Promise<T> {
    await this.watch.check();
    if (!this.watch.caching) return this.build();
    const { generation } = this.watch;
    if (this.builtFor !== generation && this.building?.generation !== generation) this.start(generation);
    return this.ready ?? this.building!.value;
  }

  private start(generation: number): void {
    const building = { generation, value: this.build() };
    this.building = building;
    building.value.then(
      (value) => {
        // A build for a later generation may have started (or finished) meanwhile: only the newest counts.
        if (generation < this.builtFor) return;
        this.ready = value;
        this.builtFor = generation;
        if (this.building === building) this.building = undefined;
      },
      () => {
        if (this.building === building) this.building = undefined;
      },
    );
  }
}
