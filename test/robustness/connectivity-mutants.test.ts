/**
 * Tests written against surviving mutants of src/core/analyze/connectivity.ts
 * (the class-to-workload layer: analyze(), connections, the edge listings,
 * reach(), pathsFromEach() and explain()). Every cluster here is small and
 * hand-built, and every expectation was worked out by hand from its policies:
 *
 * - orderCluster: namespaces "z" and "1a" and ipBlocks 9/8 and 10/8, so node
 *   ids interleave workloads and ranges ("11.0..." < "1a/q" < "9.0..." <
 *   "::..." < "z/a") and range index order differs from range id order;
 *   workloads are declared out of id order.
 * - multiCluster: one ReplicaSet of two pod shapes (two classes) and two pods
 *   sharing one class, so workload results are unions over classes and one
 *   class stands for two workloads.
 * - chainCluster: default deny, then a directed graph with one port per hop
 *   (R10 -> a, R12 -> a, a -> b, a -> d, b -> d, d -> e, e -> a, e -> R10).
 *
 * Lazily built state (rankings, adjacency, range lists, inbound lists,
 * caches) is exercised by asking the same questions in different orders on
 * fresh analyses and requiring identical answers.
 */
import { ALL_LAYERS, analyze, buildCluster, ConnSet, UnknownPeerError, type Connectivity, type Edge, type LayerSelection, type Node, type Peer, type ReachResult } from "../../src/core/analyze";
import { connectivity, docs, ip, netpol, ns, pod, w } from "../analyze/helpers";

type Obj = Record<string, unknown>;

const id = (n: Node): string => (n.kind === "workload" ? n.id : n.range.id);
const fmt = (e: Edge): string => `${id(e.src)} -> ${id(e.dst)}: ${e.conns.toString()}`;
const edgeList = (c: Connectivity): string[] => c.edges().map(fmt);
const forEach = (c: Connectivity): string[] => {
  const out: string[] = [];
  c.forEachEdge((s, d, cs) => out.push(`${id(s)} -> ${id(d)}: ${cs.toString()}`));
  return out;
};
const egressToRanges = (c: Connectivity): string[] => {
  const out: string[] = [];
  c.forEachEgressToRange((s, d, cs) => out.push(`${id(s)} -> ${id(d)}: ${cs.toString()}`));
  return out;
};
/** reach()'s nodes as `id depth [<- hop]`, in discovery order; sources carry no `via` key at all. */
const reached = (r: ReachResult): string[] =>
  [...r.nodes].map(([k, v]) => {
    if (v.via === undefined) expect(Object.keys(v)).toEqual(["depth"]);
    return `${k} ${v.depth}${v.via ? ` <- ${fmt(v.via)}` : ""}`;
  });
const pathList = (paths: ReadonlyMap<string, readonly Edge[]>): [string, string[]][] => [...paths].map(([k, p]) => [k, p.map(fmt)]);

/**
 * The analysis of `objects`; with `reverse`, the cluster's workloads are handed to analyze() in reverse id order
 * (buildCluster sorts them), so nothing may rely on workload index order being id order.
 */
function build(objects: readonly Obj[], layers: LayerSelection | undefined, reverse: boolean): Connectivity {
  if (!reverse) return connectivity(objects, layers);
  const { cluster } = buildCluster(docs(objects));
  return analyze({ ...cluster, workloads: [...cluster.workloads].reverse() }, layers ? { layers } : {});
}

function owned(namespace: string, name: string, owner: string, labels: Record<string, string>, extra: { annotations?: Record<string, string>; sa?: string; ports?: Obj[] } = {}): Obj {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, labels, ...(extra.annotations ? { annotations: extra.annotations } : {}), ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: owner, controller: true, uid: "u" }] },
    spec: { ...(extra.sa ? { serviceAccountName: extra.sa } : {}), containers: [{ name: "c", image: "i", ports: extra.ports ?? [] }] },
  };
}

// ---- orderCluster ---------------------------------------------------------------------------------------------
const O = {
  r0: "0.0.0.0-8.255.255.255[External]",
  r9: "9.0.0.0-9.255.255.255[External]",
  r10: "10.0.0.0-10.255.255.255[External]",
  r11: "11.0.0.0-255.255.255.255[External]",
  r6: "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External]",
  q: "1a/q[Pod]",
  a: "z/a[Pod]",
  b: "z/b[Pod]",
};
const orderCluster = (reverse = false, layers?: LayerSelection): Connectivity =>
  build(
    [
      ns("z"),
      ns("1a"),
      pod("z", "b"),
      pod("1a", "q"),
      pod("z", "a"),
      netpol("z", "b-out", { podSelector: { matchLabels: { app: "b" } }, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "9.0.0.0/8" } }, { ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ port: 80 }] }] }),
    ],
    layers,
    reverse,
  );
const ALL = "All Connections";
/** Every range may open anything to every workload; q and a anything to anyone; b only TCP 80 to 9/8 and 10/8. */
const ORDER_EDGES = [
  ...[O.q, O.a, O.b].map((d) => `${O.r0} -> ${d}: ${ALL}`),
  ...[O.q, O.a, O.b].map((d) => `${O.r10} -> ${d}: ${ALL}`),
  ...[O.q, O.a, O.b].map((d) => `${O.r11} -> ${d}: ${ALL}`),
  ...[O.r0, O.r10, O.r11, O.r9, O.r6, O.a, O.b].map((d) => `${O.q} -> ${d}: ${ALL}`),
  ...[O.q, O.a, O.b].map((d) => `${O.r9} -> ${d}: ${ALL}`),
  ...[O.q, O.a, O.b].map((d) => `${O.r6} -> ${d}: ${ALL}`),
  ...[O.r0, O.r10, O.r11, O.q, O.r9, O.r6, O.b].map((d) => `${O.a} -> ${d}: ${ALL}`),
  `${O.b} -> ${O.r10}: TCP 80`,
  `${O.b} -> ${O.r9}: TCP 80`,
];
const ORDER_EGRESS_TO_RANGES = [
  ...[O.r0, O.r10, O.r11, O.r9, O.r6].map((d) => `${O.q} -> ${d}: ${ALL}`),
  ...[O.r0, O.r10, O.r11, O.r9, O.r6].map((d) => `${O.a} -> ${d}: ${ALL}`),
  `${O.b} -> ${O.r10}: TCP 80`,
  `${O.b} -> ${O.r9}: TCP 80`,
];

