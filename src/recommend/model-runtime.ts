import type { Database } from "../db/database.js";
import { cypher } from "../db/queries.js";
import type { Logger } from "../logger.js";
import type { IdIndex } from "../models/data/interactions.js";
import { RatingMatrix } from "../models/data/rating-matrix.js";
import type { Recommender } from "../models/model.js";
import { HYBRID_COMPONENTS, restoreModel } from "../models/registry.js";
import { ModelStore, type ModelRecord } from "../models/store/model-store.js";
import { loadTrainingData } from "../models/store/training-data.js";
import { loadCatalog, type Catalog } from "./catalog.js";

const Q = { activeVersions: cypher("recommend/active-versions") };

/** The active models held in memory with what they were trained on, ready to score. */
export interface LoadedModels {
  /** "name@version" of every model, to notice when the graph has newer ones. */
  signature: string;
  users: IdIndex;
  items: IdIndex;
  ratings: RatingMatrix;
  catalog: Catalog;
  records: Map<string, ModelRecord>;
  models: Map<string, Recommender>;
}

/**
 * Keeps the active models in memory, reading them from the graph on first use
 * and again whenever `train` has activated other versions (checked at most
 * every `checkEveryMs`), so requests score in memory and a retrain is picked
 * up without a restart.
 */
export class ModelRuntime {
  private loaded: Promise<LoadedModels> | undefined;
  private checkedAt = 0;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly checkEveryMs = 5000,
  ) {}

  async current(): Promise<LoadedModels> {
    if (this.loaded && Date.now() - this.checkedAt < this.checkEveryMs) return this.loaded;
    this.checkedAt = Date.now();
    const signature = await this.activeSignature();
    const previous = this.loaded;
    if (previous && (await previous.catch(() => undefined))?.signature === signature) return previous;
    this.loaded = this.load(signature);
    this.loaded.catch(() => (this.loaded = undefined));
    return this.loaded;
  }

  private async activeSignature(): Promise<string> {
    return (await this.db.read(Q.activeVersions)).map((r) => `${r.name}@${r.version}`).join(",");
  }

  private async load(signature: string): Promise<LoadedModels> {
    const started = Date.now();
    const data = await loadTrainingData(this.db);
    const ratings = new RatingMatrix(data.users.size, data.items.size, data.interactions);
    const catalog = await loadCatalog(this.db, data.items);
    const store = new ModelStore(this.db);
    const records = new Map((await store.active()).map((r) => [r.name, r]));
    const models = new Map<string, Recommender>();
    // The hybrid is rebuilt from the other models, so they come first.
    const order = [...records.keys()].sort((a, b) => Number(a === "hybrid") - Number(b === "hybrid"));
    for (const name of order) {
      const record = records.get(name)!;
      if (record.dataFingerprint !== data.fingerprint) {
        this.logger.warn({ model: name }, "model was trained on other ratings than the graph now holds; retrain to include them");
      }
      if (name === "hybrid" && !HYBRID_COMPONENTS.every((c) => models.has(c))) continue;
      try {
        models.set(name, restoreModel(await store.load(record, data.users, data.items), ratings, models));
      } catch (error) {
        // One stale model (e.g. neighbourhoods restored against ratings added since) must not take the others down.
        this.logger.error({ model: name, err: error }, "model could not be loaded; retrain it");
      }
    }
    this.logger.info({ models: [...models.keys()], seconds: (Date.now() - started) / 1000 }, "models loaded");
    return { signature, users: data.users, items: data.items, ratings, catalog, records, models };
  }
}
