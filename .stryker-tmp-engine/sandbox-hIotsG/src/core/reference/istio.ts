/**
 * Istio for one TCP connection into a meshed pod, checked at the server-side
 * sidecar: PeerAuthentication decides whether the caller speaks mTLS (and so
 * carries an identity), then AuthorizationPolicies: CUSTOM (not modelled, never
 * denies), DENY, then ALLOW. L7-only fields are over-approximated so that no
 * connection is missed: an ALLOW rule with them still allows the port, a DENY
 * rule with them does not deny the connection.
 */
// @ts-nocheck

import type { RefCluster, RefPod } from "./cluster";
import { cidrContains, type Endpoint } from "./endpoint";
import { hasItems, list, obj, stringMap, strings, text, type Json } from "./read";
import { selectorMatches } from "./selector";

export interface IstioSettings {
  readonly trustDomain: string;
  readonly rootNamespace: string;
  /** Only DENY policies count (no STRICT refusal, no ALLOW policies). */
  readonly denyOnly: boolean;
}

export type MtlsMode = "STRICT" | "PERMISSIVE" | "DISABLE";

/**
 * Sidecar injection: a namespace labelled istio-injection=disabled or a pod
 * opting out with sidecar.istio.io/inject=false is not meshed; otherwise the
 * namespace label istio-injection=enabled or the pod's inject "true" (label,
 * else annotation) meshes it.
 */
export function isMeshed(cluster: RefCluster, pod: RefPod): boolean {
  const nsInjection = cluster.definedNamespaces.get(pod.namespace)?.["istio-injection"];
  const podInject = pod.labels["sidecar.istio.io/inject"] ?? pod.annotations["sidecar.istio.io/inject"];
  if (nsInjection === "disabled" || podInject === "false") return false;
  return nsInjection === "enabled" || podInject === "true";
}

/** Whether Istio on `dst` (meshed) admits a TCP connection from `src` on `port`. */
export function istioAllows(cluster: RefCluster, settings: IstioSettings, src: Endpoint, dst: RefPod, port: number): boolean {
  const mode = mtlsMode(cluster, settings, dst, port);
  const identity = src.kind === "pod" && isMeshed(cluster, src.pod) && mode !== "DISABLE" ? src.pod : undefined;
  if (!settings.denyOnly && mode === "STRICT" && identity === undefined) return false;

  const caller: Caller = { identity, settings, src };
  const applicable = cluster.authorizationPolicies.filter((policy) => appliesTo(settings, policy.namespace, policy.spec, dst));
  const withAction = (action: string) => applicable.filter((p) => (text(p.spec.action) ?? "ALLOW") === action);

  for (const policy of withAction("DENY")) {
    if (rulesOf(policy.spec).some((rule) => ruleMatches(rule, caller, port, "deny"))) return false;
  }
  if (settings.denyOnly) return true;
  const allows = withAction("ALLOW");
  if (allows.length === 0) return true;
  return allows.some((policy) => rulesOf(policy.spec).some((rule) => ruleMatches(rule, caller, port, "allow")));
}

/**
 * Mode for the destination port: workload policy (port-level first), then the
 * namespace policy, then the mesh-wide one in the root namespace; UNSET
 * inherits; the default is PERMISSIVE.
 */
export function mtlsMode(cluster: RefCluster, settings: IstioSettings, pod: RefPod, port: number): MtlsMode {
  const byName = cluster.peerAuthentications;
  const unselected = (ns: string) => byName.find((p) => p.namespace === ns && !hasSelector(p.spec));
  const workload = byName.find(
    (p) => p.namespace === pod.namespace && hasSelector(p.spec) && selectorMatches(obj(p.spec.selector), pod.labels),
  );
  let mode: MtlsMode = "PERMISSIVE";
  for (const policy of [unselected(settings.rootNamespace), unselected(pod.namespace)]) {
    mode = modeOf(obj(policy?.spec.mtls)) ?? mode;
  }
  if (workload) {
    const portLevel = obj(obj(workload.spec.portLevelMtls)?.[String(port)]);
    mode = modeOf(portLevel) ?? modeOf(obj(workload.spec.mtls)) ?? mode;
  }
  return mode;
}

function modeOf(mtls: Json | undefined): MtlsMode | undefined {
  const m = text(mtls?.mode);
  return m === "STRICT" || m === "PERMISSIVE" || m === "DISABLE" ? m : undefined;
}

