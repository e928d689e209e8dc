/**
 * Pod classes: pods that agree on everything policy can observe (namespace,
 * labels, named ports, service account, mesh membership) are analysed once.
 * Selectors are evaluated against classes, namespace by namespace, and cached.
 */
import { Bitset } from "./bitset";
import type { Cluster, NamedPort, Namespace, PodShape } from "./model";
import { type Selector, matches } from "./selector";

export interface PodClass {
  readonly index: number;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly namedPorts: readonly NamedPort[];
  readonly serviceAccount: string;
  readonly meshed: boolean;
}

const INJECT = "sidecar.istio.io/inject";

/** Whether a pod gets an Istio sidecar (see docs/semantics.md). */
export function isMeshed(ns: Namespace | undefined, pod: PodShape): boolean {
  const podSays = pod.labels[INJECT] ?? pod.annotations[INJECT];
  if (podSays === "false") return false;
  const nsLabels = ns?.labels ?? {};
  if (nsLabels["istio-injection"] === "disabled") return false;
  if (podSays === "true") return true;
  return nsLabels["istio-injection"] === "enabled" || nsLabels["istio.io/rev"] !== undefined;
}

export class ClassIndex {
  readonly classes: PodClass[] = [];
  /** Per workload (same order as cluster.workloads): its class indices, sorted, distinct. */
  readonly workloadClasses: number[][] = [];
  private readonly byNamespace = new Map<string, number[]>();
  private readonly namespaces: readonly Namespace[];
  private readonly cache = new Map<string, Bitset>();

  constructor(cluster: Cluster) {
    this.namespaces = cluster.namespaces;
    const nsByName = new Map(cluster.namespaces.map((n) => [n.name, n]));
    const byKey = new Map<string, number>();
    for (const w of cluster.workloads) {
      const idx = new Set<number>();
      for (const pod of w.pods) {
        const meshed = isMeshed(nsByName.get(w.namespace), pod);
        const labels = Object.fromEntries(Object.entries(pod.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
        const key = JSON.stringify([w.namespace, labels, pod.namedPorts, pod.serviceAccount, meshed]);
        let i = byKey.get(key);
        if (i === undefined) {
          i = this.classes.length;
          byKey.set(key, i);
          this.classes.push({ index: i, namespace: w.namespace, labels, namedPorts: pod.namedPorts, serviceAccount: pod.serviceAccount, meshed });
          const list = this.byNamespace.get(w.namespace) ?? [];
          list.push(i);
          this.byNamespace.set(w.namespace, list);
        }
        idx.add(i);
      }
      this.workloadClasses.push([...idx].sort((a, b) => a - b));
    }
  }

  get size(): number {
    return this.classes.length;
  }

  empty(): Bitset {
    return new Bitset(this.size);
  }

  /** Classes in namespaces matching nsSelector (or exactly `ownNamespace`) whose labels match podSelector. */
  select(podSelector: Selector, ns: { selector: Selector } | { name: string }): Bitset {
    const key = JSON.stringify([podSelector, ns]);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const out = this.empty();
    const namespaces = "name" in ns ? [ns.name] : this.namespaces.filter((n) => matches(ns.selector, n.labels)).map((n) => n.name);
    for (const n of namespaces) for (const c of this.byNamespace.get(n) ?? []) if (matches(podSelector, this.classes[c]!.labels)) out.add(c);
    this.cache.set(key, out);
    return out;
  }
}
