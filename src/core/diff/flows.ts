/**
 * Flows added, removed or with changed ports, per zone pair and per service
 * pair. Two policies are compared on their intent (ports and L7 narrowing);
 * when either side is a folder of manifests both sides are compared on what
 * the analyzer allows, aggregated per namespace pair and workload pair.
 */
import type { Endpoint, ResolvedFlow, ResolvedPolicy, ResolvedPort } from "../../model";
import { endpointId } from "../../model";
import type { ConnSet } from "../analyze";
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

/** Analyzer pairs keep their connections; the text is rendered only for pairs that differ between the sides. */
interface ConnPair {
  readonly from: string;
  readonly to: string;
  readonly conns: ConnSet;
}

/**
 * Unions per (from, to), keyed in two levels so no key string is built per
 * hop, with each distinct ConnSet object unioned once: the analyzer shares
 * one set among the many hops that allow the same thing.
 */
class PairUnion {
  private readonly acc = new Map<string, Map<string, Set<ConnSet>>>();
  row(from: string): Map<string, Set<ConnSet>> {
    let row = this.acc.get(from);
    if (!row) this.acc.set(from, (row = new Map()));
    return row;
  }
  static add(row: Map<string, Set<ConnSet>>, to: string, conns: ConnSet): void {
    const sets = row.get(to);
    if (sets) sets.add(conns);
    else row.set(to, new Set([conns]));
  }
  result(): Map<string, ConnPair> {
    const out = new Map<string, ConnPair>();
    for (const [from, row] of this.acc)
      for (const [to, sets] of row) {
        let conns: ConnSet | undefined;
        for (const c of sets) conns = conns ? conns.union(c) : c;
        out.set(`${from} -> ${to}`, { from, to, conns: conns! });
      }
    return out;
  }
}

function analyzerPairs(side: DiffSide, names: SideNames): { pairs: Map<string, ConnPair>; groups: Map<string, ConnPair> } {
  const pairs = new PairUnion();
  const groups = new PairUnion();
  // Edges come grouped by source: its rows are looked up once per run of edges.
  let lastSrc: unknown;
  let pairRow = new Map<string, Set<ConnSet>>();
  let groupRow = new Map<string, Set<ConnSet>>();
  for (const e of side.connectivity.edges()) {
    if (e.src !== lastSrc) {
      lastSrc = e.src;
      const s = nodeId(e.src);
      pairRow = pairs.row(names.name(s));
      groupRow = groups.row(names.group(s));
    }
    const d = nodeId(e.dst);
    PairUnion.add(pairRow, names.name(d), e.conns);
    PairUnion.add(groupRow, names.group(d), e.conns);
  }
  return { pairs: pairs.result(), groups: groups.result() };
}

/** comparePairs on connections: equal sets need no text, so only the pairs that changed are rendered. */
function compareConnPairs(before: ReadonlyMap<string, ConnPair>, after: ReadonlyMap<string, ConnPair>): FlowChange[] {
  const text = (m: ReadonlyMap<string, ConnPair>, keys: Iterable<string>) => {
    const out = new Map<string, PairValue>();
    for (const k of keys) {
      const v = m.get(k)!;
      out.set(k, { from: v.from, to: v.to, text: v.conns.toDisplayString() });
    }
    return out;
  };
  const differs = (k: string) => {
    const b = before.get(k);
    const a = after.get(k);
    return !a || !b || !a.conns.equals(b.conns);
  };
  const keysAfter = [...after.keys()].filter(differs);
  const keysBefore = [...before.keys()].filter(differs);
  return comparePairs(text(before, keysBefore), text(after, keysAfter));
}

const ORDER: Readonly<Record<FlowChange["change"], number>> = { added: 0, changed: 1, removed: 2 };

export function comparePairs(before: ReadonlyMap<string, PairValue>, after: ReadonlyMap<string, PairValue>): FlowChange[] {
  const out: FlowChange[] = [];
  for (const [k, a] of after) {
    const b = before.get(k);
    if (!b) out.push({ change: "added", from: a.from, to: a.to, after: a.text });
    else if (b.text !== a.text) out.push({ change: "changed", from: a.from, to: a.to, before: b.text, after: a.text });
  }
  for (const [k, b] of before) if (!after.has(k)) out.push({ change: "removed", from: b.from, to: b.to, before: b.text });
  return out.sort((x, y) => ORDER[x.change] - ORDER[y.change] || byText(x.from, y.from) || byText(x.to, y.to));
}

export function diffFlows(base: DiffSide, head: DiffSide, baseNames: SideNames, headNames: SideNames): FlowDiff {
  if (base.policy && head.policy) {
    const b = policyPairs(base.policy);
    const h = policyPairs(head.policy);
    return { basis: "policy", groups: comparePairs(b.groups, h.groups), pairs: comparePairs(b.pairs, h.pairs) };
  }
  const b = analyzerPairs(base, baseNames);
  const h = analyzerPairs(head, headNames);
  return { basis: "analyzer", groups: compareConnPairs(b.groups, h.groups), pairs: compareConnPairs(b.pairs, h.pairs) };
}

