import type { Database } from "../../db/database.js";
import { cypher } from "../../db/queries.js";
import type { IdIndex } from "../data/interactions.js";
import type { Matrix32, ModelKind, ModelState, Neighbors } from "../model.js";

const Q = {
  versions: cypher("model/versions"),
  begin: cypher("model/begin"),
  writeUserVectors: cypher("model/write-user-vectors"),
  writeItemVectors: cypher("model/write-item-vectors"),
  writeItemNeighbors: cypher("model/write-item-neighbors"),
  writeUserNeighbors: cypher("model/write-user-neighbors"),
  activate: cypher("model/activate"),
  active: cypher("model/active"),
  readUserVectors: cypher("model/read-user-vectors"),
  readItemVectors: cypher("model/read-item-vectors"),
  readItemNeighbors: cypher("model/read-item-neighbors"),
  readUserNeighbors: cypher("model/read-user-neighbors"),
  clearUserProperties: cypher("model/clear-user-properties"),
  clearItemProperties: cypher("model/clear-item-properties"),
  deleteNeighbors: cypher("model/delete-neighbors"),
  deleteVersion: cypher("model/delete-version"),
};

/** Two property slots per model: a new version is written into the one the active version does not use. */
export type Slot = "a" | "b";

/** A model version as recorded by its (:Model) node. */
export interface ModelRecord {
  name: string;
  kind: ModelKind;
  version: number;
  slot: Slot;
  params: Record<string, unknown>;
  scalars: Record<string, number>;
  metrics: Record<string, unknown>;
  dataFingerprint: string;
  trainedAt: string;
  /** "name:dim" of each per-user vector, e.g. "factors:64". */
  userVectors: string[];
  /** "name:dim" of each per-item vector. */
  itemVectors: string[];
  itemNeighbors: boolean;
  userNeighbors: boolean;
}

/** The graph property holding one vector of one model slot, e.g. `als_b_factors` on every User. */
export function propertyName(name: string, slot: Slot, vector: string): string {
  return `${name.replace(/-/g, "_")}_${slot}_${vector}`;
}

export interface SaveOptions {
  metrics?: Record<string, unknown>;
  fingerprint: string;
  batchSize?: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

/**
 * Writes trained models into the graph and reads them back. Vectors become
 * node properties in the slot the active version does not use, neighbour
 * lists become SIMILAR / SIMILAR_USER relationships tagged with model and
 * version, and a (:Model) node records the version. The version turns active
 * in one transaction at the very end, so readers never see half a model; a
 * failed save leaves the previous version active and its own leftovers are
 * removed by the next save or by `prune`.
 */
export class ModelStore {
  constructor(private readonly db: Database) {}

  async save(name: string, state: ModelState, users: IdIndex, items: IdIndex, options: SaveOptions): Promise<ModelRecord> {
    const batchSize = options.batchSize ?? 2000;
    const versions = await this.versions(name);
    const active = versions.find((v) => v.status === "active");
    for (const stale of versions.filter((v) => v.status !== "active")) {
      await this.removeVersion(name, stale.version, stale.slot, Object.keys(state.userVectors), Object.keys(state.itemVectors));
    }
    const version = (versions[0]?.version ?? 0) + 1;
    const slot: Slot = active?.slot === "a" ? "b" : "a";
    await this.db.write(Q.begin, { name, kind: state.kind, version, slot, params: JSON.stringify(state.params) });

    await this.writeVectors(Q.writeUserVectors, name, slot, state.userVectors, users, batchSize, (d, t) => options.onProgress?.("user vectors", d, t));
    await this.writeVectors(Q.writeItemVectors, name, slot, state.itemVectors, items, batchSize, (d, t) => options.onProgress?.("item vectors", d, t));
    if (state.itemNeighbors) await this.writeNeighbors(Q.writeItemNeighbors, name, version, state.itemNeighbors, items, batchSize);
    if (state.userNeighbors) await this.writeNeighbors(Q.writeUserNeighbors, name, version, state.userNeighbors, users, batchSize);

    await this.db.write(Q.activate, {
      name,
      version,
      metrics: JSON.stringify(options.metrics ?? {}),
      fingerprint: options.fingerprint,
      scalars: JSON.stringify(state.scalars),
      userVectors: vectorSpecs(state.userVectors),
      itemVectors: vectorSpecs(state.itemVectors),
      itemNeighbors: state.itemNeighbors !== undefined,
      userNeighbors: state.userNeighbors !== undefined,
    });
    const record = (await this.active()).find((m) => m.name === name);
    if (!record) throw new Error(`model ${name} version ${version} was written but is not active`);
    return record;
  }

