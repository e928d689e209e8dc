/**
 * The manifest diff of the generated (or loaded) objects: added, removed and
 * changed, grouped by namespace and kind, with a compact YAML line diff for
 * each changed object.
 */
// @ts-nocheck

import { type KubeObject, objectKey } from "../k8s/object";
import { sha256Hex, sortObjects, toYaml } from "../render";
import { lineDiff } from "./line-diff";
import type { ManifestDiff, ObjectChange } from "./types";

// Rendering YAML dominates the diff's cost; an object's text never changes, so it is memoised per object.
const rendered = new WeakMap<KubeObject, string>();
function docOf(o: KubeObject): string {
  let text = rendered.get(o);
  if (text === undefined) rendered.set(o, (text = toYaml([o])));
  return text;
}
const yamlOf = (o: KubeObject) => docOf(o).replace(/^---\n/, "");
/** Equals manifestDigest(objects): the SHA-256 of the sorted canonical stream. */
export const digestOf = (objects: readonly KubeObject[]): string => sha256Hex(sortObjects(objects).map(docOf).join(""));

/** The manifest diff; digests already known (a side's summary holds its own) are not computed again. */
export function diffManifests(base: readonly KubeObject[], head: readonly KubeObject[], digests?: { readonly before: string; readonly after: string }): ManifestDiff {
  const before = new Map(base.map((o) => [objectKey(o), o]));
  const after = new Map(head.map((o) => [objectKey(o), o]));
  const objects: ObjectChange[] = [];
  const where = (o: KubeObject) => ({ kind: o.kind, namespace: o.metadata.namespace ?? "", name: o.metadata.name });
  for (const [k, a] of after) {
    const b = before.get(k);
    if (!b) {
      objects.push({ change: "added", ...where(a) });
      continue;
    }
    // The same object, or the same canonical text: unchanged (the text is rendered once per object).
    if (a === b || docOf(a) === docOf(b)) continue;
    const yb = yamlOf(b);
    const ya = yamlOf(a);
    if (yb !== ya) objects.push({ change: "changed", ...where(a), diff: lineDiff(yb.trimEnd(), ya.trimEnd()) });
  }
  for (const [k, b] of before) if (!after.has(k)) objects.push({ change: "removed", ...where(b) });
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  objects.sort((x, y) => cmp(x.namespace, y.namespace) || cmp(x.kind, y.kind) || cmp(x.name, y.name));
  const count = (c: ObjectChange["change"]) => objects.filter((o) => o.change === c).length;
  return {
    digestBefore: digests?.before ?? digestOf(base),
    digestAfter: digests?.after ?? digestOf(head),
    added: count("added"),
    removed: count("removed"),
    changed: count("changed"),
    objects,
  };
}
