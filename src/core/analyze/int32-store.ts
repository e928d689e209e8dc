import { MAX_BUFFER_BYTES } from "./bitset";

/**
 * Integer arrays carved from shared buffers, as BitsetSlab does for bitsets.
 * An analysis keeps hundreds of short arrays (rows, range atoms, range
 * lists); giving each a buffer of its own costs far more than filling it (in
 * profiles, a few microseconds per array, most of row()'s and rangeAtoms'
 * time). Arrays handed out never overlap, and one lives as long as any other
 * array of its buffer, so a store belongs to one analysis.
 */
export class Int32Store {
  private buffer = new Int32Array(0);
  private used = 0;
  /** Entries of the next buffer: `chunk` first, then twice the last, up to MAX_BUFFER_BYTES (see there). */
  private nextChunk: number;

  constructor(chunk: number = 1 << 18) {
    this.nextChunk = chunk;
  }

  /** A zeroed array of n entries. */
  alloc(n: number): Int32Array {
    if (this.used + n > this.buffer.length) {
      this.buffer = new Int32Array(Math.max(n, this.nextChunk));
      this.used = 0;
      this.nextChunk = Math.max(this.nextChunk, Math.min(this.nextChunk * 2, MAX_BUFFER_BYTES / 4));
    }
    // A view constructed directly: subarray() looks up a species constructor on every call.
    const out = new Int32Array(this.buffer.buffer, this.used * 4, n);
    this.used += n;
    return out;
  }

  /** The first n entries of `from`. */
  copy(from: ArrayLike<number>, n: number = from.length): Int32Array {
    const out = this.alloc(n);
    // A typed array is copied as one block (row() copies millions of entries out of its scratch space).
    if (from instanceof Int32Array) out.set(n === from.length ? from : from.subarray(0, n));
    else for (let i = 0; i < n; i++) out[i] = from[i]!;
    return out;
  }
}
