/**
 * NetworkPolicy (networking.k8s.io/v1) for one direction of one pod:
 * a pod is isolated in a direction when some policy of its namespace selects
 * it with that policy type; an isolated pod admits exactly what some rule of
 * those policies allows.
 */
// @ts-nocheck

import { namespaceLabels, readProtocol, type Policy, type Protocol, type RefCluster, type RefPod } from "./cluster";
import { cidrContains, namedPortIs, type Endpoint } from "./endpoint";
import { list, obj, strings, text, type Json } from "./read";
import { selectorMatches } from "./selector";

export type Direction = "ingress" | "egress";

/** `undefined` when no policy isolates the pod in this direction. */
export function networkPolicyVerdict(
  cluster: RefCluster,
  direction: Direction,
  subject: RefPod,
  other: Endpoint,
  protocol: Protocol,
  port: number,
  dst: Endpoint,
): boolean | undefined {
  let isolated = false;
  for (const policy of cluster.networkPolicies) {
    if (policy.namespace !== subject.namespace) continue;
    if (!selectorMatches(policy.spec.podSelector, subject.labels)) continue;
    if (!hasPolicyType(policy.spec, direction)) continue;
    isolated = true;
    const rules = list(policy.spec[direction]) ?? [];
    for (const raw of rules) {
      const rule = obj(raw) ?? {};
      const peers = list(rule[direction === "ingress" ? "from" : "to"]);
      const peerOk = peers === undefined || peers.length === 0 || peers.some((p) => peerMatches(cluster, policy, obj(p) ?? {}, other));
      if (peerOk && portsMatch(rule.ports, protocol, port, dst)) return true;
    }
  }
  return isolated ? false : undefined;
}

/** policyTypes when given; otherwise Ingress always and Egress when there is at least one egress rule. */
function hasPolicyType(spec: Json, direction: Direction): boolean {
  const types = strings(spec.policyTypes);
  if (types.length > 0) return types.includes(direction === "ingress" ? "Ingress" : "Egress");
  if (direction === "ingress") return true;
  return (list(spec.egress) ?? []).length > 0;
}

function peerMatches(cluster: RefCluster, policy: Policy, peer: Json, other: Endpoint): boolean {
  const ipBlock = obj(peer.ipBlock);
  if (ipBlock) {
    // Choice: an ipBlock matches only addresses outside the cluster, never a pod.
    const cidr = text(ipBlock.cidr) ?? "";
    return cidrContains(cidr, other) && !strings(ipBlock.except).some((e) => cidrContains(e, other));
  }
  if (other.kind !== "pod") return false;
  const pod = other.pod;
  const hasPodSelector = peer.podSelector !== undefined && peer.podSelector !== null;
  const hasNamespaceSelector = peer.namespaceSelector !== undefined && peer.namespaceSelector !== null;
  if (!hasPodSelector && !hasNamespaceSelector) return false; // an empty peer is invalid
  const namespaceOk = hasNamespaceSelector
    ? selectorMatches(peer.namespaceSelector, namespaceLabels(cluster, pod.namespace))
    : pod.namespace === policy.namespace;
  const podOk = hasPodSelector ? selectorMatches(peer.podSelector, pod.labels) : true;
  return namespaceOk && podOk;
}

/** Missing or empty `ports` means every port of every protocol. */
function portsMatch(ports: unknown, protocol: Protocol, port: number, dst: Endpoint): boolean {
  const entries = list(ports);
  if (entries === undefined || entries.length === 0) return true;
  return entries.some((raw) => {
    const entry = obj(raw) ?? {};
    if (readProtocol(entry.protocol) !== protocol) return false;
    const p = entry.port;
    if (p === undefined || p === null) return true;
    if (typeof p === "string") return namedPortIs(dst, p, protocol, port);
    if (typeof p !== "number") return false;
    const end = typeof entry.endPort === "number" ? entry.endPort : p;
    return p <= port && port <= end;
  });
}
