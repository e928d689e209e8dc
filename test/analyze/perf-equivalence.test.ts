/**
 * The fast paths of the engine (memoised verdicts, candidate pruning, edges
 * emitted in order, lazy adjacency and reach()) against slow, independent
 * computations of the same answers: per-pair traces evaluated rule by rule,
 * a sorted listing, and a breadth-first search over the materialised edges.
 */
import fc from "fast-check";
import { generateClusterWith } from "../../src/bench/generate";
import { analyze, buildCluster, ConnSet, type Connectivity, type Edge, type LayerSelection, type Node, type Peer } from "../../src/core/analyze";
import { classifyFromLabels, DEFAULT_MANIFEST_INVARIANTS, LAYER_SELECTIONS, makeView, type LayerView } from "../../src/core/verify";
import { checkNoPath } from "../../src/core/verify/invariants";
import type { LayerName } from "../../src/core/verify/report";
import { buildGraph, shortestPaths } from "../../src/core/verify/paths";
import { clusterArb, SAMPLE_ADDRESSES } from "../support/arbitraries";

const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;
const NONE: LayerSelection = { adminNetworkPolicy: false, networkPolicy: false, baselineAdminNetworkPolicy: false, istio: "off" };
const SELECTIONS: LayerSelection[] = [
  LAYER_SELECTIONS.combined,
  LAYER_SELECTIONS.guardrails,
  { ...NONE, networkPolicy: true },
  { ...NONE, adminNetworkPolicy: true },
  { ...NONE, istio: "full" },
];

const id = (n: Node): string => (n.kind === "workload" ? n.id : n.range.id);

/** src -> dst recomputed from explain()'s traces: every tier walked rule by rule, nothing memoised or pruned. */
function traced(conn: Connectivity, src: Peer, dst: Peer): { src: string; dst: string; conns: ConnSet } {
  const ex = conn.explain(src, dst);
  let out = ConnSet.empty;
  for (const part of ex.parts) {
    const egress = part.egress?.allowed ?? ConnSet.all;
    const ingress = part.ingress?.allowed ?? ConnSet.all;
    const istio = part.istio?.allowed ?? ConnSet.all;
    out = out.union(egress.intersect(ingress).intersect(istio));
  }
  return { src: ex.src, dst: ex.dst, conns: out };
}

function analyzed(objects: unknown[], layers: LayerSelection): Connectivity {
  const { cluster } = buildCluster(objects.map((object, index) => ({ file: "gen.yaml", index, object })));
  return analyze(cluster, { layers });
}

test("edges() lists exactly the non-empty traced pairs, sorted by (source, destination)", () => {
  fc.assert(
    fc.property(clusterArb, fc.constantFrom(...SELECTIONS), (objects, layers) => {
      const conn = analyzed(objects, layers);
      const edges = conn.edges();
      const keys = edges.map((e) => `${id(e.src)}\u0000${id(e.dst)}`);
      for (let i = 1; i < keys.length; i++) expect(keys[i - 1]! < keys[i]!).toBe(true);
      const listed = new Map(edges.map((e, i) => [keys[i]!, e.conns.toString()]));
      const peers: Peer[] = [...conn.workloads.map((w): Peer => ({ kind: "workload", id: w.id })), ...SAMPLE_ADDRESSES.map((address): Peer => ({ kind: "ip", address }))];
      for (const a of peers)
        for (const b of peers) {
          if (a === b || (a.kind === "ip" && b.kind === "ip")) continue;
          const want = traced(conn, a, b);
          expect(conn.connections(a, b).toString()).toBe(want.conns.toString());
          expect(listed.get(`${want.src}\u0000${want.dst}`) ?? "No Connections").toBe(want.conns.toString());
        }
    }),
    { numRuns: 60, seed: SEED },
  );
});

