/**
 * IPv4/IPv6 CIDR parsing to numeric ranges. Shared by the model (validation)
 * and the analyzer (ipBlock matching), so both read addresses the same way.
 */
import { detach } from "./detach";

export type IpVersion = 4 | 6;

export interface IpRange {
  readonly version: IpVersion;
  /** Inclusive first address. */
  readonly start: bigint;
  /** Inclusive last address. */
  readonly end: bigint;
}

export interface Cidr extends IpRange {
  readonly prefix: number;
  /** Canonical text form (network address, lower-case IPv6, compressed). */
  readonly text: string;
}

export function parseIPv4(s: string): bigint | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

export function parseIPv6(s: string): bigint | undefined {
  if (s.length === 0 || s.length > 45) return undefined;
  let text = s.toLowerCase();
  // Embedded IPv4 tail (::ffff:1.2.3.4).
  const v4tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let tail: number[] = [];
  if (v4tail) {
    const v4 = parseIPv4(v4tail[1]!);
    if (v4 === undefined) return undefined;
    tail = [Number(v4 >> 16n), Number(v4 & 0xffffn)];
    text = text.slice(0, -v4tail[1]!.length);
    if (text.endsWith("::")) text = text + "";
    else if (text.endsWith(":")) text = text.slice(0, -1);
    else return undefined;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parseGroups = (h: string): number[] | undefined => {
    if (h === "") return [];
    const gs = h.split(":");
    const out: number[] = [];
    for (const g of gs) {
      if (!/^[0-9a-f]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parseGroups(halves[0]!);
  const rest = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const explicit = head.length + rest.length + tail.length;
  let groups: number[];
  if (halves.length === 2) {
    if (explicit > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - explicit).fill(0), ...rest, ...tail];
  } else {
    if (explicit !== 8) return undefined;
    groups = [...head, ...tail];
  }
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(g);
  return v;
}

export function parseIp(s: string): { version: IpVersion; value: bigint } | undefined {
  if (s.includes(":")) {
    const v = parseIPv6(s);
    return v === undefined ? undefined : { version: 6, value: v };
  }
  const v = parseIPv4(s);
  return v === undefined ? undefined : { version: 4, value: v };
}

export function bits(version: IpVersion): number {
  return version === 4 ? 32 : 128;
}

/**
 * Parsed CIDRs by their text. A cluster names the same partner and SaaS
 * ranges in hundreds of policies, and each is read by the checks, the reader
 * and the verifier; the bigint arithmetic and the canonical text made parsing
 * a visible part of a large verification. Results are immutable and shared.
 * Bounded, so hostile input cannot grow it: past the bound, texts are parsed
 * each time.
 */
const CIDR_CACHE = new Map<string, Cidr | undefined>();
const CIDR_CACHE_LIMIT = 8192;
const CIDR_CACHE_LENGTH = 64;

/** Parses `a.b.c.d/n` or `x::/n`. Host bits may be set (Kubernetes accepts that); the range is the network. */
export function parseCidr(s: string): Cidr | undefined {
  if (CIDR_CACHE.has(s)) return CIDR_CACHE.get(s);
  const parsed = parseCidrText(s);
  // The key is copied: a caller's string may be a view into a whole manifest file, which the cache would keep alive.
  if (CIDR_CACHE.size < CIDR_CACHE_LIMIT && s.length <= CIDR_CACHE_LENGTH) CIDR_CACHE.set(detach(s), parsed);
  return parsed;
}

function parseCidrText(s: string): Cidr | undefined {
  const slash = s.indexOf("/");
  if (slash < 0) return undefined;
  const ip = parseIp(s.slice(0, slash));
  const prefixText = s.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const width = bits(ip.version);
  if (prefix > width) return undefined;
  const hostBits = BigInt(width - prefix);
  const start = (ip.value >> hostBits) << hostBits;
  const end = start + (1n << hostBits) - 1n;
  return { version: ip.version, start, end, prefix, text: `${formatIp(ip.version, start)}/${prefix}` };
}

export function formatIp(version: IpVersion, value: bigint): string {
  if (version === 4) {
    // One conversion to a number, then integer arithmetic: bigint shifts per octet were most of building an
    // address space's range names.
    const n = Number(value);
    return `${Math.floor(n / 0x1000000) & 0xff}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  // Compress the longest run of zero groups (RFC 5952).
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i > 1) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  const left = hex.slice(0, bestStart).join(":");
  const right = hex.slice(bestStart + bestLen).join(":");
  return `${left}::${right}`;
}

export function rangeContains(outer: IpRange, inner: IpRange): boolean {
  return outer.version === inner.version && outer.start <= inner.start && inner.end <= outer.end;
}
