/**
 * Flows added, removed or with changed ports, per zone pair and per service
 * pair. Two policies are compared on their intent (ports and L7 narrowing);
 * when either side is a folder of manifests both sides are compared on what
 * the analyzer allows, aggregated per namespace pair and workload pair.
 */
import type { Endpoint, ResolvedFlow, ResolvedPolicy, ResolvedPort } from "../../model";
import { endpointId } from "../../model";
import { ConnSet } from "../analyze";
import { flowsInForce } from "../vendors/quarantine";
import { nodeId } from "../verify/view";
import type { SideNames } from "./naming";
import type { DiffSide, FlowChange, FlowDiff } from "./types";

interface PairValue {
  readonly from: string;
  readonly to: string;
  readonly text: string;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedUnique = (xs: Iterable<string>) => [...new Set(xs)].sort(byText);

export function portLabel(p: ResolvedPort): string {
  return `${p.protocol} ${p.port}${p.endPort !== undefined ? `-${p.endPort}` : ""}`;
}

export function flowLabel(f: ResolvedFlow): string {
  const ports = f.ports.map(portLabel).join(", ");
  if (!f.http) return ports;
  const l7 = [f.http.methods?.join(",") ?? "", f.http.paths?.join(",") ?? ""].filter((s) => s.length > 0).join(" ");
  return `${ports} [${l7}]`;
}

function endpointGroup(e: Endpoint): string {
  return e.kind === "service" ? e.service.zone : e.external.name;
}

function collect(entries: Iterable<{ from: string; to: string; text: string }>, sep: string): Map<string, PairValue> {
  const acc = new Map<string, { from: string; to: string; texts: string[] }>();
  for (const e of entries) {
    const key = `${e.from} -> ${e.to}`;
    const cur = acc.get(key) ?? { from: e.from, to: e.to, texts: [] };
    cur.texts.push(e.text);
    acc.set(key, cur);
  }
  return new Map([...acc].map(([k, v]) => [k, { from: v.from, to: v.to, text: sortedUnique(v.texts).join(sep) }]));
}

function policyPairs(policy: ResolvedPolicy) {
  // A quarantined vendor's flows are not compiled: the diff compares the flows in force.
  const flows = flowsInForce(policy);
  return {
    pairs: collect(flows.map((f) => ({ from: endpointId(f.from), to: endpointId(f.to), text: flowLabel(f) })), "; "),
    // Zone pairs: the union of ports; L7 detail lives on the service pairs.
    groups: collect(flows.flatMap((f) => f.ports.map((p) => ({ from: endpointGroup(f.from), to: endpointGroup(f.to), text: portLabel(p) }))), ", "),
  };
}

/**
 * A side's relation aggregated per (from, to) text: texts are numbered as
 * they come, each source's destinations are appended as (number, set) pairs
 * (a repeat of the pair just appended is skipped: a destination group's
 * nodes come in a run, mostly with one shared set), and each row is sorted
 * and merged once at the end, into typed arrays that keep only destination
 * and set numbers.
 *
 * A side keeps its rows until the diff is done. At 15,000 workloads they
 * hold 10.5 million name pairs and 7.3 million group pairs: kept as arrays
 * of strings and ConnSets they took about 335 MB of heap per side, as
 * Int32Arrays they take 142 MB outside the heap. V8 answers fast growth
 * outside the heap with a full collection: allocating the rows' arrays sets
 * off one or two per side (about 1.5 s at that size). Arrival lists kept in
 * typed arrays that doubled as pairs came made collecting the pairs twice as
 * slow, so they stay plain arrays.
 */
class PairRows {
  private readonly numbers = new Map<string, number>();
  private readonly texts: string[] = [];
  /** Per source number: its pairs' destination numbers and sets, in arrival order. */
  private tos: number[][] = [];
  private sets: ConnSet[][] = [];
  private pairs = 0;

  number(text: string): number {
    let n = this.numbers.get(text);
    if (n === undefined) {
      n = this.texts.push(text) - 1;
      this.numbers.set(text, n);
      this.tos.push([]);
      this.sets.push([]);
    }
    return n;
  }

  add(from: number, to: number, conns: ConnSet): void {
    const tos = this.tos[from]!;
    const sets = this.sets[from]!;
    const last = tos.length - 1;
    if (last >= 0 && tos[last] === to && sets[last] === conns) return;
    tos.push(to);
    sets.push(conns);
    this.pairs++;
  }