  /** The active version of every model. */
  async active(): Promise<ModelRecord[]> {
    return (await this.db.read(Q.active)).map((row) => ({
      ...(row as unknown as ModelRecord),
      params: JSON.parse(row.params as string),
      scalars: JSON.parse(row.scalars as string),
      metrics: JSON.parse(row.metrics as string),
    }));
  }

  /** Reads an active model's state back from the graph, in the given index spaces. */
  async load(record: ModelRecord, users: IdIndex, items: IdIndex): Promise<ModelState> {
    const state: ModelState = {
      kind: record.kind,
      params: record.params,
      scalars: record.scalars,
      userVectors: await this.readVectors(Q.readUserVectors, record, record.userVectors, users),
      itemVectors: await this.readVectors(Q.readItemVectors, record, record.itemVectors, items),
    };
    if (record.itemNeighbors) state.itemNeighbors = await this.readNeighbors(Q.readItemNeighbors, record, items);
    if (record.userNeighbors) state.userNeighbors = await this.readNeighbors(Q.readUserNeighbors, record, users);
    return state;
  }

  /** Removes every version of `name` but the active one. Returns the versions removed. */
  async prune(name: string): Promise<number[]> {
    const stale = (await this.versions(name)).filter((v) => v.status !== "active");
    const active = (await this.active()).find((m) => m.name === name);
    const names = (specs: string[] | undefined) => (specs ?? []).map((spec) => parseVectorSpec(spec).vector);
    for (const v of stale) {
      await this.removeVersion(name, v.version, v.slot, names(active?.userVectors), names(active?.itemVectors));
    }
    return stale.map((v) => v.version);
  }

  private async versions(name: string): Promise<Array<{ version: number; slot: Slot; status: string }>> {
    return (await this.db.read(Q.versions, { name })) as unknown as Array<{ version: number; slot: Slot; status: string }>;
  }

  private async removeVersion(name: string, version: number, slot: Slot, userVectors: string[], itemVectors: string[]): Promise<void> {
    const nulls = (vectors: string[]) => Object.fromEntries(vectors.map((v) => [propertyName(name, slot, v), null]));
    if (userVectors.length > 0) await this.db.autoCommit(Q.clearUserProperties, { nulls: nulls(userVectors) }, { timeoutMs: 0 });
    if (itemVectors.length > 0) await this.db.autoCommit(Q.clearItemProperties, { nulls: nulls(itemVectors) }, { timeoutMs: 0 });
    await this.db.autoCommit(Q.deleteNeighbors, { name, version }, { timeoutMs: 0 });
    await this.db.write(Q.deleteVersion, { name, version });
  }

