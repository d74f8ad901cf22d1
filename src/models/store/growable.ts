/** A typed array that doubles as it fills, for packing a stream of unknown length. */
export class Growable<T extends Int32Array | Float32Array | Float64Array> {
  private data: T;
  length = 0;

  constructor(private readonly make: (n: number) => T, initial = 1 << 16) {
    this.data = make(initial);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** The filled part, trimmed to its length. */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}
