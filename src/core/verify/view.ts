/**
 * The verifier's view of one analysis: nodes (workloads and external
 * ranges), the hop graph, and rule attribution for a hop. Built once per
 * layer selection; the graph and attribution are computed lazily.
 */
import { type IpRange, parseIp } from "../../model/cidr";
import { analyze, type Cluster, type Connectivity, type Edge, type ExternalRange, type LayerSelection, type Node, type Peer, rangeBounds, type SideTrace } from "../analyze";
import type { NodeInfo } from "./classify";
import { buildGraph, type Graph } from "./paths";

export interface LayerView {
  readonly conn: Connectivity;
  readonly nodes: ReadonlyMap<string, NodeInfo>;
  readonly graph: Graph<Edge>;
  /** Rules that let a hop through, e.g. `NetworkPolicy crm/allow-ingress ingress[0]`. */
  rulesFor(from: string, to: string): string[];
  peer(id: string): Peer;
}

export function nodeId(n: Node): string {
  return n.kind === "workload" ? n.id : n.range.id;
}

/** Ranges made outside an analysis, parsed once. */
const parsedRanges = new WeakMap<object, IpRange>();

/** A range's numeric bounds: an analysis's ranges carry them (rangeBounds); only a range made elsewhere has its text parsed. */
export function externalRange(r: ExternalRange): IpRange {
  const known = rangeBounds(r);
  if (known) return known;
  let range = parsedRanges.get(r);
  if (!range) parsedRanges.set(r, (range = { version: r.version, start: parseIp(r.first)!.value, end: parseIp(r.last)!.value }));
  return range;
}

function sideRules(side: SideTrace | undefined): string[] {
  if (!side) return [];
  const out: string[] = [];
  for (const t of side.tiers) {
    if (!t.enabled) continue;
    if (!t.selects && t.tier === "NetworkPolicy" && !t.allowed.isEmpty()) out.push(`${side.direction}: no NetworkPolicy selects this pod (not isolated)`);
    for (const h of t.hits) {
      if (h.action !== "Allow" || h.decided.isEmpty()) continue;
      const ns = h.policy.namespace !== undefined ? `${h.policy.namespace}/` : "";
      out.push(`${side.direction}: ${h.policy.kind} ${ns}${h.policy.name} ${h.rule}`);
    }
  }
  return out;
}

export function makeView(cluster: Cluster, layers: LayerSelection): LayerView {
  const conn = analyze(cluster, { layers });
  const nodes = new Map<string, NodeInfo>();
  // The cluster's workloads are the analysis's, in the same order; reading them spares building conn.workloads.
  for (const w of cluster.workloads) nodes.set(w.id, { id: w.id, kind: "workload", namespace: w.namespace });
  for (const r of conn.externals) nodes.set(r.id, { id: r.id, kind: "external", range: externalRange(r) });
  let graph: Graph<Edge> | undefined;
  const peer = (id: string): Peer => {
    const n = nodes.get(id);
    if (n?.kind === "external" && n.range) {
      const r = conn.externals.find((x) => x.id === id)!;
      return { kind: "ip", address: r.first };
    }
    return { kind: "workload", id };
  };
  return {
    conn,
    nodes,
    get graph() {
      graph ??= buildGraph(conn.edges().map((e) => ({ from: nodeId(e.src), to: nodeId(e.dst), edge: e })));
      return graph;
    },
    peer,
    rulesFor(from, to) {
      const ex = conn.explain(peer(from), peer(to));
      const rules = new Set<string>();
      for (const part of ex.parts) {
        if (part.allowed.isEmpty()) continue;
        for (const r of sideRules(part.egress)) rules.add(r);
        for (const r of sideRules(part.ingress)) rules.add(r);
        if (part.istio?.enabled && part.istio.meshed) {
          for (const h of part.istio.hits) {
            if (h.action === "ALLOW") rules.add(`istio: AuthorizationPolicy ${h.policy.namespace ?? ""}/${h.policy.name} rules[${h.rule}]`);
          }
        }
      }
      return [...rules].sort();
    },
  };
}
