/**
 * Cases found by the eighteenth session's mutation run of connectivity.ts
 * (docs/robustness.md). Every cluster is small and hand-built: default deny
 * in its namespace, then one port per allowed hop, so the relation can be
 * written out by hand. Each hand-written relation is checked first against
 * the independent reference evaluator (src/core/reference), pair by pair and
 * port by port; the analyzer's answers are then compared with the hand-worked
 * edges, counts and shortest paths, never with its own output.
 */
import * as Analyze from "../../src/core/analyze";
import { ALL_LAYERS, type Connectivity, type Edge, type Node, type Peer, UnknownPeerError } from "../../src/core/analyze";
import type * as IntHash from "../../src/core/analyze/int-hash";
import { prepareReference, type Protocol } from "../../src/core/reference";
import { connectivity, docs, ip, netpol, ns, pod, w } from "./helpers";

type Obj = Record<string, unknown>;

const id = (n: Node): string => (n.kind === "workload" ? n.id : n.range.id);
const fmt = (e: Edge): string => `${id(e.src)} -> ${id(e.dst)}: ${e.conns.toString()}`;
const pathList = (paths: ReadonlyMap<string, readonly Edge[]>): [string, string[]][] => [...paths].map(([k, p]) => [k, p.map(fmt)]);
const is =
  (...ids: string[]) =>
  (n: Node): boolean =>
    ids.includes(id(n));

/** A pod of a ReplicaSet (several pod shapes make one workload of several classes). */
function owned(namespace: string, name: string, owner: string, labels: Record<string, string>): Obj {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, labels, ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: owner, controller: true, uid: `u-${owner}` }] },
    spec: { containers: [{ name: "c", image: "i", ports: [] }] },
  };
}

/** One allowed hop: from the pods labelled `from` to those labelled `to` (or to/from an ipBlock), on one TCP port. */
interface Hop {
  readonly from: Record<string, string> | string;
  readonly to: Record<string, string> | string;
  readonly port: number;
}

/**
 * Default deny in both directions for the namespace, then one policy per hop: the egress rule on the source's
 * pods and the ingress rule on the destination's (a side that is an ipBlock gets no rule of its own).
 */