// ---- multiCluster ---------------------------------------------------------------------------------------------
const M = {
  r0: "0.0.0.0-9.255.255.255[External]",
  r10: "10.0.0.0-10.255.255.255[External]",
  r11: "11.0.0.0-255.255.255.255[External]",
  r6: "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External]",
  rs: "m/rs[ReplicaSet]",
  t1: "m/t1[Pod]",
  t2: "m/t2[Pod]",
};
const multiObjects = (): Obj[] => [
  ns("m"),
  owned("m", "rs-1", "rs", { app: "rs", v: "1" }, { sa: "one", ports: [{ name: "http", containerPort: 8080 }] }),
  owned("m", "rs-2", "rs", { app: "rs", v: "2" }, { sa: "two", ports: [{ name: "dns", containerPort: 53, protocol: "UDP" }], annotations: { "sidecar.istio.io/inject": "true" } }),
  pod("m", "t1", { labels: { app: "t" } }),
  pod("m", "t2", { labels: { app: "t" } }),
  // v=1 pods: TCP 80 to t. v=2 pods: TCP 443 to t, UDP 53 to 10/8, anything to v=1 pods (their own workload).
  netpol("m", "v1-out", { podSelector: { matchLabels: { v: "1" } }, policyTypes: ["Egress"], egress: [{ to: [{ podSelector: { matchLabels: { app: "t" } } }], ports: [{ port: 80 }] }] }),
  netpol("m", "v2-out", {
    podSelector: { matchLabels: { v: "2" } },
    policyTypes: ["Egress"],
    egress: [
      { to: [{ podSelector: { matchLabels: { app: "t" } } }], ports: [{ port: 443 }] },
      { to: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ protocol: "UDP", port: 53 }] },
      { to: [{ podSelector: { matchLabels: { v: "1" } } }] },
    ],
  }),
  // t admits every pod of m, and 10/8 on TCP 8080 only.
  netpol("m", "t-in", { podSelector: { matchLabels: { app: "t" } }, ingress: [{ from: [{ podSelector: {} }] }, { from: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ port: 8080 }] }] }),
];
const multiCluster = (reverse = false, layers?: LayerSelection): Connectivity => build(multiObjects(), layers, reverse);
const MULTI_EDGES = [
  `${M.r0} -> ${M.rs}: ${ALL}`,
  `${M.r10} -> ${M.rs}: ${ALL}`,
  `${M.r10} -> ${M.t1}: TCP 8080`,
  `${M.r10} -> ${M.t2}: TCP 8080`,
  `${M.r11} -> ${M.rs}: ${ALL}`,
  `${M.r6} -> ${M.rs}: ${ALL}`,
  `${M.rs} -> ${M.r10}: UDP 53`,
  `${M.rs} -> ${M.t1}: TCP 80,443`,
  `${M.rs} -> ${M.t2}: TCP 80,443`,
  ...[M.r0, M.r10, M.r11, M.r6, M.rs, M.t2].map((d) => `${M.t1} -> ${d}: ${ALL}`),
  ...[M.r0, M.r10, M.r11, M.r6, M.rs, M.t1].map((d) => `${M.t2} -> ${d}: ${ALL}`),
];

