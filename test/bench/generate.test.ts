import { buildCluster, analyze } from "../../src/core/analyze";
import { prepareReference } from "../../src/core/reference";
import {
  expectedCounts,
  generateCluster,
  generateClusterWith,
  type Manifest,
  mutateCluster,
  POLICIES_PER_NAMESPACE,
  SIZES,
  type SizeParams,
  TRUST_LABEL,
  SENSITIVE_LABEL,
} from "../../src/bench/generate";

const small = generateCluster({ size: "S", seed: 7 });
/** A cluster small enough for the brute-force evaluator in milliseconds. */
const TINY: SizeParams = { namespaces: 14, workloadsPerNamespace: 4, replicas: 2, vendorNamespaces: 6, sensitiveNamespaces: 2 };

const count = (objects: readonly Manifest[], kind: string) => objects.filter((o) => o.kind === kind).length;
const workloadsOf = (objects: readonly Manifest[]) =>
  new Set(objects.filter((o) => o.kind === "Pod").map((o) => `${o.metadata.namespace}/${(o.metadata.ownerReferences?.[0] as { name: string }).name}`));
const byKey = (objects: readonly Manifest[]) => new Map(objects.filter((o) => o.kind === "NetworkPolicy").map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o]));
const w = (id: string) => ({ kind: "workload" as const, id });

