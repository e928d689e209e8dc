/**
 * releaseHeldRelation() drops the relation an analysis holds node by node.
 * Whatever is asked afterwards must be computed again to the same answer:
 * the whole relation, the searches' paths and the edge count, in the same
 * order. A release that left a cache empty rather than unset (the whole
 * relation, the edge list) would change one of them.
 */
import { analyze, buildCluster, type Connectivity, type Edge } from "../../src/core/analyze";
import { generateClusterWith } from "../../src/bench/generate";
import { nodeId } from "../../src/core/verify/view";

function analysed(seed: number): Connectivity {
  const gen = generateClusterWith({ namespaces: 12, workloadsPerNamespace: 4, replicas: 2, vendorNamespaces: 3, sensitiveNamespaces: 2 }, seed);
  const built = buildCluster(gen.objects.map((object, index) => ({ file: "g.yaml", index, object })));
  return analyze(built.cluster);
}

const relation = (conn: Connectivity): string[] => {
  const out: string[] = [];
  conn.forEachEdge((src, dst, conns) => out.push(`${nodeId(src)} -> ${nodeId(dst)}: ${conns.toString()}`));
  return out;
};

const pathText = (path: readonly Edge[]): string => path.map((e) => `${nodeId(e.src)} -[${e.conns.toString()}]-> ${nodeId(e.dst)}`).join(" ");

/** Every workload's shortest paths into the given targets, searched from each source on its own. */
function paths(conn: Connectivity, sources: readonly string[], targets: ReadonlySet<string>): string[] {
  return sources.map((s) => {
    const r = conn.reach(new Set([s]), { targets });
    return `${s}: ${[...r.paths].map(([t, p]) => `${t} via ${pathText(p)}`).join("; ")}`;
  });
}

test.each([7, 8, 9])("after releaseHeldRelation (seed %i), the relation, the edge count and the paths are computed again unchanged", (seed) => {
  const conn = analysed(seed);
  const ids = conn.workloads.map((w) => w.id);
  // Targets: a third of the workloads, so searches both end early and run to the end.
  const targets = new Set(ids.filter((_, i) => i % 3 === 0));
  const before = { relation: relation(conn), count: conn.edgeCount(), lines: conn.lines(), paths: paths(conn, ids, targets) };
  expect(before.count).toBe(before.relation.length);
  // Not a vacuous comparison: the cluster has edges and paths.
  expect(before.count).toBeGreaterThan(50);
  expect(before.paths.some((p) => p.includes(" via "))).toBe(true);

  conn.releaseHeldRelation();
  // Paths first: the searches build nodes' lists one by one, which the whole relation must not take as complete.
  expect(paths(conn, ids, targets)).toEqual(before.paths);
  expect(conn.edgeCount()).toBe(before.count);
  expect(relation(conn)).toEqual(before.relation);
  expect(conn.lines()).toEqual(before.lines);

  // Released again after the whole relation was built: edges() lists it again, edge for edge.
  const edges = conn.edges().map((e) => `${nodeId(e.src)} -> ${nodeId(e.dst)}: ${e.conns.toString()}`);
  conn.releaseHeldRelation();
  expect(conn.edges().map((e) => `${nodeId(e.src)} -> ${nodeId(e.dst)}: ${e.conns.toString()}`)).toEqual(edges);
  expect(edges).toEqual(before.relation);
});
