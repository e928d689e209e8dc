/**
 * Paths into sensitive zones on one side: for every source of trust vendor
 * or external (a vendor zone's workload, a declared external's addresses)
 * and every sensitive workload it reaches in the combined layer, one shortest
 * path. Paths through declared exceptions count too (they are allowed), and
 * their hops name the exception. The noPath invariants' own paths (other
 * selectors, e.g. vendor to vendor) are added from the report.
 */
import type { Selector } from "../../model";
import type { Edge } from "../analyze";
import { selects } from "../verify/classify";
import { buildGraph, type Graph, shortestPaths, type Hop } from "../verify/paths";
import type { PathViolation, VerifyReport } from "../verify/report";
import { nodeId } from "../verify/view";
import type { SideNames } from "./naming";
import type { DiffHop, DiffSide } from "./types";

export const UNTRUSTED: Selector = { trust: ["vendor", "external"] };
export const SENSITIVE: Selector = { sensitive: true };

export interface SidePath {
  readonly from: string;
  readonly to: string;
  readonly hops: readonly DiffHop[];
  readonly sensitive: boolean;
  readonly invariants: readonly string[];
}

const hopKey = (from: string, to: string) => `${from}\u0000${to}`;
export const pathKey = (from: string, to: string) => `${from} -> ${to}`;

/** Exception ids per hop, as the verifier attributed them. */
function exceptionHops(report: VerifyReport): Map<string, string> {
  const out = new Map<string, string>();
  for (const inv of report.invariants)
    for (const p of [...inv.violations, ...inv.reported])
      if (p.kind === "path") for (const h of p.hops) if (h.exception) out.set(hopKey(h.from, h.to), h.exception.id);
  return out;
}

/**
 * Nodes from which some target can be reached (a target itself counts only
 * through a hop): a backward search from the targets over the one-hop
 * relation, continuing only through nodes a path may pass through.
 */
function reachingTargets(edges: readonly Edge[], targets: ReadonlySet<string>, transit: (n: string) => boolean): Set<string> {
  const preds = new Map<string, string[]>();
  for (const e of edges) {
    const d = nodeId(e.dst);
    let list = preds.get(d);
    if (!list) preds.set(d, (list = []));
    list.push(nodeId(e.src));
  }
  const found = new Set<string>();
  const queue = [...targets];
  for (let head = 0; head < queue.length; head++) {
    for (const p of preds.get(queue[head]!) ?? []) {
      if (found.has(p)) continue;
      found.add(p);
      if (transit(p)) queue.push(p);
    }
  }
  return found;
}

export function sidePaths(side: DiffSide, names: SideNames): Map<string, SidePath> {
  const conn = side.connectivity;
  const edges = conn.edges();
  const exceptions = exceptionHops(side.report);
  const c = names.classification;
  const sourcesByName = new Map<string, string[]>();
  const targets = new Set<string>();
  for (const node of names.nodes.values()) {
    if (selects(c, UNTRUSTED, node)) {
      const n = names.name(node.id);
      sourcesByName.set(n, [...(sourcesByName.get(n) ?? []), node.id]);
    }
    if (node.kind === "workload" && selects(c, SENSITIVE, node)) targets.add(node.id);
  }
  const toHops = (hops: readonly { from: string; to: string; connections: string }[]): DiffHop[] =>
    hops.map((h) => {
      const ex = exceptions.get(hopKey(h.from, h.to));
      return { from: names.name(h.from), to: names.name(h.to), connections: h.connections, ...(ex !== undefined ? { exception: ex } : {}) };
    });
  const fromEdge = (hops: readonly Hop<Edge>[]) => toHops(hops.map((h) => ({ from: h.from, to: h.to, connections: h.edge.conns.toDisplayString() })));

  const out = new Map<string, SidePath>();
  const transit = (n: string) => names.nodes.get(n)?.kind === "workload";
  const asHop = (e: Edge): Hop<Edge> => ({ from: nodeId(e.src), to: nodeId(e.dst), edge: e });
  // One search per source name, none for names whose nodes reach no target (most vendors, most ranges).
  const useful = reachingTargets(edges, targets, transit);
  let graph: Graph<Edge> | undefined;
  const search = (sources: readonly string[]): Map<string, Hop<Edge>[]> => {
    if (typeof conn.reach !== "function") {
      graph ??= buildGraph(edges.map(asHop));
      return shortestPaths(graph, sources, (n) => targets.has(n), () => true, transit);
    }
    const sourceSet = new Set(sources);
    const { paths } = conn.reach((n) => sourceSet.has(nodeId(n)), {
      through: (n) => transit(nodeId(n)),
      targets: (n) => targets.has(nodeId(n)),
      untilTargets: true,
    });
    return new Map([...paths].map(([t, p]) => [t, p.map(asHop)]));
  };
  for (const source of [...sourcesByName.keys()].sort()) {
    const ids = sourcesByName.get(source)!;
    if (!ids.some((id) => useful.has(id))) continue;
    const found = search(ids);
    for (const [target, hops] of [...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const key = pathKey(source, names.name(target));
      const prev = out.get(key);
      if (!prev || prev.hops.length > hops.length) out.set(key, { from: source, to: names.name(target), hops: fromEdge(hops), sensitive: true, invariants: [] });
    }
  }
  // The invariants' paths: tag the computed ones, add those the computation does not cover.
  for (const inv of side.report.invariants) {
    if (inv.kind !== "noPath") continue;
    const listed = [...inv.violations, ...inv.reported].filter((v): v is PathViolation => v.kind === "path");
    for (const p of listed) {
      const key = pathKey(names.name(p.from), names.name(p.to));
      const prev = out.get(key);
      if (prev) {
        if (!prev.invariants.includes(inv.id)) out.set(key, { ...prev, invariants: [...prev.invariants, inv.id].sort() });
      } else {
        out.set(key, { from: names.name(p.from), to: names.name(p.to), hops: toHops(p.hops), sensitive: false, invariants: [inv.id] });
      }
    }
  }
  return out;
}
