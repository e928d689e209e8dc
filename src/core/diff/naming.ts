/**
 * Names that mean the same thing on both sides of a diff. A policy's
 * representative pod `crm/crm-api[Pod]` and a deployed
 * `crm/crm-api[Deployment]` are both `crm/crm-api` (zone/workload, the zone
 * read from the namespace's ztseg.dev/zone label, else the namespace), and an
 * external address range is named after the declared external it belongs to.
 */
import type { Connectivity, Peer } from "../analyze";
import { LABELS, type KubeObject } from "../k8s/object";
import { attributeRange, classifyFromLabels, classifyPolicy, type Classification, type NodeInfo } from "../verify/classify";
import { externalRange } from "../verify/view";
import type { DiffSide } from "./types";

export interface SideNames {
  readonly classification: Classification;
  /** Display name of an analyzer node (workload id or external range id). */
  name(nodeId: string): string;
  /** Zone (policy) or namespace (manifests) of a node, for pair grouping. */
  group(nodeId: string): string;
  readonly nodes: ReadonlyMap<string, NodeInfo>;
  /** The analyzer peer of a node (a workload, or the first address of a range). */
  peer(nodeId: string): Peer;
}

export function sideClassification(side: DiffSide): Classification {
  if (side.classification) return side.classification;
  if (side.policy) return classifyPolicy(side.policy);
  return classifyFromLabels(namespaceLabels(side.objects));
}

function namespaceLabels(objects: readonly KubeObject[]): Map<string, Readonly<Record<string, string>>> {
  const out = new Map<string, Readonly<Record<string, string>>>();
  for (const o of objects) if (o.kind === "Namespace") out.set(o.metadata.name, { [LABELS.nsName]: o.metadata.name, ...(o.metadata.labels ?? {}) });
  // Namespaces that only appear as the home of other objects are internal and unclassified.
  for (const o of objects) if (o.metadata.namespace !== undefined && !out.has(o.metadata.namespace)) out.set(o.metadata.namespace, { [LABELS.nsName]: o.metadata.namespace });
  return out;
}

export function sideNames(side: DiffSide, conn: Connectivity = side.connectivity): SideNames {
  const classification = sideClassification(side);
  const nodes = new Map<string, NodeInfo>();
  const names = new Map<string, string>();
  const groups = new Map<string, string>();
  const rangeFirst = new Map<string, string>();
  const pooled = (text: string): string => (side.texts ? side.texts.intern(text) : text);
  for (const w of conn.workloads) {
    nodes.set(w.id, { id: w.id, kind: "workload", namespace: w.namespace });
    const zone = classification.namespaces.get(w.namespace)?.zone;
    const service = classification.services.get(w.id);
    names.set(w.id, pooled(service ?? `${zone ?? w.namespace}/${w.name}`));
    groups.set(w.id, pooled(side.policy ? (zone ?? w.namespace) : w.namespace));
  }
  for (const r of conn.externals) {
    const range = externalRange(r);
    nodes.set(r.id, { id: r.id, kind: "external", range });
    const owner = attributeRange(classification, range);
    const name = pooled(owner?.name ?? `${r.first}-${r.last}`);
    names.set(r.id, name);
    groups.set(r.id, name);
    rangeFirst.set(r.id, r.first);
  }
  return {
    classification,
    nodes,
    name: (id) => names.get(id) ?? id,
    group: (id) => groups.get(id) ?? id,
    peer: (id) => {
      const first = rangeFirst.get(id);
      return first === undefined ? { kind: "workload", id } : { kind: "ip", address: first };
    },
  };
}
