/**
 * Pod classes: pods that agree on everything policy can observe (namespace,
 * labels, named ports, service account, mesh membership) are analysed once.
 * Selectors are evaluated through an index from label (key=value, key) to the
 * bitset of classes carrying it, so a selector costs a few word-wise bitset
 * operations instead of a scan over classes.
 */
import { Bitset, BitsetSlab } from "./bitset";
import { innerMap } from "./inner-map";
import { HASH_SEED, hashStep } from "./int-hash";
import type { Cluster, NamedPort, Namespace, PodShape } from "./model";
import { type Selector, matches } from "./selector";

export interface PodClass {
  readonly index: number;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly namedPorts: readonly NamedPort[];
  readonly serviceAccount: string;
  readonly meshed: boolean;
  /** Classes with equal named ports share this number (verdicts depend on ports only through them). */
  readonly portProfile: number;
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

/**
 * The labels with their keys in `keys`' order. Assigned one by one (an own
 * `__proto__` label defined, not assigned, as Object.fromEntries would):
 * objects built the same way share V8's shape, which later lookups rely on.
 */
function sortedCopy(labels: Readonly<Record<string, string>>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    if (k === "__proto__") Object.defineProperty(out, k, { value: labels[k], enumerable: true, writable: true, configurable: true });
    else out[k] = labels[k]!;
  }
  return out;
}

/** Keys by selector object: a cluster's selectors are asked about again by every analysis of it. */
const selectorKeys = new WeakMap<Selector, string>();

function selectorKey(s: Selector): string {
  let key = selectorKeys.get(s);
  if (key === undefined) {
    key = JSON.stringify(s.requirements.map((r) => ("values" in r ? [r.key, r.op, r.values] : [r.key, r.op])));
    selectorKeys.set(s, key);
  }
  return key;
}

/** The index key of one label: length-prefixed, so key "a=b" with value "c" is not key "a" with value "b=c". */
const labelKey = (key: string, value: string): string => `${key.length}:${key}=${value}`;

export class ClassIndex {
  readonly classes: PodClass[] = [];
  /** Per workload (same order as cluster.workloads): its class indices, sorted, distinct. */
  readonly workloadClasses: number[][] = [];
  private readonly namespaces: readonly Namespace[];
  private readonly nsIndex = new Map<string, number>();
  /** Classes per namespace (index into namespaces), built lazily as bitsets. */
  private readonly nsClassLists: number[][];
  private nsBitsets: Bitset[] | undefined;
  /** key -> value -> classes, and key -> classes (pod labels). */
  private readonly byLabel = new Map<string, Map<string, number[]>>();
  private readonly byLabelKey = new Map<string, number[]>();
  private readonly labelBits = new Map<string, Bitset>();
  /** select()'s answers by namespace name or namespace selector key, then pod selector key (no key text built per call). */
  private readonly byNamespaceName = new Map<string, Map<string, Bitset>>();
  private readonly byNamespaceSelector = new Map<string, Map<string, Bitset>>();
  private readonly nsCache = new Map<string, number[]>();

