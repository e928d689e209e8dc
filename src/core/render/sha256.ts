/**
 * SHA-256 in plain TypeScript (FIPS 180-4). The core may not import
 * node:crypto, and digests must be the same everywhere the core runs, so the
 * hash lives here; tests check it against node:crypto.
 */
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** Hex SHA-256 of the UTF-8 encoding of `text`. */
export function sha256Hex(text: string): string {
  // A buffer the whole encoded text fits in (at most three bytes per UTF-16 unit), so one pass encodes it.
  const hash = new Sha256(Math.max(64, Math.ceil((text.length * 3) / 64) * 64));
  hash.update(text);
  return hash.hex();
}

/**
 * Hex SHA-256 of the UTF-8 encoding of the texts joined, without joining
 * them: a diff side's manifest stream is over a hundred megabytes at 150,000
 * pods, and joining it, then encoding the joined text, cost more than hashing it.
 */
export function sha256HexOfParts(parts: Iterable<string>): string {
  const hash = new Sha256(CHUNK);
  for (const part of parts) hash.update(part);
  return hash.hex();
}

/**
 * What sha256HexOfParts computes, by any implementation: an adapter may pass
 * a native one (node:crypto's is several times faster) where the core would
 * use its own.
 */
export type HashParts = (parts: Iterable<string>) => string;

/** The buffer sha256HexOfParts encodes its parts into, in bytes. */
const CHUNK = 1 << 16;

class Sha256 {
  private readonly h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  private readonly w = new Uint32Array(64);
  private readonly encoder = new TextEncoder();
  /** Encoded bytes not hashed yet: fewer than 64 between updates. */
  private readonly buffer: Uint8Array;
  private buffered = 0;
  /** Bytes hashed or buffered so far. */
  private length = 0;
  /** A high surrogate that ended the last part: its pair, if any, starts the next one. */
  private carry = "";

  /** `size`: the encoding buffer's length, a multiple of 64 (larger buffers mean fewer encoding calls). */
  constructor(size: number) {
    this.buffer = new Uint8Array(size);
  }

  update(text: string): void {
    const joined = this.carry + text;
    const last = joined.charCodeAt(joined.length - 1);
    const split = last >= 0xd800 && last <= 0xdbff;
    this.carry = split ? joined.slice(-1) : "";
    this.encode(split ? joined.slice(0, -1) : joined);
  }

  private encode(text: string): void {
    let rest = text;
    while (rest.length > 0) {
      // encodeInto writes whole characters only. Fewer than 64 bytes are ever held over, so the buffer (CHUNK, or
      // sized for the whole text) always has room for the next character.
      const { read, written } = this.encoder.encodeInto(rest, this.buffer.subarray(this.buffered));
      if (read === 0) throw new Error("sha256: encoding buffer too small");
      this.buffered += written;
      this.length += written;
      const whole = this.buffered - (this.buffered % 64);
      for (let offset = 0; offset < whole; offset += 64) compress(this.h, this.w, this.buffer, offset);
      this.buffer.copyWithin(0, whole, this.buffered);
      this.buffered -= whole;
      rest = read < rest.length ? rest.slice(read) : "";
    }
  }

  /** The digest, after padding: 0x80, zeros, and the 64-bit bit length, in one or two blocks. */
  hex(): string {
    // A lone high surrogate at the very end, encoded as TextEncoder encodes it (U+FFFD).
    this.encode(this.carry);
    this.carry = "";
    const rest = this.buffered;
    const tail = new Uint8Array(rest + 9 <= 64 ? 64 : 128);
    tail.set(this.buffer.subarray(0, rest));
    tail[rest] = 0x80;
    const bitLength = this.length * 8;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, Math.floor(bitLength / 2 ** 32));
    view.setUint32(tail.length - 4, bitLength >>> 0);
    for (let offset = 0; offset < tail.length; offset += 64) compress(this.h, this.w, tail, offset);
    return Array.from(this.h, (x) => x.toString(16).padStart(8, "0")).join("");
  }
}

/** One 64-byte block of `bytes` at `offset` into the state `h` (`w` is scratch for the message schedule). */
function compress(h: Uint32Array, w: Uint32Array, bytes: Uint8Array, offset: number): void {
  for (let i = 0, p = offset; i < 16; i++, p += 4) w[i] = ((bytes[p]! << 24) | (bytes[p + 1]! << 16) | (bytes[p + 2]! << 8) | bytes[p + 3]!) >>> 0;
  for (let i = 16; i < 64; i++) {
    const w15 = w[i - 15]!;
    const w2 = w[i - 2]!;
    const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
    const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
  }
  let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, hh = h[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    const ch = (e & f) ^ (~e & g);
    const t1 = (hh + S1 + ch + K[i]! + w[i]!) >>> 0;
    const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) >>> 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) >>> 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) >>> 0;
  }
  h[0] = (h[0]! + a) >>> 0;
  h[1] = (h[1]! + b) >>> 0;
  h[2] = (h[2]! + c) >>> 0;
  h[3] = (h[3]! + d) >>> 0;
  h[4] = (h[4]! + e) >>> 0;
  h[5] = (h[5]! + f) >>> 0;
  h[6] = (h[6]! + g) >>> 0;
  h[7] = (h[7]! + hh) >>> 0;
}
