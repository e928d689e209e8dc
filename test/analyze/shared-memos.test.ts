/**
 * The engine shares verdict memos between subjects whose rules have the same
 * shapes (tier, action, ports) in the same order, and range verdicts between
 * classes whose rules hold the same range sets. These clusters give two
 * subjects rules of equal shapes that name different peers, so a memo or a
 * cache keyed too coarsely hands one subject the other's verdicts. Each case
 * checks the listing (edges, which reads the shared range verdicts) and the
 * pairwise query (connections) against the verdicts worked out by hand.
 */
import { analyze, buildCluster, type Connectivity, type Edge } from "../../src/core/analyze";

const pod = (name: string, app: string, ports: { name: string; containerPort: number; protocol?: string }[] = []) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "ns", labels: { app } },
  spec: { containers: [{ name: "main", image: "app", ports }] },
});

type Direction = "ingress" | "egress";
const policy = (name: string, app: string, direction: Direction, rules: unknown[]) => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name, namespace: "ns" },
  spec: { podSelector: { matchLabels: { app } }, policyTypes: [direction === "ingress" ? "Ingress" : "Egress"], [direction]: rules },
});

const toBlock = (direction: Direction, cidr: string, port: number) => ({
  [direction === "ingress" ? "from" : "to"]: [{ ipBlock: { cidr } }],
  ports: [{ protocol: "TCP", port }],
});
const toApp = (direction: Direction, app: string, port: number | string) => ({
  [direction === "ingress" ? "from" : "to"]: [{ podSelector: { matchLabels: { app } } }],
  ports: [{ protocol: "TCP", port }],
});

function connectivity(objects: unknown[]): Connectivity {
  const { cluster, diagnostics } = buildCluster(objects.map((object, index) => ({ file: "shared.yaml", index, object })));
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return analyze(cluster);
}

const name = (n: Edge["src"]): string => (n.kind === "workload" ? n.id : `${n.range.first}-${n.range.last}`);
/** Edges touching one workload, as `src -> dst conns`, excluding the all-open edges of unrestricted pods. */
function edgesOf(c: Connectivity, id: string): string[] {
  return c
    .edges()
    .filter((e) => name(e.src) === id || name(e.dst) === id)
    .map((e) => `${name(e.src)} -> ${name(e.dst)} ${e.conns.toString()}`);
}

