/**
 * verify reuses one analysis for layers that analyse a cluster alike (a tier
 * with no objects enforces nothing). The reuse must change nothing a report
 * says: layers with the same analysis key give the same relation and the
 * same rule attributions, and a verification through shared analyses equals
 * one through an independent analysis per layer.
 */
import fc from "fast-check";
import { generateClusterWith } from "../../src/bench/generate";
import { buildCluster, type Cluster, type LayerSelection } from "../../src/core/analyze";
import { analysisKey, classifyFromLabels, DEFAULT_MANIFEST_INVARIANTS, LAYER_SELECTIONS, makeView, verifyCluster } from "../../src/core/verify";
import { checkNoPath } from "../../src/core/verify/invariants";
import type { LayerName } from "../../src/core/verify/report";
import { clusterArb } from "../support/arbitraries";

const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;
const NONE: LayerSelection = { adminNetworkPolicy: false, networkPolicy: false, baselineAdminNetworkPolicy: false, istio: "off" };
const SELECTIONS: LayerSelection[] = [
  ...Object.values(LAYER_SELECTIONS),
  NONE,
  { ...NONE, adminNetworkPolicy: true },
  { ...NONE, baselineAdminNetworkPolicy: true },
  { ...NONE, istio: "denyOnly" },
  { ...NONE, networkPolicy: true, istio: "full" },
];
const LAYERS = Object.keys(LAYER_SELECTIONS) as LayerName[];
const NO_PATH = DEFAULT_MANIFEST_INVARIANTS.find((i) => i.kind === "noPath")!;

function built(objects: readonly unknown[]): Cluster {
  return buildCluster(objects.map((object, index) => ({ file: "gen.yaml", index, object }))).cluster;
}

test(`selections with one analysis key give the same relation and the same rules for every hop (seed ${SEED})`, () => {
  let sharedPairs = 0;
  fc.assert(
    fc.property(clusterArb, (objects) => {
      const cluster = built(objects);
      for (let i = 0; i < SELECTIONS.length; i++)
        for (let j = i + 1; j < SELECTIONS.length; j++) {
          const a = SELECTIONS[i]!;
          const b = SELECTIONS[j]!;
          if (analysisKey(cluster, a) !== analysisKey(cluster, b)) continue;
          sharedPairs++;
          const va = makeView(cluster, a);
          const vb = makeView(cluster, b);
          expect(vb.conn.lines()).toEqual(va.conn.lines());
          for (const e of va.conn.edges().slice(0, 25)) {
            const from = e.src.kind === "workload" ? e.src.id : e.src.range.id;
            const to = e.dst.kind === "workload" ? e.dst.id : e.dst.range.id;
            expect(vb.rulesFor(from, to)).toEqual(va.rulesFor(from, to));
          }
        }
    }),
    { numRuns: 120, seed: SEED },
  );
  // Not vacuous: random clusters often lack a tier, so distinct selections share a key.
  expect(sharedPairs).toBeGreaterThan(100);
});

test(`verify through shared analyses reports what one analysis per layer reports (seed ${SEED})`, () => {
  const file = { namespaces: { "ns-a": { trust: "vendor" as const }, "ns-c": { sensitive: true }, "ns-d": { sensitive: true } } };
  let failing = 0;
  fc.assert(
    fc.property(clusterArb, (objects) => {
      const cluster = built(objects);
      const classification = classifyFromLabels(new Map(cluster.namespaces.map((n) => [n.name, n.labels])), file);
      const shared = verifyCluster({ subject: "x", cluster, classification, invariants: [NO_PATH] }).invariants[0]!;
      const views = new Map(LAYERS.map((l) => [l, makeView(cluster, LAYER_SELECTIONS[l])] as const));
      if (NO_PATH.kind !== "noPath") throw new Error("no default noPath invariant");
      const independent = checkNoPath(NO_PATH, { classification, views, exceptions: [] });
      expect(JSON.stringify(shared)).toBe(JSON.stringify(independent));
      if (shared.status === "fails") failing++;
    }),
    { numRuns: 120, seed: SEED + 1 },
  );
  expect(failing).toBeGreaterThan(10);
});

describe("analysisKey", () => {
  const npOnly = built(npOnlyObjects());
  const key = (c: Cluster, l: LayerName) => analysisKey(c, LAYER_SELECTIONS[l]);

  test("on NetworkPolicies alone the NetworkPolicy layer is the combined one, and Istio alone is the guardrails alone", () => {
    expect(npOnly.networkPolicies.length).toBeGreaterThan(0);
    expect(key(npOnly, "networkpolicy")).toBe(key(npOnly, "combined"));
    expect(key(npOnly, "istio")).toBe(key(npOnly, "guardrails"));
    expect(key(npOnly, "istio")).not.toBe(key(npOnly, "combined"));
  });

  test("each tier with objects keeps the layers apart", () => {
    const withAnp = built([
      ...npOnlyObjects(),
      { apiVersion: "policy.networking.k8s.io/v1alpha1", kind: "AdminNetworkPolicy", metadata: { name: "a" }, spec: { priority: 1, subject: { namespaces: {} }, ingress: [{ action: "Deny", from: [{ namespaces: {} }] }] } },
    ]);
    expect(key(withAnp, "networkpolicy")).not.toBe(key(withAnp, "combined"));
    expect(key(withAnp, "istio")).not.toBe(key(withAnp, "guardrails"));
    const withBanp = built([
      ...npOnlyObjects(),
      { apiVersion: "policy.networking.k8s.io/v1alpha1", kind: "BaselineAdminNetworkPolicy", metadata: { name: "default" }, spec: { subject: { namespaces: {} }, ingress: [{ action: "Deny", from: [{ namespaces: {} }] }] } },
    ]);
    expect(key(withBanp, "networkpolicy")).not.toBe(key(withBanp, "combined"));
    const withIstio = built([...npOnlyObjects(), { apiVersion: "security.istio.io/v1", kind: "PeerAuthentication", metadata: { name: "default", namespace: "istio-system" }, spec: { mtls: { mode: "STRICT" } } }]);
    expect(key(withIstio, "networkpolicy")).not.toBe(key(withIstio, "combined"));
    expect(key(withIstio, "istio")).not.toBe(key(withIstio, "guardrails"));
  });

  test("without NetworkPolicies (and no other tier) every layer is one analysis", () => {
    const none = built(npOnlyObjects().filter((o) => (o as { kind: string }).kind !== "NetworkPolicy"));
    expect(none.networkPolicies).toHaveLength(0);
    for (const l of LAYERS) expect(key(none, l)).toBe(key(none, "combined"));
  });

  function npOnlyObjects(): readonly unknown[] {
    return generateClusterWith({ namespaces: 6, workloadsPerNamespace: 4, replicas: 1, vendorNamespaces: 1, sensitiveNamespaces: 1 }, 3).objects;
  }
});
