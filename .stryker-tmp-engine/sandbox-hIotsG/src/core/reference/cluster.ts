/**
 * The reference evaluator's plain view of a cluster: one entry per pod (a
 * workload manifest with a pod template stands for its pods), namespaces with
 * their labels, and the policy objects by kind. No indexing, no cleverness.
 */
// @ts-nocheck

import { list, obj, stringMap, text, type Json } from "./read";
import type { Labels } from "./selector";

export type Protocol = "TCP" | "UDP" | "SCTP";

export interface ContainerPort {
  readonly name: string | undefined;
  readonly port: number;
  readonly protocol: Protocol;
}

export interface RefPod {
  readonly workload: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly ports: readonly ContainerPort[];
  readonly serviceAccount: string;
}

export interface Policy {
  readonly name: string;
  readonly namespace: string;
  readonly spec: Json;
}

export interface RefCluster {
  readonly pods: readonly RefPod[];
  /** Labels of namespaces defined by a Namespace object (with the implicit name label). */
  readonly definedNamespaces: ReadonlyMap<string, Labels>;
  readonly networkPolicies: readonly Policy[];
  readonly adminNetworkPolicies: readonly Policy[];
  readonly baselineAdminNetworkPolicies: readonly Policy[];
  /** Sorted by name: among equally specific PeerAuthentications the first by name wins. */
  readonly peerAuthentications: readonly Policy[];
  readonly authorizationPolicies: readonly Policy[];
}

const NS_NAME_LABEL = "kubernetes.io/metadata.name";

/** Namespace labels, always with the implicit name label; an undefined namespace has only that label. */
export function namespaceLabels(cluster: RefCluster, namespace: string): Labels {
  const defined = cluster.definedNamespaces.get(namespace);
  if (defined && defined[NS_NAME_LABEL] === namespace) return defined;
  return { ...(defined ?? {}), [NS_NAME_LABEL]: namespace };
}

const TEMPLATE_KINDS = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"];

export function readCluster(objects: readonly unknown[]): RefCluster {
  const pods: RefPod[] = [];
  const definedNamespaces = new Map<string, Labels>();
  const byKind = {
    NetworkPolicy: [] as Policy[],
    AdminNetworkPolicy: [] as Policy[],
    BaselineAdminNetworkPolicy: [] as Policy[],
    PeerAuthentication: [] as Policy[],
    AuthorizationPolicy: [] as Policy[],
  };
  for (const object of flattenLists(objects)) {
    const kind = text(object.kind) ?? "";
    const metadata = obj(object.metadata) ?? {};
    const name = text(metadata.name) ?? "";
    const namespace = text(metadata.namespace) ?? "default";
    const spec = obj(object.spec) ?? {};
    if (kind === "Namespace") {
      definedNamespaces.set(name, { ...stringMap(metadata.labels), [NS_NAME_LABEL]: name });
    } else if (kind === "Pod") {
      pods.push(readPod(podWorkloadId(metadata, namespace, name), namespace, metadata, spec));
    } else if (TEMPLATE_KINDS.includes(kind)) {
      pods.push(fromTemplate(`${namespace}/${name}[${kind}]`, namespace, spec.template));
    } else if (kind === "CronJob") {
      const jobSpec = obj(obj(spec.jobTemplate)?.spec) ?? {};
      pods.push(fromTemplate(`${namespace}/${name}[${kind}]`, namespace, jobSpec.template));
    } else if (kind in byKind) {
      byKind[kind as keyof typeof byKind].push({ name, namespace, spec });
    }
  }
  return {
    pods,
    definedNamespaces,
    networkPolicies: byKind.NetworkPolicy,
    adminNetworkPolicies: [...byKind.AdminNetworkPolicy].sort(byPriorityThenName),
    baselineAdminNetworkPolicies: byKind.BaselineAdminNetworkPolicy,
    peerAuthentications: [...byKind.PeerAuthentication].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    authorizationPolicies: byKind.AuthorizationPolicy,
  };
}

/** Lower priority number first; equal priorities (undefined order in the spec) by name. */
function byPriorityThenName(a: Policy, b: Policy): number {
  const priority = (p: Policy) => (typeof p.spec.priority === "number" ? p.spec.priority : Number.MAX_SAFE_INTEGER);
  return priority(a) - priority(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** `List` objects (v1 List, PodList, ...) stand for their items; an item without kind takes it from the list. */
function flattenLists(objects: readonly unknown[]): Json[] {
  const out: Json[] = [];
  for (const raw of objects) {
    const object = obj(raw);
    if (!object) continue;
    const kind = text(object.kind) ?? "";
    const items = list(object.items);
    if (kind.endsWith("List") && items) {
      const itemKind = kind === "List" ? undefined : kind.slice(0, -"List".length);
      const children = items.map((item) => {
        const child = obj(item);
        return child && child.kind === undefined && itemKind ? { ...child, kind: itemKind } : item;
      });
      out.push(...flattenLists(children));
    } else {
      out.push(object);
    }
  }
  return out;
}

/**
 * A pod belongs to its controlling owner; an owner without kind prints as Pod.
 * A static (mirror) pod is "owned" by its Node, which is no workload: it stays itself.
 */
function podWorkloadId(metadata: Json, namespace: string, name: string): string {
  for (const raw of list(metadata.ownerReferences) ?? []) {
    const owner = obj(raw) ?? {};
    if (owner.controller === true && owner.kind !== "Node") return `${namespace}/${text(owner.name) ?? ""}[${text(owner.kind) ?? "Pod"}]`;
  }
  return `${namespace}/${name}[Pod]`;
}

function fromTemplate(workload: string, namespace: string, template: unknown): RefPod {
  const t = obj(template) ?? {};
  return readPod(workload, namespace, obj(t.metadata) ?? {}, obj(t.spec) ?? {});
}

function readPod(workload: string, namespace: string, metadata: Json, spec: Json): RefPod {
  const ports: ContainerPort[] = [];
  for (const container of list(spec.containers) ?? []) {
    for (const raw of list(obj(container)?.ports) ?? []) {
      const p = obj(raw) ?? {};
      const port = p.containerPort;
      const protocol = readProtocol(p.protocol);
      if (typeof port !== "number" || protocol === undefined) continue;
      ports.push({ name: text(p.name), port, protocol });
    }
  }
  return {
    workload,
    namespace,
    labels: stringMap(metadata.labels),
    annotations: stringMap(metadata.annotations),
    ports,
    serviceAccount: text(spec.serviceAccountName) ?? text(spec.serviceAccount) ?? "default",
  };
}

/** Protocol fields default to TCP; an unknown protocol is `undefined` and so matches nothing. */
export function readProtocol(value: unknown): Protocol | undefined {
  if (value === undefined) return "TCP";
  return value === "TCP" || value === "UDP" || value === "SCTP" ? value : undefined;
}