test("forEachEdge(), forEachEgressToRange() and edgeCount() give edges() exactly, whether or not reach() or edges() ran first", () => {
  let rangeEdgesSeen = 0;
  fc.assert(
    fc.property(clusterArb, fc.constantFrom(...SELECTIONS), fc.nat(), fc.constantFrom("fresh", "afterReach", "afterEdges"), (objects, layers, s, before) => {
      const want = analyzed(objects, layers)
        .edges()
        .map((e) => `${id(e.src)} -> ${id(e.dst)}: ${e.conns.toString()}`);
      const conn = analyzed(objects, layers);
      const w = conn.workloads[s % Math.max(1, conn.workloads.length)];
      // reach() builds part of the adjacency lazily; the full listing must then reuse it, not diverge from it.
      if (before === "afterReach" && w) conn.reach([{ kind: "workload", id: w.id }]);
      if (before === "afterEdges") conn.edges();
      // Counted before anything lists the relation (then it is counted without being built).
      expect(conn.edgeCount()).toBe(want.length);
      // The workload -> range edges alone, in the same order, before and after the relation is built.
      const rangeEdges = (): string[] => {
        const out: string[] = [];
        conn.forEachEgressToRange((src, dst, conns) => out.push(`${id(src)} -> ${id(dst)}: ${conns.toString()}`));
        return out;
      };
      const early = rangeEdges();
      const got: string[] = [];
      conn.forEachEdge((src, dst, conns) => got.push(`${id(src)} -> ${id(dst)}: ${conns.toString()}`));
      expect(got).toEqual(want);
      expect(conn.edgeCount()).toBe(want.length);
      const workloadIds = new Set(conn.workloads.map((x) => x.id));
      const wantToRanges: string[] = [];
      conn.forEachEdge((src, dst, conns) => {
        if (src.kind === "workload" && dst.kind === "external") wantToRanges.push(`${id(src)} -> ${id(dst)}: ${conns.toString()}`);
      });
      expect(early).toEqual(wantToRanges);
      expect(rangeEdges()).toEqual(wantToRanges);
      expect(wantToRanges.every((e) => workloadIds.has(e.split(" -> ")[0]!))).toBe(true);
      rangeEdgesSeen += wantToRanges.length;
      // Nodes handed out are the analysis's own objects, shared with edges().
      const edges = conn.edges();
      let i = 0;
      conn.forEachEdge((src, dst) => {
        expect(src).toBe(edges[i]!.src);
        expect(dst).toBe(edges[i]!.dst);
        i++;
      });
    }),
    { numRuns: 40, seed: SEED + 3 },
  );
  // The random clusters do exercise range edges (else the forEachEgressToRange comparison would be empty).
  expect(rangeEdgesSeen).toBeGreaterThan(0);
});

test("reach() finds the same shortest paths as a search over the materialised edges", () => {
  fc.assert(
    fc.property(clusterArb, fc.constantFrom(...SELECTIONS), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), (objects, layers, s, t) => {
      const conn = analyzed(objects, layers);
      const ids = [...conn.workloads.map((w) => w.id), ...conn.externals.map((x) => x.id)];
      const sources = new Set(s.map((i) => ids[i % ids.length]!));
      const targets = new Set(t.map((i) => conn.workloads[i % conn.workloads.length]?.id ?? ""));
      const isWorkload = (n: string) => conn.workloads.some((w) => w.id === n);
      // Hops into a target's namespace are unusable, so the usable filter must matter.
      const banned = (e: Edge) => id(e.dst).startsWith("ns-d/");
      const fast = analyze(buildCluster(objects.map((object, index) => ({ file: "gen.yaml", index, object }))).cluster, { layers }).reach((n) => sources.has(id(n)), {
        through: (n) => n.kind === "workload",
        usable: (e) => !banned(e),
        targets: (n) => targets.has(id(n)),
      });
      const graph = buildGraph(conn.edges().map((e) => ({ from: id(e.src), to: id(e.dst), edge: e })));
      const slow = shortestPaths(graph, sources, (n) => targets.has(n), (h) => !banned(h.edge), isWorkload);
      const fastPaths = [...fast.paths].map(([k, p]) => [k, p.map((e) => `${id(e.src)} -> ${id(e.dst)}: ${e.conns.toString()}`)]);
      const slowPaths = [...slow].map(([k, p]) => [k, p.map((h) => `${h.from} -> ${h.to}: ${h.edge.conns.toString()}`)]);
      expect(fastPaths).toEqual(slowPaths);
      for (const [target] of slow) expect(fast.nodes.has(target) || sources.has(target)).toBe(true);
    }),
    { numRuns: 60, seed: SEED + 1 },
  );
});