describe("memos shared between subjects with rules of equal shapes", () => {
  test.each(["egress", "ingress"] as const)("%s: two pods whose rules swap the same two ipBlocks get each their own ports per block", (direction) => {
    // a: block 10.0.0.0/24 on 80, block 10.1.0.0/24 on 443; b: the same blocks swapped.
    const c = connectivity([
      pod("a", "a"),
      pod("b", "b"),
      policy("pa", "a", direction, [toBlock(direction, "10.0.0.0/24", 80), toBlock(direction, "10.1.0.0/24", 443)]),
      policy("pb", "b", direction, [toBlock(direction, "10.1.0.0/24", 80), toBlock(direction, "10.0.0.0/24", 443)]),
      // Isolate both pods in the other direction too, so only the blocks' edges remain.
      { ...policy("deny-other", "", direction === "egress" ? "ingress" : "egress", []), spec: { podSelector: {}, policyTypes: [direction === "egress" ? "Ingress" : "Egress"] } },
    ]);
    const edge = (w: string, range: string, conns: string) => (direction === "egress" ? `ns/${w}[Pod] -> ${range} ${conns}` : `${range} -> ns/${w}[Pod] ${conns}`);
    const low = "10.0.0.0-10.0.0.255";
    const high = "10.1.0.0-10.1.0.255";
    expect(edgesOf(c, "ns/a[Pod]").sort()).toEqual([edge("a", low, "TCP 80"), edge("a", high, "TCP 443")].sort());
    expect(edgesOf(c, "ns/b[Pod]").sort()).toEqual([edge("b", low, "TCP 443"), edge("b", high, "TCP 80")].sort());
    const ip = { kind: "ip" as const, address: "10.0.0.7" };
    const b = { kind: "workload" as const, id: "ns/b[Pod]" };
    expect((direction === "egress" ? c.connections(b, ip) : c.connections(ip, b)).toString()).toBe("TCP 443");
  });

  test.each(["egress", "ingress"] as const)("%s: two pods whose rules swap the same two peers get each their own ports per peer", (direction) => {
    const c = connectivity([
      pod("a", "a"),
      pod("b", "b"),
      pod("x", "x"),
      pod("y", "y"),
      policy("pa", "a", direction, [toApp(direction, "x", 80), toApp(direction, "y", 443)]),
      policy("pb", "b", direction, [toApp(direction, "y", 80), toApp(direction, "x", 443)]),
      { ...policy("deny-all", "", "ingress", []), spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
      // x and y accept from and send to a and b on any port, so a's and b's own rules decide.
      { ...policy("xy", "", direction, []), spec: { podSelector: { matchExpressions: [{ key: "app", operator: "In", values: ["x", "y"] }] }, ingress: [{}], egress: [{}] } },
      { ...policy("ab", "", direction, []), spec: { podSelector: { matchExpressions: [{ key: "app", operator: "In", values: ["a", "b"] }] }, [direction === "egress" ? "ingress" : "egress"]: [{}] } },
    ]);
    const pair = (w: string, peer: string) => (direction === "egress" ? [`ns/${w}[Pod]`, `ns/${peer}[Pod]`] : [`ns/${peer}[Pod]`, `ns/${w}[Pod]`]);
    const conns = (w: string, peer: string) => {
      const [s, d] = pair(w, peer);
      return c.connections({ kind: "workload", id: s! }, { kind: "workload", id: d! }).toString();
    };
    expect([conns("a", "x"), conns("a", "y"), conns("b", "x"), conns("b", "y")]).toEqual(["TCP 80", "TCP 443", "TCP 443", "TCP 80"]);
    const listed = c.edges().map((e) => `${name(e.src)} -> ${name(e.dst)} ${e.conns.toString()}`);
    const [ax, ay, bx, by] = [pair("a", "x"), pair("a", "y"), pair("b", "x"), pair("b", "y")].map(([s, d]) => `${s} -> ${d}`);
    expect(listed).toEqual(expect.arrayContaining([`${ax} TCP 80`, `${ay} TCP 443`, `${bx} TCP 443`, `${by} TCP 80`]));
  });

  test("ingress named ports resolve on each destination even when the destinations' rules share a memo", () => {
    // Both pods allow "web" from x; a names it on 8080, b on 9090.
    const c = connectivity([
      pod("a", "a", [{ name: "web", containerPort: 8080 }]),
      pod("b", "b", [{ name: "web", containerPort: 9090 }]),
      pod("x", "x"),
      policy("pa", "a", "ingress", [toApp("ingress", "x", "web")]),
      policy("pb", "b", "ingress", [toApp("ingress", "x", "web")]),
    ]);
    const x = { kind: "workload" as const, id: "ns/x[Pod]" };
    expect(c.connections(x, { kind: "workload", id: "ns/a[Pod]" }).toString()).toBe("TCP 8080");
    expect(c.connections(x, { kind: "workload", id: "ns/b[Pod]" }).toString()).toBe("TCP 9090");
    expect(edgesOf(c, "ns/x[Pod]").filter((e) => /ns\/[ab]\[Pod\] TCP/.test(e))).toEqual(["ns/x[Pod] -> ns/a[Pod] TCP 8080", "ns/x[Pod] -> ns/b[Pod] TCP 9090"]);
  });
});

describe("class rows longer than the engine's reused scratch space", () => {
  test("a source reaching 1,100 classes lists every one, in order, with its verdict", () => {
    // Distinct labels make each pod its own class. Only p0000 may send (every other pod is egress-isolated with no
    // rule), so its row is the one long row and the listing stays small enough to check quickly.
    const pods = Array.from({ length: 1100 }, (_, i) => pod(`p${String(i).padStart(4, "0")}`, `app${i}`));
    const silenceOthers = {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "silence-others", namespace: "ns" },
      spec: { podSelector: { matchExpressions: [{ key: "app", operator: "NotIn", values: ["app0"] }] }, policyTypes: ["Egress"] },
    };
    const c = connectivity([...pods, silenceOthers]);
    const from = { kind: "workload" as const, id: "ns/p0000[Pod]" };
    const listed = c
      .edges()
      .filter((e) => name(e.src) === from.id && e.dst.kind === "workload")
      .map((e) => `${name(e.dst)} ${e.conns.toString()}`);
    expect(listed).toEqual(pods.slice(1).map((p) => `ns/${p.metadata.name}[Pod] All Connections`));
    expect(c.edgeCount()).toBe(c.edges().length);
  });
});

describe("meets of many distinct verdicts", () => {
  test("20 sources x 150 destinations, each with its own ports: every listed pair is the intersection worked out here", () => {
    // Source i may send TCP 2000+7i .. 2000+7i+30; destination j accepts TCP 2000+j from anyone. Over 150 distinct
    // verdicts meet pairwise, so the engine's intersection cache runs past its flat table into its maps.
    const sources = Array.from({ length: 20 }, (_, i) => i);
    const dests = Array.from({ length: 150 }, (_, j) => j);
    const allFrom = [{ from: [{ namespaceSelector: {} }] }];
    const c = connectivity([
      ...sources.map((i) => pod(`s${i}`, `s${i}`)),
      ...dests.map((j) => pod(`d${j}`, `d${j}`)),
      ...sources.map((i) =>
        policy(`s${i}`, `s${i}`, "egress", [{ to: [{ namespaceSelector: {} }], ports: [{ protocol: "TCP", port: 2000 + 7 * i, endPort: 2000 + 7 * i + 30 }] }]),
      ),
      ...dests.map((j) => policy(`d${j}`, `d${j}`, "ingress", [{ ...allFrom[0], ports: [{ protocol: "TCP", port: 2000 + j }] }])),
    ]);
    const listed = new Map(c.edges().map((e) => [`${name(e.src)} ${name(e.dst)}`, e.conns.toString()]));
    const wrong: string[] = [];
    for (const i of sources)
      for (const j of dests) {
        const expected = 7 * i <= j && j <= 7 * i + 30 ? `TCP ${2000 + j}` : undefined;
        const key = `ns/s${i}[Pod] ns/d${j}[Pod]`;
        const got = listed.get(key);
        const pairwise = c.connections({ kind: "workload", id: `ns/s${i}[Pod]` }, { kind: "workload", id: `ns/d${j}[Pod]` }).toString();
        if (got !== expected || pairwise !== (expected ?? "No Connections")) wrong.push(`${key}: listed ${got}, pairwise ${pairwise}, expected ${expected}`);
      }
    expect(wrong).toEqual([]);
  });
});
