/**
 * The manifest diff of the generated (or loaded) objects: added, removed and
 * changed, grouped by namespace and kind, with a compact YAML line diff for
 * each changed object.
 */
import { type KubeObject, objectKey } from "../k8s/object";
import { type HashParts, sha256HexOfParts, streamParts, yamlDocument } from "../render";
import { lineDiff } from "./line-diff";
import { sameValue } from "./same-value";
import type { TextPool } from "./text-pool";
import type { ManifestDiff, ObjectChange } from "./types";

/** Equals manifestDigest(objects): the SHA-256 of the sorted canonical stream (by `hash`, the core's own by default). */
export const digestOf = (objects: readonly KubeObject[], hash: HashParts = sha256HexOfParts): string => hash(streamParts(objects, yamlDocument));

/** Objects by objectKey (the last of a duplicate key wins); keys pooled across a diff's sides when it has one (see TextPool). */
export const keyed = (objects: readonly KubeObject[], texts?: TextPool): ReadonlyMap<string, KubeObject> =>
  new Map(objects.map((o) => [texts ? texts.intern(objectKey(o)) : objectKey(o), o]));

/** What a side's summary already knows: its digest and its objects by key (not computed again). */
export interface KnownSide {
  readonly digest: string;
  readonly objectsByKey: ReadonlyMap<string, KubeObject>;
}

/** The manifest diff of two object lists. */
export function diffManifests(base: readonly KubeObject[], head: readonly KubeObject[], known?: { readonly before: KnownSide; readonly after: KnownSide }): ManifestDiff {
  const before = known?.before.objectsByKey ?? keyed(base);
  const after = known?.after.objectsByKey ?? keyed(head);
  const objects: ObjectChange[] = [];
  const where = (o: KubeObject) => ({ kind: o.kind, namespace: o.metadata.namespace ?? "", name: o.metadata.name });
  // forEach, not for-of over entries: no entry array per object (a cluster has hundreds of thousands).
  after.forEach((a, k) => {
    const b = before.get(k);
    if (!b) {
      objects.push({ change: "added", ...where(a) });
      return;
    }
    // The same object, the same value, or the same canonical text: unchanged. Texts are rendered only for objects
    // whose values differ: a side kept every object's text from its digest to the diff, 140 MB at 150,000 pods.
    if (a === b || sameValue(a, b)) return;
    const yb = yamlDocument(b);
    const ya = yamlDocument(a);
    if (yb !== ya) objects.push({ change: "changed", ...where(a), diff: lineDiff(yb.trimEnd(), ya.trimEnd()) });
  });
  before.forEach((b, k) => {
    if (!after.has(k)) objects.push({ change: "removed", ...where(b) });
  });
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  objects.sort((x, y) => cmp(x.namespace, y.namespace) || cmp(x.kind, y.kind) || cmp(x.name, y.name));
  const count = (c: ObjectChange["change"]) => objects.filter((o) => o.change === c).length;
  return {
    digestBefore: known?.before.digest ?? digestOf(base),
    digestAfter: known?.after.digest ?? digestOf(head),
    added: count("added"),
    removed: count("removed"),
    changed: count("changed"),
    objects,
  };
}
