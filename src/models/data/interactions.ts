/**
 * Ratings as parallel typed arrays over dense indices (0…n-1), the form every
 * model, split and metric works on. External MovieLens ids live in IdIndex.
 */
export interface Interactions {
  users: Int32Array;
  items: Int32Array;
  ratings: Float32Array;
  /** Unix seconds. */
  timestamps: Float64Array;
}

/** Maps external ids (MovieLens userId / movieId) to dense indices and back. */
export class IdIndex {
  private readonly index: Map<number, number>;

  constructor(readonly ids: Int32Array) {
    this.index = new Map();
    ids.forEach((id, i) => this.index.set(id, i));
  }

  get size(): number {
    return this.ids.length;
  }

  /** The dense index of an external id, or -1 when unknown. */
  indexOf(id: number): number {
    return this.index.get(id) ?? -1;
  }

  idAt(index: number): number {
    return this.ids[index];
  }
}

/** A data set ready for training: index spaces and the ratings over them. */
export interface RatingData {
  users: IdIndex;
  items: IdIndex;
  interactions: Interactions;
}

export function interactionCount(data: Interactions): number {
  return data.users.length;
}

/** The rows of `data` at the given positions, in that order. */
export function selectInteractions(data: Interactions, positions: ArrayLike<number>): Interactions {
  const n = positions.length;
  const out: Interactions = {
    users: new Int32Array(n),
    items: new Int32Array(n),
    ratings: new Float32Array(n),
    timestamps: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const p = positions[i];
    out.users[i] = data.users[p];
    out.items[i] = data.items[p];
    out.ratings[i] = data.ratings[p];
    out.timestamps[i] = data.timestamps[p];
  }
  return out;
}