  private async writeVectors(
    query: typeof Q.writeUserVectors,
    name: string,
    slot: Slot,
    vectors: Record<string, Matrix32>,
    index: IdIndex,
    batchSize: number,
    onProgress: (done: number, total: number) => void,
  ): Promise<void> {
    const entries = Object.entries(vectors);
    if (entries.length === 0) return;
    for (const [vector, matrix] of entries) {
      if (matrix.rows !== index.size) throw new Error(`${name}.${vector} has ${matrix.rows} rows for ${index.size} nodes`);
    }
    for (let start = 0; start < index.size; start += batchSize) {
      const rows = [];
      for (let row = start; row < Math.min(index.size, start + batchSize); row++) {
        const props: Record<string, number | number[]> = {};
        for (const [vector, m] of entries) {
          const values = Array.from(m.data.subarray(row * m.dim, (row + 1) * m.dim));
          props[propertyName(name, slot, vector)] = m.dim === 1 ? values[0] : values;
        }
        rows.push({ id: index.idAt(row), props });
      }
      await this.db.write(query, { rows }, { timeoutMs: 0 });
      onProgress(Math.min(index.size, start + batchSize), index.size);
    }
  }

  private async writeNeighbors(
    query: typeof Q.writeItemNeighbors,
    name: string,
    version: number,
    neighbors: Neighbors,
    index: IdIndex,
    batchSize: number,
  ): Promise<void> {
    const rowsPerBatch = Math.max(1, Math.floor(batchSize / Math.max(1, neighbors.k)) * 10);
    for (let start = 0; start < index.size; start += rowsPerBatch) {
      const rows = [];
      for (let row = start; row < Math.min(index.size, start + rowsPerBatch); row++) {
        const count = neighbors.count[row];
        if (count === 0) continue;
        const list: Array<[number, number, number]> = [];
        for (let n = 0; n < count; n++) {
          const at = row * neighbors.k + n;
          list.push([index.idAt(neighbors.indices[at]), neighbors.scores[at], neighbors.support[at]]);
        }
        rows.push({ id: index.idAt(row), neighbors: list });
      }
      if (rows.length > 0) await this.db.write(query, { rows, name, version }, { timeoutMs: 0 });
    }
  }

  private async readVectors(
    query: typeof Q.readUserVectors,
    record: ModelRecord,
    vectors: string[],
    index: IdIndex,
  ): Promise<Record<string, Matrix32>> {
    const shapes = vectors.map(parseVectorSpec);
    const keys = shapes.map(({ vector }) => propertyName(record.name, record.slot, vector));
    const out: Record<string, Matrix32> = {};
    for (const { vector, dim } of shapes) out[vector] = { rows: index.size, dim, data: new Float32Array(index.size * dim) };
    if (shapes.length === 0) return out;
    await this.db.stream(query, { keys }, (row) => {
      const at = index.indexOf(row.id as number);
      if (at < 0) return;
      (row.values as Array<number | number[] | null>).forEach((value, i) => {
        const m = out[shapes[i].vector];
        if (value === null) return;
        if (Array.isArray(value)) m.data.set(value, at * m.dim);
        else m.data[at] = value;
      });
    });
    return out;
  }

  private async readNeighbors(query: typeof Q.readItemNeighbors, record: ModelRecord, index: IdIndex): Promise<Neighbors> {
    const k = Number(record.params.neighbors ?? 0) || 50;
    const result: Neighbors = {
      k,
      count: new Int32Array(index.size),
      indices: new Int32Array(index.size * k),
      scores: new Float32Array(index.size * k),
      support: new Int32Array(index.size * k),
    };
    await this.db.stream(query, { name: record.name, version: record.version }, (row) => {
      const at = index.indexOf(row.id as number);
      if (at < 0) return;
      const list = (row.neighbors as Array<[number, number, number | null]>).slice(0, k);
      list.forEach(([id, score, support], n) => {
        result.indices[at * k + n] = index.indexOf(id);
        result.scores[at * k + n] = score;
        result.support[at * k + n] = support ?? 0;
      });
      result.count[at] = list.length;
    });
    return result;
  }
}

function vectorSpecs(vectors: Record<string, Matrix32>): string[] {
  return Object.entries(vectors).map(([name, m]) => `${name}:${m.dim}`);
}

function parseVectorSpec(spec: string): { vector: string; dim: number } {
  const at = spec.lastIndexOf(":");
  return { vector: spec.slice(0, at), dim: Number(spec.slice(at + 1)) };
}
