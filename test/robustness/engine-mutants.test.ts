/**
 * The class-level engine (src/core/analyze/engine.ts) on small hand-built
 * clusters whose verdicts were worked out by hand: tier order and traces,
 * named ports, ipBlocks, the memo paths for short, long (> 12) and very long
 * (> 30) rule lists, range atoms and Istio. Written against the mutants that
 * survived the other suites; every expected value below is derived in the
 * comment next to it, not read back from the implementation.
 */
import { ConnSet, type IstioTrace, type LayerSelection, type SideTrace, analyze, buildCluster } from "../../src/core/analyze";
import { ALL_LAYERS, Engine, type Endpoint, sharedIndexes } from "../../src/core/analyze/engine";
import type { Cluster } from "../../src/core/analyze/model";
import { parseIp } from "../../src/model/cidr";
import { anp, authz, banp, docs, meshPods, netpol, ns, peerAuth, pod } from "../analyze/helpers";

type Obj = Record<string, unknown>;

const ALL = "All Connections";
const NONE = "No Connections";
/** What Istio leaves when it refuses every TCP port: UDP and SCTP always pass the sidecar. */
const TCP_BLOCKED = "SCTP 1-65535,UDP 1-65535";
/** `all but these TCP ports` as ConnSet text. */
const allBut = (tcp: string): string => `SCTP 1-65535,TCP ${tcp},UDP 1-65535`;

function clusterOf(objects: readonly Obj[]): Cluster {
  const { cluster, diagnostics } = buildCluster(docs(objects));
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.path}: ${d.message}`).join("\n"));
  return cluster;
}

const engineOf = (objects: readonly Obj[], layers: LayerSelection = ALL_LAYERS): Engine => new Engine(clusterOf(objects), layers);

/** The class of the pod `namespace/app` (pods here have distinct app labels). */
function cls(e: Engine, id: string): Endpoint {
  const [namespace, app] = id.split("/");
  const i = e.classes.classes.findIndex((c) => c.namespace === namespace && c.labels["app"] === app);
  if (i < 0) throw new Error(`no class ${id}`);
  return { kind: "class", index: i };
}

/** The external range holding an address. */
function rng(e: Engine, address: string): Endpoint {
  const ip = parseIp(address);
  if (!ip) throw new Error(address);
  return { kind: "range", index: e.space.indexOf(ip.version, ip.value) };
}

/** An endpoint from `ns/app` or an address. */
const end = (e: Engine, x: string): Endpoint => (x.includes("/") ? cls(e, x) : rng(e, x));

const pairText = (e: Engine, src: string, dst: string): string => e.pair(end(e, src), end(e, dst)).toString();

/**
 * Each (source, destination, verdict) on a fresh engine, in the listed order
 * and then reversed, so that what one query leaves in the memos never decides
 * another.
 */
function expectPairs(objects: readonly Obj[], checks: readonly (readonly [string, string, string])[]): void {
  for (const list of [checks, [...checks].reverse()]) {
    const e = engineOf(objects);
    for (const [s, d, want] of list) expect(`${s}>${d} ${pairText(e, s, d)}`).toBe(`${s}>${d} ${want}`);
  }
}

interface TierSummary {
  tier: string;
  enabled: boolean;
  selects: boolean;
  allowed: string;
  denied: string;
  passed: string;
  hits: string[];
}

/** side() with a trace, as plain text: per tier its flags, sets and hits (`policy rule action: decided`). */
function traced(e: Engine, direction: "ingress" | "egress", subject: string, peer: string): { allowed: string; tiers: TierSummary[] } {
  const t: SideTrace = { direction, tiers: [], allowed: ConnSet.all };
  const s = cls(e, subject);
  const out = e.side(direction, s.index, end(e, peer), t);
  expect(out.equals(t.allowed)).toBe(true);
  return {
    allowed: t.allowed.toString(),
    tiers: t.tiers.map((x) => ({
      tier: x.tier,
      enabled: x.enabled,
      selects: x.selects,
      allowed: x.allowed.toString(),
      denied: x.denied.toString(),
      passed: x.passed.toString(),
      hits: x.hits.map((h) => {
        // Every hit is reported under the tier that holds it.
        expect(h.tier).toBe(x.tier);
        return `${h.policy.name} ${h.rule} ${h.action}: ${h.decided.toString()}`;
      }),
    })),
  };
}

/** Istio's verdict with a trace, as plain text. */
function istioTraced(e: Engine, src: string, dst: string): { allowed: string; modes: string[]; hits: string[] } {
  const t: IstioTrace = { enabled: true, meshed: true, modes: [], hits: [], allowPoliciesApply: false, allowed: ConnSet.all };
  const out = e.istio(end(e, src), cls(e, dst).index, t);
  expect(out.equals(t.allowed)).toBe(true);
  return {
    allowed: t.allowed.toString(),
    modes: t.modes.map((m) => `${m.mode} ${m.ports.toString()} ${m.caller}${m.refused ? " refused" : ""}`),
    hits: t.hits.map((h) => `${h.policy.name}#${h.rule} ${h.action}: ${h.ports.toString()}`),
  };
}

/**
 * Every pair of endpoints evaluated the direct way (traced sides, traced
 * Istio: no fast path, no memo, no pruning) must equal pair(), verdict() and
 * row(), in both evaluation orders of the memo.
 */
function expectPathsAgree(objects: readonly Obj[], layers: LayerSelection = ALL_LAYERS): void {
  const reference = engineOf(objects, layers);
  const C = reference.classes.size;
  const X = reference.space.size;
  const classes: Endpoint[] = Array.from({ length: C }, (_, index) => ({ kind: "class", index }));
  const ranges: Endpoint[] = Array.from({ length: X }, (_, index) => ({ kind: "range", index }));
  const direct = (s: Endpoint, d: Endpoint): ConnSet => {
    if (s.kind === "range" && d.kind === "range") return ConnSet.empty;
    let out = ConnSet.all;
    if (s.kind === "class") out = out.intersect(reference.side("egress", s.index, d, { direction: "egress", tiers: [], allowed: ConnSet.all }));
    if (d.kind === "class") {
      out = out.intersect(reference.side("ingress", d.index, s, { direction: "ingress", tiers: [], allowed: ConnSet.all }));
      const it: IstioTrace = { enabled: true, meshed: true, modes: [], hits: [], allowPoliciesApply: false, allowed: ConnSet.all };
      out = out.intersect(reference.istioRestricts(d.index) ? reference.istio(s, d.index, it) : ConnSet.all);
    }
    return out;
  };
  const want = new Map<string, string>();
  const key = (s: Endpoint, d: Endpoint): string => `${s.kind}${s.index}>${d.kind}${d.index}`;
  const ends = [...classes, ...ranges];
  for (const s of ends) for (const d of ends) if (s.kind === "class" || d.kind === "class") want.set(key(s, d), direct(s, d).toString());

  for (const order of [1, -1]) {
    const e = engineOf(objects, layers);
    const seq = order > 0 ? ends : [...ends].reverse();
    for (const s of seq)
      for (const d of seq) {
        if (s.kind === "range" && d.kind === "range") continue;
        expect(`${key(s, d)} ${e.pair(s, d).toString()}`).toBe(`${key(s, d)} ${want.get(key(s, d))!}`);
        if (s.kind === "class") expect(e.verdict("egress", s.index, d).equals(e.side("egress", s.index, d))).toBe(true);
        if (d.kind === "class") expect(e.verdict("ingress", d.index, s).equals(e.side("ingress", d.index, s))).toBe(true);
      }
    // row() over its default candidates, over candidateDestinations() and over every class.
    const cands = e.candidateDestinations();
    const every = e.classes.empty();
    for (let i = 0; i < C; i++) every.add(i);
    const seqC = order > 0 ? classes : [...classes].reverse();
    for (const s of seqC) {
      const expected = classes.map((d) => [d.index, want.get(key(s, d))!] as const).filter(([, c]) => c !== NONE);
      for (const row of [e.row(s.index), e.row(s.index, cands[s.index]), e.row(s.index, every)]) {
        expect([...row.ds].map((d, i) => [d, e.setOf(row.vs[i]!).toString()] as const)).toEqual(expected);
      }
      // Candidates are sound: every destination with a non-empty verdict is among them.
      for (const [d] of expected) {
        expect(cands[s.index]!.has(d)).toBe(true);
        expect(e.reachableClasses(s.index).has(d)).toBe(true);
      }
    }
  }
}

// ---------------------------------------------------------------- tiers

const nsA = ns("a", { team: "a" });
const nsB = ns("b", { team: "b" });
const nsZ = ns("z", { team: "z" });
const fromA = [{ namespaces: { matchLabels: { team: "a" } } }];
const srvPorts = [
  { name: "http", containerPort: 8080 },
  { name: "dns", containerPort: 53, protocol: "UDP" },
];
const srv2Ports = [
  { name: "http", containerPort: 9090 },
  { name: "dns", containerPort: 5353, protocol: "UDP" },
];
const pods = [
  pod("a", "client"),
  pod("b", "srv", { ports: srvPorts }),
  pod("b", "srv2", { ports: srv2Ports }),
  pod("b", "other"),
  pod("z", "stranger"),
];
const tcp = (port: number, endPort?: number): Obj => (endPort === undefined ? { portNumber: { port, protocol: "TCP" } } : { portRange: { protocol: "TCP", start: port, end: endPort } });

/** Two ANPs on b/srv's ingress (priority 10 then 20) and a NetworkPolicy isolating it. */
const tiered = [
  nsA,
  nsB,
  nsZ,
  ...pods,
  anp("p10", 10, {
    subject: { pods: { namespaceSelector: { matchLabels: { team: "b" } }, podSelector: { matchLabels: { app: "srv" } } } },
    ingress: [
      { name: "deny-22", action: "Deny", from: fromA, ports: [tcp(22)] },
      { name: "pass-web", action: "Pass", from: fromA, ports: [tcp(80, 90)] },
      { name: "allow-22-again", action: "Allow", from: fromA, ports: [tcp(22)] },
    ],
  }),
  anp("p20", 20, {
    subject: { pods: { namespaceSelector: { matchLabels: { team: "b" } }, podSelector: { matchLabels: { app: "srv" } } } },
    ingress: [
      { action: "Allow", from: fromA, ports: [tcp(85)] },
      { name: "allow-http", action: "Allow", from: fromA, ports: [{ namedPort: "http" }] },
      { name: "deny-udp", action: "Deny", from: fromA, ports: [{ portRange: { protocol: "UDP", start: 1, end: 100 } }] },
    ],
  }),
  netpol("b", "srv-np", {
    podSelector: { matchLabels: { app: "srv" } },
    ingress: [
      { from: [{ namespaceSelector: { matchLabels: { team: "a" } } }], ports: [{ port: 80 }, { port: 85, endPort: 87 }] },
      { from: [{ podSelector: { matchLabels: { app: "nobody" } } }] },
      { from: [{ namespaceSelector: { matchLabels: { team: "a" } } }], ports: [{ port: "http" }] },
    ],
  }),
  banp({
    subject: { namespaces: { matchLabels: { team: "b" } } },
    ingress: [
      { name: "deny-ssh", action: "Deny", from: fromA, ports: [tcp(22)] },
      { name: "allow-low", action: "Allow", from: fromA, ports: [tcp(1, 1000)] },
      { action: "Deny", from: [{ namespaces: { matchLabels: { team: "z" } } }], ports: [tcp(1, 500)] },
      // Names a pods on a port rule 0 already decided: never a hit.
      { name: "shadowed", action: "Allow", from: fromA, ports: [tcp(22)] },
    ],
  }),
];

