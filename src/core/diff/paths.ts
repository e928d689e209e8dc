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
import { hopKey } from "../verify/paths";
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

/** A side's paths by their ends: from -> to -> path (the ends are the side's names, pooled across a diff's sides). */
export type PathsByEnds = Map<string, Map<string, SidePath>>;

/** Every path of a side, source by source. */
export function* allPaths(paths: ReadonlyMap<string, ReadonlyMap<string, SidePath>>): IterableIterator<SidePath> {
  for (const tos of paths.values()) yield* tos.values();
}

/** Exception ids per hop, as the verifier attributed them. */
function exceptionHops(report: VerifyReport): Map<string, string> {
  const out = new Map<string, string>();
  for (const inv of report.invariants)
    for (const p of [...inv.violations, ...inv.reported])
      if (p.kind === "path") for (const h of p.hops) if (h.exception) out.set(hopKey(h.from, h.to), h.exception.id);
  return out;
}

export function sidePaths(side: DiffSide, names: SideNames): PathsByEnds {
  const conn = side.connectivity;
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
  // Hops are built straight from the node ids: at 4,000 workloads a side has 40,000 paths of 224,000 hops.
  const diffHop = (from: string, to: string, connections: string): DiffHop => {
    const ex = exceptions.size > 0 ? exceptions.get(hopKey(from, to)) : undefined;
    const hop = { from: names.name(from), to: names.name(to), connections };
    return ex !== undefined ? { ...hop, exception: ex } : hop;
  };
  const toHops = (hops: readonly { from: string; to: string; connections: string }[]): DiffHop[] => hops.map((h) => diffHop(h.from, h.to, h.connections));
  // Paths share hops (every chain into a sensitive zone ends in the same few), and the analysis hands out one Edge
  // object per hop: one DiffHop per Edge.
  const hopOfEdge = new Map<Edge, DiffHop>();
  const fromEdge = (e: Edge): DiffHop => {
    let hop = hopOfEdge.get(e);
    if (hop === undefined) hopOfEdge.set(e, (hop = diffHop(nodeId(e.src), nodeId(e.dst), e.conns.toDisplayString())));
    return hop;
  };
  const fromEdges = (path: readonly Edge[]): DiffHop[] => path.map(fromEdge);

  const out: PathsByEnds = new Map();
  const get = (from: string, to: string): SidePath | undefined => out.get(from)?.get(to);
  const set = (p: SidePath): void => {
    let tos = out.get(p.from);
    if (tos === undefined) out.set(p.from, (tos = new Map()));
    tos.set(p.to, p);
  };
  const transit = (n: string) => names.nodes.get(n)?.kind === "workload";
  // One search per source name; the analysis skips names whose nodes reach no target (most vendors, most
  // ranges) and shares one search among ranges with the same edges.
  const sourceNames = [...sourcesByName.keys()].sort();
  const found = conn.pathsFromEach(
    sourceNames.map((name) => sourcesByName.get(name)!.map((id) => names.peer(id))),
    { through: (n) => transit(nodeId(n)), targets: (n) => targets.has(nodeId(n)) },
  );
  sourceNames.forEach((source, i) => {
    for (const [target, path] of [...found[i]!.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const prev = get(source, names.name(target));
      if (!prev || prev.hops.length > path.length) set({ from: source, to: names.name(target), hops: fromEdges(path), sensitive: true, invariants: [] });
    }
  });
  // The invariants' paths: tag the computed ones, add those the computation does not cover.
  for (const inv of side.report.invariants) {
    if (inv.kind !== "noPath") continue;
    const listed = [...inv.violations, ...inv.reported].filter((v): v is PathViolation => v.kind === "path");
    for (const p of listed) {
      const prev = get(names.name(p.from), names.name(p.to));
      if (prev) {
        if (!prev.invariants.includes(inv.id)) set({ ...prev, invariants: [...prev.invariants, inv.id].sort() });
      } else {
        set({ from: names.name(p.from), to: names.name(p.to), hops: toHops(p.hops), sensitive: false, invariants: [inv.id] });
      }
    }
  }
  return out;
}