  /**
   * Per source, in text order: destinations in text order (byText), each with
   * the union of its distinct sets (one set stays that object; a union is
   * made canonical, so the other side's equal set compares as one object).
   * The arrival lists are dropped as their rows are made.
   */
  sorted(): SideRows {
    const { texts } = this;
    const order = texts.map((_, i) => i).sort((a, b) => byText(texts[a]!, texts[b]!));
    const rank = new Int32Array(texts.length);
    order.forEach((n, r) => (rank[n] = r));
    const store: RowStore = { texts, sets: [], tos: new Int32Array(this.pairs), setOf: new Int32Array(this.pairs) };
    const number = setNumbering(store.sets);
    const rows = new Map<string, SortedRow>();
    let out = 0;
    for (const from of order) {
      const ds = this.tos[from]!;
      const cs = this.sets[from]!;
      this.tos[from] = this.sets[from] = [];
      if (ds.length === 0) continue;
      const first = out;
      const { tos, setOf } = store;
      // Destinations that arrived in text order, each once (a workload's destinations arrive in id order, and names
      // mostly follow it): the row is its arrival, sets and all.
      let ascending = true;
      for (let i = 1; i < ds.length && ascending; i++) ascending = rank[ds[i]!]! > rank[ds[i - 1]!]!;
      if (ascending) {
        for (let i = 0; i < ds.length; i++) {
          tos[out] = ds[i]!;
          setOf[out++] = number(cs[i]!);
        }
      } else {
        // Pairs by (destination's rank, arrival): numbers, so the row sorts as plain numbers.
        const keys = new Float64Array(ds.length);
        let sorted = true;
        for (let i = 0; i < ds.length; i++) {
          keys[i] = rank[ds[i]!]! * ds.length + i;
          if (i > 0 && keys[i]! < keys[i - 1]!) sorted = false;
        }
        if (!sorted) keys.sort();
        for (let i = 0; i < keys.length; ) {
          const r = Math.floor(keys[i]! / ds.length);
          const firstSet = cs[keys[i]! - r * ds.length]!;
          let distinct: Set<ConnSet> | undefined;
          for (i++; i < keys.length && Math.floor(keys[i]! / ds.length) === r; i++) {
            const c = cs[keys[i]! - r * ds.length]!;
            if (c !== firstSet) (distinct ??= new Set([firstSet])).add(c);
          }
          let union = firstSet;
          if (distinct) {
            union = ConnSet.empty;
            for (const c of distinct) union = union.union(c);
            union = ConnSet.canonical(union);
          }
          tos[out] = order[r]!;
          setOf[out++] = number(union);
        }
      }
      rows.set(texts[from]!, new SortedRow(store, first, out - first));
    }
    // Merged duplicates leave the arrays longer than the rows: trimmed, so the side keeps only what its rows use.
    if (out !== this.pairs) {
      store.tos = store.tos.slice(0, out);
      store.setOf = store.setOf.slice(0, out);
    }
    this.tos = [];
    this.sets = [];
    return { sorted: rows };
  }
}

/**
 * Numbers for sets, in order of first appearance (pushed onto `sets`). A
 * side's rows hold few distinct sets (28 on the bench's M cluster, for
 * 800,000 pairs), mostly in runs, so the four numbered last are compared
 * before the map is asked.
 */
function setNumbering(sets: ConnSet[]): (conns: ConnSet) => number {
  const numbers = new Map<ConnSet, number>();
  const recent: (ConnSet | undefined)[] = [undefined, undefined, undefined, undefined];
  const recentNumbers = [-1, -1, -1, -1];
  let next = 0;
  return (conns) => {
    for (let r = 0; r < 4; r++) if (recent[r] === conns) return recentNumbers[r]!;
    let k = numbers.get(conns);
    if (k === undefined) {
      k = sets.push(conns) - 1;
      numbers.set(conns, k);
    }
    recent[next] = conns;
    recentNumbers[next] = k;
    next = (next + 1) & 3;
    return k;
  };
}

/** A side's allowed connections aggregated per (from, to) name. */
export interface SideRows {
  /** Per `from`: its row with destinations sorted, so two sides' rows compare in one merge. */
  readonly sorted: ReadonlyMap<string, SortedRow>;
}

/** The numbers behind a side's rows: every row's destinations and sets, one run per row. */
interface RowStore {
  readonly texts: readonly string[];
  /** Filled while the rows are made (setNumbering), read-only after. */
  readonly sets: ConnSet[];
  tos: Int32Array;
  setOf: Int32Array;
}

/** One source's row: destinations in text order (byText), each once, with its connections. */
export class SortedRow {
  constructor(
    private readonly store: RowStore,
    private readonly first: number,
    readonly length: number,
  ) {}

  /** The i-th destination's text. */
  to(i: number): string {
    return this.store.texts[this.store.tos[this.first + i]!]!;
  }

  /** The i-th destination's connections. */
  conns(i: number): ConnSet {
    return this.store.sets[this.store.setOf[this.first + i]!]!;
  }

