/**
 * The default-deny check reads isolation from the NetworkPolicies that select
 * each pod shape; it must agree with what the analyzer's own traces say
 * (the NetworkPolicy tier "selects" the pod, per direction), including
 * pods of one workload that differ, policies with only one direction, and
 * the layer where NetworkPolicy is not enforced.
 */
// @ts-nocheck

import { ALL_LAYERS, analyze, buildCluster, type Connectivity, type ManifestDoc } from "../../src/core/analyze";
import { LAYER_SELECTIONS, makeView } from "../../src/core/verify";
import { checkDefaultDeny } from "../../src/core/verify/invariants";
import type { ResolvedInvariant } from "../../src/model";

const INV: ResolvedInvariant = { kind: "defaultDeny", id: "default-deny", origin: "default" };

const ns = (name: string) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
const pod = (namespace: string, name: string, labels: Record<string, string>, owner?: string) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { namespace, name, labels, ...(owner ? { ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: owner, uid: owner, controller: true }] } : {}) },
  spec: { containers: [{ name: "c", image: "i", ports: [{ containerPort: 8080, name: "http" }] }] },
});
const np = (namespace: string, name: string, podSelector: object, spec: object) => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { namespace, name },
  spec: { podSelector, ...spec },
});

const OBJECTS = [
  ns("a"),
  ns("b"),
  pod("a", "both-1", { app: "both" }),
  pod("a", "ingress-only-1", { app: "in" }),
  pod("a", "egress-only-1", { app: "out" }),
  pod("a", "none-1", { app: "none" }),
  // One owner, two pod shapes: only the canary is selected by the ingress policy.
  pod("a", "mixed-1", { app: "mixed", track: "stable" }, "mixed"),
  pod("a", "mixed-2", { app: "mixed", track: "canary" }, "mixed"),
  pod("b", "other-1", { app: "both" }),
  np("a", "deny-both", { matchLabels: { app: "both" } }, { policyTypes: ["Ingress", "Egress"] }),
  np("a", "ingress", { matchExpressions: [{ key: "app", operator: "In", values: ["in", "mixed"] }, { key: "track", operator: "NotIn", values: ["stable"] }] }, { ingress: [{}] }),
  np("a", "egress", { matchLabels: { app: "out" } }, { policyTypes: ["Egress"], egress: [] }),
  // egress: [] without policyTypes isolates ingress only (Kubernetes defaulting).
  np("a", "egress-empty", { matchLabels: { app: "none" } }, { egress: [] }),
  np("b", "all", {}, { policyTypes: ["Ingress"] }),
];

/** The reference: the NetworkPolicy tier's `selects` in the analyzer's trace of every workload to itself. */
function traced(conn: Connectivity): Map<string, string> {
  const out = new Map<string, string>();
  for (const w of conn.workloads) {
    const ex = conn.explain({ kind: "workload", id: w.id }, { kind: "workload", id: w.id });
    const missing = new Set<string>();
    for (const part of ex.parts) {
      if (part.egress?.tiers.find((t) => t.tier === "NetworkPolicy")?.selects === false) missing.add("egress");
      if (part.ingress?.tiers.find((t) => t.tier === "NetworkPolicy")?.selects === false) missing.add("ingress");
    }
    if (missing.size > 0) out.set(w.id, `not isolated for ${[...missing].sort().join(" and ")}: no NetworkPolicy selects it`);
  }
  return out;
}

describe("checkDefaultDeny", () => {
  const docs: ManifestDoc[] = OBJECTS.map((object, index) => ({ file: "t.yaml", index, object }));
  const { cluster, diagnostics } = buildCluster(docs);

  it("loads the fixture without errors", () => {
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it.each(Object.keys(LAYER_SELECTIONS) as (keyof typeof LAYER_SELECTIONS)[])("agrees with the analyzer's traces on the %s layer", (layer) => {
    const selection = LAYER_SELECTIONS[layer];
    const view = makeView(cluster, selection);
    const result = checkDefaultDeny(INV, view, cluster, selection);
    const got = new Map(result.violations.map((v) => (v.kind === "item" ? [v.subject, v.message] : ["?", "?"])));
    expect(got).toEqual(traced(analyze(cluster, { layers: selection })));
    expect(result.status).toBe(got.size === 0 ? "holds" : "fails");
  });

  it("names exactly the pods that lack isolation on the combined layer", () => {
    const result = checkDefaultDeny(INV, makeView(cluster, ALL_LAYERS), cluster);
    const text = result.violations.map((v) => (v.kind === "item" ? `${v.subject}: ${v.message}` : "")).sort();
    expect(text).toEqual([
      "a/egress-only-1[Pod]: not isolated for ingress: no NetworkPolicy selects it",
      "a/ingress-only-1[Pod]: not isolated for egress: no NetworkPolicy selects it",
      "a/mixed[ReplicaSet]: not isolated for egress and ingress: no NetworkPolicy selects it",
      "a/none-1[Pod]: not isolated for egress: no NetworkPolicy selects it",
      "b/other-1[Pod]: not isolated for egress: no NetworkPolicy selects it",
    ]);
  });
});
