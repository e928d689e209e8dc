/**
 * Compares connection lists in the peer-case line format, external ranges per
 * address: both lists are re-cut at every range boundary either side uses,
 * so `0.0.0.0-255.255.255.255` and the two halves of it compare equal.
 */
// @ts-nocheck

import { parseIPv4 } from "../../src/model";
import { ConnSet } from "../../src/core/analyze";

interface Line {
  src: string;
  dst: string;
  conn: ConnSet;
}

const RANGE = /^(\d+\.\d+\.\d+\.\d+)-(\d+\.\d+\.\d+\.\d+)\[External\]$/;

export function parseLines(text: string): Line[] {
  const out: Line[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(.+?) => (.+?) : (.+)$/.exec(line);
    if (!m) throw new Error(`unparsable line: ${line}`);
    const conn = ConnSet.parse(m[3]!);
    if (!conn) throw new Error(`unparsable connections: ${line}`);
    out.push({ src: m[1]!, dst: m[2]!, conn });
  }
  return out;
}

function range(id: string): [bigint, bigint] | undefined {
  const m = RANGE.exec(id);
  return m ? [parseIPv4(m[1]!)!, parseIPv4(m[2]!)!] : undefined;
}

/** Canonical per-address form: `src => dst : conns` with every external cut at the shared boundaries. */
export function normalise(lines: readonly Line[], cuts: readonly bigint[]): Map<string, string> {
  const out = new Map<string, string>();
  const add = (src: string, dst: string, c: ConnSet): void => {
    const key = `${src} => ${dst}`;
    const prev = out.get(key);
    const merged = prev === undefined ? c : ConnSet.parse(prev)!.union(c);
    out.set(key, merged.toString());
  };
  for (const l of lines) {
    const rs = range(l.src);
    const rd = range(l.dst);
    const r = rs ?? rd;
    if (!r) {
      add(l.src, l.dst, l.conn);
      continue;
    }
    for (let i = 0; i + 1 < cuts.length; i++) {
      const lo = cuts[i]!;
      const hi = cuts[i + 1]! - 1n;
      if (lo >= r[0] && hi <= r[1]) {
        const seg = `${lo}-${hi}`;
        if (rs) add(seg, l.dst, l.conn);
        else add(l.src, seg, l.conn);
      }
    }
  }
  return out;
}

export function cutsOf(...lists: readonly Line[][]): bigint[] {
  const s = new Set<bigint>([0n, 1n << 32n]);
  for (const list of lists)
    for (const l of list)
      for (const id of [l.src, l.dst]) {
        const r = range(id);
        if (r) {
          s.add(r[0]);
          s.add(r[1] + 1n);
        }
      }
  return [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Differences as readable strings (empty when the lists agree per address). */
export function compareLines(expected: readonly Line[], actual: readonly Line[]): string[] {
  const cuts = cutsOf([...expected], [...actual]);
  const e = normalise(expected, cuts);
  const a = normalise(actual, cuts);
  const diffs: string[] = [];
  for (const k of [...new Set([...e.keys(), ...a.keys()])].sort()) {
    const x = e.get(k);
    const y = a.get(k);
    if (x !== y) diffs.push(`${k}: expected ${x ?? "nothing"}, got ${y ?? "nothing"}`);
  }
  return diffs;
}
