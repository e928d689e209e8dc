/**
 * The guardrails layer judges connections opened by workloads in the cluster
 * (AdminNetworkPolicy v1alpha1 has no ingress peers outside it). A path whose
 * only way in is a hop from an external range is out of that scope: the
 * NetworkPolicy layer fails on it, the guardrails layer holds.
 */
import { verifyManifests } from "../../src/core/verify";

const docs = (objects: readonly unknown[]) => objects.map((object, index) => ({ file: "scope.yaml", index, object }));
const namespace = (name: string, labels: Record<string, string>) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels } });
const pod = (ns: string, name: string) => ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: ns, labels: { app: name } }, spec: { containers: [{ name, image: "x" }] } });

const cluster = (withVendorWorkload: boolean) =>
  docs([
    namespace("crm", { "ztseg.dev/trust": "internal", "ztseg.dev/sensitive": "true" }),
    pod("crm", "crm-api"),
    // The CRM admits a partner range on 443, and (when present) nothing else.
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "crm-ingress", namespace: "crm" },
      spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ ipBlock: { cidr: "203.0.113.0/24" } }], ports: [{ protocol: "TCP", port: 443 }] }] },
    },
    ...(withVendorWorkload ? [namespace("vendor-x", { "ztseg.dev/trust": "vendor" }), pod("vendor-x", "connector")] : []),
  ]);

const classification = { externals: { partner: { cidrs: ["203.0.113.0/24"], trust: "external" as const } } };

function layers(withVendorWorkload: boolean) {
  const { report, diagnostics } = verifyManifests(cluster(withVendorWorkload), { classification });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const noPath = report!.invariants.find((i) => i.kind === "noPath")!;
  return Object.fromEntries(noPath.layers.map((l) => [l.layer, l.violations.map((v) => (v.kind === "path" ? [v.from, ...v.hops.map((h) => h.to)].join(" -> ") : v.message))]));
}

test("a path in from an external range fails the NetworkPolicy layer and is out of the guardrails' scope", () => {
  expect(layers(false)).toEqual({
    combined: ["203.0.113.0-203.0.113.255[External] -> crm/crm-api[Pod]"],
    networkpolicy: ["203.0.113.0-203.0.113.255[External] -> crm/crm-api[Pod]"],
    istio: [],
    guardrails: [],
  });
});

test("a vendor workload is in the guardrails' scope: with no AdminNetworkPolicy its connection to the CRM is a guardrails path", () => {
  // The NetworkPolicy refuses the vendor pod; no guardrail does, so only the guardrails layer sees its path.
  expect(layers(true)).toEqual({
    combined: ["203.0.113.0-203.0.113.255[External] -> crm/crm-api[Pod]"],
    networkpolicy: ["203.0.113.0-203.0.113.255[External] -> crm/crm-api[Pod]"],
    istio: [],
    guardrails: ["vendor-x/connector[Pod] -> crm/crm-api[Pod]"],
  });
});