// ---- chainCluster ---------------------------------------------------------------------------------------------
const C = {
  r0: "0.0.0.0-9.255.255.255[External]",
  r10: "10.0.0.0-10.255.255.255[External]",
  r11: "11.0.0.0-11.255.255.255[External]",
  r12: "12.0.0.0-12.255.255.255[External]",
  r13: "13.0.0.0-255.255.255.255[External]",
  r6: "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External]",
  a: "c/a[Pod]",
  b: "c/b[Pod]",
  d: "c/d[Pod]",
  e: "c/e[Pod]",
};
const chainCluster = (reverse = false, layers?: LayerSelection): Connectivity => {
  const sel = (app: string): Obj => ({ podSelector: { matchLabels: { app } } });
  const port = (p: number): Obj[] => [{ port: p }];
  return build(
    [
      ns("c"),
      pod("c", "a"),
      pod("c", "b"),
      pod("c", "d"),
      pod("c", "e"),
      netpol("c", "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
      netpol("c", "a", {
        podSelector: { matchLabels: { app: "a" } },
        egress: [{ to: [sel("b")], ports: port(1) }, { to: [sel("d")], ports: port(4) }],
        ingress: [{ from: [sel("e")], ports: port(5) }, { from: [{ ipBlock: { cidr: "10.0.0.0/8" } }, { ipBlock: { cidr: "12.0.0.0/8" } }], ports: port(6) }],
      }),
      netpol("c", "b", { podSelector: { matchLabels: { app: "b" } }, egress: [{ to: [sel("d")], ports: port(2) }], ingress: [{ from: [sel("a")], ports: port(1) }] }),
      netpol("c", "d", { podSelector: { matchLabels: { app: "d" } }, egress: [{ to: [sel("e")], ports: port(3) }], ingress: [{ from: [sel("b")], ports: port(2) }, { from: [sel("a")], ports: port(4) }] }),
      netpol("c", "e", { podSelector: { matchLabels: { app: "e" } }, egress: [{ to: [sel("a")], ports: port(5) }, { to: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: port(7) }], ingress: [{ from: [sel("d")], ports: port(3) }] }),
    ],
    layers,
    reverse,
  );
};
const hop = (src: string, dst: string, port: number): string => `${src} -> ${dst}: TCP ${port}`;
const H = {
  r10a: hop(C.r10, C.a, 6),
  r12a: hop(C.r12, C.a, 6),
  ab: hop(C.a, C.b, 1),
  ad: hop(C.a, C.d, 4),
  bd: hop(C.b, C.d, 2),
  de: hop(C.d, C.e, 3),
  er10: hop(C.e, C.r10, 7),
  ea: hop(C.e, C.a, 5),
};
const CHAIN_EDGES = [H.r10a, H.r12a, H.ab, H.ad, H.bd, H.de, H.er10, H.ea];
const is =
  (...ids: string[]) =>
  (n: Node): boolean =>
    ids.includes(id(n));

describe("analyze() and the workload list", () => {
  test("a workload shows its first pod's labels, service account and named ports, every class's labels, and is meshed when any pod is", () => {
    const c = multiCluster();
    expect(c.workloads).toEqual([
      {
        id: M.rs,
        namespace: "m",
        name: "rs",
        kind: "ReplicaSet",
        labels: { app: "rs", v: "1" },
        podLabels: [
          { app: "rs", v: "1" },
          { app: "rs", v: "2" },
        ],
        serviceAccount: "one",
        meshed: true,
        namedPorts: [{ name: "http", port: 8080, protocol: "TCP" }],
      },
      { id: M.t1, namespace: "m", name: "t1", kind: "Pod", labels: { app: "t" }, podLabels: [{ app: "t" }], serviceAccount: "default", meshed: false, namedPorts: [] },
      { id: M.t2, namespace: "m", name: "t2", kind: "Pod", labels: { app: "t" }, podLabels: [{ app: "t" }], serviceAccount: "default", meshed: false, namedPorts: [] },
    ]);
    expect(c.externals.map((x) => x.id)).toEqual([M.r0, M.r10, M.r11, M.r6]);
    // The listed labels are copies: changing them changes nothing in the analysis.
    (c.workloads[0]!.labels as Record<string, string>)["v"] = "9";
    expect(multiCluster().workloads[0]!.labels).toEqual({ app: "rs", v: "1" });
  });

  test("without options every layer is analysed; with layers only those", () => {
    expect(edgeList(chainCluster())).toEqual(CHAIN_EDGES);
    expect(chainCluster().explain(w(C.a), w(C.b)).layers).toEqual(ALL_LAYERS);
    const noNp: LayerSelection = { ...ALL_LAYERS, networkPolicy: false };
    const open = chainCluster(false, noNp);
    expect(open.explain(w(C.a), w(C.b)).layers).toEqual(noNp);
    expect(open.connections(w(C.b), w(C.a)).toString()).toBe(ALL);
    expect(open.edgeCount()).toBe(6 * 4 + 4 * 6 + 4 * 3);
  });
});

describe("peers", () => {
  test("an unknown workload is an UnknownPeerError naming it, suggesting at most five ids either way round", () => {
    const objs: Obj[] = [ns("s")];
    for (const n of ["web", "web-1", "web-2", "web-3", "web-4", "web-5", "db"]) objs.push(pod("s", n));
    const c = connectivity(objs);
    const caught = (f: () => unknown): UnknownPeerError => {
      try {
        f();
      } catch (e) {
        if (e instanceof UnknownPeerError) return e;
        throw e;
      }
      throw new Error("no error");
    };
    const e1 = caught(() => c.connections(w("s/web"), w("s/db[Pod]")));
    expect(e1.name).toBe("UnknownPeerError");
    expect(e1).toBeInstanceOf(Error);
    expect(e1.message).toBe('no workload "s/web"');
    // Candidates in id order ("-" sorts before "["): s/web[Pod] is the sixth and falls off.
    expect(e1.suggestions).toEqual(["s/web-1[Pod]", "s/web-2[Pod]", "s/web-3[Pod]", "s/web-4[Pod]", "s/web-5[Pod]"]);
    // The asked id contains a known id's name part (a wrong kind): that id is suggested.
    const e2 = caught(() => c.allows(w("s/db[Pod]"), w("s/db[Deployment]"), "TCP", 80));
    expect([e2.message, e2.suggestions]).toEqual(['no workload "s/db[Deployment]"', ["s/db[Pod]"]]);
    const e3 = caught(() => c.explain(w("nope"), w("s/db[Pod]")));
    expect([e3.message, e3.suggestions]).toEqual(['no workload "nope"', []]);
    const e4 = caught(() => c.reach([w("s/x[Pod]")]));
    expect(e4.suggestions).toEqual([]);
    const e5 = caught(() => c.pathsFromEach([[w("s/web-9")]], { targets: () => true }));
    expect(e5.message).toBe('no workload "s/web-9"');
  });

  test("an external range's id named as a workload is unknown; as a NodeIds entry it selects the range", () => {
    // Workloads and ranges share one index by id (the cluster's ranking): only workloads may answer a workload peer.
    const c = chainCluster();
    const rangeId = C.r10; // allowed into c/a on port 6
    expect(c.externals.map((x) => x.id)).toContain(rangeId);
    expect(() => c.connections(w(rangeId), w(C.a))).toThrow(UnknownPeerError);
    const r = c.reach(new Set([rangeId]), { targets: new Set([C.a]) });
    expect([...r.nodes.keys()][0]).toBe(rangeId);
    expect(r.paths.get(C.a)?.map((e) => e.src.kind)).toEqual(["external"]);
  });

  test("an address is trimmed; text that is no address is an UnknownPeerError without suggestions", () => {
    const c = chainCluster();
    expect(c.connections(ip(" 10.9.9.9 "), w(C.a)).toString()).toBe("TCP 6");
    expect(c.connections(ip("12.0.0.1"), w(C.a)).toString()).toBe("TCP 6");
    expect(c.connections(ip("11.0.0.1"), w(C.a)).toString()).toBe("No Connections");
    for (const f of [() => c.connections(ip("10.1"), w(C.a)), () => c.reach([ip("10.1")]), () => c.explain(w(C.a), ip("10.1"))]) {
      let err: unknown;
      try {
        f();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UnknownPeerError);
      expect((err as UnknownPeerError).message).toBe('not an IP address: "10.1"');
      expect((err as UnknownPeerError).suggestions).toEqual([]);
    }
  });
});

describe.each([["workloads in id order", false], ["workloads reversed", true]])("connections() and allows(), %s", (_order, rev) => {
  test("a workload's connections are the union over its pod classes, in both directions", () => {
    const c = multiCluster(rev);
    expect(c.connections(w(M.rs), w(M.t1)).toString()).toBe("TCP 80,443");
    expect(c.allows(w(M.rs), w(M.t1), "TCP", 80)).toBe(true);
    expect(c.allows(w(M.rs), w(M.t1), "TCP", 443)).toBe(true);
    expect(c.allows(w(M.rs), w(M.t1), "TCP", 81)).toBe(false);
    expect(c.allows(w(M.rs), w(M.t1), "UDP", 80)).toBe(false);
    expect(c.connections(w(M.rs), ip("10.0.0.1")).toString()).toBe("UDP 53");
    expect(c.connections(w(M.rs), ip("11.0.0.1")).toString()).toBe("No Connections");
    expect(c.connections(ip("10.0.0.1"), w(M.t2)).toString()).toBe("TCP 8080");
    expect(c.connections(ip("9.0.0.1"), w(M.t2)).toString()).toBe("No Connections");
    expect(c.connections(w(M.t1), w(M.rs)).toString()).toBe(ALL);
    // A workload to itself: its v=2 pods may open anything to its v=1 pods.
    expect(c.connections(w(M.rs), w(M.rs)).toString()).toBe(ALL);
  });

  test("from one address to another nothing is ever allowed, even with no policy at all", () => {
    const c = connectivity([ns("s"), pod("s", "x")]);
    expect(c.connections(ip("1.1.1.1"), ip("2.2.2.2")).toString()).toBe("No Connections");
    expect(c.allows(ip("1.1.1.1"), ip("2.2.2.2"), "TCP", 80)).toBe(false);
    expect(c.connections(ip("1.1.1.1"), w("s/x[Pod]")).toString()).toBe(ALL);
  });
});

describe.each([["workloads in id order", false], ["workloads reversed", true]])("edges(), forEachEdge(), edgeCount(), forEachEgressToRange() and lines(), %s", (_order, rev) => {
  test("edges are listed by source id then destination id, workloads and ranges interleaved", () => {
    const c = orderCluster(rev);
    expect(edgeList(c)).toEqual(ORDER_EDGES);
    expect(forEach(c)).toEqual(ORDER_EDGES);
    expect(c.edgeCount()).toBe(31);
  });

  test("edgeCount() counted before the relation is built equals the listed count", () => {
    expect(orderCluster(rev).edgeCount()).toBe(31);
    expect(multiCluster(rev).edgeCount()).toBe(21);
    expect(chainCluster(rev).edgeCount()).toBe(8);
    const m = multiCluster(rev);
    expect(m.edgeCount()).toBe(21);
    expect(edgeList(m)).toEqual(MULTI_EDGES);
    expect(m.edgeCount()).toBe(21);
  });

  test("a workload's edge joins its classes' connections and never points back at itself; shared classes give every workload of them", () => {
    expect(edgeList(multiCluster(rev))).toEqual(MULTI_EDGES);
    expect(forEach(multiCluster(rev))).toEqual(MULTI_EDGES);
  });

  test("classes allowed to different ranges on the same ports keep their own range lists", () => {
    const objs = [
      ns("k"),
      pod("k", "p1"),
      pod("k", "p2"),
      netpol("k", "p1-out", { podSelector: { matchLabels: { app: "p1" } }, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/8" } }] }] }),
      netpol("k", "p2-out", { podSelector: { matchLabels: { app: "p2" } }, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "12.0.0.0/8" } }] }] }),
    ];
    const ranges = [C.r0, C.r10, C.r11, C.r12, C.r13, C.r6];
    const want = [...ranges.flatMap((r) => [`${r} -> k/p1[Pod]: ${ALL}`, `${r} -> k/p2[Pod]: ${ALL}`]), `k/p1[Pod] -> ${C.r10}: ${ALL}`, `k/p2[Pod] -> ${C.r12}: ${ALL}`];
    expect(egressToRanges(build(objs, undefined, rev))).toEqual(want.slice(12));
    expect(build(objs, undefined, rev).edgeCount()).toBe(14);
    expect(edgeList(build(objs, undefined, rev))).toEqual(want);
    expect(reached(build(objs, undefined, rev).reach([w("k/p2[Pod]")], { through: () => false }))).toEqual(["k/p2[Pod] 0", `${C.r12} 1 <- k/p2[Pod] -> ${C.r12}: ${ALL}`]);
  });

  test("a source with ranges but no workload destinations lists them all, also with workload ids sorting between them", () => {
    // 1a/p and 1a/q sort between 11.0.0.0-... and 9.0.0.0-...; z/b may open TCP 80 to 10/8 and 9/8 only.
    const objs = [
      ns("z"),
      ns("1a"),
      pod("1a", "p"),
      pod("1a", "q"),
      pod("z", "b"),
      netpol("z", "b-out", { podSelector: { matchLabels: { app: "b" } }, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "9.0.0.0/8" } }, { ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ port: 80 }] }] }),
    ];
    expect(reached(build(objs, undefined, rev).reach([w(O.b)]))).toEqual([
      `${O.b} 0`, `${O.r10} 1 <- ${O.b} -> ${O.r10}: TCP 80`, `${O.r9} 1 <- ${O.b} -> ${O.r9}: TCP 80`, `1a/p[Pod] 2 <- ${O.r10} -> 1a/p[Pod]: ${ALL}`,
      `${O.q} 2 <- ${O.r10} -> ${O.q}: ${ALL}`,
      // The ranges b may not open, reached from 1a/p (first in id order) through every node.
      ...[O.r0, O.r11, O.r6].map((r) => `${r} 3 <- 1a/p[Pod] -> ${r}: ${ALL}`),
    ]);
    expect(edgeList(build(objs, undefined, rev)).filter((e) => e.startsWith(O.b))).toEqual([`${O.b} -> ${O.r10}: TCP 80`, `${O.b} -> ${O.r9}: TCP 80`]);
  });

  test("forEachEgressToRange() gives the workload -> range edges in edges() order, before and after the relation is built", () => {
    const c = orderCluster(rev);
    expect(egressToRanges(c)).toEqual(ORDER_EGRESS_TO_RANGES);
    expect(edgeList(c)).toEqual(ORDER_EDGES);
    expect(egressToRanges(c)).toEqual(ORDER_EGRESS_TO_RANGES);
    expect(egressToRanges(multiCluster(rev))).toEqual([`${M.rs} -> ${M.r10}: UDP 53`, ...[M.r0, M.r10, M.r11, M.r6].map((d) => `${M.t1} -> ${d}: ${ALL}`), ...[M.r0, M.r10, M.r11, M.r6].map((d) => `${M.t2} -> ${d}: ${ALL}`)]);
    expect(egressToRanges(chainCluster(rev))).toEqual([H.er10]);
  });

  test("edges() is built once; forEachEdge() hands out the same node objects", () => {
    const c = chainCluster(rev);
    const first = c.edges();
    expect(c.edges()).toBe(first);
    let i = 0;
    c.forEachEdge((s, d, cs) => {
      expect(s).toBe(first[i]!.src);
      expect(d).toBe(first[i]!.dst);
      expect(cs).toBe(first[i]!.conns);
      i++;
    });
    expect(i).toBe(8);
    // Node objects are shared across edges: one object per workload.
    expect(first[2]!.src).toBe(first[3]!.src);
    expect(first[0]!.dst).toBe(first[2]!.src);
  });

  test("lines() prints every edge as `src => dst : conns`, sorted", () => {
    expect(chainCluster(rev).lines()).toEqual(CHAIN_EDGES.map((e) => e.replace(" -> ", " => ").replace(": ", " : ")));
    expect(multiCluster(rev).lines()).toEqual(MULTI_EDGES.map((e) => e.replace(" -> ", " => ").replace(": ", " : ")).sort());
  });

  test("the same answers whatever was asked first, on every cluster", () => {
    type Query = (c: Connectivity) => unknown;
    const queries: [string, Query][] = [
      ["edgeCount", (c) => c.edgeCount()],
      ["egress", (c) => egressToRanges(c)],
      ["reach", (c) => reached(c.reach((n) => n.kind === "workload"))],
      ["reachRange", (c) => reached(c.reach((n) => n.kind === "external"))],
      ["explain", (c) => c.explain(w(c.workloads[0]!.id), ip("10.0.0.1")).allowed.toString()],
      ["edges", (c) => edgeList(c)],
      ["lines", (c) => c.lines()],
    ];
    for (const cluster of [orderCluster, multiCluster, chainCluster]) {
      const make = (): Connectivity => cluster(rev);
      const want = queries.map(([, q]) => q(make()));
      for (let k = 0; k < queries.length; k++) {
        const c = make();
        const order = [...queries.slice(k), ...queries.slice(0, k)];
        const got = new Map(order.map(([name, q]) => [name, q(c)]));
        expect(queries.map(([name]) => got.get(name))).toEqual(want);
      }
      const reversed = make();
      const got = [...queries].reverse().map(([, q]) => q(reversed));
      expect(got.reverse()).toEqual(want);
    }
  });
});