  constructor(cluster: Cluster) {
    this.namespaces = cluster.namespaces;
    cluster.namespaces.forEach((n, i) => this.nsIndex.set(n.name, i));
    this.nsClassLists = cluster.namespaces.map(() => []);
    const nsByName = new Map(cluster.namespaces.map((n) => [n.name, n]));
    // Classes and port profiles are found by hash, then compared in full: building a JSON key per class (the
    // previous way) was most of this constructor's time.
    const classBuckets = new Map<number, number[]>();
    const profileBuckets = new Map<number, number[]>();
    const profilePorts: (readonly NamedPort[])[] = [];
    for (const w of cluster.workloads) {
      const idx: number[] = [];
      let prev: PodShape | undefined;
      let prevMeshed = false;
      for (const pod of w.pods) {
        const meshed = isMeshed(nsByName.get(w.namespace), pod);
        // Replicas usually repeat the previous pod's shape: a field-by-field comparison is cheaper than any key.
        if (prev !== undefined && meshed === prevMeshed && sameClassFields(prev, pod)) continue;
        prev = pod;
        prevMeshed = meshed;
        const portsHash = hashPorts(pod.namedPorts);
        const h = hashStep(hashText(hashText(hashStep(portsHash, meshed ? 1 : 2), w.namespace), pod.serviceAccount), hashLabels(pod.labels));
        let i = findIn(classBuckets, h, (c) => sameClass(this.classes[c]!, w.namespace, pod, meshed));
        if (i === undefined) {
          i = this.classes.length;
          push(classBuckets, h, i);
          let profile = findIn(profileBuckets, portsHash, (q) => samePorts(profilePorts[q]!, pod.namedPorts));
          if (profile === undefined) {
            profile = profilePorts.length;
            profilePorts.push(pod.namedPorts);
            push(profileBuckets, portsHash, profile);
          }
          const keys = Object.keys(pod.labels);
          if (keys.length > 1) keys.sort(); // code-unit order, as `<` on strings
          const labels = sortedCopy(pod.labels, keys);
          this.classes.push({ index: i, namespace: w.namespace, labels, namedPorts: pod.namedPorts, serviceAccount: pod.serviceAccount, meshed, portProfile: profile });
          let ns = this.nsIndex.get(w.namespace);
          if (ns === undefined) {
            // Not among the cluster's namespaces: reachable by name only, as no selector sees its labels.
            this.nsIndex.set(w.namespace, (ns = this.nsClassLists.length));
            this.nsClassLists.push([]);
          }
          this.nsClassLists[ns]!.push(i);
          for (const k of keys) {
            push(innerMap(this.byLabel, k), labels[k]!, i);
            push(this.byLabelKey, k, i);
          }
        }
        if (!idx.includes(i)) idx.push(i);
      }
      this.workloadClasses.push(idx.length > 1 ? idx.sort((a, b) => a - b) : idx);
    }
  }

  get size(): number {
    return this.classes.length;
  }

  /** Each class's port profile in one typed array, for loops over many classes. */
  get portProfiles(): Int32Array {
    return (this.portProfileCache ??= Int32Array.from(this.classes, (c) => c.portProfile));
  }
  private portProfileCache: Int32Array | undefined;

  empty(): Bitset {
    return new Bitset(this.size);
  }

  /**
   * A zeroed set the index keeps (a selector's answer, a label's classes):
   * carved from a slab, as a typed array each was most of the first
   * analysis's selector time on large clusters.
   */
  private keptSet(): Bitset {
    return (this.slab ??= new BitsetSlab(this.size)).take();
  }
  private slab: BitsetSlab | undefined;

  /** Scratch for matching()'s per-requirement unions, cleared after each use. */
  private scratchSet: Bitset | undefined;

  /** The classes of `list` as a kept set, cached under `cacheKey`. */
  private bitsOf(list: readonly number[] | undefined, cacheKey: string): Bitset | undefined {
    if (!list) return undefined;
    const k = cacheKey;
    let b = this.labelBits.get(k);
    if (!b) {
      b = this.keptSet();
      for (const c of list) b.add(c);
      this.labelBits.set(k, b);
    }
    return b;
  }

  /** Classes whose labels match a selector, through the label index. */
  private matching(sel: Selector): Bitset {
    const out = this.keptSet().fill();
    for (const r of sel.requirements) {
      switch (r.op) {
        case "In":
        case "NotIn": {
          const any = (this.scratchSet ??= this.empty());
          for (const v of r.values) {
            const b = this.bitsOf(this.byLabel.get(r.key)?.get(v), `=${labelKey(r.key, v)}`);
            if (b) any.or(b);
          }
          if (r.op === "In") out.and(any);
          else out.andNot(any);
          any.words.fill(0);
          break;
        }
        case "Exists":
        case "DoesNotExist": {
          const b = this.bitsOf(this.byLabelKey.get(r.key), `?${r.key}`);
          if (r.op === "Exists") {
            if (b) out.and(b);
            else out.words.fill(0);
          } else if (b) out.andNot(b);
          break;
        }
      }
    }
    return out;
  }

  private namespacesMatching(sel: Selector): number[] {
    const key = selectorKey(sel);
    let hit = this.nsCache.get(key);
    if (!hit) {
      hit = [];
      for (let i = 0; i < this.namespaces.length; i++) if (matches(sel, this.namespaces[i]!.labels)) hit.push(i);
      this.nsCache.set(key, hit);
    }
    return hit;
  }

  private inNamespace(ns: number): Bitset {
    if (!this.nsBitsets) {
      this.nsBitsets = this.nsClassLists.map((list) => {
        const b = this.keptSet();
        for (const c of list) b.add(c);
        return b;
      });
    }
    return this.nsBitsets[ns]!;
  }