describe("tiers, traced", () => {
  test("ANP decides first match by priority then rule order; Pass and the undecided rest go to the isolating NetworkPolicy; the baseline is never consulted", () => {
    const e = engineOf(tiered);
    // ANP: p10 denies TCP 22, passes TCP 80-90; its third rule is shadowed (22 already decided). p20's rule 0 (TCP 85) was
    // passed already, rule 1 allows TCP 8080 (http), rule 2 denies UDP 1-100.
    // NetworkPolicy: of the rest (all but TCP 22, 8080, UDP 1-100) rule 0 allows TCP 80, 85-87; rule 1 names no a-pod;
    // rule 2 (http) has nothing left to decide.
    expect(traced(e, "ingress", "b/srv", "a/client")).toEqual({
      allowed: "TCP 80,85-87,8080",
      tiers: [
        {
          tier: "AdminNetworkPolicy",
          enabled: true,
          selects: true,
          allowed: "TCP 8080",
          denied: "TCP 22,UDP 1-100",
          passed: "SCTP 1-65535,TCP 1-21,23-8079,8081-65535,UDP 101-65535",
          hits: ['p10 ingress[0] "deny-22" Deny: TCP 22', 'p10 ingress[1] "pass-web" Pass: TCP 80-90', 'p20 ingress[1] "allow-http" Allow: TCP 8080', 'p20 ingress[2] "deny-udp" Deny: UDP 1-100'],
        },
        {
          tier: "NetworkPolicy",
          enabled: true,
          selects: true,
          allowed: "TCP 80,85-87",
          denied: "SCTP 1-65535,TCP 1-21,23-79,81-84,88-8079,8081-65535,UDP 101-65535",
          passed: NONE,
          hits: ["srv-np ingress[0] Allow: TCP 80,85-87"],
        },
        { tier: "BaselineAdminNetworkPolicy", enabled: true, selects: true, allowed: NONE, denied: NONE, passed: NONE, hits: [] },
      ],
    });
    // A z pod: no ANP rule names it, the NetworkPolicy allows nothing to it.
    const z = traced(e, "ingress", "b/srv", "z/stranger");
    expect(z.allowed).toBe(NONE);
    expect(z.tiers.map((t) => [t.allowed, t.denied, t.passed, t.hits.length])).toEqual([
      [NONE, NONE, ALL, 0],
      [NONE, ALL, NONE, 0],
      [NONE, NONE, NONE, 0],
    ]);
    expect(pairText(e, "a/client", "b/srv")).toBe("TCP 80,85-87,8080");
    expect(pairText(e, "z/stranger", "b/srv")).toBe(NONE);
    expect(e.verdict("ingress", cls(e, "b/srv").index, cls(e, "a/client")).toString()).toBe("TCP 80,85-87,8080");
    expect(e.side("ingress", cls(e, "b/srv").index, cls(e, "a/client")).toString()).toBe("TCP 80,85-87,8080");
  });

  test("without an isolating NetworkPolicy the baseline decides first match and allows what no tier decided", () => {
    const e = engineOf(tiered);
    // b/other: no ANP, not isolated. BANP: TCP 22 denied, TCP 1-21,23-1000 allowed; rule 2 names z only. Rest allowed.
    expect(traced(e, "ingress", "b/other", "a/client")).toEqual({
      allowed: "SCTP 1-65535,TCP 1-21,23-65535,UDP 1-65535",
      tiers: [
        { tier: "AdminNetworkPolicy", enabled: true, selects: false, allowed: NONE, denied: NONE, passed: ALL, hits: [] },
        { tier: "NetworkPolicy", enabled: true, selects: false, allowed: NONE, denied: NONE, passed: ALL, hits: [] },
        {
          tier: "BaselineAdminNetworkPolicy",
          enabled: true,
          selects: true,
          allowed: "TCP 1-21,23-1000",
          denied: "TCP 22",
          passed: "SCTP 1-65535,TCP 1001-65535,UDP 1-65535",
          hits: ['default ingress[0] "deny-ssh" Deny: TCP 22', 'default ingress[1] "allow-low" Allow: TCP 1-21,23-1000'],
        },
      ],
    });
    // From z: only the unnamed rule 2 hits (label without a name), denying TCP 1-500.
    const z = traced(e, "ingress", "b/other", "z/stranger");
    expect(z.allowed).toBe("SCTP 1-65535,TCP 501-65535,UDP 1-65535");
    expect(z.tiers[2]).toEqual({
      tier: "BaselineAdminNetworkPolicy",
      enabled: true,
      selects: true,
      allowed: NONE,
      denied: "TCP 1-500",
      passed: "SCTP 1-65535,TCP 501-65535,UDP 1-65535",
      hits: ["default ingress[2] Deny: TCP 1-500"],
    });
    expect(pairText(e, "a/client", "b/other")).toBe("SCTP 1-65535,TCP 1-21,23-65535,UDP 1-65535");
    expect(pairText(e, "z/stranger", "b/other")).toBe("SCTP 1-65535,TCP 501-65535,UDP 1-65535");
    // a/client is selected by nothing on egress: a trace still lists the three tiers, selecting nothing.
    const eg = traced(e, "egress", "a/client", "b/other");
    expect(eg.allowed).toBe(ALL);
    expect(eg.tiers.map((t) => `${t.tier} ${t.selects} ${t.passed}`)).toEqual(["AdminNetworkPolicy false All Connections", "NetworkPolicy false All Connections", "BaselineAdminNetworkPolicy false All Connections"]);
    expect(e.side("egress", cls(e, "a/client").index, cls(e, "b/other")).toString()).toBe(ALL);
  });

  test("ANP Pass falls through to the baseline when no NetworkPolicy isolates; an ANP-only subject is not open", () => {
    const objs = [
      nsA,
      nsB,
      ...pods,
      anp("pass", 1, {
        subject: { namespaces: { matchLabels: { team: "b" } } },
        ingress: [
          { name: "p", action: "Pass", from: fromA, ports: [tcp(80, 90)] },
          { name: "a", action: "Allow", from: fromA, ports: [tcp(85, 95)] },
          { name: "d", action: "Deny", from: fromA },
        ],
      }),
      banp({ subject: { namespaces: { matchLabels: { team: "b" } } }, ingress: [{ name: "bd", action: "Deny", from: fromA, ports: [tcp(85)] }] }),
    ];
    const e = engineOf(objs);
    // ANP: Pass TCP 80-90, Allow TCP 91-95, Deny the rest. Baseline sees TCP 80-90: denies 85, allows the rest (undecided).
    const t = traced(e, "ingress", "b/other", "a/client");
    expect(t.allowed).toBe("TCP 80-84,86-95");
    expect(t.tiers[0]).toEqual({
      tier: "AdminNetworkPolicy",
      enabled: true,
      selects: true,
      allowed: "TCP 91-95",
      denied: "SCTP 1-65535,TCP 1-79,96-65535,UDP 1-65535",
      passed: "TCP 80-90",
      hits: ['pass ingress[0] "p" Pass: TCP 80-90', 'pass ingress[1] "a" Allow: TCP 91-95', 'pass ingress[2] "d" Deny: SCTP 1-65535,TCP 1-79,96-65535,UDP 1-65535'],
    });
    expect(t.tiers[1]).toMatchObject({ selects: false, passed: "TCP 80-90", allowed: NONE, denied: NONE });
    expect(t.tiers[2]).toMatchObject({ selects: true, allowed: NONE, denied: "TCP 85", passed: "TCP 80-84,86-90", hits: ['default ingress[0] "bd" Deny: TCP 85'] });
    expect(pairText(e, "a/client", "b/other")).toBe("TCP 80-84,86-95");
    // An ANP whose only rule does not name the peer leaves everything to the next tiers.
    expect(pairText(e, "b/srv", "b/other")).toBe(ALL);
  });

  test("each layer alone, and every layer off, through traces and verdicts", () => {
    const only = (l: Partial<LayerSelection>): LayerSelection => ({ adminNetworkPolicy: false, networkPolicy: false, baselineAdminNetworkPolicy: false, istio: "off", ...l });
    // ANP alone: TCP 22 and UDP 1-100 denied; everything else allowed or passed to disabled tiers.
    const a = engineOf(tiered, only({ adminNetworkPolicy: true }));
    const ta = traced(a, "ingress", "b/srv", "a/client");
    expect(ta.allowed).toBe("SCTP 1-65535,TCP 1-21,23-65535,UDP 101-65535");
    expect(ta.tiers.map((t) => `${t.tier} ${t.enabled} ${t.selects}`)).toEqual(["AdminNetworkPolicy true true", "NetworkPolicy false false", "BaselineAdminNetworkPolicy false false"]);
    expect(pairText(a, "a/client", "b/srv")).toBe("SCTP 1-65535,TCP 1-21,23-65535,UDP 101-65535");
    expect(pairText(a, "a/client", "b/other")).toBe(ALL);
    // NetworkPolicy alone: rules 0 and 2 from a.
    const n = engineOf(tiered, only({ networkPolicy: true }));
    expect(traced(n, "ingress", "b/srv", "a/client").tiers.map((t) => `${t.tier} ${t.enabled} ${t.selects} ${t.allowed}`)).toEqual([
      "AdminNetworkPolicy false false No Connections",
      "NetworkPolicy true true TCP 80,85-87,8080",
      "BaselineAdminNetworkPolicy false false No Connections",
    ]);
    expect(pairText(n, "a/client", "b/srv")).toBe("TCP 80,85-87,8080");
    expect(pairText(n, "a/client", "b/other")).toBe(ALL);
    // Baseline alone: b/srv is not isolated now, so the baseline decides for it too.
    const b = engineOf(tiered, only({ baselineAdminNetworkPolicy: true }));
    expect(pairText(b, "a/client", "b/srv")).toBe("SCTP 1-65535,TCP 1-21,23-65535,UDP 1-65535");
    expect(traced(b, "ingress", "b/srv", "a/client").tiers.map((t) => `${t.tier} ${t.enabled} ${t.selects}`)).toEqual([
      "AdminNetworkPolicy false false",
      "NetworkPolicy false false",
      "BaselineAdminNetworkPolicy true true",
    ]);
    const none = engineOf(tiered, only({}));
    expect(pairText(none, "a/client", "b/srv")).toBe(ALL);
    expect(pairText(none, "z/stranger", "b/other")).toBe(ALL);
    for (const l of [only({ adminNetworkPolicy: true }), only({ networkPolicy: true }), only({ baselineAdminNetworkPolicy: true }), ALL_LAYERS]) expectPathsAgree(tiered, l);
  });

  test("a NetworkPolicy-isolated subject and a non-isolated one under the same ANP rules do not share verdicts", () => {
    const objs = [
      nsA,
      nsB,
      nsZ,
      ...pods,
      anp("web", 1, { subject: { namespaces: { matchLabels: { team: "b" } } }, ingress: [{ action: "Allow", from: fromA, ports: [tcp(80)] }] }),
      // srv is isolated and its NetworkPolicy allows nothing: its rule list is the ANP rule alone, like other's.
      netpol("b", "iso", { podSelector: { matchLabels: { app: "srv" } }, policyTypes: ["Ingress"] }),
    ];
    expectPairs(objs, [
      ["a/client", "b/srv", "TCP 80"],
      ["a/client", "b/other", ALL],
      ["z/stranger", "b/srv", NONE],
      ["z/stranger", "b/other", ALL],
    ]);
    expectPathsAgree(objs);
  });
});

