/**
 * The address space outside the cluster, split into disjoint ranges at every
 * boundary a policy mentions, so that each range is either wholly inside or
 * wholly outside every ipBlock, network and Istio IP condition.
 */
import { type IpRange, type IpVersion, formatIp } from "../../model/cidr";
import { Bitset } from "./bitset";

export interface ExternalRange {
  /** `a.b.c.d-e.f.g.h[External]` (IPv6 ranges likewise with `::` addresses). */
  readonly id: string;
  readonly version: IpVersion;
  /** First and last address, text form. */
  readonly first: string;
  readonly last: string;
}

interface Span {
  readonly version: IpVersion;
  readonly start: bigint;
  readonly end: bigint;
}

/** Each range's numeric bounds, for callers that hold only the range (its text form needs parsing). */
const BOUNDS = new WeakMap<ExternalRange, IpRange>();

/** The first and last address of a range listed by an AddressSpace, as numbers. */
export function rangeBounds(r: ExternalRange): IpRange | undefined {
  return BOUNDS.get(r);
}

const MAX: Record<IpVersion, bigint> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };

export class AddressSpace {
  readonly ranges: readonly ExternalRange[];
  private readonly spans: readonly Span[];

  constructor(mentioned: Iterable<IpRange>) {
    // Cut points are sorted and deduplicated by hand: a Set of bigints hashed so poorly here that building the
    // space for 12,000 mentioned ranges took seconds (quadratic), where sorting takes milliseconds.
    const cuts: Record<IpVersion, bigint[]> = { 4: [0n], 6: [0n] };
    for (const r of mentioned) {
      cuts[r.version].push(r.start);
      if (r.end < MAX[r.version]) cuts[r.version].push(r.end + 1n);
    }
    const spans: Span[] = [];
    for (const version of [4, 6] as const) {
      const sorted = cuts[version].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const starts = sorted.filter((c, i) => i === 0 || c !== sorted[i - 1]);
      starts.forEach((s, i) => spans.push({ version, start: s, end: i + 1 < starts.length ? starts[i + 1]! - 1n : MAX[version] }));
    }
    this.spans = spans;
    this.ranges = spans.map((s) => {
      const first = formatIp(s.version, s.start);
      const last = formatIp(s.version, s.end);
      const range: ExternalRange = { id: `${first}-${last}[External]`, version: s.version, first, last };
      BOUNDS.set(range, { version: s.version, start: s.start, end: s.end });
      return range;
    });
  }

  get size(): number {
    return this.spans.length;
  }

  /** Index of the range holding an address. */
  indexOf(version: IpVersion, value: bigint): number {
    let lo = 0;
    let hi = this.spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.spans[mid]!;
      if (s.version < version || (s.version === version && s.end < value)) lo = mid + 1;
      else if (s.version > version || s.start > value) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /** The ranges inside `r` (exactly covering it, since r's bounds are cut points). */
  within(r: IpRange, into: Bitset = new Bitset(this.size)): Bitset {
    const from = this.indexOf(r.version, r.start);
    const to = this.indexOf(r.version, r.end);
    for (let i = from; i >= 0 && i <= to; i++) into.add(i);
    return into;
  }

  span(i: number): IpRange {
    const s = this.spans[i]!;
    return { version: s.version, start: s.start, end: s.end };
  }
}
