/**
 * Canonical object shape for output: keys in the order apiVersion, kind,
 * metadata, spec, then the rest sorted; metadata starts with name and
 * namespace; every nested map sorted. Arrays keep their order (rule order
 * is meaningful in AdminNetworkPolicy and is built deterministically).
 */
import { type KubeObject, objectKey } from "../k8s/object";

/** Keys written first, in this order: at the top of an object, and in every map under a `metadata` key. */
export const TOP_KEYS: readonly string[] = ["apiVersion", "kind", "metadata", "spec"];
export const METADATA_KEYS: readonly string[] = ["name", "namespace"];

/**
 * A map's keys in canonical order: those of `first` it has, in that order,
 * then the rest sorted. Undefined values are the caller's to skip. Most maps
 * need no `first` and arrive sorted (manifests read back from canonical
 * text): those cost one comparison per key.
 */
export function orderedKeys(record: object, first: readonly string[]): string[] {
  const keys = Object.keys(record);
  if (first.length === 0) {
    for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return keys.sort();
    return keys;
  }
  const head = first.filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !first.includes(k)).sort();
  return [...head, ...rest];
}

function canonicalValue(value: unknown, first: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => canonicalValue(v));
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of orderedKeys(record, first)) {
    const v = record[key];
    if (v === undefined) continue;
    out[key] = canonicalValue(v, key === "metadata" ? METADATA_KEYS : []);
  }
  return out;
}

export function canonicalObject(o: KubeObject): Record<string, unknown> {
  return canonicalValue(o, TOP_KEYS) as Record<string, unknown>;
}

/** Namespaces first (so a stream applies in order), then by kind, namespace, name. */
const KIND_RANK: Readonly<Record<string, number>> = {
  Namespace: 0,
  ServiceAccount: 1,
  AdminNetworkPolicy: 2,
  NetworkPolicy: 3,
  PeerAuthentication: 4,
  AuthorizationPolicy: 5,
};

export function compareObjects(a: KubeObject, b: KubeObject): number {
  const ra = KIND_RANK[a.kind] ?? 99;
  const rb = KIND_RANK[b.kind] ?? 99;
  if (ra !== rb) return ra - rb;
  const ka = objectKey(a);
  const kb = objectKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function sortObjects<T extends KubeObject>(objects: readonly T[]): T[] {
  return [...objects].sort(compareObjects);
}