// ---------------------------------------------------------------- ports and peers

describe("named ports, port ranges and ipBlocks", () => {
  test("NetworkPolicy named ports carry a protocol (default TCP) and resolve per destination, for subjects sharing one rule list", () => {
    const objs = [
      nsA,
      nsB,
      ...pods,
      pod("b", "srv3", { ports: [{ name: "dns", containerPort: 53, protocol: "UDP" }] }),
      netpol("b", "named", {
        podSelector: {},
        ingress: [
          { from: [{ namespaceSelector: { matchLabels: { team: "a" } } }], ports: [{ port: "http" }, { port: "dns", protocol: "UDP" }] },
          { from: [{ podSelector: { matchLabels: { app: "srv" } } }], ports: [{ port: "dns" }] },
          // An empty peer matches nothing.
          { from: [{}] },
        ],
      }),
    ];
    expectPairs(objs, [
      ["a/client", "b/srv", "TCP 8080,UDP 53"],
      ["a/client", "b/srv2", "TCP 9090,UDP 5353"],
      ["a/client", "b/srv3", "UDP 53"],
      ["a/client", "b/other", NONE],
      // Rule 1 names dns over TCP: no pod declares dns over TCP.
      ["b/srv", "b/srv3", NONE],
      ["b/srv", "b/srv2", NONE],
      ["10.0.0.1", "b/srv", NONE],
    ]);
    expectPathsAgree(objs);
  });

  test("ANP namedPort takes the container's protocol, resolves on the egress peer, and resolves to nothing for an outside range", () => {
    const objs = [
      nsA,
      nsB,
      ...pods,
      anp("eg", 1, {
        subject: { namespaces: { matchLabels: { team: "a" } } },
        egress: [
          { name: "dns", action: "Allow", to: [{ namespaces: { matchLabels: { team: "b" } } }, { networks: ["198.51.100.0/24"] }], ports: [{ namedPort: "dns" }] },
          // Nodes are not modelled: this rule matches nothing.
          { name: "nodes", action: "Allow", to: [{ nodes: { matchLabels: {} } }] },
          { name: "rest", action: "Deny", to: [{ namespaces: { matchLabels: { team: "b" } } }, { networks: ["0.0.0.0/0"] }] },
        ],
      }),
    ];
    for (const order of [0, 1]) {
      const e = engineOf(objs);
      const checks: [string, string, string][] = [
        ["a/client", "198.51.100.1", NONE],
        ["a/client", "b/srv", "UDP 53"],
        ["a/client", "b/srv2", "UDP 5353"],
        ["a/client", "b/other", NONE],
        ["a/client", "198.51.101.1", NONE],
        ["a/client", "::1", ALL],
      ];
      for (const [s, d, want] of order ? [...checks].reverse() : checks) expect(`${s}>${d} ${pairText(e, s, d)}`).toBe(`${s}>${d} ${want}`);
      // The first rule matches the range but decides nothing there, so only the second one is a hit.
      expect(traced(e, "egress", "a/client", "198.51.100.1").tiers[0]!.hits).toEqual([`eg egress[2] "rest" Deny: ${ALL}`]);
      expect(traced(e, "egress", "a/client", "b/srv2").tiers[0]!.hits).toEqual(['eg egress[0] "dns" Allow: UDP 5353', `eg egress[2] "rest" Deny: SCTP 1-65535,TCP 1-65535,UDP 1-5352,5354-65535`]);
    }
    expectPathsAgree(objs);
  });

  test("a port list mixing a named port and a number resolves the name per destination", () => {
    const objs = [nsA, nsB, ...pods, netpol("b", "mixed", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "a" } } }], ports: [{ port: 80 }, { port: "http" }] }] })];
    expectPairs(objs, [
      ["a/client", "b/srv", "TCP 80,8080"],
      ["a/client", "b/srv2", "TCP 80,9090"],
      ["a/client", "b/other", "TCP 80"],
    ]);
  });

  test("subjects whose rules differ only in action, ports, protocol or tier keep their own verdicts", () => {
    const k = (n: number): Obj => pod("b", `k${n}`);
    const sel = (n: number): Obj => ({ pods: { namespaceSelector: { matchLabels: { team: "b" } }, podSelector: { matchLabels: { app: `k${n}` } } } });
    const denyRest = { action: "Deny", from: fromA };
    const objs = [
      nsA,
      nsB,
      pod("a", "client"),
      ...[1, 2, 3, 4, 5, 6, 7, 8].map(k),
      anp("k1", 1, { subject: sel(1), ingress: [{ action: "Allow", from: fromA, ports: [tcp(80)] }, denyRest] }),
      anp("k2", 2, { subject: sel(2), ingress: [{ action: "Deny", from: fromA, ports: [tcp(80)] }, denyRest] }),
      anp("k3", 3, { subject: sel(3), ingress: [{ action: "Allow", from: fromA }, denyRest] }),
      anp("k4", 4, { subject: sel(4), ingress: [{ action: "Allow", from: fromA, ports: [tcp(81)] }, denyRest] }),
      anp("k5", 5, { subject: sel(5), ingress: [{ action: "Allow", from: fromA, ports: [{ portNumber: { port: 80, protocol: "UDP" } }] }, denyRest] }),
      anp("k6", 6, { subject: sel(6), ingress: [{ action: "Pass", from: fromA, ports: [tcp(82)] }, denyRest] }),
      // k7 and k8 are isolated; k7's second rule is a NetworkPolicy rule, k8's a baseline rule (never consulted when isolated).
      anp("k78", 7, { subject: { pods: { namespaceSelector: { matchLabels: { team: "b" } }, podSelector: { matchExpressions: [{ key: "app", operator: "In", values: ["k7", "k8"] }] } } }, ingress: [{ action: "Allow", from: fromA, ports: [tcp(80)] }] }),
      netpol("b", "k7", { podSelector: { matchLabels: { app: "k7" } }, ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 81 }] }] }),
      netpol("b", "k8", { podSelector: { matchLabels: { app: "k8" } }, policyTypes: ["Ingress"] }),
      banp({ subject: sel(8), ingress: [{ action: "Allow", from: fromA, ports: [tcp(81)] }] }),
    ];
    const want: Record<string, string> = { k1: "TCP 80", k2: NONE, k3: ALL, k4: "TCP 81", k5: "UDP 80", k6: "TCP 82", k7: "TCP 80-81", k8: "TCP 80" };
    for (const order of [0, 1]) {
      const e = engineOf(objs);
      const ks = Object.keys(want);
      for (const x of order ? [...ks].reverse() : ks) expect(`${x} ${pairText(e, "a/client", `b/${x}`)}`).toBe(`${x} ${want[x]!}`);
    }
    expectPathsAgree(objs);
  });

  test("subjects with equal named ports whose rules name different ports, or one name over different protocols, keep their own verdicts", () => {
    const dual = [
      { name: "http", containerPort: 8080 },
      { name: "dns", containerPort: 53, protocol: "UDP" },
      { name: "dns", containerPort: 5353, protocol: "TCP" },
    ];
    const only = (app: string): Obj => ({ matchLabels: { app } });
    const objs = [
      nsA,
      nsB,
      pod("a", "client"),
      ...["n1", "n2", "n3", "n4"].map((n) => pod("b", n, { ports: dual })),
      anp("n1", 1, { subject: { pods: { namespaceSelector: {}, podSelector: only("n1") } }, ingress: [{ action: "Allow", from: fromA, ports: [{ namedPort: "http" }] }, { action: "Deny", from: fromA }] }),
      anp("n2", 2, { subject: { pods: { namespaceSelector: {}, podSelector: only("n2") } }, ingress: [{ action: "Allow", from: fromA, ports: [{ namedPort: "dns" }] }, { action: "Deny", from: fromA }] }),
      netpol("b", "n3", { podSelector: only("n3"), ingress: [{ ports: [{ port: "dns" }] }] }),
      netpol("b", "n4", { podSelector: only("n4"), ingress: [{ ports: [{ port: "dns", protocol: "UDP" }] }] }),
    ];
    // ANP namedPort dns takes both declared protocols; NetworkPolicy dns is TCP unless it says UDP.
    const want: Record<string, string> = { n1: "TCP 8080", n2: "TCP 5353,UDP 53", n3: "TCP 5353", n4: "UDP 53" };
    for (const order of [0, 1]) {
      const e = engineOf(objs);
      const ks = Object.keys(want);
      for (const x of order ? [...ks].reverse() : ks) expect(`${x} ${pairText(e, "a/client", `b/${x}`)}`).toBe(`${x} ${want[x]!}`);
    }
  });

  test("egress named ports of an any-peer NetworkPolicy rule resolve on destination pods, never on a range", () => {
    const objs = [
      nsA,
      nsB,
      pod("a", "aaa", { ports: [{ name: "http", containerPort: 8080 }] }),
      pod("a", "client"),
      pod("b", "srv2", { ports: srv2Ports }),
      netpol("a", "eg", { podSelector: { matchLabels: { app: "client" } }, policyTypes: ["Egress"], egress: [{ ports: [{ port: "http" }] }, { to: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ port: 7 }] }] }),
    ];
    expectPairs(objs, [
      ["a/client", "0.0.0.1", NONE],
      ["a/client", "10.0.0.1", "TCP 7"],
      ["a/client", "a/aaa", "TCP 8080"],
      ["a/client", "b/srv2", "TCP 9090"],
      ["a/client", "11.0.0.1", NONE],
    ]);
    expectPathsAgree(objs);
  });

  test("ipBlock except carves out of the block, endPort gives a range, pods never match an ipBlock", () => {
    const objs = [
      nsA,
      nsB,
      ...pods,
      netpol("a", "eg", {
        podSelector: { matchLabels: { app: "client" } },
        policyTypes: ["Egress"],
        egress: [
          { to: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }], ports: [{ port: 443 }, { port: 8000, endPort: 8002, protocol: "TCP" }] },
          { to: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ port: 53, protocol: "UDP" }] },
          { to: [{ podSelector: { matchLabels: { app: "nobody" } } }] },
        ],
      }),
      netpol("b", "in", { podSelector: { matchLabels: { app: "other" } }, ingress: [{ from: [{ ipBlock: { cidr: "192.168.0.0/16", except: ["192.168.1.0/24"] } }, { podSelector: { matchLabels: { app: "srv" } } }], ports: [{ port: 9000, protocol: "SCTP" }] }] }),
    ];
    const e = engineOf(objs);
    expect(pairText(e, "a/client", "10.0.0.1")).toBe("TCP 443,8000-8002,UDP 53");
    expect(pairText(e, "a/client", "10.1.2.3")).toBe("UDP 53");
    expect(pairText(e, "a/client", "10.2.0.0")).toBe("TCP 443,8000-8002,UDP 53");
    expect(pairText(e, "a/client", "11.0.0.1")).toBe(NONE);
    expect(pairText(e, "a/client", "b/srv")).toBe(NONE);
    expect(pairText(e, "192.168.0.9", "b/other")).toBe("SCTP 9000");
    expect(pairText(e, "192.168.1.9", "b/other")).toBe(NONE);
    expect(pairText(e, "192.169.0.1", "b/other")).toBe(NONE);
    expect(pairText(e, "b/srv", "b/other")).toBe("SCTP 9000");
    expect(pairText(e, "a/client", "b/other")).toBe(NONE);
    // Outside ranges never talk to each other.
    expect(e.pair(rng(e, "10.0.0.1"), rng(e, "192.168.0.1")).toString()).toBe(NONE);
    expectPathsAgree(objs);
  });

  test("a podSelector-only peer means the policy's namespace; with a namespaceSelector, the selected namespaces", () => {
    const objs = [
      nsA,
      nsB,
      pod("a", "web"),
      pod("b", "web", { labels: { app: "web", copy: "b" } }),
      pod("b", "db"),
      netpol("b", "own-ns", { podSelector: { matchLabels: { app: "db" } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }], ports: [{ port: 5432 }] }, { from: [{ namespaceSelector: { matchLabels: { team: "a" } }, podSelector: { matchLabels: { app: "web" } } }], ports: [{ port: 6000 }] }] }),
    ];
    const e = engineOf(objs);
    const bWeb = { kind: "class", index: e.classes.classes.findIndex((c) => c.labels["copy"] === "b") } as const;
    const aWeb = cls(e, "a/web");
    const db = cls(e, "b/db");
    expect(e.pair(bWeb, db).toString()).toBe("TCP 5432");
    expect(e.pair(aWeb, db).toString()).toBe("TCP 6000");
    expect(traced(e, "ingress", "b/db", "a/web").tiers[1]!.hits).toEqual(["own-ns ingress[1] Allow: TCP 6000"]);
    expectPathsAgree(objs);
  });

  test("a pod isolated with no rules (ingress: []) gets nothing, on every path", () => {
    const objs = [nsA, nsB, ...pods, netpol("b", "deny", { podSelector: { matchLabels: { app: "other" } }, ingress: [] })];
    const e = engineOf(objs);
    expect(pairText(e, "a/client", "b/other")).toBe(NONE);
    expect(pairText(e, "10.0.0.1", "b/other")).toBe(NONE);
    expect(pairText(e, "b/other", "a/client")).toBe(ALL);
    expect(e.verdict("ingress", cls(e, "b/other").index, cls(e, "a/client")).toString()).toBe(NONE);
    const other = cls(e, "b/other").index;
    const all = e.candidateDestinations();
    expect(all.every((c) => c !== undefined)).toBe(true);
    all.forEach((c) => expect(c!.has(other)).toBe(false));
    // Asked for some sources only, the others get no set.
    expect(e.candidateDestinations((s) => s === other).map((c) => c !== undefined)).toEqual(all.map((_, s) => s === other));
    expectPathsAgree(objs);
  });

  test("an egress-isolated pod reaches only what its rules name; a rule with no peers reaches every class", () => {
    const objs = [
      nsA,
      nsB,
      ...pods,
      netpol("a", "none", { podSelector: { matchLabels: { app: "client" } }, policyTypes: ["Egress"] }),
      netpol("b", "any80", { podSelector: { matchLabels: { app: "srv" } }, policyTypes: ["Egress"], egress: [{ ports: [{ port: 80 }] }] }),
      anp("eg", 1, { subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: "srv2" } } } }, egress: [{ action: "Allow", to: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: "client" } } } }], ports: [tcp(5)] }] }),
    ];
    const e = engineOf(objs);
    const client = cls(e, "a/client").index;
    expect(e.reachableClasses(client).isEmpty()).toBe(true);
    expect(e.candidateDestinations()[client]!.isEmpty()).toBe(true);
    expect(e.row(client).ds.length).toBe(0);
    expect(pairText(e, "a/client", "b/srv")).toBe(NONE);
    expect(pairText(e, "b/srv", "a/client")).toBe("TCP 80");
    expect(pairText(e, "b/srv", "b/other")).toBe("TCP 80");
    expect(pairText(e, "b/srv", "1.1.1.1")).toBe("TCP 80");
    // srv2 is not isolated: the ANP allow to client does not limit what else it reaches.
    expect(pairText(e, "b/srv2", "b/other")).toBe(ALL);
    expect(pairText(e, "b/srv2", "a/client")).toBe(ALL);
    expectPathsAgree(objs);
  });

  test("an egress reach is the union of its rules' peer sets: each rule's peers are reached, on every path", () => {
    // a/client is egress-isolated with two rules, each naming one pod alone: b/srv on TCP 1, b/other on TCP 2.
    const objs = [
      nsA,
      nsB,
      nsZ,
      ...pods,
      netpol("a", "two", {
        podSelector: { matchLabels: { app: "client" } },
        policyTypes: ["Egress"],
        egress: [
          { to: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: "srv" } } }], ports: [{ port: 1 }] },
          { to: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: "other" } } }], ports: [{ port: 2 }] },
        ],
      }),
    ];
    const e = engineOf(objs);
    const client = cls(e, "a/client").index;
    const name = (d: number): string => `${e.classes.classes[d]!.namespace}/${e.classes.classes[d]!.labels["app"]!}`;
    expect(e.reachableClasses(client).toArray().map(name)).toEqual(["b/srv", "b/other"].sort((x, y) => cls(e, x).index - cls(e, y).index));
    for (const row of [e.row(client), e.row(client, e.candidateDestinations()[client])]) {
      const got = [...row.ds].map((d, k) => `${name(d)} ${e.setOf(row.vs[k]!).toString()}`);
      expect(got.sort()).toEqual(["b/other TCP 2", "b/srv TCP 1"]);
    }
    expectPathsAgree(objs);
  });

  test("an ingress rule with no peers and one naming some pods, in lists of one shape, give row() each its own verdict", () => {
    // b/srv admits every source on TCP 80 (no `from`); b/other admits only a/client on TCP 80. Both lists are one
    // NetworkPolicy Allow rule on TCP 80, so they share a memo table by rule mask: a source other than a/client
    // matches srv's rule (mask 1) and not other's (mask 0). A row that took srv's peer-less rule as not matching
    // would read other's entry for mask 0 and lose srv.
    const objs = [
      nsA,
      nsB,
      nsZ,
      ...pods,
      netpol("b", "any80", { podSelector: { matchLabels: { app: "srv" } }, ingress: [{ ports: [{ port: 80 }] }] }),
      netpol("b", "client80", { podSelector: { matchLabels: { app: "other" } }, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: "client" } } }], ports: [{ port: 80 }] }] }),
    ];
    const e = engineOf(objs);
    const srv = cls(e, "b/srv").index;
    const other = cls(e, "b/other").index;
    // Fill both entries of the shared table first, through pair().
    expect(pairText(e, "a/client", "b/other")).toBe("TCP 80");
    expect(pairText(e, "z/stranger", "b/other")).toBe(NONE);
    for (const src of ["a/client", "z/stranger", "b/srv2"]) {
      const s = cls(e, src).index;
      const row = e.row(s, e.candidateDestinations()[s]);
      const verdictTo = (d: number): string => {
        const k = row.ds.indexOf(d);
        return k < 0 ? NONE : e.setOf(row.vs[k]!).toString();
      };
      expect(`${src} > b/srv ${verdictTo(srv)}`).toBe(`${src} > b/srv TCP 80`);
      expect(`${src} > b/other ${verdictTo(other)}`).toBe(`${src} > b/other ${src === "a/client" ? "TCP 80" : NONE}`);
    }
    expectPathsAgree(objs);
  });
});

