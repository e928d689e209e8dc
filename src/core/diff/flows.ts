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

function analyzerPairs(side: DiffSide, names: SideNames) {
  const pairs = new Map<string, { from: string; to: string; conns: ConnSet }>();
  const groups = new Map<string, { from: string; to: string; conns: ConnSet }>();
  const add = (m: typeof pairs, from: string, to: string, conns: ConnSet) => {
    const key = `${from} -> ${to}`;
    const cur = m.get(key);
    m.set(key, { from, to, conns: cur ? cur.conns.union(conns) : conns });
  };
  for (const e of side.connectivity.edges()) {
    const s = nodeId(e.src);
    const d = nodeId(e.dst);
    add(pairs, names.name(s), names.name(d), e.conns);
    add(groups, names.group(s), names.group(d), e.conns);
  }
  const text = (m: typeof pairs) => new Map([...m].map(([k, v]) => [k, { from: v.from, to: v.to, text: v.conns.toDisplayString() }]));
  return { pairs: text(pairs), groups: text(groups) };
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
  return { basis: "analyzer", groups: comparePairs(b.groups, h.groups), pairs: comparePairs(b.pairs, h.pairs) };
}

