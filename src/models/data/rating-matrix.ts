import type { Interactions } from "./interactions.js";

/**
 * A sparse users × items rating matrix held twice: CSR (a user's row) and CSC
 * (an item's column), both sorted by index, so models can sweep users or items
 * without ever building a dense matrix.
 */
export class RatingMatrix {
  /** userPtr[u]…userPtr[u+1] delimit user u's entries in userItems/userRatings. */
  readonly userPtr: Int32Array;
  readonly userItems: Int32Array;
  readonly userRatings: Float32Array;
  /** itemPtr[i]…itemPtr[i+1] delimit item i's entries in itemUsers/itemRatings. */
  readonly itemPtr: Int32Array;
  readonly itemUsers: Int32Array;
  readonly itemRatings: Float32Array;
  readonly globalMean: number;

  constructor(
    readonly nUsers: number,
    readonly nItems: number,
    data: Interactions,
  ) {
    const n = data.users.length;
    for (let k = 0; k < n; k++) {
      const u = data.users[k];
      const i = data.items[k];
      if (u < 0 || u >= nUsers || i < 0 || i >= nItems) {
        throw new RangeError(`interaction ${k} (user ${u}, item ${i}) is outside a ${nUsers} × ${nItems} matrix`);
      }
    }
    [this.userPtr, this.userItems, this.userRatings] = compress(nUsers, nItems, data.users, data.items, data.ratings);
    [this.itemPtr, this.itemUsers, this.itemRatings] = compress(nItems, nUsers, data.items, data.users, data.ratings);
    let sum = 0;
    for (let k = 0; k < n; k++) sum += data.ratings[k];
    this.globalMean = n > 0 ? sum / n : 0;
  }

  get nnz(): number {
    return this.userItems.length;
  }

  /** Items and ratings of user u (views, not copies). */
  userRow(u: number): { items: Int32Array; ratings: Float32Array } {
    const start = this.userPtr[u];
    const end = this.userPtr[u + 1];
    return { items: this.userItems.subarray(start, end), ratings: this.userRatings.subarray(start, end) };
  }

  /** Users and ratings of item i (views, not copies). */
  itemColumn(i: number): { users: Int32Array; ratings: Float32Array } {
    const start = this.itemPtr[i];
    const end = this.itemPtr[i + 1];
    return { users: this.itemUsers.subarray(start, end), ratings: this.itemRatings.subarray(start, end) };
  }

  userDegree(u: number): number {
    return this.userPtr[u + 1] - this.userPtr[u];
  }

  itemDegree(i: number): number {
    return this.itemPtr[i + 1] - this.itemPtr[i];
  }
}

/**
 * Compressed rows in O(n): a stable counting sort by column, then one by row,
 * so within each row the entries come out sorted by column.
 */
function compress(
  nRows: number,
  nCols: number,
  rows: Int32Array,
  cols: Int32Array,
  values: Float32Array,
): [Int32Array, Int32Array, Float32Array] {
  const n = rows.length;
  const byCol = countingOrder(nCols, cols, identity(n));
  const order = countingOrder(nRows, rows, byCol);
  const ptr = new Int32Array(nRows + 1);
  for (let k = 0; k < n; k++) ptr[rows[k] + 1]++;
  for (let r = 0; r < nRows; r++) ptr[r + 1] += ptr[r];
  const outCols = new Int32Array(n);
  const outValues = new Float32Array(n);
  for (let p = 0; p < n; p++) {
    outCols[p] = cols[order[p]];
    outValues[p] = values[order[p]];
  }
  return [ptr, outCols, outValues];
}

/** The positions of `input`, stably reordered by key. */
function countingOrder(nKeys: number, keys: Int32Array, input: Int32Array): Int32Array {
  const start = new Int32Array(nKeys + 1);
  for (let k = 0; k < input.length; k++) start[keys[input[k]] + 1]++;
  for (let key = 0; key < nKeys; key++) start[key + 1] += start[key];
  const out = new Int32Array(input.length);
  for (let k = 0; k < input.length; k++) out[start[keys[input[k]]]++] = input[k];
  return out;
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) out[k] = k;
  return out;
}