// ---------------------------------------------------------------- long rule lists

/** 40 source pods m/p00..m/p39 and one target per rule count; target tN admits pod pI on TCP 1000+I for I < N. */
function longLists(counts: readonly number[], direction: "ingress" | "egress"): Obj[] {
  const objs: Obj[] = [ns("m", { team: "m" }), ns("t", { team: "t" })];
  for (let i = 0; i < 40; i++) objs.push(pod("m", `p${String(i).padStart(2, "0")}`));
  for (const n of counts) {
    objs.push(pod("t", `t${n}`));
    const rules = Array.from({ length: n }, (_, i) => {
      const peer = { namespaceSelector: { matchLabels: { team: direction === "ingress" ? "m" : "t" } }, podSelector: { matchLabels: { app: direction === "ingress" ? `p${String(i).padStart(2, "0")}` : `t${n}` } } };
      // Egress: pod pI's policy names each target on its own rule; the target tN is named by rule I only when I < N.
      return direction === "ingress" ? { from: [peer], ports: [{ port: 1000 + i }] } : { to: [peer], ports: [{ port: 1000 + i }] };
    });
    if (direction === "ingress") objs.push(netpol("t", `in${n}`, { podSelector: { matchLabels: { app: `t${n}` } }, ingress: rules }));
  }
  if (direction === "egress") {
    // One egress policy for all 40 pods: rule I names pod pI's... every target of count > I; so pI reaches tN on 1000+I.
    // Built as one list of max(counts) rules, each naming the targets whose count exceeds its index.
    const max = Math.max(...counts);
    const rules = Array.from({ length: max }, (_, i) => ({ to: counts.filter((n) => n > i).map((n) => ({ namespaceSelector: { matchLabels: { team: "t" } }, podSelector: { matchLabels: { app: `t${n}` } } })), ports: [{ port: 1000 + i }] }));
    objs.push(netpol("m", "eg", { podSelector: {}, policyTypes: ["Egress"], egress: rules }));
  }
  return objs;
}

