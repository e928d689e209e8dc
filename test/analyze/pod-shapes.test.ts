/**
 * buildCluster keeps one shape object for replicas that repeat the previous
 * pod's shape exactly (most of a large dump), and a shape of its own for a
 * pod that differs in anything the analyzer reads.
 */
import { buildCluster } from "../../src/core/analyze";
import type { PodShape } from "../../src/core/analyze/model";
import { docs, ns } from "./helpers";

type Obj = Record<string, unknown>;

function replica(n: number, o: { labels?: Record<string, string>; annotations?: Record<string, string>; hostNetwork?: boolean; sa?: string; port?: number } = {}): Obj {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `web-abc-${n}`,
      namespace: "shop",
      labels: o.labels ?? { app: "web", tier: "front" },
      ...(o.annotations ? { annotations: o.annotations } : {}),
      ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-abc", controller: true, uid: "u" }],
    },
    spec: {
      ...(o.sa ? { serviceAccountName: o.sa } : {}),
      ...(o.hostNetwork ? { hostNetwork: true } : {}),
      containers: [{ name: "c", image: "i", ports: [{ name: "http", containerPort: o.port ?? 8080 }] }],
    },
  };
}

function podsOf(...pods: Obj[]) {
  const { cluster } = buildCluster(docs([ns("shop"), ...pods]));
  expect(cluster.workloads).toHaveLength(1);
  return cluster.workloads[0]!.pods;
}

describe("pod shapes of one workload", () => {
  test("identical replicas share the first one's shape", () => {
    const pods = podsOf(replica(0), replica(1), replica(2));
    expect(pods).toHaveLength(3);
    expect(pods[1]).toBe(pods[0]);
    expect(pods[2]).toBe(pods[0]);
  });

  const cases: readonly [string, Parameters<typeof replica>[1], (p: PodShape) => unknown, unknown][] = [
    ["a label value", { labels: { app: "web", tier: "back" } }, (p) => p.labels["tier"], "back"],
    ["an extra label", { labels: { app: "web", tier: "front", canary: "yes" } }, (p) => p.labels["canary"], "yes"],
    ["an annotation", { annotations: { "sidecar.istio.io/inject": "false" } }, (p) => p.annotations["sidecar.istio.io/inject"], "false"],
    ["host networking", { hostNetwork: true }, (p) => p.hostNetwork, true],
    ["the service account", { sa: "other" }, (p) => p.serviceAccount, "other"],
    ["a port number", { port: 9090 }, (p) => p.namedPorts[0]!.port, 9090],
  ];
  test.each(cases)("a replica that differs in %s keeps its own shape", (_what, differs, read, want) => {
    const pods = podsOf(replica(0), replica(1, differs));
    expect(pods[1]).not.toBe(pods[0]);
    expect(read(pods[1]!)).toBe(want);
    expect(read(pods[0]!)).not.toBe(want);
  });
});
