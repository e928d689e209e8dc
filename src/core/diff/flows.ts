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
 * Unions per (from, to), keyed in two levels so no key string is built per
 * hop, with each distinct ConnSet object unioned once: the analyzer shares
 * one set among the many hops that allow the same thing.
 */
class PairUnion {
  /** Per pair: its one set, or the distinct sets once a second one arrives (most pairs have one hop). */
  private readonly acc = new Map<string, Row>();
  row(from: string): Row {
    let row = this.acc.get(from);
    if (!row) this.acc.set(from, (row = new Map()));
    return row;
  }
  static add(row: Row, to: string, conns: ConnSet): void {
    const cur = row.get(to);
    if (cur === undefined) row.set(to, conns);
    else if (cur instanceof Set) cur.add(conns);
    else if (cur !== conns) row.set(to, new Set([cur, conns]));
  }
  /**
   * Rows by source: to -> union of its sets. The rows are turned in place (only pairs with several sets change),
   * not copied: at 15,000 workloads they hold about ten million pairs, and the copy was the largest part of
   * aggregating a side. The union is not used after this.
   */
  rows(): Map<string, Map<string, ConnSet>> {
    for (const row of this.acc.values())
      row.forEach((sets, to) => {
        if (!(sets instanceof Set)) return;
        let conns: ConnSet | undefined;
        for (const c of sets) conns = conns ? conns.union(c) : c;
        // A union is a new object: the shared one lets the other side's equal set compare as one object.
        row.set(to, ConnSet.canonical(conns!));
      });
    // Every value is a ConnSet now: the Set entries were replaced just above.
    return this.acc as Map<string, Map<string, ConnSet>>;
  }
}

type Row = Map<string, ConnSet | Set<ConnSet>>;

type Rows = Map<string, Map<string, ConnSet>>;

/** A side's allowed connections aggregated per (from, to) name. */
export interface SideRows {
  readonly rows: Rows;
  /** Per `from`: its row with destinations sorted, so two sides' rows compare in one merge. */
  readonly sorted: ReadonlyMap<string, SortedRow>;
}

interface SortedRow {
  readonly tos: readonly string[];
  readonly conns: readonly ConnSet[];
}

function withSorted(rows: Rows): SideRows {
  const sorted = new Map<string, SortedRow>();
  for (const [from, row] of rows) {
    const tos = [...row.keys()].sort(byText);
    sorted.set(from, { tos, conns: tos.map((to) => row.get(to)!) });
  }
  return { rows, sorted };
}

/** Per name pair and per group pair: what one side's analysis allows (one pass over its relation). */
export function analyzerPairs(side: DiffSide, names: SideNames): { pairs: SideRows; groups: SideRows } {
  const pairs = new PairUnion();
  const groups = new PairUnion();
  // Names per node object, looked up once: the relation hands out the analysis's own node objects.
  const nameOf = new Map<unknown, { name: string; group: string }>();
  const named = (n: Parameters<typeof nodeId>[0]) => {
    let v = nameOf.get(n);
    if (!v) {
      const id = nodeId(n);
      nameOf.set(n, (v = { name: names.name(id), group: names.group(id) }));
    }
    return v;
  };
  // Edges come grouped by source: its rows are looked up once per run of edges.
  let lastSrc: unknown;
  let pairRow: Row = new Map();
  let groupRow: Row = new Map();
  side.connectivity.forEachEdge((src, dst, conns) => {
    if (src !== lastSrc) {
      lastSrc = src;
      const s = named(src);
      pairRow = pairs.row(s.name);
      groupRow = groups.row(s.group);
    }
    const d = named(dst);
    PairUnion.add(pairRow, d.name, conns);
    PairUnion.add(groupRow, d.group, conns);
  });
  return { pairs: withSorted(pairs.rows()), groups: withSorted(groups.rows()) };
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
  const none: SortedRow = { tos: [], conns: [] };
  for (const [from, row] of after.sorted) {
    const old = before.sorted.get(from);
    if (old !== undefined && sameRow(old, row)) continue;
    compareRows(from, old ?? none, row, out);
  }
  for (const [from, row] of before.sorted) if (!after.sorted.has(from)) compareRows(from, row, none, out);
  return out.sort(byChange);
}

/** Same destinations in the same order, each with an equal connection set (ConnSet.equals compares canonical forms). */
function sameRow(a: SortedRow, b: SortedRow): boolean {
  if (a.tos.length !== b.tos.length) return false;
  for (let i = 0; i < a.tos.length; i++) {
    if (a.tos[i] !== b.tos[i]) return false;
    const x = a.conns[i]!;
    const y = b.conns[i]!;
    if (x !== y && !x.equals(y)) return false;
  }
  return true;
}

/** One source's changes: both rows are sorted by destination (byText), so one merge finds them. */
function compareRows(from: string, b: SortedRow, a: SortedRow, out: FlowChange[]): void {
  let i = 0;
  let j = 0;
  while (i < b.tos.length || j < a.tos.length) {
    const order = i === b.tos.length ? 1 : j === a.tos.length ? -1 : byText(b.tos[i]!, a.tos[j]!);
    if (order < 0) {
      out.push({ change: "removed", from, to: b.tos[i]!, before: b.conns[i]!.toDisplayString() });
      i++;
    } else if (order > 0) {
      out.push({ change: "added", from, to: a.tos[j]!, after: a.conns[j]!.toDisplayString() });
      j++;
    } else {
      const o = b.conns[i++]!;
      const conns = a.conns[j++]!;
      if (o.equals(conns)) continue;
      const before = o.toDisplayString();
      const after = conns.toDisplayString();
      if (after !== before) out.push({ change: "changed", from, to: a.tos[j - 1]!, before, after });
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