test("the noPath check gives the same result through reach() as through the full hop graph, on every layer", () => {
  const objects = generateClusterWith({ namespaces: 12, workloadsPerNamespace: 5, replicas: 2, vendorNamespaces: 3, sensitiveNamespaces: 2 }, 7).objects;
  const { cluster } = buildCluster(objects.map((object, index) => ({ file: "gen.yaml", index, object })));
  const classification = classifyFromLabels(new Map(cluster.namespaces.map((n) => [n.name, n.labels])));
  const noPath = DEFAULT_MANIFEST_INVARIANTS.find((i) => i.kind === "noPath")!;
  if (noPath.kind !== "noPath") throw new Error("no default noPath invariant");
  const names = Object.keys(LAYER_SELECTIONS) as LayerName[];
  const fastViews = new Map(names.map((n) => [n, makeView(cluster, LAYER_SELECTIONS[n])] as const));
  // The same views with reach() hidden, so the check falls back to the materialised graph.
  const slowViews = new Map(
    names.map((n) => {
      const v = makeView(cluster, LAYER_SELECTIONS[n]);
      const conn = Object.assign(Object.create(v.conn) as Connectivity, { reach: undefined });
      const slow: LayerView = { conn, nodes: v.nodes, graph: v.graph, rulesFor: (a, b) => v.rulesFor(a, b), peer: (p) => v.peer(p) };
      return [n, slow] as const;
    }),
  );
  const fast = checkNoPath(noPath, { classification, views: fastViews, exceptions: [] });
  const slow = checkNoPath(noPath, { classification, views: slowViews, exceptions: [] });
  expect(slow.violations.length).toBeGreaterThan(0);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
});

test("reach() with enter gives what a usable() testing the destination gives", () => {
  fc.assert(
    fc.property(clusterArb, fc.constantFrom(...SELECTIONS), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), (objects, layers, s, t) => {
      const conn = analyzed(objects, layers);
      const ids = [...conn.workloads.map((w) => w.id), ...conn.externals.map((x) => x.id)];
      const sources = new Set(s.map((i) => ids[i % ids.length]!));
      const targets = new Set(t.map((i) => ids[i % ids.length]!));
      // Workloads in ns-b cannot be entered (sources among them still start paths).
      const closed = (n: Node) => id(n).startsWith("ns-b/");
      const common = { targets: (n: Node) => targets.has(id(n)), through: (n: Node) => n.kind === "workload" };
      const withEnter = analyzed(objects, layers).reach((n) => sources.has(id(n)), { ...common, enter: (n) => !closed(n) });
      const withUsable = conn.reach((n) => sources.has(id(n)), { ...common, usable: (e) => !closed(e.dst) });
      const show = (r: ReturnType<Connectivity["reach"]>) => [...r.paths].map(([k, p]) => [k, p.map((e) => `${id(e.src)} -> ${id(e.dst)}: ${e.conns.toString()}`)]);
      expect(show(withEnter)).toEqual(show(withUsable));
    }),
    { numRuns: 60, seed: SEED + 4 },
  );
});

test("reach() with sources and targets given as node ids gives what the same nodes given as predicates give", () => {
  fc.assert(
    fc.property(clusterArb, fc.constantFrom(...SELECTIONS), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 4 }), fc.boolean(), (objects, layers, s, t, until) => {
      const conn = analyzed(objects, layers);
      const ids = [...conn.workloads.map((w) => w.id), ...conn.externals.map((x) => x.id)];
      // Ranges and workloads alike, and an id the analysis does not have, which selects nothing.
      const sources = new Set([...s.map((i) => ids[i % ids.length]!), "ns-z/absent[Pod]"]);
      const targets = new Set([...t.map((i) => ids[(i * 7) % ids.length]!), "10.255.255.0-10.255.255.9[External]"]);
      const through = (n: Node) => n.kind === "workload";
      const byIds = conn.reach(sources, { targets, through, untilTargets: until });
      const byPredicates = analyzed(objects, layers).reach((n) => sources.has(id(n)), { targets: (n) => targets.has(id(n)), through, untilTargets: until });
      const show = (r: ReturnType<Connectivity["reach"]>) => ({
        paths: [...r.paths].map(([k, p]) => [k, p.map((e) => `${id(e.src)} -> ${id(e.dst)}: ${e.conns.toString()}`)]),
        nodes: [...r.nodes].map(([k, v]) => `${k} ${v.depth}`),
      });
      expect(show(byIds)).toEqual(show(byPredicates));
      expect(byIds.nodes.size).toBeGreaterThan(0);
    }),
    { numRuns: 60, seed: SEED + 6 },
  );
});

