// @ts-nocheck
import type { KubeObject } from "../../src/core/k8s/object";
import type { AdminNetworkPolicySpec, AuthorizationPolicySpec, NetworkPolicySpec, PeerAuthenticationSpec } from "../../src/core/compile";

export function find<S>(objects: readonly KubeObject[], kind: string, namespace: string | undefined, name: string): KubeObject<S> {
  const o = objects.find((x) => x.kind === kind && x.metadata.namespace === namespace && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind} ${namespace ?? "-"}/${name} among ${objects.map((x) => `${x.kind}/${x.metadata.namespace ?? "-"}/${x.metadata.name}`).join(", ")}`);
  return o as KubeObject<S>;
}
export const np = (objs: readonly KubeObject[], ns: string, name: string) => find<NetworkPolicySpec>(objs, "NetworkPolicy", ns, name);
export const ap = (objs: readonly KubeObject[], ns: string, name: string) => find<AuthorizationPolicySpec>(objs, "AuthorizationPolicy", ns, name);
export const pa = (objs: readonly KubeObject[], ns: string, name: string) => find<PeerAuthenticationSpec>(objs, "PeerAuthentication", ns, name);
export const anp = (objs: readonly KubeObject[], name: string) => find<AdminNetworkPolicySpec>(objs, "AdminNetworkPolicy", undefined, name);
