/**
 * Minimal clusters on which the property test found the fast analyzer and the
 * reference evaluator disagreeing, with the specification's answer. Each case
 * states the expected verdict directly, so it fails against whichever side is
 * wrong.
 */
// @ts-nocheck

import { analyze, buildCluster } from "../../src/core/analyze";
import { referenceAllows } from "../../src/core/reference";

const deployment = (name: string, namespace: string) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace },
  spec: { selector: { matchLabels: {} }, template: { metadata: { labels: {} }, spec: { containers: [{ name: "main", image: "app" }] } } },
});

function fastAllows(objects: unknown[], src: string, dst: string, protocol: "TCP" | "UDP" | "SCTP", port: number): boolean {
  const { cluster } = buildCluster(objects.map((object, index) => ({ file: "gen.yaml", index, object })));
  const peer = (s: string) => (/^[\d.:a-f]+$/.test(s) ? { kind: "ip" as const, address: s } : { kind: "workload" as const, id: s });
  return analyze(cluster).allows(peer(src), peer(dst), protocol, port);
}

describe("property-test regressions", () => {
  // Kubernetes defaults policyTypes to Egress only when `len(spec.egress) != 0`
  // (networking/v1 SetDefaults_NetworkPolicy); `egress: []` without policyTypes
  // does not isolate egress, so the pod may still reach anything.
  test("egress: [] without policyTypes does not isolate egress", () => {
    const objects = [
      deployment("w0", "ns-b"),
      deployment("w1", "ns-b"),
      { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "np0", namespace: "ns-b" }, spec: { podSelector: {}, ingress: [], egress: [] } },
    ];
    expect(referenceAllows(objects, { kind: "workload", id: "ns-b/w0[Deployment]" }, { kind: "ip", address: "10.1.2.3" }, "TCP", 1)).toBe(true);
    expect(fastAllows(objects, "ns-b/w0[Deployment]", "10.1.2.3", "TCP", 1)).toBe(true);
    // Ingress is isolated (ingress: [] allows nothing), so pod-to-pod stays denied on both sides.
    expect(fastAllows(objects, "ns-b/w0[Deployment]", "ns-b/w1[Deployment]", "TCP", 80)).toBe(false);
  });
});