describe("rule lists of every length agree with direct evaluation", () => {
  const counts = [12, 13, 30, 31, 33];

  test("ingress lists of 12, 13, 30, 31 and 33 rules: target tN admits pI on TCP 1000+I for I < N only", () => {
    const objs = longLists(counts, "ingress");
    for (const order of [0, 1]) {
      const e = engineOf(objs);
      const srcs = Array.from({ length: 40 }, (_, i) => i);
      for (const n of counts)
        for (const i of order ? [...srcs].reverse() : srcs) {
          const src = `m/p${String(i).padStart(2, "0")}`;
          expect(`${src}>t${n} ${pairText(e, src, `t/t${n}`)}`).toBe(`${src}>t${n} ${i < n ? `TCP ${1000 + i}` : NONE}`);
        }
      // Rows of sources past the first bitset word (index >= 32) name the right targets.
      for (const i of [0, 31, 32, 33, 39]) {
        const s = cls(e, `m/p${String(i).padStart(2, "0")}`).index;
        const row = e.row(s, e.candidateDestinations()[s]);
        const got = [...row.ds].map((d, k) => `${e.classes.classes[d]!.labels["app"]!} ${e.setOf(row.vs[k]!).toString()}`).filter((x) => x.startsWith("t"));
        expect(got).toEqual(counts.filter((n) => i < n).map((n) => `t${n} TCP ${1000 + i}`));
      }
    }
  });

  test("egress lists of up to 33 rules: pI reaches tN on TCP 1000+I for I < N and nothing else", () => {
    const objs = longLists(counts, "egress");
    for (const order of [0, 1]) {
      const e = engineOf(objs);
      const srcs = Array.from({ length: 40 }, (_, i) => i);
      for (const i of order ? [...srcs].reverse() : srcs) {
        const src = `m/p${String(i).padStart(2, "0")}`;
        // Rule J names every target with count > J, on port 1000+J: pI (any I) reaches tN on 1000..1000+N-1.
        for (const n of counts) expect(`${src}>t${n} ${pairText(e, src, `t/t${n}`)}`).toBe(`${src}>t${n} TCP 1000-${1000 + n - 1}`);
        expect(pairText(e, src, "m/p00")).toBe(NONE);
      }
    }
  });

  test("an ingress list of 33 rules where rules 0 and 32 name different pods keeps them apart (and so do 30- and 31-rule lists)", () => {
    const objs: Obj[] = [ns("m", { team: "m" }), pod("m", "dst"), pod("m", "x0"), pod("m", "x29"), pod("m", "x30"), pod("m", "x32"), pod("m", "dst31", {}), pod("m", "dst30", {})];
    const rulesFor = (n: number): Obj[] =>
      Array.from({ length: n }, (_, i) => ({ from: [{ podSelector: { matchLabels: { app: i === 0 || i === 29 || i === 30 || i === 32 ? `x${i}` : "nobody" } } }], ports: [{ port: 100 + i }] }));
    objs.push(netpol("m", "in33", { podSelector: { matchLabels: { app: "dst" } }, ingress: rulesFor(33) }));
    objs.push(netpol("m", "in31", { podSelector: { matchLabels: { app: "dst31" } }, ingress: rulesFor(31) }));
    objs.push(netpol("m", "in30", { podSelector: { matchLabels: { app: "dst30" } }, ingress: rulesFor(30) }));
    expectPairs(objs, [
      ["m/x0", "m/dst", "TCP 100"],
      ["m/x32", "m/dst", "TCP 132"],
      ["m/x30", "m/dst", "TCP 130"],
      ["m/x29", "m/dst30", "TCP 129"],
      ["m/x30", "m/dst30", NONE],
      ["m/x0", "m/dst30", "TCP 100"],
      ["m/x30", "m/dst31", "TCP 130"],
      ["m/x32", "m/dst31", NONE],
      ["m/dst", "m/dst31", NONE],
    ]);
    expectPathsAgree(objs);
  });

  test("ranges as peers of long lists: each /24 gets its own port", () => {
    const objs: Obj[] = [ns("m"), pod("m", "dst")];
    for (const n of [13, 33]) {
      objs.push(pod("m", `d${n}`));
      objs.push(netpol("m", `in${n}`, { podSelector: { matchLabels: { app: `d${n}` } }, ingress: Array.from({ length: n }, (_, i) => ({ from: [{ ipBlock: { cidr: `10.${n}.${i}.0/24` } }], ports: [{ port: 2000 + i }] })) }));
    }
    const e = engineOf(objs);
    for (const n of [13, 33]) {
      for (const i of [0, 1, 12, n - 1]) expect(pairText(e, `10.${n}.${i}.5`, `m/d${n}`)).toBe(`TCP ${2000 + i}`);
      expect(pairText(e, `10.${n}.${n}.5`, `m/d${n}`)).toBe(NONE);
    }
    expect(pairText(e, "10.13.0.5", "m/d33")).toBe(NONE);
  });
});

// ---------------------------------------------------------------- range atoms

describe("range atoms", () => {
  const atomsText = (e: Engine, c: string, dir: "ingress" | "egress"): string[] => {
    const a = e.rangeAtoms(cls(e, c).index, dir);
    const members: number[][] = Array.from(a.first, () => []);
    a.atomOf.forEach((atom, x) => members[atom]!.push(x));
    // Each atom's representative is its lowest range, and no atom is empty.
    members.forEach((xs, i) => expect(xs[0]).toBe(a.first[i]));
    return members.map((xs) => xs.map((x) => e.space.ranges[x]!.first).join(" "));
  };

  test("ranges that no rule tells apart form one atom; except and repeated range sets split nothing more", () => {
    const objs = [
      nsA,
      nsB,
      ...pods,
      netpol("a", "eg", {
        podSelector: { matchLabels: { app: "client" } },
        policyTypes: ["Egress"],
        egress: [
          { to: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }], ports: [{ port: 443 }] },
          { to: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ port: 80 }] },
          { to: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ port: 81 }] },
          { to: [{ ipBlock: { cidr: "192.168.0.0/16" } }] },
          { to: [{ podSelector: {} }] },
          { ports: [{ port: 1 }] },
        ],
      }),
    ];
    const e = engineOf(objs);
    // Ranges: 0.0.0.0, 10.0.0.0, 10.1.0.0, 10.2.0.0, 11.0.0.0, 192.168.0.0, 192.169.0.0, ::.
    expect(atomsText(e, "a/client", "egress")).toEqual(["0.0.0.0 11.0.0.0 192.169.0.0 ::", "10.0.0.0 10.2.0.0", "10.1.0.0", "192.168.0.0"]);
    expect(atomsText(e, "a/client", "ingress")).toEqual(["0.0.0.0 10.0.0.0 10.1.0.0 10.2.0.0 11.0.0.0 192.168.0.0 192.169.0.0 ::"]);
    expect(atomsText(e, "b/srv", "egress")).toEqual(["0.0.0.0 10.0.0.0 10.1.0.0 10.2.0.0 11.0.0.0 192.168.0.0 192.169.0.0 ::"]);
    // The verdicts per atom.
    expect(pairText(e, "a/client", "10.5.0.0")).toBe("TCP 1,80-81,443");
    expect(pairText(e, "a/client", "10.1.0.0")).toBe("TCP 1,80-81");
    expect(pairText(e, "a/client", "192.168.3.3")).toBe(ALL);
    expect(pairText(e, "a/client", "::2")).toBe("TCP 1");
    const c = analyze(clusterOf(objs));
    expect(c.connections({ kind: "workload", id: "a/client[Pod]" }, { kind: "ip", address: "11.0.0.0" }).toString()).toBe("TCP 1");
  });

  test("the lowest range held by a rule, and every range held: atoms still in order of first range", () => {
    const egress = (rules: unknown[]) => [nsA, nsB, ...pods, netpol("a", "eg", { podSelector: { matchLabels: { app: "client" } }, policyTypes: ["Egress"], egress: rules })];
    const low = engineOf(egress([{ to: [{ ipBlock: { cidr: "0.0.0.0/8" } }], ports: [{ port: 1 }] }]));
    // Ranges: 0.0.0.0, 1.0.0.0, ::. The held range comes first, so the atom of the others is not atom 0.
    expect(atomsText(low, "a/client", "egress")).toEqual(["0.0.0.0", "1.0.0.0 ::"]);
    expect(pairText(low, "a/client", "0.1.2.3")).toBe("TCP 1");
    expect(pairText(low, "a/client", "8.8.8.8")).toBe(NONE);
    const all = engineOf(
      egress([
        { to: [{ ipBlock: { cidr: "0.0.0.0/8" } }], ports: [{ port: 1 }] },
        { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 2 }] },
        { to: [{ ipBlock: { cidr: "::/0" } }], ports: [{ port: 3 }] },
      ]),
    );
    expect(atomsText(all, "a/client", "egress")).toEqual(["0.0.0.0", "1.0.0.0", "::"]);
    expect(pairText(all, "a/client", "0.1.2.3")).toBe("TCP 1-2");
    expect(pairText(all, "a/client", "8.8.8.8")).toBe("TCP 2");
    expect(pairText(all, "a/client", "::1")).toBe("TCP 3");
  });

  test("into a meshed class every range an Istio policy names is an atom of its own; an unmeshed class with the same rules is not split", () => {
    const objs = [
      ns("mesh", { "istio-injection": "enabled" }),
      ns("plain"),
      pod("mesh", "m"),
      pod("plain", "u"),
      authz("other", "ips", { action: "DENY", rules: [{ from: [{ source: { ipBlocks: ["10.0.0.0/8"], notIpBlocks: ["10.1.0.0/16"] } }] }] }),
      authz("other", "not-only", { action: "DENY", rules: [{ from: [{ source: { notIpBlocks: ["172.16.0.0/12"] } }] }] }),
    ];
    // Ranges: 0.0.0.0, 10.0.0.0, 10.1.0.0, 10.2.0.0, 11.0.0.0, 172.16.0.0, 172.32.0.0, ::. Istio names 10.0.0.0, 10.1.0.0,
    // 10.2.0.0 and (through a notIpBlocks alone) 172.16.0.0.
    const meshed = ["0.0.0.0 11.0.0.0 172.32.0.0 ::", "10.0.0.0", "10.1.0.0", "10.2.0.0", "172.16.0.0"];
    const whole = ["0.0.0.0 10.0.0.0 10.1.0.0 10.2.0.0 11.0.0.0 172.16.0.0 172.32.0.0 ::"];
    const e1 = engineOf(objs);
    expect(atomsText(e1, "plain/u", "ingress")).toEqual(whole);
    expect(atomsText(e1, "mesh/m", "ingress")).toEqual(meshed);
    expect(atomsText(e1, "mesh/m", "egress")).toEqual(whole);
    const e2 = engineOf(objs);
    expect(atomsText(e2, "mesh/m", "ingress")).toEqual(meshed);
    expect(atomsText(e2, "plain/u", "ingress")).toEqual(whole);
    expect(atomsText(engineOf(objs, { ...ALL_LAYERS, istio: "off" }), "mesh/m", "ingress")).toEqual(whole);
  });

  test("more than 30 distinct range sets still give one atom per set", () => {
    const rules = Array.from({ length: 33 }, (_, i) => ({ to: [{ ipBlock: { cidr: `10.0.${i}.0/24` } }], ports: [{ port: 3000 + i }] }));
    const objs = [nsA, pod("a", "client"), netpol("a", "eg", { podSelector: {}, policyTypes: ["Egress"], egress: rules })];
    const e = engineOf(objs);
    const atoms = atomsText(e, "a/client", "egress");
    expect(atoms).toEqual(["0.0.0.0 10.0.33.0 ::", ...Array.from({ length: 33 }, (_, i) => `10.0.${i}.0`)]);
    for (const i of [0, 1, 30, 31, 32]) expect(pairText(e, "a/client", `10.0.${i}.7`)).toBe(`TCP ${3000 + i}`);
    const c = analyze(clusterOf(objs));
    const toRanges: string[] = [];
    c.forEachEgressToRange((_s, d, conns) => toRanges.push(`${d.kind === "external" ? d.range.first : ""} ${conns.toString()}`));
    // In range id order (text order of the ids).
    expect(toRanges).toEqual(Array.from({ length: 33 }, (_, i) => `10.0.${i}.0 TCP ${3000 + i}`).sort());
  });
});

// ---------------------------------------------------------------- interning, meet and join