describe.each([["workloads in id order", false], ["workloads reversed", true]])("reach(), %s", (_order, rev) => {
  test("from one source with no options: every node reached, breadth first, neighbours in id order, no paths", () => {
    const r = chainCluster(rev).reach([w(C.a)]);
    expect(reached(r)).toEqual([`${C.a} 0`, `${C.b} 1 <- ${H.ab}`, `${C.d} 1 <- ${H.ad}`, `${C.e} 2 <- ${H.de}`, `${C.r10} 3 <- ${H.er10}`]);
    expect(pathList(r.paths)).toEqual([]);
    // nodes is built once.
    expect(r.nodes).toBe(r.nodes);
  });

  test("targets get one shortest path each, in discovery order; a source is a target only through a hop", () => {
    const r = chainCluster(rev).reach([w(C.a)], { targets: is(C.a, C.e, C.b, C.r12) });
    expect(pathList(r.paths)).toEqual([
      [C.b, [H.ab]],
      [C.e, [H.ad, H.de]],
      [C.a, [H.ad, H.de, H.ea]],
    ]);
    expect(reached(r)).toEqual([`${C.a} 0`, `${C.b} 1 <- ${H.ab}`, `${C.d} 1 <- ${H.ad}`, `${C.e} 2 <- ${H.de}`, `${C.r10} 3 <- ${H.er10}`]);
  });

  test("several sources that are targets: each is recorded through the first hop into it", () => {
    const r = chainCluster(rev).reach([w(C.e), w(C.a)], { targets: is(C.a, C.e) });
    expect(pathList(r.paths)).toEqual([
      [C.a, [H.ea]],
      [C.e, [H.ad, H.de]],
    ]);
    expect(reached(r)).toEqual([`${C.a} 0`, `${C.e} 0`, `${C.b} 1 <- ${H.ab}`, `${C.d} 1 <- ${H.ad}`, `${C.r10} 1 <- ${H.er10}`]);
  });

  test("untilTargets stops once every target has a path; without it the search goes on", () => {
    const c = chainCluster(rev);
    const stopped = c.reach([w(C.a)], { targets: is(C.d), untilTargets: true });
    expect(pathList(stopped.paths)).toEqual([[C.d, [H.ad]]]);
    expect(reached(stopped)).toEqual([`${C.a} 0`, `${C.b} 1 <- ${H.ab}`, `${C.d} 1 <- ${H.ad}`]);
    const full = c.reach([w(C.a)], { targets: is(C.d), untilTargets: false });
    expect(pathList(full.paths)).toEqual([[C.d, [H.ad]]]);
    expect(reached(full)).toEqual([`${C.a} 0`, `${C.b} 1 <- ${H.ab}`, `${C.d} 1 <- ${H.ad}`, `${C.e} 2 <- ${H.de}`, `${C.r10} 3 <- ${H.er10}`]);
    // No target at all: nothing to wait for, only the sources are reached.
    expect(reached(c.reach([w(C.a)], { untilTargets: true }))).toEqual([`${C.a} 0`]);
    // A target that is never reached: the search runs to the end.
    const never = c.reach([w(C.b)], { targets: is(C.r12), untilTargets: true });
    expect(pathList(never.paths)).toEqual([]);
    expect(reached(never)).toEqual([`${C.b} 0`, `${C.d} 1 <- ${H.bd}`, `${C.e} 2 <- ${H.de}`, `${C.r10} 3 <- ${H.er10}`, `${C.a} 3 <- ${H.ea}`]);
  });

  test("untilTargets skips dead ends: a node neither a target nor passed through is never reached, and the paths are the same", () => {
    const c = chainCluster(rev);
    const workloads = (n: Node) => n.kind === "workload";
    const full = c.reach([w(C.b)], { through: workloads, targets: is(C.a) });
    expect(reached(full)).toEqual([`${C.b} 0`, `${C.d} 1 <- ${H.bd}`, `${C.e} 2 <- ${H.de}`, `${C.r10} 3 <- ${H.er10}`, `${C.a} 3 <- ${H.ea}`]);
    const stopped = c.reach([w(C.b)], { through: workloads, targets: is(C.a), untilTargets: true });
    expect(pathList(stopped.paths)).toEqual(pathList(full.paths));
    expect(pathList(stopped.paths)).toEqual([[C.a, [H.bd, H.de, H.ea]]]);
    // R10 is discovered before a (ids in order) but leads nowhere a path may go.
    expect(reached(stopped)).toEqual([`${C.b} 0`, `${C.d} 1 <- ${H.bd}`, `${C.e} 2 <- ${H.de}`, `${C.a} 3 <- ${H.ea}`]);
    // A range that is a target is no dead end.
    const toRange = c.reach([w(C.b)], { through: workloads, targets: is(C.r10, C.a), untilTargets: true });
    expect(pathList(toRange.paths)).toEqual([
      [C.r10, [H.bd, H.de, H.er10]],
      [C.a, [H.bd, H.de, H.ea]],
    ]);
  });

  test("through: sources always expand; other nodes only when allowed", () => {
    const c = chainCluster(rev);
    expect(reached(c.reach([w(C.a)], { through: () => false }))).toEqual([`${C.a} 0`, `${C.b} 1 <- ${H.ab}`, `${C.d} 1 <- ${H.ad}`]);
    expect(reached(c.reach([w(C.a)], { through: (n) => id(n) !== C.d }))).toEqual([`${C.a} 0`, `${C.b} 1 <- ${H.ab}`, `${C.d} 1 <- ${H.ad}`]);
    expect(reached(c.reach([w(C.b)], { through: (n) => n.kind === "workload" }))).toEqual([`${C.b} 0`, `${C.d} 1 <- ${H.bd}`, `${C.e} 2 <- ${H.de}`, `${C.r10} 3 <- ${H.er10}`, `${C.a} 3 <- ${H.ea}`]);
    // Through ranges: from e, R10 is passed and leads to a in two hops, but e -> a is one.
    const viaRange = c.reach([w(C.e)], { through: (n) => n.kind === "external", targets: is(C.a, C.b) });
    expect(pathList(viaRange.paths)).toEqual([[C.a, [H.ea]]]);
    expect(reached(viaRange)).toEqual([`${C.e} 0`, `${C.r10} 1 <- ${H.er10}`, `${C.a} 1 <- ${H.ea}`]);
  });

  test("enter: a node that may not be entered is never reached, nor anything only behind it", () => {
    const c = chainCluster(rev);
    expect(reached(c.reach([w(C.a)], { enter: (n) => id(n) !== C.d }))).toEqual([`${C.a} 0`, `${C.b} 1 <- ${H.ab}`]);
    // A source that may not be entered is still a source, but never a target.
    const r = c.reach([w(C.a)], { enter: (n) => id(n) !== C.a, targets: is(C.a, C.e) });
    expect(pathList(r.paths)).toEqual([[C.e, [H.ad, H.de]]]);
    expect(reached(r)).toEqual([`${C.a} 0`, `${C.b} 1 <- ${H.ab}`, `${C.d} 1 <- ${H.ad}`, `${C.e} 2 <- ${H.de}`, `${C.r10} 3 <- ${H.er10}`]);
  });

  test("usable: hops it refuses are not taken, for targets and for other nodes", () => {
    const c = chainCluster(rev);
    const r = c.reach([w(C.a)], { usable: (e) => !e.conns.has("TCP", 4), targets: is(C.e, C.a) });
    expect(reached(r)).toEqual([`${C.a} 0`, `${C.b} 1 <- ${H.ab}`, `${C.d} 2 <- ${H.bd}`, `${C.e} 3 <- ${H.de}`, `${C.r10} 4 <- ${H.er10}`]);
    expect(pathList(r.paths)).toEqual([
      [C.e, [H.ab, H.bd, H.de]],
      [C.a, [H.ab, H.bd, H.de, H.ea]],
    ]);
    // A refused hop into a target: the target is not recorded through it.
    const r2 = c.reach([w(C.e)], { usable: (e) => id(e.dst) !== C.a, targets: is(C.a, C.r10) });
    expect(pathList(r2.paths)).toEqual([[C.r10, [H.er10]]]);
    expect(reached(r2)).toEqual([`${C.e} 0`, `${C.r10} 1 <- ${H.er10}`]);
    // usable is asked about every hop considered, with the hop's own connections.
    const asked: string[] = [];
    c.reach([w(C.d)], {
      usable: (e) => {
        asked.push(fmt(e));
        return true;
      },
    });
    // (a -> d is not asked: d is the source, reached already.)
    expect(asked).toEqual([H.de, H.er10, H.ea, H.ab]);
  });

  test("sources as a predicate start in id order, so the first of equally short paths is from the first source", () => {
    const c = chainCluster(rev);
    const r = c.reach((n) => n.kind === "external", { targets: is(C.a, C.e) });
    expect(pathList(r.paths)).toEqual([
      [C.a, [H.r10a]],
      [C.e, [H.r10a, H.ad, H.de]],
    ]);
    expect(reached(r)).toEqual([
      `${C.r0} 0`,
      `${C.r10} 0`,
      `${C.r11} 0`,
      `${C.r12} 0`,
      `${C.r13} 0`,
      `${C.r6} 0`,
      `${C.a} 1 <- ${H.r10a}`,
      `${C.b} 2 <- ${H.ab}`,
      `${C.d} 2 <- ${H.ad}`,
      `${C.e} 3 <- ${H.de}`,
    ]);
    // The same sources as a list, given in another order.
    const listed = c.reach([ip("13.0.0.1"), ip("::1"), ip("12.0.0.1"), ip("11.0.0.1"), ip("10.0.0.1"), ip("0.0.0.1")], { targets: is(C.a, C.e) });
    expect(pathList(listed.paths)).toEqual(pathList(r.paths));
    expect(reached(listed)).toEqual(reached(r));
    // Ranges are started in id order, not address order: 10/8 before 9/8, and 1a/q between them.
    const o = orderCluster(rev).reach((n) => n.kind === "external", { through: () => false, targets: is(O.b) });
    expect(reached(o)).toEqual([`${O.r0} 0`, `${O.r10} 0`, `${O.r11} 0`, `${O.r9} 0`, `${O.r6} 0`, `${O.q} 1 <- ${O.r0} -> ${O.q}: ${ALL}`, `${O.a} 1 <- ${O.r0} -> ${O.a}: ${ALL}`, `${O.b} 1 <- ${O.r0} -> ${O.b}: ${ALL}`]);
  });

  test("after edges(), reach() hands out the very Edge objects edges() lists", () => {
    const c = chainCluster(rev);
    const all = c.edges();
    const r = c.reach([ip("10.0.0.1")], { targets: is(C.e) });
    const path = r.paths.get(C.e)!;
    expect(path.map(fmt)).toEqual([H.r10a, H.ad, H.de]);
    expect(path[0]).toBe(all[0]);
    expect(path[1]).toBe(all[3]);
    expect(path[2]).toBe(all[5]);
    expect(r.nodes.get(C.e)!.via).toBe(all[5]);
    // And the other way round: edges() after reach() keeps the range's Edge objects reach() handed out.
    const c2 = chainCluster(rev);
    const r2 = c2.reach([ip("12.0.0.1")], { targets: is(C.a) });
    const hop0 = r2.paths.get(C.a)![0]!;
    expect(fmt(hop0)).toBe(H.r12a);
    expect(c2.edges()[1]).toBe(hop0);
    expect(edgeList(c2)).toEqual(CHAIN_EDGES);
  });

  test("a source-and-target sharing its class with another workload is still found from a later source", () => {
    // m1 and m2 share one class; m1 expands first and reaches m2, yet x (a later source) must still see its edge to m1.
    const objs = [ns("s"), pod("s", "m1", { labels: { app: "same" } }), pod("s", "m2", { labels: { app: "same" } }), pod("s", "x")];
    const v4 = "0.0.0.0-255.255.255.255[External]";
    const v6 = "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External]";
    const r = build(objs, undefined, rev).reach([w("s/x[Pod]"), w("s/m1[Pod]")], { targets: is("s/m1[Pod]") });
    expect(pathList(r.paths)).toEqual([["s/m1[Pod]", [`s/x[Pod] -> s/m1[Pod]: ${ALL}`]]]);
    expect(reached(r)).toEqual(["s/m1[Pod] 0", "s/x[Pod] 0", `${v4} 1 <- s/m1[Pod] -> ${v4}: ${ALL}`, `${v6} 1 <- s/m1[Pod] -> ${v6}: ${ALL}`, `s/m2[Pod] 1 <- s/m1[Pod] -> s/m2[Pod]: ${ALL}`]);
  });

  test("multi-class workloads: an expansion sees every class of a workload still to be reached", () => {
    const c = multiCluster(rev);
    const r = c.reach([ip("10.0.0.1")], { through: (n) => n.kind === "workload", targets: is(M.t2, M.r11) });
    expect(pathList(r.paths)).toEqual([
      [M.t2, [`${M.r10} -> ${M.t2}: TCP 8080`]],
      // rs (first in id order) leads to no range but 10/8; t1 leads to 11/8 and up.
      [M.r11, [`${M.r10} -> ${M.t1}: TCP 8080`, `${M.t1} -> ${M.r11}: ${ALL}`]],
    ]);
    const fromRs = multiCluster(rev).reach([w(M.rs)], { targets: is(M.rs, M.t2) });
    expect(pathList(fromRs.paths)).toEqual([
      [M.t2, [`${M.rs} -> ${M.t2}: TCP 80,443`]],
      [M.rs, [`${M.rs} -> ${M.r10}: UDP 53`, `${M.r10} -> ${M.rs}: ${ALL}`]],
    ]);
    expect(reached(fromRs)).toEqual([
      `${M.rs} 0`,
      `${M.r10} 1 <- ${M.rs} -> ${M.r10}: UDP 53`,
      `${M.t1} 1 <- ${M.rs} -> ${M.t1}: TCP 80,443`,
      `${M.t2} 1 <- ${M.rs} -> ${M.t2}: TCP 80,443`,
      `${M.r0} 2 <- ${M.t1} -> ${M.r0}: ${ALL}`,
      `${M.r11} 2 <- ${M.t1} -> ${M.r11}: ${ALL}`,
      `${M.r6} 2 <- ${M.t1} -> ${M.r6}: ${ALL}`,
    ]);
  });
});

