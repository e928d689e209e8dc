/**
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy
 * (policy.networking.k8s.io/v1alpha1) for one direction of one pod: policies
 * in priority order (lower number first; `readCluster` sorts them), rules in
 * order, the first matching rule's action wins.
 */
// @ts-nocheck

import { namespaceLabels, readProtocol, type Policy, type Protocol, type RefCluster, type RefPod } from "./cluster";
import { cidrContains, namedPortIs, type Endpoint } from "./endpoint";
import type { Direction } from "./network-policy";
import { list, obj, strings, text, type Json } from "./read";
import { selectorMatches } from "./selector";

export type AdminAction = "Allow" | "Deny" | "Pass";

/** The action of the first matching rule among the ANPs selecting `subject`, or `undefined`. */
export function adminVerdict(
  cluster: RefCluster,
  direction: Direction,
  subject: RefPod,
  other: Endpoint,
  protocol: Protocol,
  port: number,
  dst: Endpoint,
): AdminAction | undefined {
  for (const policy of cluster.adminNetworkPolicies) {
    const action = firstMatchingAction(cluster, policy, direction, subject, other, protocol, port, dst);
    if (action !== undefined) return action;
  }
  return undefined;
}

/** The BANP verdict (Allow or Deny) or `undefined` when no baseline rule matches. */
export function baselineVerdict(
  cluster: RefCluster,
  direction: Direction,
  subject: RefPod,
  other: Endpoint,
  protocol: Protocol,
  port: number,
  dst: Endpoint,
): AdminAction | undefined {
  for (const policy of cluster.baselineAdminNetworkPolicies) {
    const action = firstMatchingAction(cluster, policy, direction, subject, other, protocol, port, dst);
    // Pass is not a baseline action; a rule carrying it decides nothing.
    if (action === "Allow" || action === "Deny") return action;
  }
  return undefined;
}

function firstMatchingAction(
  cluster: RefCluster,
  policy: Policy,
  direction: Direction,
  subject: RefPod,
  other: Endpoint,
  protocol: Protocol,
  port: number,
  dst: Endpoint,
): AdminAction | undefined {
  if (!podPeerMatches(cluster, obj(policy.spec.subject) ?? {}, subject)) return undefined;
  for (const raw of list(policy.spec[direction]) ?? []) {
    const rule = obj(raw) ?? {};
    const peers = list(rule[direction === "ingress" ? "from" : "to"]) ?? [];
    const peerOk = peers.some((p) => peerMatches(cluster, obj(p) ?? {}, other));
    if (!peerOk || !portsMatch(rule.ports, protocol, port, dst)) continue;
    const action = text(rule.action);
    if (action === "Allow" || action === "Deny" || action === "Pass") return action;
  }
  return undefined;
}

/** `namespaces: selector` or `pods: { namespaceSelector, podSelector }` (subjects and peers share this shape). */
function podPeerMatches(cluster: RefCluster, peer: Json, pod: RefPod): boolean {
  if (peer.namespaces !== undefined) return selectorMatches(peer.namespaces, namespaceLabels(cluster, pod.namespace));
  const pods = obj(peer.pods);
  if (pods) {
    return (
      selectorMatches(pods.namespaceSelector, namespaceLabels(cluster, pod.namespace)) &&
      selectorMatches(pods.podSelector, pod.labels)
    );
  }
  return false;
}

function peerMatches(cluster: RefCluster, peer: Json, other: Endpoint): boolean {
  if (other.kind === "pod") return podPeerMatches(cluster, peer, other.pod);
  // `networks` (egress only) are CIDRs outside the cluster; `nodes` are not modelled and match no address.
  return strings(peer.networks).some((cidr) => cidrContains(cidr, other));
}

/** Missing `ports` means every port; entries are portNumber, portRange or namedPort. */
function portsMatch(ports: unknown, protocol: Protocol, port: number, dst: Endpoint): boolean {
  const entries = list(ports);
  if (entries === undefined || entries.length === 0) return true;
  return entries.some((raw) => {
    const entry = obj(raw) ?? {};
    const single = obj(entry.portNumber);
    if (single) return readProtocol(single.protocol) === protocol && single.port === port;
    const range = obj(entry.portRange);
    if (range) {
      const start = typeof range.start === "number" ? range.start : Infinity;
      const end = typeof range.end === "number" ? range.end : -Infinity;
      return readProtocol(range.protocol) === protocol && start <= port && port <= end;
    }
    const name = text(entry.namedPort);
    return name !== undefined && namedPortIs(dst, name, protocol, port);
  });
}