  /**
   * Same destinations in the same order, each with an equal connection set
   * (ConnSet.equals compares canonical forms). Most rows of two versions are
   * equal and compared whole, so the arrays are read directly.
   */
  sameAs(o: SortedRow): boolean {
    if (this.length !== o.length) return false;
    const a = this.store;
    const b = o.store;
    for (let i = 0, p = this.first, q = o.first; i < this.length; i++, p++, q++) {
      if (a.texts[a.tos[p]!] !== b.texts[b.tos[q]!]) return false;
      const x = a.sets[a.setOf[p]!]!;
      const y = b.sets[b.setOf[q]!]!;
      if (x !== y && !x.equals(y)) return false;
    }
    return true;
  }
}

const NO_ROW = new SortedRow({ texts: [], sets: [], tos: new Int32Array(0), setOf: new Int32Array(0) }, 0, 0);

/** Per name pair and per group pair: what one side's analysis allows (one pass over its relation). */
export function analyzerPairs(side: DiffSide, names: SideNames): { pairs: SideRows; groups: SideRows } {
  const pairs = new PairRows();
  const groups = new PairRows();
  // Numbers per node object, looked up once: the relation hands out the analysis's own node objects.
  const numbered = new Map<unknown, { readonly name: number; readonly group: number }>();
  const number = (n: Parameters<typeof nodeId>[0]) => {
    let v = numbered.get(n);
    if (!v) {
      const id = nodeId(n);
      numbered.set(n, (v = { name: pairs.number(names.name(id)), group: groups.number(names.group(id)) }));
    }
    return v;
  };
  // Edges come grouped by source: its numbers are looked up once per run of edges.
  let lastSrc: unknown;
  let from = { name: 0, group: 0 };
  side.connectivity.forEachEdge((src, dst, conns) => {
    if (src !== lastSrc) {
      lastSrc = src;
      from = number(src);
    }
    const to = number(dst);
    pairs.add(from.name, to.name, conns);
    groups.add(from.group, to.group, conns);
  });
  return { pairs: pairs.sorted(), groups: groups.sorted() };
}

/**
 * comparePairs on connections: equal rows are skipped whole, a differing row
 * is merged with its counterpart in destination order, and equal sets need no
 * text, so the work follows what changed. Rows are compared as they are, not
 * through a text of each: a side's rows held as text were as large as its
 * relation (tens of MB at the bench's M), and comparing two such texts
 * copied both into flat strings first.
 */
function compareConnPairs(before: SideRows, after: SideRows): FlowChange[] {
  const out: FlowChange[] = [];
  for (const [from, row] of after.sorted) {
    const old = before.sorted.get(from);
    if (old !== undefined && old.sameAs(row)) continue;
    compareRows(from, old ?? NO_ROW, row, out);
  }
  for (const [from, row] of before.sorted) if (!after.sorted.has(from)) compareRows(from, row, NO_ROW, out);
  return out.sort(byChange);
}

/** One source's changes: both rows are sorted by destination (byText), so one merge finds them. */
function compareRows(from: string, b: SortedRow, a: SortedRow, out: FlowChange[]): void {
  let i = 0;
  let j = 0;
  while (i < b.length || j < a.length) {
    const order = i === b.length ? 1 : j === a.length ? -1 : byText(b.to(i), a.to(j));
    if (order < 0) {
      out.push({ change: "removed", from, to: b.to(i), before: b.conns(i).toDisplayString() });
      i++;
    } else if (order > 0) {
      out.push({ change: "added", from, to: a.to(j), after: a.conns(j).toDisplayString() });
      j++;
    } else {
      const o = b.conns(i++);
      const conns = a.conns(j++);
      if (o.equals(conns)) continue;
      const before = o.toDisplayString();
      const after = conns.toDisplayString();
      if (after !== before) out.push({ change: "changed", from, to: a.to(j - 1), before, after });
    }
  }
}

const ORDER: Readonly<Record<FlowChange["change"], number>> = { added: 0, changed: 1, removed: 2 };
const byChange = (x: FlowChange, y: FlowChange): number => ORDER[x.change] - ORDER[y.change] || byText(x.from, y.from) || byText(x.to, y.to);

export function comparePairs(before: ReadonlyMap<string, PairValue>, after: ReadonlyMap<string, PairValue>): FlowChange[] {
  const out: FlowChange[] = [];
  for (const [k, a] of after) {
    const b = before.get(k);
    if (!b) out.push({ change: "added", from: a.from, to: a.to, after: a.text });
    else if (b.text !== a.text) out.push({ change: "changed", from: a.from, to: a.to, before: b.text, after: a.text });
  }
  for (const [k, b] of before) if (!after.has(k)) out.push({ change: "removed", from: b.from, to: b.to, before: b.text });
  return out.sort(byChange);
}

export function diffFlows(
  base: DiffSide,
  head: DiffSide,
  baseNames: SideNames,
  headNames: SideNames,
  rows: (side: DiffSide, names: SideNames) => ReturnType<typeof analyzerPairs> = analyzerPairs,
): FlowDiff {
  if (base.policy && head.policy) {
    const b = policyPairs(base.policy);
    const h = policyPairs(head.policy);
    return { basis: "policy", groups: comparePairs(b.groups, h.groups), pairs: comparePairs(b.pairs, h.pairs) };
  }
  const b = rows(base, baseNames);
  const h = rows(head, headNames);
  return { basis: "analyzer", groups: compareConnPairs(b.groups, h.groups), pairs: compareConnPairs(b.pairs, h.pairs) };
}

