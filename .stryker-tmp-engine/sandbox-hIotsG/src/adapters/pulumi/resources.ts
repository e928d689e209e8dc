/**
 * One compiled object -> one Pulumi resource. Typed @pulumi/kubernetes
 * classes for the core kinds, CustomResource for Istio, AdminNetworkPolicy
 * and PrometheusRule. A kind the mapping does not know is an error: the
 * deployment never drops an object the verifier counted.
 */
// @ts-nocheck

import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { NetworkPolicySpec } from "../../core/compile";
import type { KubeObject, ObjectMeta } from "../../core/k8s/object";
import type { NamespaceMode } from "./config";

/** Deep mutable copy type: the compiler's objects are readonly, Pulumi's input types are not. */
export type Mutable<T> = T extends readonly (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;

/**
 * A fresh deep copy of plain data, so Pulumi never holds (or mutates) the
 * verified objects themselves. Written out rather than structuredClone:
 * that builds arrays in Node's own realm, which a sandboxed runtime (jest's
 * vm) does not recognise as arrays, and Pulumi would serialise them as maps.
 */
export function thaw<T>(value: T): Mutable<T> {
  const copy = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(copy);
    if (typeof x === "object" && x !== null) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, copy(v)]));
    return x;
  };
  // The copy has the same shape with `readonly` dropped, which is the point of it.
  return copy(value) as Mutable<T>;
}

/** Pulumi type tokens of what ztseg registers, by compiled kind. */
export const RESOURCE_TYPES = {
  Namespace: { manage: "kubernetes:core/v1:Namespace", patch: "kubernetes:core/v1:NamespacePatch" },
  ServiceAccount: "kubernetes:core/v1:ServiceAccount",
  NetworkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
} as const;

export interface RegisterContext {
  readonly parent: pulumi.Resource;
  /** Prefix of every child's logical name, so two components in one stack never collide. */
  readonly prefix: string;
  readonly namespaces: NamespaceMode;
  readonly provider?: k8s.Provider;
}

/** Logical name: `<component>/<namespace>/<name>`, or `<component>/<name>` for cluster-scoped objects. */
export function logicalName(prefix: string, o: KubeObject): string {
  return [prefix, o.metadata.namespace, o.metadata.name].filter((s): s is string => s !== undefined).join("/");
}

function metadata(meta: ObjectMeta): Mutable<ObjectMeta> {
  return thaw(meta);
}

export class UnsupportedObjectError extends Error {
  constructor(o: KubeObject) {
    super(`ztseg: no Pulumi mapping for ${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? "-"}/${o.metadata.name}; nothing was deployed`);
    this.name = "UnsupportedObjectError";
  }
}

/** Rejects, before anything is registered, a set that contains a kind the mapping does not know. */
export function assertSupported(objects: readonly KubeObject[]): void {
  for (const o of objects) if (!isSupported(o)) throw new UnsupportedObjectError(o);
}

const CUSTOM_KINDS = new Set([
  "security.istio.io/v1 PeerAuthentication",
  "security.istio.io/v1 AuthorizationPolicy",
  "policy.networking.k8s.io/v1alpha1 AdminNetworkPolicy",
  // The detection target's alerting rules; the cluster needs the Prometheus Operator's CRD.
  "monitoring.coreos.com/v1 PrometheusRule",
]);

function isSupported(o: KubeObject): boolean {
  if (o.apiVersion === "v1" && (o.kind === "Namespace" || o.kind === "ServiceAccount")) return true;
  if (o.apiVersion === "networking.k8s.io/v1" && o.kind === "NetworkPolicy") return true;
  return CUSTOM_KINDS.has(`${o.apiVersion} ${o.kind}`);
}

export function registerObject(o: KubeObject, ctx: RegisterContext): pulumi.CustomResource {
  const name = logicalName(ctx.prefix, o);
  const opts: pulumi.CustomResourceOptions = { parent: ctx.parent, ...(ctx.provider ? { provider: ctx.provider } : {}) };
  if (o.apiVersion === "v1" && o.kind === "Namespace") {
    return ctx.namespaces === "patch"
      ? new k8s.core.v1.NamespacePatch(name, { metadata: metadata(o.metadata) }, opts)
      : new k8s.core.v1.Namespace(name, { metadata: metadata(o.metadata) }, opts);
  }
  if (o.apiVersion === "v1" && o.kind === "ServiceAccount") {
    return new k8s.core.v1.ServiceAccount(name, { metadata: metadata(o.metadata) }, opts);
  }
  if (o.apiVersion === "networking.k8s.io/v1" && o.kind === "NetworkPolicy") {
    // The kind check above fixes the spec's shape (the compiler emits NetworkPolicySpec for this kind);
    // that it is a subset of the upstream type is checked by tsc on this assignment.
    const spec: k8s.types.input.networking.v1.NetworkPolicySpec = thaw(o.spec as NetworkPolicySpec);
    return new k8s.networking.v1.NetworkPolicy(name, { metadata: metadata(o.metadata), spec }, opts);
  }
  if (CUSTOM_KINDS.has(`${o.apiVersion} ${o.kind}`)) {
    return new k8s.apiextensions.CustomResource(name, { apiVersion: o.apiVersion, kind: o.kind, metadata: metadata(o.metadata), spec: thaw(o.spec) }, opts);
  }
  throw new UnsupportedObjectError(o);
}