describe("meet, join and interning", () => {
  test("meet and join compute intersection and union, with all and empty as identities, and return one object per content", () => {
    const e = engineOf([nsA, pod("a", "client")]);
    const a = ConnSet.ports("TCP", 80, 90);
    const b = ConnSet.ports("TCP", 85, 100).union(ConnSet.ports("UDP", 53));
    expect(e.meet(a, b).toString()).toBe("TCP 85-90");
    expect(e.meet(b, a).toString()).toBe("TCP 85-90");
    expect(e.meet(a, ConnSet.ports("TCP", 91)).toString()).toBe(NONE);
    expect(e.meet(a, ConnSet.all).toString()).toBe("TCP 80-90");
    expect(e.meet(ConnSet.all, a).toString()).toBe("TCP 80-90");
    expect(e.meet(ConnSet.empty, a).toString()).toBe(NONE);
    expect(e.meet(a, ConnSet.empty).toString()).toBe(NONE);
    expect(e.meet(a, ConnSet.ports("TCP", 80, 90)).toString()).toBe("TCP 80-90");
    expect(e.join(a, b).toString()).toBe("TCP 80-100,UDP 53");
    expect(e.join(b, a).toString()).toBe("TCP 80-100,UDP 53");
    expect(e.join(a, ConnSet.empty).toString()).toBe("TCP 80-90");
    expect(e.join(ConnSet.empty, a).toString()).toBe("TCP 80-90");
    expect(e.join(a, ConnSet.all).toString()).toBe(ALL);
    expect(e.join(ConnSet.all, a).toString()).toBe(ALL);
    expect(e.join(a, a).toString()).toBe("TCP 80-90");
    // Interned: equal content, one object (also for fresh operands of equal content).
    expect(e.meet(ConnSet.ports("TCP", 80, 90), ConnSet.ports("TCP", 85, 100))).toBe(e.meet(b, a));
    expect(e.join(ConnSet.ports("TCP", 80, 85), ConnSet.ports("TCP", 86, 90))).toBe(e.join(ConnSet.ports("TCP", 80, 82), ConnSet.ports("TCP", 83, 90)));
    expect(e.meet(ConnSet.ports("TCP", 1, 5), ConnSet.ports("TCP", 6, 9))).toBe(ConnSet.empty);
    expect(e.join(ConnSet.all.subtract(ConnSet.protocol("TCP")), ConnSet.protocol("TCP"))).toBe(ConnSet.all);
  });

  test("verdicts of equal content are one object across rows; rows hold no empty verdict", () => {
    const objs = [nsA, nsB, ...pods, netpol("b", "np", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "a" } } }], ports: [{ port: 80 }] }] })];
    const e = engineOf(objs);
    const row = e.row(cls(e, "a/client").index);
    const byApp = new Map([...row.ds].map((d, i) => [e.classes.classes[d]!.labels["app"]!, e.setOf(row.vs[i]!)]));
    // client and stranger are not selected by anything: all of them.
    expect([...byApp.keys()].sort()).toEqual(["client", "other", "srv", "srv2", "stranger"]);
    expect(byApp.get("client")).toBe(ConnSet.all);
    expect(byApp.get("stranger")).toBe(ConnSet.all);
    expect(byApp.get("srv")!.toString()).toBe("TCP 80");
    expect(byApp.get("srv")).toBe(byApp.get("srv2"));
    expect(byApp.get("srv")).toBe(e.pair(cls(e, "a/client"), cls(e, "b/other")));
    // b pods reach each other not at all (ingress from a only), and reach a/client and z/stranger freely.
    const fromSrv = e.row(cls(e, "b/srv").index);
    expect([...fromSrv.ds].map((d) => e.classes.classes[d]!.labels["app"])).toEqual(["client", "stranger"]);
    expect([...fromSrv.vs].map((v) => e.setOf(v))).toEqual([ConnSet.all, ConnSet.all]);
    expect(e.setOf(fromSrv.vs[0]!)).toBe(ConnSet.all);
    // A transient row has the same content, in scratch space that the next row() overwrites; a kept row is a copy.
    const kept = e.row(cls(e, "a/client").index);
    const transient = e.row(cls(e, "a/client").index, undefined, true);
    expect([...transient.ds]).toEqual([...kept.ds]);
    expect([...transient.vs]).toEqual([...kept.vs]);
    e.row(cls(e, "b/srv").index, undefined, true);
    expect([...transient.ds]).not.toEqual([...kept.ds]);
    expect([...kept.ds]).toEqual([...row.ds]);
  });

  test("the class index and address space are built once per cluster and shared by engines of any layers", () => {
    const c = clusterOf([nsA, pod("a", "client"), netpol("a", "x", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8" } }] }] })]);
    const s = sharedIndexes(c);
    expect(sharedIndexes(c)).toBe(s);
    const e1 = new Engine(c);
    const e2 = new Engine(c, { ...ALL_LAYERS, networkPolicy: false });
    expect(e1.classes).toBe(s.classes);
    expect(e2.space).toBe(s.space);
    expect(sharedIndexes(clusterOf([nsA, pod("a", "client")])).classes).not.toBe(s.classes);
  });
});

// ---------------------------------------------------------------- mentioned ranges

describe("the address space is cut at every range a policy mentions", () => {
  test("NetworkPolicy ipBlocks and excepts in both directions, ANP and BANP networks, Istio ipBlocks and notIpBlocks", () => {
    const objs = [
      nsA,
      pod("a", "client"),
      netpol("a", "in", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }] }, {}] }),
      netpol("a", "eg", { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "20.0.0.0/8" } }] }, { ports: [{ port: 1 }] }] }),
      anp("anp", 1, { subject: { namespaces: {} }, egress: [{ action: "Allow", to: [{ networks: ["172.16.0.0/12"] }] }] }),
      banp({ subject: { namespaces: {} }, egress: [{ action: "Deny", to: [{ networks: ["192.168.0.0/16"] }] }] }),
      authz("a", "ap", { action: "DENY", rules: [{ from: [{ source: { ipBlocks: ["203.0.113.0/24"] } }, { source: { notIpBlocks: ["198.51.100.0/24"] } }] }, {}] }),
    ];
    const firsts = analyze(clusterOf(objs)).externals.map((r) => `${r.first}-${r.last}`);
    expect(firsts).toEqual([
      "0.0.0.0-9.255.255.255",
      "10.0.0.0-10.0.255.255",
      "10.1.0.0-10.1.255.255",
      "10.2.0.0-10.255.255.255",
      "11.0.0.0-19.255.255.255",
      "20.0.0.0-20.255.255.255",
      "21.0.0.0-172.15.255.255",
      "172.16.0.0-172.31.255.255",
      "172.32.0.0-192.167.255.255",
      "192.168.0.0-192.168.255.255",
      "192.169.0.0-198.51.99.255",
      "198.51.100.0-198.51.100.255",
      "198.51.101.0-203.0.112.255",
      "203.0.113.0-203.0.113.255",
      "203.0.114.0-255.255.255.255",
      "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    ]);
  });
});

// ---------------------------------------------------------------- Istio

const meshNs = [ns("shop", { "istio-injection": "enabled" }), ns("edge", { "istio-injection": "enabled" }), ns("legacy"), ns("istio-system")];
const onApi = { selector: { matchLabels: { app: "api" } } };
const mesh = (...extra: Obj[]): Obj[] => [...meshNs, ...meshPods, ...extra];

/** Verdicts of several callers into one destination, evaluated in the given order on one engine. */
function verdicts(objs: readonly Obj[], dst: string, callers: readonly string[], layers: LayerSelection = ALL_LAYERS): Record<string, string> {
  const out: Record<string, string> = {};
  for (const order of [0, 1]) {
    const e = engineOf(objs, layers);
    const res: Record<string, string> = {};
    for (const c of order ? [...callers].reverse() : callers) res[c] = pairText(e, c, dst);
    if (order === 0) Object.assign(out, res);
    else expect(res).toEqual(out);
  }
  return out;
}

const CALLERS = ["shop/worker", "edge/gw", "legacy/old", "shop/plain", "203.0.113.7", "198.51.100.7"];

describe("Istio mTLS modes", () => {
  test("mesh, namespace and workload levels with port-level modes: an UNSET workload mode inherits, each port gets its mode", () => {
    const objs = mesh(
      peerAuth("istio-system", "default", { mtls: { mode: "STRICT" } }),
      peerAuth("istio-system", "aaa-selector", { selector: { matchLabels: { app: "gw" } }, mtls: { mode: "DISABLE" } }),
      peerAuth("shop", "default", { mtls: { mode: "PERMISSIVE" } }),
      peerAuth("shop", "api", { ...onApi, mtls: { mode: "UNSET" }, portLevelMtls: { "8080": { mode: "STRICT" }, "9090": { mode: "DISABLE" } } }),
      peerAuth("shop", "worker-only", { selector: { matchLabels: { app: "worker" } }, mtls: { mode: "STRICT" } }),
      peerAuth("legacy", "default", { mtls: { mode: "DISABLE" } }),
    );
    const e = engineOf(objs);
    const rest = "TCP 1-8079,8081-9089,9091-65535";
    expect(istioTraced(e, "shop/worker", "shop/api")).toEqual({ allowed: ALL, modes: ["STRICT TCP 8080 mtls", "DISABLE TCP 9090 plaintext", `PERMISSIVE ${rest} mtls`], hits: [] });
    expect(istioTraced(e, "legacy/old", "shop/api")).toEqual({
      allowed: allBut("1-8079,8081-65535"),
      modes: ["STRICT TCP 8080 plaintext refused", "DISABLE TCP 9090 plaintext", `PERMISSIVE ${rest} plaintext`],
      hits: [],
    });
    // Mesh-wide STRICT reaches edge (the root policy with a selector is not mesh-wide, and selects no edge pod).
    expect(istioTraced(e, "legacy/old", "edge/gw")).toEqual({ allowed: TCP_BLOCKED, modes: ["STRICT TCP 1-65535 plaintext refused"], hits: [] });
    expect(istioTraced(e, "203.0.113.7", "edge/gw").modes).toEqual(["STRICT TCP 1-65535 plaintext refused"]);
    expect(istioTraced(e, "shop/worker", "edge/gw")).toEqual({ allowed: ALL, modes: ["STRICT TCP 1-65535 mtls"], hits: [] });
    // shop/worker has its own STRICT workload policy; shop/plain has no sidecar.
    expect(verdicts(objs, "shop/worker", ["edge/gw", "legacy/old", "shop/plain", "203.0.113.7"])).toEqual({ "edge/gw": ALL, "legacy/old": TCP_BLOCKED, "shop/plain": TCP_BLOCKED, "203.0.113.7": TCP_BLOCKED });
    expect(verdicts(objs, "shop/plain", ["legacy/old", "edge/gw"])).toEqual({ "legacy/old": ALL, "edge/gw": ALL });
    expect(verdicts(objs, "shop/api", CALLERS)).toEqual({
      "shop/worker": ALL,
      "edge/gw": ALL,
      "legacy/old": allBut("1-8079,8081-65535"),
      "shop/plain": allBut("1-8079,8081-65535"),
      "203.0.113.7": allBut("1-8079,8081-65535"),
      "198.51.100.7": allBut("1-8079,8081-65535"),
    });
  });

  test("DISABLE makes even a meshed caller plaintext, so identity rules cannot match it there", () => {
    const objs = mesh(
      peerAuth("shop", "api", { ...onApi, mtls: { mode: "PERMISSIVE" }, portLevelMtls: { "8080": { mode: "DISABLE" } } }),
      authz("shop", "allow-worker", { ...onApi, rules: [{ from: [{ source: { principals: ["cluster.local/ns/shop/sa/worker"] } }] }] }),
    );
    const e = engineOf(objs);
    expect(istioTraced(e, "shop/worker", "shop/api")).toEqual({
      allowed: allBut("1-8079,8081-65535"),
      modes: ["DISABLE TCP 8080 plaintext", "PERMISSIVE TCP 1-8079,8081-65535 mtls"],
      hits: ["allow-worker#0 ALLOW: TCP 1-8079,8081-65535"],
    });
    expect(pairText(e, "edge/gw", "shop/api")).toBe(TCP_BLOCKED);
  });

  test("a namespace-wide mode overrides the mesh one; another namespace's policy does not apply", () => {
    const objs = mesh(peerAuth("istio-system", "default", { mtls: { mode: "STRICT" } }), peerAuth("edge", "default", { mtls: { mode: "PERMISSIVE" } }), peerAuth("legacy", "default", { mtls: { mode: "DISABLE" } }));
    expect(verdicts(objs, "edge/gw", ["legacy/old", "203.0.113.7"])).toEqual({ "legacy/old": ALL, "203.0.113.7": ALL });
    expect(verdicts(objs, "shop/api", ["legacy/old", "shop/worker"])).toEqual({ "legacy/old": TCP_BLOCKED, "shop/worker": ALL });
  });
});