  /**
   * The classes of these namespaces that the selector matches, tested one by
   * one: a namespace holds a handful of classes, while the index's set
   * operations cost a pass over every class of the cluster per requirement
   * (most NetworkPolicies select within their own namespace).
   */
  private scan(nss: readonly number[], podSelector: Selector): Bitset {
    const out = this.keptSet();
    for (const i of nss) for (const c of this.nsClassLists[i]!) if (matches(podSelector, this.classes[c]!.labels)) out.add(c);
    return out;
  }

  private classCount(nss: readonly number[]): number {
    let n = 0;
    for (const i of nss) n += this.nsClassLists[i]!.length;
    return n;
  }

  /** Classes in namespaces matching nsSelector (or exactly `ownNamespace`) whose labels match podSelector. Shared: do not mutate. */
  select(podSelector: Selector, ns: { selector: Selector } | { name: string }): Bitset {
    const outer = "name" in ns ? this.byNamespaceName : this.byNamespaceSelector;
    const nsKey = "name" in ns ? ns.name : selectorKey(ns.selector);
    const cache = innerMap(outer, nsKey);
    const key = selectorKey(podSelector);
    const hit = cache.get(key);
    if (hit) return hit;
    let out: Bitset;
    if ("name" in ns) {
      const i = this.nsIndex.get(ns.name);
      out = i === undefined ? this.keptSet() : this.scan([i], podSelector);
    } else {
      const nss = this.namespacesMatching(ns.selector);
      if (nss.length === this.nsClassLists.length) out = this.matching(podSelector);
      else if (this.classCount(nss) <= this.size >>> 5) out = this.scan(nss, podSelector);
      else {
        out = this.keptSet();
        for (const i of nss) out.or(this.inNamespace(i));
        if (podSelector.requirements.length > 0) out.and(this.matching(podSelector));
      }
    }
    cache.set(key, out);
    return out;
  }
}

/**
 * Same service account, labels (in the same order) and named ports: what a
 * class is made of besides namespace and mesh membership (see PodClass).
 */
export function sameClassFields(a: PodShape, b: PodShape): boolean {
  if (a === b) return true;
  return a.serviceAccount === b.serviceAccount && samePorts(a.namedPorts, b.namedPorts) && sameEntries(a.labels, b.labels);
}

/** The same entries in the same order. */
export function sameEntries(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i] || a[ka[i]!] !== b[kb[i]!]) return false;
  return true;
}

/** Continues `h` with each UTF-16 unit of `s`, then a value no unit takes, so consecutive texts stay apart. */
function hashText(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = hashStep(h, s.charCodeAt(i));
  return hashStep(h, 0x10000);
}

function hashPorts(ports: readonly NamedPort[]): number {
  let h = hashStep(HASH_SEED, ports.length);
  for (const p of ports) h = hashStep(hashText(hashText(h, p.name), p.protocol), p.port);
  return h;
}

/** A hash of the label entries that ignores their order (a sum of per-entry hashes): classes ignore it too. */
function hashLabels(labels: Readonly<Record<string, string>>): number {
  let sum = 0;
  let n = 0;
  for (const k in labels) {
    sum = (sum + hashText(hashText(HASH_SEED, k), labels[k]!)) | 0;
    n++;
  }
  return hashStep(hashStep(HASH_SEED, n), sum);
}

function samePorts(a: readonly NamedPort[], b: readonly NamedPort[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.name !== y.name || x.port !== y.port || x.protocol !== y.protocol) return false;
  }
  return true;
}

/** Whether a pod, in a namespace and with a mesh membership, belongs to a class: its labels in any order. */
function sameClass(c: PodClass, namespace: string, pod: PodShape, meshed: boolean): boolean {
  if (c.namespace !== namespace || c.serviceAccount !== pod.serviceAccount || c.meshed !== meshed || !samePorts(c.namedPorts, pod.namedPorts)) return false;
  let n = 0;
  for (const k in pod.labels) {
    if (!Object.prototype.hasOwnProperty.call(c.labels, k) || c.labels[k] !== pod.labels[k]) return false;
    n++;
  }
  return n === Object.keys(c.labels).length;
}

function findIn(buckets: Map<number, number[]>, h: number, same: (i: number) => boolean): number | undefined {
  const bucket = buckets.get(h);
  if (bucket !== undefined) for (const i of bucket) if (same(i)) return i;
  return undefined;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