describe.each([["workloads in id order", false], ["workloads reversed", true]])("pathsFromEach(), %s", (_order, rev) => {
  const throughWorkloads = (n: Node): boolean => n.kind === "workload";
  const groups: Peer[][] = [[ip("10.0.0.1")], [ip("12.0.0.1")], [ip("1.1.1.1")], [w(C.b)], [w(C.e), ip("1.1.1.1")], [w(C.d)], [ip("10.200.0.1")], []];

  test("one map of shortest paths per group, each what reach(group, untilTargets) finds", () => {
    const c = chainCluster(rev);
    const got = c.pathsFromEach(groups, { targets: is(C.d), through: throughWorkloads });
    const want: [string, string[]][][] = [
      [[C.d, [H.r10a, H.ad]]],
      // 12/8 has the same edges as 10/8: the path is 10/8's with the first hop from 12/8.
      [[C.d, [H.r12a, H.ad]]],
      [],
      [[C.d, [H.bd]]],
      [[C.d, [H.ea, H.ad]]],
      [[C.d, [H.de, H.ea, H.ad]]],
      [[C.d, [H.r10a, H.ad]]],
      [],
    ];
    expect(got.map(pathList)).toEqual(want);
    const fresh = chainCluster(rev);
    expect(groups.map((g) => pathList(fresh.reach(g, { targets: is(C.d), through: throughWorkloads, untilTargets: true }).paths))).toEqual(want);
    // Groups that can reach no target get a map of their own, empty.
    expect(got[2]!.size).toBe(0);
    expect(got[2]).not.toBe(got[7]);
  });

  test("a shared search copies the twin's hops but starts them at the group's own range", () => {
    const c = chainCluster(rev);
    const [p10, p12] = c.pathsFromEach([[ip("10.0.0.1")], [ip("12.0.0.1")]], { targets: is(C.e), through: throughWorkloads });
    expect(pathList(p10!)).toEqual([[C.e, [H.r10a, H.ad, H.de]]]);
    expect(pathList(p12!)).toEqual([[C.e, [H.r12a, H.ad, H.de]]]);
    expect(p12!.get(C.e)![0]!.src.kind).toBe("external");
    expect(p12!.get(C.e)![1]).toBe(p10!.get(C.e)![1]);
  });

  test("a group of several nodes gets a search of its own; lone workloads' searches keep to `through`", () => {
    const c = chainCluster(rev);
    const got = c.pathsFromEach([[ip("10.0.0.1")], [ip("10.0.0.2"), w(C.b)], [ip("12.0.0.1")]], { targets: is(C.d), through: throughWorkloads });
    expect(got.map(pathList)).toEqual([[[C.d, [H.r10a, H.ad]]], [[C.d, [H.bd]]], [[C.d, [H.r12a, H.ad]]]]);
    // b may not be passed: a's and e's searches are their own, whatever b's edges are.
    const noB = c.pathsFromEach([[w(C.a)], [w(C.e)], [w(C.b)]], { targets: is(C.d), through: (n) => n.kind === "workload" && id(n) !== C.b });
    expect(noB.map(pathList)).toEqual([[[C.d, [H.ad]]], [[C.d, [H.ea, H.ad]]], [[C.d, [H.bd]]]]);
  });

  test("lone workloads with the same edges share a search, though each turns up in the other's as an ordinary node", () => {
    // v1 and v2 differ only in a label no policy reads: both open TCP 1 to a, which opens TCP 2 to t and TCP 3 back to both.
    const V = { v1: "c/v1[Pod]", v2: "c/v2[Pod]", a: "c/a[Pod]", t: "c/t[Pod]", x: "c/x[Pod]" };
    const sel = (app: string): Obj => ({ podSelector: { matchLabels: { app } } });
    const twins = (): Connectivity =>
      build(
        [
          ns("c"),
          pod("c", "v1", { labels: { app: "v", i: "1" } }),
          pod("c", "v2", { labels: { app: "v", i: "2" } }),
          pod("c", "a"),
          pod("c", "t"),
          pod("c", "x"),
          netpol("c", "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
          netpol("c", "v", { podSelector: sel("v").podSelector, egress: [{ to: [sel("a")], ports: [{ port: 1 }] }], ingress: [{ from: [sel("a")], ports: [{ port: 3 }] }] }),
          netpol("c", "a", {
            podSelector: sel("a").podSelector,
            ingress: [{ from: [sel("v")], ports: [{ port: 1 }] }],
            egress: [{ to: [sel("t")], ports: [{ port: 2 }] }, { to: [sel("v")], ports: [{ port: 3 }] }],
          }),
          netpol("c", "t", { podSelector: sel("t").podSelector, ingress: [{ from: [sel("a")], ports: [{ port: 2 }] }] }),
        ],
        undefined,
        rev,
      );
    const through = (n: Node): boolean => n.kind === "workload";
    const groups = [[w(V.v1)], [w(V.v2)], [w(V.x)]];
    const got = twins().pathsFromEach(groups, { targets: is(V.t), through });
    expect(got.map(pathList)).toEqual([[[V.t, [hop(V.v1, V.a, 1), hop(V.a, V.t, 2)]]], [[V.t, [hop(V.v2, V.a, 1), hop(V.a, V.t, 2)]]], []]);
    // Each is what a search of its own finds (in which the other workload is reached, through a, and goes nowhere new).
    const fresh = twins();
    expect(groups.map((g) => pathList(fresh.reach(g, { targets: is(V.t), through, untilTargets: true }).paths))).toEqual(got.map(pathList));
    expect(fresh.reach([w(V.v1)], { through }).nodes.get(V.v2)?.depth).toBe(2);
    // Shared: the second search is the first's, from its own first hop.
    expect(got[1]!.get(V.t)![1]).toBe(got[0]!.get(V.t)![1]);
    expect(got[1]!.get(V.t)![0]!.src).toEqual({ kind: "workload", id: V.v2 });
    // A target is never a shared root: with v2 a target, v1's search records v2 and v2's own search is its own.
    const withTarget = twins().pathsFromEach(groups, { targets: is(V.t, V.v2), through });
    expect(withTarget.map(pathList)).toEqual([
      [
        [V.t, [hop(V.v1, V.a, 1), hop(V.a, V.t, 2)]],
        [V.v2, [hop(V.v1, V.a, 1), hop(V.a, V.v2, 3)]],
      ],
      [[V.t, [hop(V.v2, V.a, 1), hop(V.a, V.t, 2)]], [V.v2, [hop(V.v2, V.a, 1), hop(V.a, V.v2, 3)]]],
      [],
    ]);
  });

  test("with usable, a lone range is searched on its own (its first hop may be refused)", () => {
    const c = chainCluster(rev);
    const got = c.pathsFromEach([[ip("10.0.0.1")], [ip("12.0.0.1")], [w(C.a)]], { targets: is(C.d), through: throughWorkloads, usable: (e) => id(e.src) !== C.r12 });
    expect(got.map(pathList)).toEqual([[[C.d, [H.r10a, H.ad]]], [], [[C.d, [H.ad]]]]);
  });

  test("enter: a group whose only way to a target passes a node it may not enter gets nothing", () => {
    const c = chainCluster(rev);
    const got = c.pathsFromEach([[w(C.a)], [w(C.d)], [w(C.b)], [ip("10.0.0.1")]], { targets: is(C.e), enter: (n) => id(n) !== C.d });
    expect(got.map(pathList)).toEqual([[], [[C.e, [H.de]]], [], []]);
    const reachable = c.pathsFromEach([[w(C.a)], [w(C.b)]], { targets: is(C.e), enter: (n) => id(n) !== C.b });
    expect(reachable.map(pathList)).toEqual([[[C.e, [H.ad, H.de]]], [[C.e, [H.bd, H.de]]]]);
  });

  test("through defaults to every node; a target range is found back through a hop", () => {
    const c = chainCluster(rev);
    expect(c.pathsFromEach([[ip("10.0.0.1")], [ip("12.0.0.1")], [ip("11.0.0.1")]], { targets: is(C.d) }).map(pathList)).toEqual([[[C.d, [H.r10a, H.ad]]], [[C.d, [H.r12a, H.ad]]], []]);
    const toRange = c.pathsFromEach([[ip("10.0.0.1")], [ip("12.0.0.1")], [w(C.b)], [w(C.a), w(C.b)]], { targets: is(C.r10), through: throughWorkloads });
    expect(toRange.map(pathList)).toEqual([
      [[C.r10, [H.r10a, H.ad, H.de, H.er10]]],
      [[C.r10, [H.r12a, H.ad, H.de, H.er10]]],
      [[C.r10, [H.bd, H.de, H.er10]]],
      [[C.r10, [H.ad, H.de, H.er10]]],
    ]);
    // Several targets: each group stops only when all are found, paths in discovery order.
    const two = c.pathsFromEach([[w(C.b)], [w(C.a)]], { targets: is(C.a, C.d), through: throughWorkloads });
    expect(two.map(pathList)).toEqual([
      [
        [C.d, [H.bd]],
        [C.a, [H.bd, H.de, H.ea]],
      ],
      [
        [C.d, [H.ad]],
        [C.a, [H.ad, H.de, H.ea]],
      ],
    ]);
  });

  test("groups reaching a target only over several hops are searched; nodes only targets' predecessors via non-through nodes are not", () => {
    const c = chainCluster(rev);
    // Target a; through: not e. Only e leads into a (besides the ranges), so only e and the ranges can reach a.
    const got = c.pathsFromEach([[w(C.d)], [w(C.e)], [ip("10.0.0.1")], [w(C.b)], [w(C.a)]], { targets: is(C.a), through: (n) => id(n) !== C.e });
    expect(got.map(pathList)).toEqual([[], [[C.a, [H.ea]]], [[C.a, [H.r10a]]], [], []]);
    // Through everything: d -> e -> a, b -> d -> e -> a, a -> d -> e -> a.
    const open = c.pathsFromEach([[w(C.d)], [w(C.b)], [w(C.a)], [ip("1.1.1.1")]], { targets: is(C.a) });
    expect(open.map(pathList)).toEqual([[[C.a, [H.de, H.ea]]], [[C.a, [H.bd, H.de, H.ea]]], [[C.a, [H.ad, H.de, H.ea]]], []]);
  });
});

describe("explain()", () => {
  test("one part per pair of classes, labelled by pod labels, each with both sides and Istio", () => {
    const c = multiCluster();
    const ex = c.explain(w(M.rs), w(M.t1));
    expect(Object.keys(ex).sort()).toEqual(["allowed", "dst", "layers", "parts", "src"]);
    expect([ex.src, ex.dst, ex.allowed.toString(), ex.layers]).toEqual([M.rs, M.t1, "TCP 80,443", ALL_LAYERS]);
    expect(ex.parts.map((p) => [p.srcPods, p.dstPods, p.allowed.toString(), Object.keys(p).sort()])).toEqual([
      ["pods labelled {app=rs,v=1}", "pods labelled {app=t}", "TCP 80", ["allowed", "dstPods", "egress", "ingress", "istio", "srcPods"]],
      ["pods labelled {app=rs,v=2}", "pods labelled {app=t}", "TCP 443", ["allowed", "dstPods", "egress", "ingress", "istio", "srcPods"]],
    ]);
    const p0 = ex.parts[0]!;
    expect([p0.egress!.direction, p0.egress!.allowed.toString(), p0.egress!.tiers.map((t) => [t.tier, t.selects])]).toEqual([
      "egress",
      "TCP 80",
      [
        ["AdminNetworkPolicy", false],
        ["NetworkPolicy", true],
        ["BaselineAdminNetworkPolicy", false],
      ],
    ]);
    expect([p0.ingress!.direction, p0.ingress!.allowed.toString(), p0.ingress!.tiers.map((t) => [t.tier, t.selects, t.hits.map((h) => h.rule)])]).toEqual([
      "ingress",
      ALL,
      [
        ["AdminNetworkPolicy", false, []],
        ["NetworkPolicy", true, ["ingress[0]"]],
        ["BaselineAdminNetworkPolicy", false, []],
      ],
    ]);
    expect(p0.istio).toEqual({ enabled: true, meshed: false, modes: [], hits: [], allowPoliciesApply: false, allowed: ConnSet.all });
  });

  test("from a range there is no egress side; to a range no ingress side and no Istio", () => {
    const c = multiCluster();
    const fromRange = c.explain(ip("10.0.0.1"), w(M.rs));
    expect([fromRange.src, fromRange.dst, fromRange.allowed.toString()]).toEqual([M.r10, M.rs, ALL]);
    expect(fromRange.parts.map((p) => [p.srcPods, p.dstPods, p.allowed.toString(), Object.keys(p).sort(), p.istio!.meshed, p.istio!.enabled])).toEqual([
      [M.r10, "pods labelled {app=rs,v=1}", ALL, ["allowed", "dstPods", "ingress", "istio", "srcPods"], false, true],
      [M.r10, "pods labelled {app=rs,v=2}", ALL, ["allowed", "dstPods", "ingress", "istio", "srcPods"], true, true],
    ]);
    const toRange = c.explain(w(M.t1), ip("10.0.0.1"), { protocol: "UDP", port: 53 });
    expect([toRange.src, toRange.dst, toRange.allowed.toString(), toRange.query, toRange.verdict]).toEqual([M.t1, M.r10, ALL, { protocol: "UDP", port: 53 }, true]);
    expect(toRange.parts.map((p) => [p.srcPods, p.dstPods, Object.keys(p).sort(), p.egress!.direction, p.egress!.allowed.toString()])).toEqual([
      ["pods labelled {app=t}", M.r10, ["allowed", "dstPods", "egress", "srcPods"], "egress", ALL],
    ]);
    const rsOut = c.explain(w(M.rs), ip("10.0.0.1"));
    expect(rsOut.parts.map((p) => [p.srcPods, p.allowed.toString(), p.egress!.allowed.toString()])).toEqual([
      ["pods labelled {app=rs,v=1}", "No Connections", "No Connections"],
      ["pods labelled {app=rs,v=2}", "UDP 53", "UDP 53"],
    ]);
  });

  test("between two ranges: no parts, nothing allowed, and a query's verdict is false", () => {
    const ex = multiCluster().explain(ip("1.1.1.1"), ip("10.0.0.1"), { protocol: "TCP", port: 80 });
    expect(ex).toEqual({ src: M.r0, dst: M.r10, query: { protocol: "TCP", port: 80 }, verdict: false, layers: ALL_LAYERS, allowed: ConnSet.empty, parts: [] });
  });

  test("a query adds its verdict; answers are memoised per pair and query", () => {
    const c = multiCluster();
    const plain = c.explain(w(M.rs), w(M.t2));
    expect("verdict" in plain || "query" in plain).toBe(false);
    const q80 = c.explain(w(M.rs), w(M.t2), { protocol: "TCP", port: 80 });
    const q81 = c.explain(w(M.rs), w(M.t2), { protocol: "TCP", port: 81 });
    const u80 = c.explain(w(M.rs), w(M.t2), { protocol: "UDP", port: 80 });
    expect([q80.verdict, q81.verdict, u80.verdict]).toEqual([true, false, false]);
    expect([q80.query, q81.query, u80.query]).toEqual([
      { protocol: "TCP", port: 80 },
      { protocol: "TCP", port: 81 },
      { protocol: "UDP", port: 80 },
    ]);
    expect(c.explain(w(M.rs), w(M.t2))).toBe(plain);
    expect(c.explain(w(M.rs), w(M.t2), { protocol: "TCP", port: 80 })).toBe(q80);
    expect(c.explain(w(M.t2), w(M.rs))).not.toBe(plain);
    expect(c.explain(w(M.t2), w(M.rs)).src).toBe(M.t2);
    // The same range named by two addresses is one peer.
    expect(c.explain(ip("10.0.0.1"), w(M.t1))).toBe(c.explain(ip("10.255.0.1"), w(M.t1)));
  });

  test("Istio's part says whether the layer is on", () => {
    const off = multiCluster(false, { ...ALL_LAYERS, istio: "off" }).explain(w(M.t1), w(M.rs));
    expect(off.parts.map((p) => [p.dstPods, p.istio!.enabled, p.istio!.meshed])).toEqual([
      ["pods labelled {app=rs,v=1}", false, false],
      ["pods labelled {app=rs,v=2}", false, true],
    ]);
    const on = multiCluster().explain(w(M.t1), w(M.rs));
    expect(on.parts.map((p) => [p.istio!.enabled, p.istio!.meshed, p.istio!.allowed.toString()])).toEqual([
      [true, false, ALL],
      [true, true, ALL],
    ]);
  });
});