describe("Istio AuthorizationPolicy at L4", () => {
  const allowFrom = (source: Obj, extra: Obj = {}): Obj => authz("shop", "allow", { ...onApi, rules: [{ from: [{ source }], ...extra }] });
  const denyFrom = (source: Obj, extra: Obj = {}): Obj => authz("shop", "deny", { ...onApi, action: "DENY", rules: [{ from: [{ source }], ...extra }] });
  // Callers: worker = cluster.local/ns/shop/sa/worker, gw = cluster.local/ns/edge/sa/gateway, old and plain are plaintext (no
  // identity), the two addresses are outside ranges (plaintext). Pods are outside every ipBlock.

  test("ALLOW principals and namespaces need that identity; notPrincipals and notNamespaces admit callers without one", () => {
    expect(verdicts(mesh(allowFrom({ principals: ["cluster.local/ns/nobody/sa/*", "cluster.local/ns/edge/sa/*"] }, { to: [{ operation: { ports: ["8080"] } }] })), "shop/api", CALLERS)).toEqual({
      "shop/worker": TCP_BLOCKED,
      "edge/gw": allBut("8080"),
      "legacy/old": TCP_BLOCKED,
      "shop/plain": TCP_BLOCKED,
      "203.0.113.7": TCP_BLOCKED,
      "198.51.100.7": TCP_BLOCKED,
    });
    expect(verdicts(mesh(allowFrom({ notPrincipals: ["*/sa/nobody", "*/sa/gateway"] })), "shop/api", CALLERS)).toEqual({
      "shop/worker": ALL,
      "edge/gw": TCP_BLOCKED,
      "legacy/old": ALL,
      "shop/plain": ALL,
      "203.0.113.7": ALL,
      "198.51.100.7": ALL,
    });
    expect(verdicts(mesh(allowFrom({ namespaces: ["shop"] })), "shop/api", CALLERS)).toEqual({
      "shop/worker": ALL,
      "edge/gw": TCP_BLOCKED,
      "legacy/old": TCP_BLOCKED,
      "shop/plain": TCP_BLOCKED,
      "203.0.113.7": TCP_BLOCKED,
      "198.51.100.7": TCP_BLOCKED,
    });
    expect(verdicts(mesh(allowFrom({ notNamespaces: ["nowhere", "shop"] })), "shop/api", CALLERS)).toEqual({
      "shop/worker": TCP_BLOCKED,
      "edge/gw": ALL,
      "legacy/old": ALL,
      "shop/plain": ALL,
      "203.0.113.7": ALL,
      "198.51.100.7": ALL,
    });
  });

  test("ALLOW ipBlocks admits only outside ranges inside a block; notIpBlocks admits pods and ranges outside it", () => {
    expect(verdicts(mesh(allowFrom({ ipBlocks: ["192.0.2.0/24", "203.0.113.0/24"] })), "shop/api", CALLERS)).toEqual({
      "shop/worker": TCP_BLOCKED,
      "edge/gw": TCP_BLOCKED,
      "legacy/old": TCP_BLOCKED,
      "shop/plain": TCP_BLOCKED,
      "203.0.113.7": ALL,
      "198.51.100.7": TCP_BLOCKED,
    });
    expect(verdicts(mesh(allowFrom({ notIpBlocks: ["203.0.113.0/24"] })), "shop/api", CALLERS)).toEqual({
      "shop/worker": ALL,
      "edge/gw": ALL,
      "legacy/old": ALL,
      "shop/plain": ALL,
      "203.0.113.7": TCP_BLOCKED,
      "198.51.100.7": ALL,
    });
    // A single address is a block of one range whose ends are the block's ends.
    expect(verdicts(mesh(allowFrom({ ipBlocks: ["203.0.113.7"] })), "shop/api", ["203.0.113.7", "203.0.113.8", "203.0.113.6"])).toEqual({ "203.0.113.7": ALL, "203.0.113.8": TCP_BLOCKED, "203.0.113.6": TCP_BLOCKED });
  });

  test("an IPv4 block never holds an IPv6 range with the same numbers", () => {
    const objs = mesh(denyFrom({ ipBlocks: ["10.0.0.0/8"] }), netpol("legacy", "v6", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "::a00:0/104" } }] }] }));
    expect(verdicts(objs, "shop/api", ["10.0.0.5", "::a00:5", "::1"])).toEqual({ "10.0.0.5": TCP_BLOCKED, "::a00:5": ALL, "::1": ALL });
  });

  test("DENY rules with principals, ipBlocks or notIpBlocks deny exactly their callers", () => {
    expect(verdicts(mesh(denyFrom({ principals: ["cluster.local/ns/edge/sa/gateway"] })), "shop/api", CALLERS)).toEqual({
      "shop/worker": ALL,
      "edge/gw": TCP_BLOCKED,
      "legacy/old": ALL,
      "shop/plain": ALL,
      "203.0.113.7": ALL,
      "198.51.100.7": ALL,
    });
    // A caller without identity is not among the excluded principals or namespaces, so the negated forms deny it.
    expect(verdicts(mesh(denyFrom({ notPrincipals: ["cluster.local/ns/edge/sa/nobody", "cluster.local/ns/edge/sa/gateway"] })), "shop/api", CALLERS)).toEqual({
      "shop/worker": TCP_BLOCKED,
      "edge/gw": ALL,
      "legacy/old": TCP_BLOCKED,
      "shop/plain": TCP_BLOCKED,
      "203.0.113.7": TCP_BLOCKED,
      "198.51.100.7": TCP_BLOCKED,
    });
    expect(verdicts(mesh(denyFrom({ namespaces: ["edge"] })), "shop/api", CALLERS)).toEqual({
      "shop/worker": ALL,
      "edge/gw": TCP_BLOCKED,
      "legacy/old": ALL,
      "shop/plain": ALL,
      "203.0.113.7": ALL,
      "198.51.100.7": ALL,
    });
    expect(verdicts(mesh(denyFrom({ notNamespaces: ["nowhere", "edge"] })), "shop/api", CALLERS)).toEqual({
      "shop/worker": TCP_BLOCKED,
      "edge/gw": ALL,
      "legacy/old": TCP_BLOCKED,
      "shop/plain": TCP_BLOCKED,
      "203.0.113.7": TCP_BLOCKED,
      "198.51.100.7": TCP_BLOCKED,
    });
    expect(verdicts(mesh(denyFrom({ ipBlocks: ["203.0.113.0/24"] })), "shop/api", CALLERS)).toEqual({
      "shop/worker": ALL,
      "edge/gw": ALL,
      "legacy/old": ALL,
      "shop/plain": ALL,
      "203.0.113.7": TCP_BLOCKED,
      "198.51.100.7": ALL,
    });
    expect(verdicts(mesh(denyFrom({ notIpBlocks: ["192.0.2.0/24", "203.0.113.0/24"] })), "shop/api", CALLERS)).toEqual({
      "shop/worker": TCP_BLOCKED,
      "edge/gw": TCP_BLOCKED,
      "legacy/old": TCP_BLOCKED,
      "shop/plain": TCP_BLOCKED,
      "203.0.113.7": ALL,
      "198.51.100.7": TCP_BLOCKED,
    });
  });

  test("L4 cannot decide `when`, requestPrincipals or HTTP fields: DENY ignores such rules, ALLOW admits on their ports", () => {
    const who = ["shop/worker", "legacy/old"];
    expect(verdicts(mesh(denyFrom({ namespaces: ["shop"] }, { when: [{ key: "request.headers[x]", values: ["1"] }] })), "shop/api", who)).toEqual({ "shop/worker": ALL, "legacy/old": ALL });
    expect(verdicts(mesh(denyFrom({ requestPrincipals: ["*"] })), "shop/api", who)).toEqual({ "shop/worker": ALL, "legacy/old": ALL });
    expect(verdicts(mesh(denyFrom({ namespaces: ["shop"] }, { to: [{ operation: { methods: ["GET"], ports: ["8080"] } }] })), "shop/api", who)).toEqual({ "shop/worker": ALL, "legacy/old": ALL });
    // The same DENY without the HTTP field denies the port.
    expect(verdicts(mesh(denyFrom({ namespaces: ["shop"] }, { to: [{ operation: { ports: ["8080"] } }] })), "shop/api", who)).toEqual({ "shop/worker": allBut("1-8079,8081-65535"), "legacy/old": ALL });
    // A second operation without HTTP fields still denies its own ports.
    expect(verdicts(mesh(denyFrom({ namespaces: ["shop"] }, { to: [{ operation: { methods: ["GET"], ports: ["8080"] } }, { operation: { ports: ["22"] } }] })), "shop/api", who)).toEqual({
      "shop/worker": allBut("1-21,23-65535"),
      "legacy/old": ALL,
    });
    expect(verdicts(mesh(allowFrom({ namespaces: ["shop"] }, { when: [{ key: "request.headers[x]", values: ["1"] }], to: [{ operation: { ports: ["8080"] } }] })), "shop/api", who)).toEqual({
      "shop/worker": allBut("8080"),
      "legacy/old": TCP_BLOCKED,
    });
    expect(verdicts(mesh(allowFrom({ requestPrincipals: ["*"] })), "shop/api", who)).toEqual({ "shop/worker": ALL, "legacy/old": ALL });
    expect(verdicts(mesh(allowFrom({ namespaces: ["shop"] }, { to: [{ operation: { paths: ["/x"], ports: ["8080"] } }] })), "shop/api", who)).toEqual({ "shop/worker": allBut("8080"), "legacy/old": TCP_BLOCKED });
  });

  test("ports and notPorts; empty from and to lists match anything; several sources are alternatives", () => {
    const who = ["shop/worker", "edge/gw", "203.0.113.7", "198.51.100.7"];
    expect(verdicts(mesh(authz("shop", "p", { ...onApi, rules: [{ to: [{ operation: { ports: ["80", "81"], notPorts: ["81"] } }] }] })), "shop/api", who)).toMatchObject({ "shop/worker": allBut("80") });
    expect(verdicts(mesh(authz("shop", "p", { ...onApi, action: "DENY", rules: [{ to: [{ operation: { notPorts: ["22"] } }] }] })), "shop/api", who)).toMatchObject({ "shop/worker": allBut("22"), "203.0.113.7": allBut("22") });
    expect(verdicts(mesh(authz("shop", "p", { ...onApi, rules: [{ from: [], to: [] }] })), "shop/api", who)).toEqual({ "shop/worker": ALL, "edge/gw": ALL, "203.0.113.7": ALL, "198.51.100.7": ALL });
    expect(verdicts(mesh(authz("shop", "p", { ...onApi, rules: [{ from: [{ source: { namespaces: ["edge"] } }, { source: { ipBlocks: ["203.0.113.0/24"] } }] }] })), "shop/api", who)).toEqual({
      "shop/worker": TCP_BLOCKED,
      "edge/gw": ALL,
      "203.0.113.7": ALL,
      "198.51.100.7": TCP_BLOCKED,
    });
    // Several fields of one source must all hold.
    expect(verdicts(mesh(authz("shop", "p", { ...onApi, rules: [{ from: [{ source: { namespaces: ["edge", "shop"], notPrincipals: ["*/sa/worker"] } }] }] })), "shop/api", who)).toEqual({
      "shop/worker": TCP_BLOCKED,
      "edge/gw": ALL,
      "203.0.113.7": TCP_BLOCKED,
      "198.51.100.7": TCP_BLOCKED,
    });
  });

  test("ALLOW and DENY hits in the trace; DENY only takes from what was allowed", () => {
    const objs = mesh(
      authz("shop", "a1", { ...onApi, rules: [{ to: [{ operation: { ports: ["80", "81"] } }] }, { from: [{ source: { namespaces: ["edge"] } }], to: [{ operation: { ports: ["81", "82"] } }] }, { to: [{ operation: { ports: ["9"] } }], from: [{ source: { namespaces: ["nope"] } }] }] }),
      authz("shop", "d1", { ...onApi, action: "DENY", rules: [{ to: [{ operation: { ports: ["81", "83"] } }] }, { to: [{ operation: { ports: ["99"] } }] }] }),
    );
    const e = engineOf(objs);
    // ALLOW: rule 0 TCP 80-81, rule 1 TCP 81-82 (edge), rule 2 nothing. DENY rule 0 takes 81 (83 was not allowed), rule 1 nothing.
    expect(istioTraced(e, "edge/gw", "shop/api")).toEqual({ allowed: allBut("80,82"), modes: ["PERMISSIVE TCP 1-65535 mtls"], hits: ["a1#0 ALLOW: TCP 80-81", "a1#1 ALLOW: TCP 81-82", "d1#0 DENY: TCP 81"] });
    expect(istioTraced(e, "shop/worker", "shop/api")).toEqual({ allowed: allBut("80"), modes: ["PERMISSIVE TCP 1-65535 mtls"], hits: ["a1#0 ALLOW: TCP 80-81", "d1#0 DENY: TCP 81"] });
    expect(pairText(e, "edge/gw", "shop/api")).toBe(allBut("80,82"));
    const ex = analyze(clusterOf(objs)).explain({ kind: "workload", id: "edge/gw[Pod]" }, { kind: "workload", id: "shop/api[Pod]" });
    expect(ex.parts[0]!.istio).toMatchObject({ meshed: true, allowPoliciesApply: true });
    const toWorker = analyze(clusterOf(objs)).explain({ kind: "workload", id: "edge/gw[Pod]" }, { kind: "workload", id: "shop/worker[Pod]" });
    expect(toWorker.parts[0]!.istio).toMatchObject({ meshed: true, allowPoliciesApply: false });
    expect(toWorker.allowed.toString()).toBe(ALL);
  });

  test("which policies apply: own namespace or root namespace, selector matching; unmeshed destinations are never restricted", () => {
    const objs = mesh(
      authz("edge", "edge-nothing", {}),
      authz("istio-system", "root-worker", { selector: { matchLabels: { app: "worker" } }, rules: [{ from: [{ source: { namespaces: ["edge"] } }] }] }),
      authz("shop", "worker-deny", { selector: { matchLabels: { app: "api" } }, action: "DENY", rules: [{}] }),
      authz("shop", "all-nothing", {}),
    );
    const e = engineOf(objs);
    // edge/gw: "edge-nothing" (an ALLOW with no rules) allows no TCP.
    expect(pairText(e, "shop/worker", "edge/gw")).toBe(TCP_BLOCKED);
    // shop/worker: all-nothing (namespace-wide) and root-worker: only edge callers.
    expect(pairText(e, "edge/gw", "shop/worker")).toBe(ALL);
    expect(pairText(e, "shop/api", "shop/worker")).toBe(TCP_BLOCKED);
    // shop/api: DENY everything.
    expect(pairText(e, "edge/gw", "shop/api")).toBe(TCP_BLOCKED);
    // shop/plain has no sidecar: nothing applies, on every path.
    expect(pairText(e, "edge/gw", "shop/plain")).toBe(ALL);
    expect(pairText(e, "legacy/old", "shop/plain")).toBe(ALL);
    expect(e.istio(cls(e, "edge/gw"), cls(e, "shop/plain").index).toString()).toBe(ALL);
    expect(e.istioRestricts(cls(e, "shop/plain").index)).toBe(false);
    expect(e.istioRestricts(cls(e, "shop/api").index)).toBe(true);
    expect(e.istioApplies(cls(e, "shop/plain").index)).toEqual({ meshed: false, allowPoliciesApply: true });
    expect(e.istioApplies(cls(e, "legacy/old").index)).toEqual({ meshed: false, allowPoliciesApply: false });
    // shop/api is under a DENY and a namespace-wide ALLOW; with the DENY alone no ALLOW policy applies.
    expect(e.istioApplies(cls(e, "shop/api").index)).toEqual({ meshed: true, allowPoliciesApply: true });
    const denyOnly = engineOf(mesh(authz("shop", "worker-deny", { selector: { matchLabels: { app: "api" } }, action: "DENY", rules: [{}] })));
    expect(denyOnly.istioApplies(cls(denyOnly, "shop/api").index)).toEqual({ meshed: true, allowPoliciesApply: false });
    const row = e.row(cls(e, "edge/gw").index);
    expect([...row.ds].map((d, i) => `${e.classes.classes[d]!.labels["app"]!} ${e.setOf(row.vs[i]!).toString()}`)).toEqual(["gw SCTP 1-65535,UDP 1-65535", "old All Connections", "api SCTP 1-65535,UDP 1-65535", "plain All Connections", "worker All Connections"]);
    expectPathsAgree(objs);
  });
});

