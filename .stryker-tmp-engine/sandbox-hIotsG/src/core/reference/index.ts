/**
 * The reference evaluator: an independent, deliberately plain reading of the
 * Kubernetes and Istio specifications, used only to check the fast analyzer.
 * It answers one question at a time (one source, one destination, one
 * protocol, one port) by trying every pod of the source workload against
 * every pod of the destination workload and walking the policy tiers in the
 * order the specifications give.
 */
// @ts-nocheck

import { parseIp } from "../../model/cidr";
import { readCluster, type Protocol, type RefCluster, type RefPod } from "./cluster";
import { adminVerdict, baselineVerdict } from "./admin-network-policy";
import type { Endpoint } from "./endpoint";
import { isMeshed, istioAllows, type IstioSettings } from "./istio";
import { networkPolicyVerdict, type Direction } from "./network-policy";

export type { Protocol } from "./cluster";

export type RefPeer = { kind: "workload"; id: string } | { kind: "ip"; address: string };

export interface ReferenceLayers {
  adminNetworkPolicy: boolean;
  networkPolicy: boolean;
  baselineAdminNetworkPolicy: boolean;
  istio: "full" | "denyOnly" | "off";
}

export interface ReferenceOptions {
  trustDomain?: string;
  istioRootNamespace?: string;
  /** A disabled tier behaves as if none of its objects existed. */
  layers?: ReferenceLayers;
}

export interface Reference {
  /** Workload ids, sorted. */
  workloads(): string[];
  allows(src: RefPeer, dst: RefPeer, protocol: Protocol, port: number, options?: ReferenceOptions): boolean;
}

const ALL_LAYERS: ReferenceLayers = { adminNetworkPolicy: true, networkPolicy: true, baselineAdminNetworkPolicy: true, istio: "full" };

/** Reads the objects once; the returned evaluator answers any number of questions. */
export function prepareReference(objects: readonly unknown[]): Reference {
  const cluster = readCluster(objects);
  // Resolving a peer to its pods is pure; remembering it only saves time.
  const resolved = new Map<string, Endpoint[]>();
  const endpoints = (peer: RefPeer): Endpoint[] => {
    const key = peer.kind === "ip" ? `ip:${peer.address}` : `workload:${peer.id}`;
    if (!resolved.has(key)) resolved.set(key, endpointsOf(cluster, peer));
    return resolved.get(key) ?? [];
  };
  return {
    workloads: () => [...new Set(cluster.pods.map((p) => p.workload))].sort(),
    allows: (src, dst, protocol, port, options = {}) => {
      const sources = endpoints(src);
      const destinations = endpoints(dst);
      return sources.some((s) => destinations.some((d) => endpointAllows(cluster, s, d, protocol, port, options)));
    },
  };
}

export function referenceWorkloads(objects: readonly unknown[]): string[] {
  return prepareReference(objects).workloads();
}

export function referenceAllows(
  objects: readonly unknown[],
  src: RefPeer,
  dst: RefPeer,
  protocol: Protocol,
  port: number,
  options?: ReferenceOptions,
): boolean {
  return prepareReference(objects).allows(src, dst, protocol, port, options);
}

function endpointsOf(cluster: RefCluster, peer: RefPeer): Endpoint[] {
  if (peer.kind === "ip") {
    const ip = parseIp(peer.address);
    if (!ip) throw new Error(`reference: not an IP address: ${peer.address}`);
    return [{ kind: "ip", version: ip.version, value: ip.value }];
  }
  const pods = cluster.pods.filter((p) => p.workload === peer.id);
  if (pods.length === 0) throw new Error(`reference: no workload ${peer.id}`);
  return pods.map((pod) => ({ kind: "pod", pod }));
}

/** Source egress, destination ingress, and Istio on a meshed destination must all admit the connection. */
function endpointAllows(
  cluster: RefCluster,
  src: Endpoint,
  dst: Endpoint,
  protocol: Protocol,
  port: number,
  options: ReferenceOptions,
): boolean {
  const layers = options.layers ?? ALL_LAYERS;
  if (src.kind === "pod" && !directionAllows(cluster, layers, "egress", src.pod, dst, protocol, port, dst)) return false;
  if (dst.kind === "pod" && !directionAllows(cluster, layers, "ingress", dst.pod, src, protocol, port, dst)) return false;
  // The sidecar intercepts TCP only; UDP and SCTP bypass Istio.
  if (dst.kind === "pod" && protocol === "TCP" && layers.istio !== "off" && isMeshed(cluster, dst.pod)) {
    const settings: IstioSettings = {
      trustDomain: options.trustDomain ?? "cluster.local",
      rootNamespace: options.istioRootNamespace ?? "istio-system",
      denyOnly: layers.istio === "denyOnly",
    };
    if (!istioAllows(cluster, settings, src, dst.pod, port)) return false;
  }
  return true;
}

/**
 * AdminNetworkPolicy first (Allow and Deny are final, Pass or no match falls
 * through), then NetworkPolicy if any isolates the pod, then
 * BaselineAdminNetworkPolicy; with nothing deciding, the connection is allowed.
 */
function directionAllows(
  cluster: RefCluster,
  layers: ReferenceLayers,
  direction: Direction,
  subject: RefPod,
  other: Endpoint,
  protocol: Protocol,
  port: number,
  dst: Endpoint,
): boolean {
  if (layers.adminNetworkPolicy) {
    const action = adminVerdict(cluster, direction, subject, other, protocol, port, dst);
    if (action === "Allow") return true;
    if (action === "Deny") return false;
  }
  if (layers.networkPolicy) {
    const verdict = networkPolicyVerdict(cluster, direction, subject, other, protocol, port, dst);
    if (verdict !== undefined) return verdict;
  }
  if (layers.baselineAdminNetworkPolicy) {
    const action = baselineVerdict(cluster, direction, subject, other, protocol, port, dst);
    if (action !== undefined) return action === "Allow";
  }
  return true;
}