function hopPolicies(namespace: string, hops: readonly Hop[]): Obj[] {
  const peer = (side: Record<string, string> | string): Obj => (typeof side === "string" ? { ipBlock: { cidr: side } } : { podSelector: { matchLabels: side } });
  const out: Obj[] = [netpol(namespace, "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] })];
  hops.forEach((h, i) => {
    const ports = [{ port: h.port }];
    if (typeof h.from !== "string") out.push(netpol(namespace, `out-${i}`, { podSelector: { matchLabels: h.from }, policyTypes: ["Egress"], egress: [{ to: [peer(h.to)], ports }] }));
    if (typeof h.to !== "string") out.push(netpol(namespace, `in-${i}`, { podSelector: { matchLabels: h.to }, policyTypes: ["Ingress"], ingress: [{ from: [peer(h.from)], ports }] }));
  });
  return out;
}

/** A node for the reference: a workload id, or an external range's id with an address inside it. */
interface RefNode {
  readonly id: string;
  readonly peer: Peer;
}
const wl = (wid: string): RefNode => ({ id: wid, peer: w(wid) });
const range = (rid: string, address: string): RefNode => ({ id: rid, peer: ip(address) });

/**
 * Checks the hand-written relation `edges` ("src -> dst: TCP p[,q]") against the reference evaluator: for every
 * ordered pair of distinct nodes (not two ranges) and every port in `ports`, the reference allows the port
 * exactly when the hand-written edge lists it.
 */
function expectReferenceRelation(objects: readonly Obj[], nodes: readonly RefNode[], ports: readonly number[], edges: readonly string[]): void {
  const reference = prepareReference(objects);
  const got: string[] = [];
  for (const s of nodes)
    for (const d of nodes) {
      if (s === d || (s.peer.kind === "ip" && d.peer.kind === "ip")) continue;
      const open = ports.filter((p) => reference.allows(s.peer, d.peer, "TCP" as Protocol, p, { layers: { ...ALL_LAYERS } }));
      if (open.length > 0) got.push(`${s.id} -> ${d.id}: TCP ${open.join(",")}`);
    }
  expect(got.sort()).toEqual([...edges].sort());
}

// ---- P: hops out of one node, targets that may not be entered, twins under `usable` ---------------------------
// s -> t1 (1), s -> t2 (2), v -> t2 (1), w -> t1 (1), x -> t1 (3), u1 -> y and u2 -> y (5; u1 and u2 are one
// class, so they have the same edges). Ranges: no ipBlock, so just the two whole families, with no edge at all.
const P = {
  s: "p/s[Pod]",
  t1: "p/t1[Pod]",
  t2: "p/t2[Pod]",
  x: "p/x[Pod]",
  u1: "p/u1[Pod]",
  u2: "p/u2[Pod]",
  v: "p/v[Pod]",
  w: "p/w[Pod]",
  y: "p/y[Pod]",
  r4: "0.0.0.0-255.255.255.255[External]",
  r6: "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External]",
};
const pObjects: Obj[] = [
  ns("p"),
  ...["s", "t1", "t2", "v", "w", "x", "y"].map((n) => pod("p", n)),
  pod("p", "u1", { labels: { app: "u" } }),
  pod("p", "u2", { labels: { app: "u" } }),
  ...hopPolicies("p", [
    { from: { app: "s" }, to: { app: "t1" }, port: 1 },
    { from: { app: "s" }, to: { app: "t2" }, port: 2 },
    { from: { app: "v" }, to: { app: "t2" }, port: 1 },
    { from: { app: "w" }, to: { app: "t1" }, port: 1 },
    { from: { app: "x" }, to: { app: "t1" }, port: 3 },
    { from: { app: "u" }, to: { app: "y" }, port: 5 },
  ]),
];
const P_EDGES = [
  `${P.s} -> ${P.t1}: TCP 1`,
  `${P.s} -> ${P.t2}: TCP 2`,
  `${P.u1} -> ${P.y}: TCP 5`,
  `${P.u2} -> ${P.y}: TCP 5`,
  `${P.v} -> ${P.t2}: TCP 1`,
  `${P.w} -> ${P.t1}: TCP 1`,
  `${P.x} -> ${P.t1}: TCP 3`,
];

// ---- Q: the backward search of pathsFromEach (which groups can reach a target) ----------------------------------
// t2 -> t1 (1), t1 -> l (2), l -> t2 (3), and both ranges -> t1 (4). Targets t1 and t2: t1's only way to a
// target is through l, which the backward search finds last, after t1's predecessors (both ranges, t2).
const Q = {
  l: "q/l[Pod]",
  t1: "q/t1[Pod]",
  t2: "q/t2[Pod]",
  r4: P.r4,
  r6: P.r6,
};
const qObjects: Obj[] = [
  ns("q"),
  ...["l", "t1", "t2"].map((n) => pod("q", n)),
  ...hopPolicies("q", [
    { from: { app: "t2" }, to: { app: "t1" }, port: 1 },
    { from: { app: "t1" }, to: { app: "l" }, port: 2 },
    { from: { app: "l" }, to: { app: "t2" }, port: 3 },
    { from: "0.0.0.0/0", to: { app: "t1" }, port: 4 },
    { from: "::/0", to: { app: "t1" }, port: 4 },
  ]),
];
const Q_EDGES = [`${Q.r4} -> ${Q.t1}: TCP 4`, `${Q.r6} -> ${Q.t1}: TCP 4`, `${Q.l} -> ${Q.t2}: TCP 3`, `${Q.t1} -> ${Q.l}: TCP 2`, `${Q.t2} -> ${Q.t1}: TCP 1`];

// ---- R: two ReplicaSets of two pod shapes each, every shape with its own destinations ---------------------------
// rs: role a -> x (1) and 10/8 (1); role b -> y (2) and 11/8 (2). rt: role c -> 12/8 (3); role d -> 12/8 (5) and x (5).
const R = {
  rs: "r/rs[ReplicaSet]",
  rt: "r/rt[ReplicaSet]",
  x: "r/x[Pod]",
  y: "r/y[Pod]",
  r0: "0.0.0.0-9.255.255.255[External]",
  r10: "10.0.0.0-10.255.255.255[External]",
  r11: "11.0.0.0-11.255.255.255[External]",
  r12: "12.0.0.0-12.255.255.255[External]",
  r13: "13.0.0.0-255.255.255.255[External]",
  r6: P.r6,
};
const rObjects: Obj[] = [
  ns("r"),
  owned("r", "rs-a", "rs", { app: "rs", role: "a" }),
  owned("r", "rs-b", "rs", { app: "rs", role: "b" }),
  owned("r", "rt-c", "rt", { app: "rt", role: "c" }),
  owned("r", "rt-d", "rt", { app: "rt", role: "d" }),
  pod("r", "x"),
  pod("r", "y"),
  ...hopPolicies("r", [
    { from: { role: "a" }, to: { app: "x" }, port: 1 },
    { from: { role: "a" }, to: "10.0.0.0/8", port: 1 },
    { from: { role: "b" }, to: { app: "y" }, port: 2 },
    { from: { role: "b" }, to: "11.0.0.0/8", port: 2 },
    { from: { role: "c" }, to: "12.0.0.0/8", port: 3 },
    { from: { role: "d" }, to: "12.0.0.0/8", port: 5 },
    { from: { role: "d" }, to: { app: "x" }, port: 5 },
  ]),
];
/** In edges() order: sources by id, then destinations by id. */
const R_EDGES = [
  `${R.rs} -> ${R.r10}: TCP 1`,
  `${R.rs} -> ${R.r11}: TCP 2`,
  `${R.rs} -> ${R.x}: TCP 1`,
  `${R.rs} -> ${R.y}: TCP 2`,
  `${R.rt} -> ${R.r12}: TCP 3,5`,
  `${R.rt} -> ${R.x}: TCP 5`,
];
const R_EGRESS_TO_RANGES = [`${R.rs} -> ${R.r10}: TCP 1`, `${R.rs} -> ${R.r11}: TCP 2`, `${R.rt} -> ${R.r12}: TCP 3,5`];

// ---- N: a search that narrows one held row twice -----------------------------------------------------------------
// a1 and a2 are one class, b and b2 another ("n/b2" sorts before "n/b"): a -> a (1) and a -> b (2); b's row is
// empty. 0z has no edge at all;
// its workload is first by id, so its class is class 0 (which a stale entry read past the end of a narrowed row
// would name).
const Nn = { z: "n/0z[Pod]", a1: "n/a1[Pod]", a2: "n/a2[Pod]", b: "n/b[Pod]", b2: "n/b2[Pod]", r4: P.r4, r6: P.r6 };
const nObjects: Obj[] = [
  ns("n"),
  pod("n", "0z", { labels: { app: "z" } }),
  pod("n", "a1", { labels: { app: "a" } }),
  pod("n", "a2", { labels: { app: "a" } }),
  pod("n", "b"),
  pod("n", "b2", { labels: { app: "b" } }),
  ...hopPolicies("n", [
    { from: { app: "a" }, to: { app: "a" }, port: 1 },
    { from: { app: "a" }, to: { app: "b" }, port: 2 },
  ]),
];
const N_EDGES = [
  `${Nn.a1} -> ${Nn.a2}: TCP 1`,
  `${Nn.a1} -> ${Nn.b2}: TCP 2`,
  `${Nn.a1} -> ${Nn.b}: TCP 2`,
  `${Nn.a2} -> ${Nn.a1}: TCP 1`,
  `${Nn.a2} -> ${Nn.b2}: TCP 2`,
  `${Nn.a2} -> ${Nn.b}: TCP 2`,
];

describe("the hand-written relations agree with the reference evaluator", () => {
  test("P, Q, R and N, pair by pair on every port used", () => {
    expectReferenceRelation(pObjects, [...[P.s, P.t1, P.t2, P.v, P.w, P.x, P.u1, P.u2, P.y].map(wl), range(P.r4, "10.1.1.1"), range(P.r6, "2001:db8::1")], [1, 2, 3, 4, 5], P_EDGES);
    expectReferenceRelation(qObjects, [...[Q.l, Q.t1, Q.t2].map(wl), range(Q.r4, "10.1.1.1"), range(Q.r6, "2001:db8::1")], [1, 2, 3, 4], Q_EDGES);
    expectReferenceRelation(
      rObjects,
      [
        ...[R.rs, R.rt, R.x, R.y].map(wl),
        range(R.r0, "9.9.9.9"),
        range(R.r10, "10.1.2.3"),
        range(R.r11, "11.1.2.3"),
        range(R.r12, "12.1.2.3"),
        range(R.r13, "13.1.2.3"),
        range(R.r6, "2001:db8::1"),
      ],
      [1, 2, 3, 4, 5],
      R_EDGES,
    );
    expectReferenceRelation(nObjects, [...[Nn.z, Nn.a1, Nn.a2, Nn.b, Nn.b2].map(wl), range(Nn.r4, "10.1.1.1"), range(Nn.r6, "2001:db8::1")], [1, 2], N_EDGES);
  });

  test("the analyzer lists those relations (and its range ids are the ones written here)", () => {
    const listing = (c: Connectivity): string[] => c.edges().map(fmt);
    expect(listing(connectivity(pObjects))).toEqual(P_EDGES);
    expect(listing(connectivity(qObjects))).toEqual(Q_EDGES);
    expect(listing(connectivity(rObjects))).toEqual(R_EDGES);
    expect(listing(connectivity(nObjects))).toEqual(N_EDGES);
    expect(connectivity(rObjects).externals.map((x) => x.id)).toEqual([R.r0, R.r10, R.r11, R.r12, R.r13, R.r6]);
  });

  test("the first range (node index W, just past the last workload) named as a workload is an unknown workload", () => {
    // Mutant: `n <= workloadCount`, so R.r0's index passed as a workload's and its missing class list threw a
    // TypeError instead of the UnknownPeerError callers catch.
    const c = connectivity(rObjects);
    expect(() => c.connections(w(R.r0), w(R.x))).toThrow(UnknownPeerError);
    expect(() => c.allows(w(R.x), w(R.r0), "TCP", 1)).toThrow(`no workload ${JSON.stringify(R.r0)}`);
  });
});

describe("edgeCount() and the range lists of workloads of several classes", () => {
  test("edgeCount() before anything else counts every class of a workload of several classes", () => {
    // Mutant: a workload of several classes counted from its first class's row alone (rs -> x or rs -> y lost).
    expect(connectivity(rObjects).edgeCount()).toBe(R_EDGES.length);
  });

  test("edgeCount() after forEachEgressToRange() counts the union of the classes' ranges, not the first class's list", () => {
    // Mutant: with the first class's range list already held, a workload of several classes counted that list
    // (rs -> 10/8 or rs -> 11/8 lost; rt's two classes hold the same range, so only rs shows it).
    const c = connectivity(rObjects);
    const out: string[] = [];
    c.forEachEgressToRange((s, d, cs) => out.push(`${id(s)} -> ${id(d)}: ${cs.toString()}`));
    expect(out).toEqual(R_EGRESS_TO_RANGES);
    expect(c.edgeCount()).toBe(R_EDGES.length);
  });

  test("two workloads of several classes with different range lists each get their own union", () => {
    // Mutant: the unions' cache key without the lists, so rt was handed rs's union (rt -> 10/8 and 11/8).
    const c = connectivity(rObjects);
    const out: string[] = [];
    c.forEachEgressToRange((s, d, cs) => out.push(`${id(s)} -> ${id(d)}: ${cs.toString()}`));
    expect(out).toEqual(R_EGRESS_TO_RANGES);
    // Asked the other way round on a fresh analysis: rt's union first.
    const d = connectivity(rObjects);
    expect(d.connections(w(R.rt), ip("12.0.0.1")).toString()).toBe("TCP 3,5");
    expect(d.reach([w(R.rt)], { targets: new Set([R.r12]) }).paths.get(R.r12)?.map(fmt)).toEqual([`${R.rt} -> ${R.r12}: TCP 3,5`]);
    expect(d.reach([w(R.rs)], { targets: new Set([R.r10, R.r11, R.r12]) }).paths.size).toBe(2);
    expect(d.edges().map(fmt)).toEqual(R_EDGES);
  });
});

describe("pathsFromEach()", () => {
  test("paths from one node to two targets keep their own hops", () => {
    // Pins the batched search's cache of hop objects, keyed by source and place: keyed by the source alone (a hand
    // mutant; Stryker's `from / N + i` keeps the keys distinct), s's second path was given its first hop (s -> t1).
    const c = connectivity(pObjects);
    const got = c.pathsFromEach([[w(P.s)], [w(P.x)]], { targets: is(P.t1, P.t2) }).map(pathList);
    expect(got).toEqual([
      [
        [P.t1, [`${P.s} -> ${P.t1}: TCP 1`]],
        [P.t2, [`${P.s} -> ${P.t2}: TCP 2`]],
      ],
      [[P.t1, [`${P.x} -> ${P.t1}: TCP 3`]]],
    ]);
  });

  test("a target that may not be entered gets no path, though the group reaches another target", () => {
    // Mutant: the nodes a search enters ignore `enter` for targets, so s -> t1 was recorded.
    const c = connectivity(pObjects);
    const got = c.pathsFromEach([[w(P.s)], [w(P.x)]], { targets: is(P.t1, P.t2), enter: (n) => id(n) !== P.t1 }).map(pathList);
    expect(got).toEqual([[[P.t2, [`${P.s} -> ${P.t2}: TCP 2`]]], []]);
  });

  test("a group whose only hop leads straight to a target is searched", () => {
    // Mutant: the backward search started from the nodes that are not targets, so x (whose one edge ends at
    // t1) was never marked as reaching a target and got no search.
    const c = connectivity(pObjects);
    expect(c.pathsFromEach([[w(P.x)]], { targets: is(P.t1) }).map(pathList)).toEqual([[[P.t1, [`${P.x} -> ${P.t1}: TCP 3`]]]]);
  });

  test("with usable, a lone workload does not take the paths of a twin with the same edges", () => {
    // u1 and u2 have the same edges (both -> y), but hops out of u1 are refused.
    // Pins for workloads what connectivity-mutants pins for ranges: lone nodes sharing a search under `usable` too
    // (a hand mutant), u1 was given u2's path with u1 as its first hop.
    const c = connectivity(pObjects);
    const got = c.pathsFromEach([[w(P.u2)], [w(P.u1)], [w(P.u2)]], { targets: is(P.y), usable: (e) => id(e.src) !== P.u1 }).map(pathList);
    expect(got).toEqual([[[P.y, [`${P.u2} -> ${P.y}: TCP 5`]]], [], [[P.y, [`${P.u2} -> ${P.y}: TCP 5`]]]]);
  });

  test("a group reaching a target only through the node the backward search finds last is searched", () => {
    // The backward search from t1 and t2 queues t1's predecessors (both ranges, and t2 again were it queued
    // twice) before l, the predecessor of t2 through which t1 reaches a target. Queue slots are one per node.
    // Mutants: initial targets not marked queued, or any through node queued again: l's slot falls past the
    // end, l is never expanded, and t1 is found to reach nothing.
    const c = connectivity(qObjects);
    const got = c.pathsFromEach([[w(Q.t1)], [w(Q.l)], [ip("10.0.0.1")]], { targets: is(Q.t1, Q.t2) }).map(pathList);
    const t1l = `${Q.t1} -> ${Q.l}: TCP 2`;
    const lt2 = `${Q.l} -> ${Q.t2}: TCP 3`;
    const t2t1 = `${Q.t2} -> ${Q.t1}: TCP 1`;
    expect(got).toEqual([
      [
        [Q.t2, [t1l, lt2]],
        [Q.t1, [t1l, lt2, t2t1]],
      ],
      [
        [Q.t2, [lt2]],
        [Q.t1, [lt2, t2t1]],
      ],
      [
        [Q.t1, [`${Q.r4} -> ${Q.t1}: TCP 4`]],
        [Q.t2, [`${Q.r4} -> ${Q.t1}: TCP 4`, t1l, lt2]],
      ],
    ]);
  });
});

/** The analysis modules loaded afresh with every 32-bit hash 0 (as in hash-collisions.test.ts), counting the calls. */
function collidingAnalyze(): { analyze: typeof Analyze; calls: () => number } {
  const counter = { calls: 0 };
  let loaded: typeof Analyze | undefined;
  jest.isolateModules(() => {
    jest.doMock("../../src/core/analyze/int-hash", () => {
      const actual = jest.requireActual<typeof IntHash>("../../src/core/analyze/int-hash");
      const zero = (): number => {
        counter.calls++;
        return 0;
      };
      return { ...actual, hashStep: zero, hashInts: zero };
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a second copy of the modules, under the mock
    loaded = require("../../src/core/analyze") as typeof Analyze;
  });
  return { analyze: loaded!, calls: () => counter.calls };
}

describe("pathsFromEach() when every adjacency hash collides", () => {
  test("lone workloads share a search only with an equal adjacency (same length, destinations and connections)", () => {
    // With every hash 0, all lone roots fall in one bucket and only the exact comparison (sameAdjacency) keeps
    // them apart: w's edges are a prefix of s's, v's differ from w's in the destination only, x's in the
    // connections only, u1's in both; u2's equal u1's (the one share that is right).
    // Mutants (each reached only on a hash collision): the length test dropped (s took w's search and lost t2), the
    // loop not run, either half of the comparison dropped or inverted, or "different" answered "same".
    const colliding = collidingAnalyze();
    const m = colliding.analyze;
    const c = m.analyze(m.buildCluster(docs(pObjects)).cluster);
    const groups = [P.w, P.v, P.x, P.s, P.u1, P.u2].map((n) => [w(n)]);
    const got = c.pathsFromEach(groups, { targets: is(P.t1, P.t2, P.y) }).map(pathList);
    expect(colliding.calls()).toBeGreaterThan(0);
    expect(got).toEqual([
      [[P.t1, [`${P.w} -> ${P.t1}: TCP 1`]]],
      [[P.t2, [`${P.v} -> ${P.t2}: TCP 1`]]],
      [[P.t1, [`${P.x} -> ${P.t1}: TCP 3`]]],
      [
        [P.t1, [`${P.s} -> ${P.t1}: TCP 1`]],
        [P.t2, [`${P.s} -> ${P.t2}: TCP 2`]],
      ],
      [[P.y, [`${P.u1} -> ${P.y}: TCP 5`]]],
      [[P.y, [`${P.u2} -> ${P.y}: TCP 5`]]],
    ]);
    // The freshly loaded copy also runs a search that narrows held rows, the empty one twice (its module-level
    // constants, such as the shared empty part, are only ever made again here).
    const held = m.analyze(m.buildCluster(docs(nObjects)).cluster);
    expect(held.edgeCount()).toBe(N_EDGES.length);
    expect(pathList(held.reach([w(Nn.a1)], { targets: new Set([Nn.a1]) }).paths)).toEqual([[Nn.a1, [`${Nn.a1} -> ${Nn.a2}: TCP 1`, `${Nn.a2} -> ${Nn.a1}: TCP 1`]]]);
  });
});

describe("explain() with range indices past the class count", () => {
  // One pod, egress isolated: TCP 1 to 10/8, 11/8 and 12/8; ingress open. One class, six ranges.
  const E = { p: "e/p[Pod]", r12: "12.0.0.0-12.255.255.255[External]", r13: "13.0.0.0-255.255.255.255[External]", r6: P.r6 };
  const eObjects: Obj[] = [ns("e"), pod("e", "p"), ...hopPolicies("e", [{ from: { app: "p" }, to: "10.0.0.0/8", port: 1 }, { from: { app: "p" }, to: "11.0.0.0/8", port: 1 }, { from: { app: "p" }, to: "12.0.0.0/8", port: 1 }])];
  // hopPolicies isolates ingress too; this cluster's pod admits everyone.
  const open = netpol("e", "open-in", { podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] });

  test("a range's side is never evaluated as if the range were a class", () => {
    // Mutants: the egress (or ingress) side evaluated whatever the endpoint, so a range index was read as a class
    // index: past the last class it named no rules and explain() threw.
    const objects = [...eObjects, open];
    const reference = prepareReference(objects);
    const layers = { layers: { ...ALL_LAYERS } };
    expect([reference.allows(ip("13.0.0.1"), w(E.p), "TCP", 1, layers), reference.allows(w(E.p), ip("13.0.0.1"), "TCP", 1, layers), reference.allows(w(E.p), ip("12.0.0.1"), "TCP", 1, layers), reference.allows(w(E.p), ip("12.0.0.1"), "TCP", 2, layers)]).toEqual([true, false, true, false]);
    const c = connectivity(objects);
    expect(c.externals.map((x) => x.id).slice(3)).toEqual([E.r12, E.r13, E.r6]);
    const from = c.explain(ip("13.0.0.1"), w(E.p));
    expect([from.src, from.dst, from.allowed.toString()]).toEqual([E.r13, E.p, "All Connections"]);
    expect(from.parts.map((p) => [p.srcPods, p.dstPods, Object.keys(p).sort(), p.ingress!.allowed.toString()])).toEqual([[E.r13, "pods labelled {app=p}", ["allowed", "dstPods", "ingress", "istio", "srcPods"], "All Connections"]]);
    const to = c.explain(w(E.p), ip("13.0.0.1"), { protocol: "TCP", port: 1 });
    expect([to.src, to.dst, to.allowed.toString(), to.verdict]).toEqual([E.p, E.r13, "No Connections", false]);
    expect(to.parts.map((p) => [p.srcPods, p.dstPods, Object.keys(p).sort(), p.egress!.allowed.toString()])).toEqual([["pods labelled {app=p}", E.r13, ["allowed", "dstPods", "egress", "srcPods"], "No Connections"]]);
    const to12 = c.explain(w(E.p), ip("::1"));
    expect([to12.dst, to12.allowed.toString()]).toEqual([E.r6, "No Connections"]);
    expect(c.explain(w(E.p), ip("12.0.0.1")).allowed.toString()).toBe("TCP 1");
  });
});

describe("reach() over held rows", () => {
  test("a row narrowed a second time in one search keeps the classes still wanted", () => {
    // edgeCount() holds the class rows, so the search narrows them. a1's expansion narrows a's row first; a2's
    // expansion narrows it again (b is reached, a1 is still an unrecorded target). b's empty row is narrowed to the
    // shared empty part for b2 (first by id), and is asked for again for b.
    // Mutants: the second narrowing dropping every entry (or its loop not run), so a2 -> a1 was never seen; the
    // shared empty part made without its fields (Object.freeze({})), so b's narrowing wrote to it and threw.
    const c = connectivity(nObjects);
    expect(c.edgeCount()).toBe(N_EDGES.length);
    const r = c.reach([w(Nn.a1)], { targets: new Set([Nn.a1]) });
    expect(pathList(r.paths)).toEqual([[Nn.a1, [`${Nn.a1} -> ${Nn.a2}: TCP 1`, `${Nn.a2} -> ${Nn.a1}: TCP 1`]]]);
    expect([...r.nodes].map(([k, v]) => `${k} ${v.depth}`)).toEqual([`${Nn.a1} 0`, `${Nn.a2} 1`, `${Nn.b2} 1`, `${Nn.b} 1`]);
    // The same search again on the same analysis (a new search narrows afresh), and from a2.
    expect(pathList(c.reach([w(Nn.a1)], { targets: new Set([Nn.a1]) }).paths)).toEqual([[Nn.a1, [`${Nn.a1} -> ${Nn.a2}: TCP 1`, `${Nn.a2} -> ${Nn.a1}: TCP 1`]]]);
    expect(pathList(c.reach([w(Nn.a2)], { targets: new Set([Nn.a2, Nn.b]) }).paths)).toEqual([
      [Nn.b, [`${Nn.a2} -> ${Nn.b}: TCP 2`]],
      [Nn.a2, [`${Nn.a2} -> ${Nn.a1}: TCP 1`, `${Nn.a1} -> ${Nn.a2}: TCP 1`]],
    ]);
  });

  test("a row narrowed again reads none of its stale entries: a target nothing reaches stays unreached", () => {
    // a1's expansion keeps both entries of a's row (a and b are wanted); a2's drops b. 0z is a target, so its class
    // (class 0) stays wanted throughout, though no row holds it.
    // Mutant: the second narrowing read one entry past the end (undefined: class 0 with verdict id 0, the empty
    // set), so a2 got a hop into 0z with no connections, and 0z a path.
    const c = connectivity(nObjects);
    expect(c.edgeCount()).toBe(N_EDGES.length);
    const r = c.reach([w(Nn.a1)], { targets: new Set([Nn.a1, Nn.z]) });
    expect(pathList(r.paths)).toEqual([[Nn.a1, [`${Nn.a1} -> ${Nn.a2}: TCP 1`, `${Nn.a2} -> ${Nn.a1}: TCP 1`]]]);
    expect([...r.nodes.keys()]).toEqual([Nn.a1, Nn.a2, Nn.b2, Nn.b]);
  });
});