test("pathsFromEach() gives reach(group, untilTargets) per group, shared searches included", () => {
  fc.assert(
    fc.property(clusterArb, fc.constantFrom(...SELECTIONS), fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.boolean(), (objects, layers, gs, t, throughRanges) => {
      const conn = analyzed(objects, layers);
      const peers: { id: string; peer: Peer }[] = [
        ...conn.workloads.map((w) => ({ id: w.id, peer: { kind: "workload", id: w.id } as Peer })),
        ...conn.externals.map((x) => ({ id: x.id, peer: { kind: "ip", address: x.first } as Peer })),
      ];
      // Every range alone and every workload alone, so lone nodes with equal edges share a search (a root may
      // turn up in its twin's search, passed through), plus random groups.
      const groups = [...peers.map((p) => [p]), ...gs.map((g) => g.map((i) => peers[i % peers.length]!))];
      const targets = new Set(t.map((i) => conn.workloads[i % Math.max(1, conn.workloads.length)]?.id ?? ""));
      const options = { through: (n: Node) => throughRanges || n.kind === "workload", targets: (n: Node) => targets.has(id(n)) };
      const show = (paths: ReadonlyMap<string, readonly Edge[]>) => [...paths].map(([k, p]) => [k, p.map((e) => `${id(e.src)} -> ${id(e.dst)}: ${e.conns.toString()}`)]);
      const got = conn.pathsFromEach(groups.map((g) => g.map((x) => x.peer)), options).map(show);
      const want = groups.map((g) => show(analyzed(objects, layers).reach(g.map((x) => x.peer), { ...options, untilTargets: true }).paths));
      expect(got).toEqual(want);
    }),
    { numRuns: 60, seed: SEED + 5 },
  );
});

test("analyses of one cluster under several layer selections, in any order, equal analyses of fresh clusters (compiled policies are shared per cluster)", () => {
  const listing = (c: Connectivity): string[] => c.edges().map((e) => `${id(e.src)} -> ${id(e.dst)}: ${e.conns.toString()}`);
  fc.assert(
    fc.property(clusterArb, fc.shuffledSubarray(SELECTIONS, { minLength: 2 }), (objects, order) => {
      const { cluster } = buildCluster(objects.map((object, index) => ({ file: "gen.yaml", index, object })));
      for (const layers of order) expect(listing(analyze(cluster, { layers }))).toEqual(listing(analyzed(objects, layers)));
      // A second analysis under the first selection, after the others compiled their tiers.
      expect(listing(analyze(cluster, { layers: order[0]! }))).toEqual(listing(analyzed(objects, order[0]!)));
    }),
    { numRuns: 40, seed: SEED + 7 },
  );
});

test("searches over held rows (narrowed per search) find the paths a fresh analysis finds, search after search", () => {
  fc.assert(
    fc.property(clusterArb, fc.constantFrom(...SELECTIONS), fc.array(fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 3 }), (objects, layers, searches) => {
      const held = analyzed(objects, layers);
      held.edgeCount();
      const ids = [...held.workloads.map((w) => w.id), ...held.externals.map((x) => x.id)];
      const show = (r: ReturnType<Connectivity["reach"]>) => [...r.paths].map(([k, p]) => [k, p.map((e) => `${id(e.src)} -> ${id(e.dst)}: ${e.conns.toString()}`)]);
      for (const [s, t] of searches) {
        const sources = new Set(s.map((i) => ids[i % ids.length]!));
        const targets = new Set(t.map((i) => ids[i % ids.length]!));
        const options = { through: (n: Node) => n.kind === "workload", targets: (n: Node) => targets.has(id(n)), untilTargets: s.length % 2 === 0 };
        const want = show(analyzed(objects, layers).reach((n) => sources.has(id(n)), options));
        expect(show(held.reach((n) => sources.has(id(n)), options))).toEqual(want);
      }
    }),
    { numRuns: 80, seed: SEED + 9 },
  );
});