describe("generateCluster", () => {
  test("is deterministic for a seed and differs across seeds", () => {
    const again = generateCluster({ size: "S", seed: 7 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(small));
    const other = generateCluster({ size: "S", seed: 8 });
    expect(JSON.stringify(other.objects)).not.toBe(JSON.stringify(small.objects));
  });

  test("S has exactly the counts of the size table", () => {
    const o = small.objects;
    expect(count(o, "Namespace")).toBe(40);
    expect(workloadsOf(o).size).toBe(400);
    expect(count(o, "Pod")).toBe(2000);
    expect(count(o, "NetworkPolicy")).toBe(400);
    const namespaces = o.filter((x) => x.kind === "Namespace");
    expect(namespaces.filter((n) => n.metadata.labels?.[TRUST_LABEL] === "vendor")).toHaveLength(8);
    expect(namespaces.filter((n) => n.metadata.labels?.[SENSITIVE_LABEL] === "true")).toHaveLength(SIZES.S.sensitiveNamespaces);
    expect(new Set(o.filter((x) => x.kind === "NetworkPolicy").map((p) => p.metadata.namespace)).size).toBe(40);
    for (const ns of namespaces) {
      expect(o.filter((x) => x.kind === "NetworkPolicy" && x.metadata.namespace === ns.metadata.name)).toHaveLength(POLICIES_PER_NAMESPACE);
    }
  });

  test("the other sizes' parameters give the table's counts", () => {
    const table = {
      S: [40, 400, 2000, 400, 8],
      M: [400, 4000, 20000, 4000, 40],
      L: [1500, 15000, 150000, 15000, 150],
      XL: [10000, 40000, 200000, 100000, 500],
    } as const;
    for (const [size, want] of Object.entries(table)) {
      const c = expectedCounts(SIZES[size as keyof typeof SIZES]);
      expect([c.namespaces, c.workloads, c.pods, c.networkPolicies, c.vendorNamespaces]).toEqual(want);
    }
    // The arithmetic agrees with what generation actually emits.
    const c = expectedCounts(TINY);
    const g = generateClusterWith(TINY, 3);
    expect([count(g.objects, "Namespace"), workloadsOf(g.objects).size, count(g.objects, "Pod"), count(g.objects, "NetworkPolicy")]).toEqual([c.namespaces, c.workloads, c.pods, c.networkPolicies]);
    expect([g.planted.chains.length, g.planted.decoys.length]).toEqual([c.chains, c.decoys]);
  });

  test("uses every NetworkPolicy feature the benchmark promises", () => {
    const text = JSON.stringify(small.objects.filter((o) => o.kind === "NetworkPolicy"));
    for (const feature of ['"endPort"', '"SCTP"', '"UDP"', '"except"', '"matchExpressions"', '"NotIn"', '"DoesNotExist"', '"Exists"', '"namespaceSelector"', '"port":"http"', "::/0"]) {
      expect(text).toContain(feature);
    }
  });

  test("every planted chain runs vendor -> internal hops -> sensitive through the policies that allow it", () => {
    const nsLabels = new Map(small.objects.filter((o) => o.kind === "Namespace").map((n) => [n.metadata.name, n.metadata.labels ?? {}]));
    const policies = byKey(small.objects);
    const pods = workloadsOf(small.objects);
    const nsOf = (id: string) => id.split("/")[0]!;
    expect(small.planted.chains.length).toBe(4);
    expect(new Set(small.planted.chains.map((c) => c.depth))).toEqual(new Set([2, 3, 4]));
    for (const chain of small.planted.chains) {
      expect(nsLabels.get(nsOf(chain.vendorWorkload))?.[TRUST_LABEL]).toBe("vendor");
      expect(nsLabels.get(nsOf(chain.sensitiveWorkload))?.[SENSITIVE_LABEL]).toBe("true");
      for (const hop of chain.hops) expect(nsLabels.get(nsOf(hop))?.[TRUST_LABEL]).toBe("internal");
      const path = [chain.vendorWorkload, ...chain.hops, chain.sensitiveWorkload];
      expect(chain.connections.map((c) => [c.from, c.to])).toEqual(path.slice(1).map((to, i) => [path[i], to]));
      for (const c of chain.connections) {
        for (const id of [c.from, c.to]) expect(pods.has(id.replace(/\[ReplicaSet\]$/, ""))).toBe(true);
        // The source's egress policy names the destination namespace, the destination's ingress policy the source's.
        const egress = JSON.stringify(policies.get(`${nsOf(c.from)}/allow-integration-egress`)?.spec);
        const ingress = JSON.stringify(policies.get(`${nsOf(c.to)}/allow-integration-ingress`)?.spec);
        expect(egress).toContain(`"kubernetes.io/metadata.name":"${nsOf(c.to)}"`);
        expect(ingress).toContain(`"kubernetes.io/metadata.name":"${nsOf(c.from)}"`);
      }
    }
    expect(small.planted.decoys.map((d) => d.blockedBy).sort()).toEqual(["egress", "egress", "port", "port"]);
  });

  test("mutateCluster changes about 1% of the policies and nothing else", () => {
    const m = mutateCluster(small.objects, { fraction: 0.01, seed: 11 });
    expect(m.changed).toHaveLength(4);
    const before = byKey(small.objects);
    const after = byKey(m.objects);
    const differing = [...before.keys()].filter((k) => JSON.stringify(before.get(k)) !== JSON.stringify(after.get(k)));
    expect(differing.sort()).toEqual([...m.changed]);
    expect(m.objects.filter((o) => o.kind !== "NetworkPolicy")).toEqual(small.objects.filter((o) => o.kind !== "NetworkPolicy"));
    expect(JSON.stringify(mutateCluster(small.objects, { fraction: 0.01, seed: 11 }))).toBe(JSON.stringify(m));
    const m10 = mutateCluster(small.objects, { fraction: 0.1, seed: 11 });
    expect(m10.changed).toHaveLength(40);
  });
});

describe("the planted answers hold in both engines", () => {
  test.each([1, 2, 3])("seed %i: chain hops allowed, decoys denied, the mutated version too", (seed) => {
    const g = generateClusterWith(TINY, seed);
    const mutated = mutateCluster(g.objects, { fraction: 0.1, seed }).objects;
    for (const objects of [g.objects, mutated]) {
      const ref = prepareReference(objects);
      const built = buildCluster(objects.map((object, index) => ({ file: "cluster.yaml", index, object })));
      expect(built.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const conn = analyze(built.cluster);
      for (const c of g.planted.chains.flatMap((x) => x.connections)) {
        expect([c, ref.allows(w(c.from), w(c.to), c.protocol, c.port)]).toEqual([c, true]);
        expect([c, conn.allows(w(c.from), w(c.to), c.protocol, c.port)]).toEqual([c, true]);
      }
      for (const d of g.planted.decoys) {
        expect([d, ref.allows(w(d.from), w(d.to), d.protocol, d.port)]).toEqual([d, false]);
        expect([d, conn.allows(w(d.from), w(d.to), d.protocol, d.port)]).toEqual([d, false]);
      }
    }
  });

  test("each decoy is a near miss: blocked by exactly what it claims", () => {
    const g = generateClusterWith(TINY, 4);
    for (const d of g.planted.decoys) {
      const [vendorNs, targetNs] = [d.from.split("/")[0]!, d.to.split("/")[0]!];
      const targetPod = g.objects.find((o) => o.kind === "Pod" && o.metadata.namespace === targetNs && o.metadata.labels?.tier === "integration")!;
      const http = (targetPod.spec as { containers: { ports: { name: string; containerPort: number }[] }[] }).containers[0]!.ports.find((p) => p.name === "http")!.containerPort;
      // With the vendor's egress wide open, only the destination's ingress decides.
      const openEgress: Manifest = { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "open-egress", namespace: vendorNs }, spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{}] } };
      const ref = prepareReference([...g.objects, openEgress]);
      expect([d, ref.allows(w(d.from), w(d.to), "TCP", d.port)]).toEqual([d, d.blockedBy === "egress"]);
      expect([d, ref.allows(w(d.from), w(d.to), "TCP", http)]).toEqual([d, true]);
      if (d.blockedBy === "port") expect(prepareReference(g.objects).allows(w(d.from), w(d.to), "TCP", http)).toBe(false);
    }
  });

  test("the vendors reaching a sensitive namespace are exactly the chain vendors", () => {
    const g = generateClusterWith(TINY, 5);
    const conn = analyze(buildCluster(g.objects.map((object, index) => ({ file: "c.yaml", index, object }))).cluster);
    const nsOf = (id: string) => id.split("/")[0]!;
    const sensitive = new Set(g.objects.filter((o) => o.kind === "Namespace" && o.metadata.labels?.[SENSITIVE_LABEL] === "true").map((o) => o.metadata.name));
    const vendorNs = new Set(g.objects.filter((o) => o.kind === "Namespace" && o.metadata.labels?.[TRUST_LABEL] === "vendor").map((o) => o.metadata.name));
    const out = new Map<string, string[]>();
    for (const e of conn.edges()) {
      if (e.src.kind !== "workload" || e.dst.kind !== "workload") continue;
      const list = out.get(e.src.id) ?? [];
      list.push(e.dst.id);
      out.set(e.src.id, list);
    }
    const reaching = new Set<string>();
    for (const start of conn.workloads.filter((x) => vendorNs.has(x.namespace))) {
      const seen = new Set([start.id]);
      const queue = [start.id];
      while (queue.length > 0) {
        const cur = queue.shift()!;
        if (sensitive.has(nsOf(cur))) reaching.add(start.namespace);
        for (const next of out.get(cur) ?? []) {
          if (seen.has(next)) continue;
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...reaching].sort()).toEqual([...g.planted.vendorNamespacesReachingSensitive]);
    expect(reaching.size).toBe(expectedCounts(TINY).chains);
  });
});