describe("Istio callers are told apart", () => {
  test("the first meshed caller, the first outside range and plaintext pods each get their own verdict", () => {
    const objs = mesh(authz("shop", "ns", { ...onApi, rules: [{ from: [{ source: { namespaces: ["shop"] } }] }, { from: [{ source: { ipBlocks: ["203.0.113.0/24"] } }] }] }));
    // Ranges: 0.0.0.0 (index 0), 203.0.113.0 (index 1), 203.0.114.0, ::.
    const callers = ["shop/worker", "0.0.0.1", "legacy/old", "203.0.113.1", "edge/gw", "203.0.114.1", "shop/plain"];
    expect(verdicts(objs, "shop/api", callers)).toEqual({
      "shop/worker": ALL,
      "0.0.0.1": TCP_BLOCKED,
      "legacy/old": TCP_BLOCKED,
      "203.0.113.1": ALL,
      "edge/gw": TCP_BLOCKED,
      "203.0.114.1": TCP_BLOCKED,
      "shop/plain": TCP_BLOCKED,
    });
    const e = engineOf(objs);
    expect(rng(e, "0.0.0.1").index).toBe(0);
    expect(rng(e, "203.0.113.1").index).toBe(1);
    for (const c of callers) expect(e.istio(end(e, c), cls(e, "shop/api").index).toString()).toBe(verdicts(objs, "shop/api", [c])[c]);
    expectPathsAgree(objs);
  });

  test("a caller's identity is namespace and service account: the same account name in two namespaces differs", () => {
    const objs = [...meshNs, pod("shop", "api", { sa: "api" }), pod("shop", "a1", { sa: "bot" }), pod("edge", "a2", { sa: "bot" }), authz("shop", "p", { ...onApi, rules: [{ from: [{ source: { principals: ["cluster.local/ns/edge/sa/bot"] } }] }] })];
    expect(verdicts(objs, "shop/api", ["shop/a1", "edge/a2"])).toEqual({ "shop/a1": TCP_BLOCKED, "edge/a2": ALL });
  });
});

describe("Istio layer selections", () => {
  const objs = mesh(
    peerAuth("shop", "default", { mtls: { mode: "STRICT" } }),
    authz("shop", "allow-worker", { ...onApi, rules: [{ from: [{ source: { principals: ["cluster.local/ns/shop/sa/worker"] } }] }] }),
    authz("shop", "deny-edge", { ...onApi, action: "DENY", rules: [{ from: [{ source: { namespaces: ["edge"] } }], to: [{ operation: { ports: ["8080"] } }] }] }),
  );

  test("full: STRICT refuses plaintext, ALLOW admits only worker, DENY takes 8080 from edge", () => {
    expect(verdicts(objs, "shop/api", CALLERS)).toEqual({
      "shop/worker": ALL,
      "edge/gw": TCP_BLOCKED,
      "legacy/old": TCP_BLOCKED,
      "shop/plain": TCP_BLOCKED,
      "203.0.113.7": TCP_BLOCKED,
      "198.51.100.7": TCP_BLOCKED,
    });
  });

  test("denyOnly: no mTLS refusal and no ALLOW, only DENY", () => {
    const layers: LayerSelection = { ...ALL_LAYERS, istio: "denyOnly" };
    expect(verdicts(objs, "shop/api", CALLERS, layers)).toEqual({
      "shop/worker": ALL,
      "edge/gw": allBut("1-8079,8081-65535"),
      "legacy/old": ALL,
      "shop/plain": ALL,
      "203.0.113.7": ALL,
      "198.51.100.7": ALL,
    });
    const e = engineOf(objs, layers);
    expect(istioTraced(e, "legacy/old", "shop/api")).toEqual({ allowed: ALL, modes: ["PERMISSIVE TCP 1-65535 plaintext"], hits: [] });
    expect(istioTraced(e, "edge/gw", "shop/api")).toEqual({ allowed: allBut("1-8079,8081-65535"), modes: ["PERMISSIVE TCP 1-65535 mtls"], hits: ["deny-edge#0 DENY: TCP 8080"] });
    expectPathsAgree(objs, layers);
  });

  test("off: Istio restricts nothing, traced or not", () => {
    const layers: LayerSelection = { ...ALL_LAYERS, istio: "off" };
    expect(verdicts(objs, "shop/api", CALLERS, layers)).toEqual(Object.fromEntries(CALLERS.map((c) => [c, ALL])));
    const e = engineOf(objs, layers);
    expect(istioTraced(e, "legacy/old", "shop/api")).toEqual({ allowed: ALL, modes: [], hits: [] });
    expect(e.istioRestricts(cls(e, "shop/api").index)).toBe(false);
    expectPathsAgree(objs, layers);
  });

  test("Istio never restricts UDP or SCTP, even under a DENY of everything", () => {
    const e = engineOf(mesh(authz("shop", "deny-all", { action: "DENY", rules: [{}] })));
    expect(pairText(e, "shop/worker", "shop/api")).toBe(TCP_BLOCKED);
    expect(pairText(e, "203.0.113.7", "shop/worker")).toBe(TCP_BLOCKED);
    expect(pairText(e, "shop/api", "legacy/old")).toBe(ALL);
  });
});
