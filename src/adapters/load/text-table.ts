/**
 * A bounded table from a span of a source text to a value, looked up without
 * cutting the span out. The block YAML reader meets the same keys and many of
 * the same scalars in every document of a dump (`metadata`, `name`, `TCP`,
 * a team's label); finding them by hash and comparing characters in place
 * spares a string per occurrence, which was the reader's largest source of
 * garbage. Entries are exact (the text is compared, not only its hash), and
 * the table stops growing at `limit` entries, so hostile input cannot grow it.
 */
export class TextTable<V> {
  private readonly hashes: Int32Array;
  private readonly texts: (string | undefined)[];
  private readonly values: (V | undefined)[];
  private size = 0;

  /** `capacity` is a power of two larger than `limit` (an empty slot always ends a probe). */
  constructor(
    private readonly capacity: number,
    private readonly limit: number,
    readonly maxLength: number,
  ) {
    this.hashes = new Int32Array(capacity);
    this.texts = new Array<string | undefined>(capacity).fill(undefined);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
  }

  /** FNV-1a over the UTF-16 code units of src[start, end). */
  static hash(src: string, start: number, end: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ src.charCodeAt(i), 0x01000193);
    return h;
  }

  /** The slot holding src[start, end) (hashed to h), or -1. */
  find(src: string, start: number, end: number, h: number): number {
    const mask = this.capacity - 1;
    const length = end - start;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const t = this.texts[i];
      if (t === undefined) return -1;
      if (this.hashes[i] === h && t.length === length && sameText(t, src, start)) return i;
    }
  }

  value(slot: number): V {
    return this.values[slot] as V;
  }

  /**
   * Records `value` for `text` (the span that hashed to h, not yet in the
   * table), unless the table is full. `text` must not share storage with a
   * large source (see detach): the table keeps it.
   */
  add(text: string, h: number, value: V): void {
    if (this.size >= this.limit) return;
    const mask = this.capacity - 1;
    let i = h & mask;
    while (this.texts[i] !== undefined) i = (i + 1) & mask;
    this.hashes[i] = h;
    this.texts[i] = text;
    this.values[i] = value;
    this.size++;
  }
}

function sameText(t: string, src: string, start: number): boolean {
  for (let k = 0; k < t.length; k++) if (t.charCodeAt(k) !== src.charCodeAt(start + k)) return false;
  return true;
}