/** A workload selector counts only with at least one label; otherwise the policy is namespace-wide. */
function hasSelector(spec: Json): boolean {
  return Object.keys(stringMap(obj(spec.selector)?.matchLabels)).length > 0;
}

/** Policies in the pod's namespace, or in the root namespace (mesh-wide; a selector there selects in every namespace). */
function appliesTo(settings: IstioSettings, namespace: string, spec: Json, pod: RefPod): boolean {
  if (namespace !== pod.namespace && namespace !== settings.rootNamespace) return false;
  return !hasSelector(spec) || selectorMatches(obj(spec.selector), pod.labels);
}

function rulesOf(spec: Json): Json[] {
  return (list(spec.rules) ?? []).map((r) => obj(r) ?? {});
}

interface Caller {
  /** The calling pod when it presents an mTLS identity. */
  readonly identity: RefPod | undefined;
  readonly settings: IstioSettings;
  readonly src: Endpoint;
}

type RuleUse = "allow" | "deny";

const HTTP_SOURCE_FIELDS = ["requestPrincipals", "notRequestPrincipals"];
const HTTP_OPERATION_FIELDS = ["hosts", "notHosts", "methods", "notMethods", "paths", "notPaths"];

/** A rule matches when some source and some operation match (missing lists match all) and its `when` holds. */
function ruleMatches(rule: Json, caller: Caller, port: number, use: RuleUse): boolean {
  // `when` conditions are request attributes: assumed true for ALLOW, never denying for DENY.
  if (hasItems(rule, "when") && use === "deny") return false;
  const sources = (list(rule.from) ?? []).map((f) => obj(obj(f)?.source) ?? {});
  const operations = (list(rule.to) ?? []).map((t) => obj(obj(t)?.operation) ?? {});
  const sourceOk = sources.length === 0 || sources.some((s) => sourceMatches(s, caller, use));
  const operationOk = operations.length === 0 || operations.some((o) => operationMatches(o, port, use));
  return sourceOk && operationOk;
}

function sourceMatches(source: Json, caller: Caller, use: RuleUse): boolean {
  if (use === "deny" && HTTP_SOURCE_FIELDS.some((f) => hasItems(source, f))) return false;
  const { identity, settings, src } = caller;
  const principal = identity ? `${settings.trustDomain}/ns/${identity.namespace}/sa/${identity.serviceAccount}` : undefined;
  const namespace = identity?.namespace;
  const anyOf = (field: string, value: string | undefined) =>
    value !== undefined && strings(source[field]).some((pattern) => wildcardMatches(pattern, value));
  // Pod addresses are not modelled: an ipBlock matches only an address outside the cluster.
  const inBlocks = (field: string) => strings(source[field]).some((block) => cidrContains(block.includes("/") ? block : `${block}/${block.includes(":") ? 128 : 32}`, src));
  const checks: Array<[string, () => boolean]> = [
    ["principals", () => anyOf("principals", principal)],
    ["notPrincipals", () => !anyOf("notPrincipals", principal)],
    ["namespaces", () => anyOf("namespaces", namespace)],
    ["notNamespaces", () => !anyOf("notNamespaces", namespace)],
    ["ipBlocks", () => inBlocks("ipBlocks")],
    ["notIpBlocks", () => !inBlocks("notIpBlocks")],
    ["remoteIpBlocks", () => inBlocks("remoteIpBlocks")],
    ["notRemoteIpBlocks", () => !inBlocks("notRemoteIpBlocks")],
  ];
  return checks.every(([field, check]) => !hasItems(source, field) || check());
}

function operationMatches(operation: Json, port: number, use: RuleUse): boolean {
  if (use === "deny" && HTTP_OPERATION_FIELDS.some((f) => hasItems(operation, f))) return false;
  const ports = strings(operation.ports);
  const notPorts = strings(operation.notPorts);
  if (ports.length > 0 && !ports.includes(String(port))) return false;
  if (notPorts.includes(String(port))) return false;
  return true;
}

/** Istio string match: exact, `*` (any non-empty value), `prefix*` or `*suffix`. */
export function wildcardMatches(pattern: string, value: string): boolean {
  if (pattern === "*") return value.length > 0;
  if (pattern.endsWith("*")) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith("*")) return value.endsWith(pattern.slice(1));
  return pattern === value;
}
