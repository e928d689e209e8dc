/**
 * CIDR set difference. AdminNetworkPolicy `networks` has no `except`, so a
 * block with excepted sub-blocks is written as the exact list of CIDRs that
 * cover the block minus the exceptions.
 */
import { bits, type Cidr, formatIp, type IpRange, type IpVersion } from "../../model/cidr";

function subtract(ranges: readonly IpRange[], cut: IpRange): IpRange[] {
  const out: IpRange[] = [];
  for (const r of ranges) {
    if (r.version !== cut.version || cut.end < r.start || cut.start > r.end) {
      out.push(r);
      continue;
    }
    if (r.start < cut.start) out.push({ version: r.version, start: r.start, end: cut.start - 1n });
    if (cut.end < r.end) out.push({ version: r.version, start: cut.end + 1n, end: r.end });
  }
  return out;
}

/** The fewest CIDRs covering exactly [start, end]. */
function rangeToCidrs(version: IpVersion, start: bigint, end: bigint): string[] {
  const width = bits(version);
  const out: string[] = [];
  let at = start;
  while (at <= end) {
    let size = 0;
    // Grow the block while it stays aligned and inside the range.
    while (size < width && (at & ((1n << BigInt(size + 1)) - 1n)) === 0n && at + (1n << BigInt(size + 1)) - 1n <= end) size++;
    out.push(`${formatIp(version, at)}/${width - size}`);
    at += 1n << BigInt(size);
  }
  return out;
}

/**
 * The fewest CIDRs covering exactly the union of `blocks` minus each block's
 * excepts; IPv4 first, then IPv6, in address order.
 */
export function cidrsMinusExcepts(blocks: readonly { readonly cidr: Cidr; readonly except: readonly Cidr[] }[]): string[] {
  const ranges: IpRange[] = [];
  for (const b of blocks) {
    let rest: IpRange[] = [b.cidr];
    for (const e of b.except) rest = subtract(rest, e);
    ranges.push(...rest);
  }
  ranges.sort((a, b) => a.version - b.version || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const merged: IpRange[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && last.version === r.version && r.start <= last.end + 1n) {
      if (r.end > last.end) merged[merged.length - 1] = { ...last, end: r.end };
    } else merged.push(r);
  }
  return merged.flatMap((r) => rangeToCidrs(r.version, r.start, r.end));
}
