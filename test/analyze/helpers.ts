/** Small hand-written clusters for the analyzer's unit tests. */
import { type Connectivity, type LayerSelection, type ManifestDoc, type Peer, analyze, buildCluster } from "../../src/core/analyze";

type Obj = Record<string, unknown>;

export function ns(name: string, labels: Record<string, string> = {}): Obj {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
}

export interface PodOpts {
  labels?: Record<string, string>;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  sa?: string;
  annotations?: Record<string, string>;
}

export function pod(namespace: string, name: string, o: PodOpts = {}): Obj {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, labels: o.labels ?? { app: name }, ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: { ...(o.sa ? { serviceAccountName: o.sa } : {}), containers: [{ name: "c", image: "i", ports: o.ports ?? [] }] },
  };
}

export function netpol(namespace: string, name: string, spec: Obj): Obj {
  return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace }, spec };
}

export function anp(name: string, priority: number, spec: Obj): Obj {
  return { apiVersion: "policy.networking.k8s.io/v1alpha1", kind: "AdminNetworkPolicy", metadata: { name }, spec: { priority, ...spec } };
}

export function banp(spec: Obj): Obj {
  return { apiVersion: "policy.networking.k8s.io/v1alpha1", kind: "BaselineAdminNetworkPolicy", metadata: { name: "default" }, spec };
}

export function authz(namespace: string, name: string, spec: Obj): Obj {
  return { apiVersion: "security.istio.io/v1", kind: "AuthorizationPolicy", metadata: { name, namespace }, spec };
}

export function peerAuth(namespace: string, name: string, spec: Obj): Obj {
  return { apiVersion: "security.istio.io/v1beta1", kind: "PeerAuthentication", metadata: { name, namespace }, spec };
}

/**
 * The Istio suites' workloads: api (named port http 8080) and worker in the
 * meshed namespace shop, gw in the meshed namespace edge, old in the unmeshed
 * namespace legacy, and plain in shop with injection turned off by annotation.
 */
export const meshPods: readonly Obj[] = [
  pod("shop", "api", { sa: "api", ports: [{ name: "http", containerPort: 8080 }] }),
  pod("shop", "worker", { sa: "worker" }),
  pod("edge", "gw", { sa: "gateway" }),
  pod("legacy", "old", { sa: "old" }),
  pod("shop", "plain", { sa: "plain", annotations: { "sidecar.istio.io/inject": "false" } }),
];

export function docs(objects: readonly Obj[]): ManifestDoc[] {
  return objects.map((object, index) => ({ file: "test.yaml", index, object }));
}

export function connectivity(objects: readonly Obj[], layers?: LayerSelection): Connectivity {
  const { cluster, diagnostics } = buildCluster(docs(objects));
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.path}: ${d.message}`).join("\n"));
  return analyze(cluster, layers ? { layers } : {});
}

export const w = (id: string): Peer => ({ kind: "workload", id });
export const ip = (address: string): Peer => ({ kind: "ip", address });

/** `conns(c, "a/x", "b/y")`: display string of what a/x[Pod] may open to b/y[Pod]. */
export function conns(c: Connectivity, src: string, dst: string): string {
  const peer = (s: string): Peer => (/^[0-9.:a-f]+$/.test(s) && /[.:]/.test(s) && !s.includes("/") ? ip(s) : w(`${s}[Pod]`));
  return c.connections(peer(src), peer(dst)).toString();
}
