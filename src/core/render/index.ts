/**
 * Rendering compiled objects to reviewable text: one YAML stream, or a tree
 * of files (one folder per namespace, one file per kind) with an index that
 * lists every object's digest and the digest of the whole set.
 *
 * Digests are SHA-256 computed in pure TypeScript (sha256.ts) because the
 * core may not touch node:crypto; the result equals `sha256sum` of the text.
 */
import { stringify } from "yaml";
import type { KubeObject } from "../k8s/object";
import { canonicalObject, sortObjects } from "./canonical";
import { emitCanonicalYaml } from "./emit";
import { sha256Hex, sha256HexOfParts } from "./sha256";

export { type HashParts, sha256Hex, sha256HexOfParts } from "./sha256";
export { canonicalObject, compareObjects, sortObjects } from "./canonical";

/** Folder for cluster-scoped objects (Namespaces, AdminNetworkPolicies). */
export const CLUSTER_FOLDER = "_cluster";
export const INDEX_FILE = "index.txt";

/**
 * One object's canonical YAML document, without the `---` that starts it in
 * a stream. YAML 1.1 quoting rules, so strings such as "2099-01-31", "yes" or
 * "8080" stay strings for YAML 1.1 readers (kubectl's parser among them).
 */
export function yamlDocument(o: KubeObject): string {
  // The fast writer gives the library's exact text (emit.ts); the library writes what it does not model.
  return emitCanonicalYaml(o) ?? stringify(canonicalObject(o), { version: "1.1", lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false, sortMapEntries: false });
}

/**
 * The canonical stream in parts: `---` and each object's document in turn,
 * objects sorted. `document` renders one object (a caller that renders each
 * object again, such as a diff, passes a memoised one).
 */
export function* streamParts(objects: readonly KubeObject[], document: (o: KubeObject) => string = yamlDocument): Generator<string> {
  for (const o of sortObjects(objects)) {
    yield "---\n";
    yield document(o);
  }
}

/** One multi-document YAML stream, objects sorted, keys canonical. */
export function toYaml(objects: readonly KubeObject[]): string {
  return [...streamParts(objects)].join("");
}

/** SHA-256 (hex) of the canonical YAML stream of the set: equal sets give equal digests, whatever the input order. */
export function manifestDigest(objects: readonly KubeObject[]): string {
  return sha256HexOfParts(streamParts(objects));
}

function fileFor(o: KubeObject): string {
  const folder = o.metadata.namespace ?? CLUSTER_FOLDER;
  return `${folder}/${o.kind.toLowerCase()}.yaml`;
}

/**
 * relPath -> content. `<namespace>/<kind>.yaml` per namespace and kind,
 * `_cluster/<kind>.yaml` for cluster-scoped objects, and index.txt:
 * the manifest digest, then one line per object: digest, kind,
 * namespace/name, file.
 */
export function renderManifestTree(objects: readonly KubeObject[]): Map<string, string> {
  const sorted = sortObjects(objects);
  const files = new Map<string, string>();
  const lines: string[] = [];
  // Each object is rendered once, for its file, its line and the digest of the stream.
  const rendered = new Map<KubeObject, string>();
  const document = (o: KubeObject): string => {
    let doc = rendered.get(o);
    if (doc === undefined) rendered.set(o, (doc = yamlDocument(o)));
    return doc;
  };
  for (const o of sorted) {
    const doc = document(o);
    const file = fileFor(o);
    files.set(file, `${files.get(file) ?? ""}---\n${doc}`);
    lines.push(`${sha256Hex(doc)}  ${o.kind}  ${o.metadata.namespace ?? "-"}/${o.metadata.name}  ${file}`);
  }
  const header = [
    "# ztseg compiled manifests: generated, do not edit (recompile with `ztseg compile`).",
    `# manifest-digest: sha256 of the whole set as one canonical YAML stream (ztseg compile --check verifies it)`,
    // The parts toYaml(objects) joins, so this equals manifestDigest(objects) without rendering twice (sorting
    // `sorted` again is one pass over objects already in order).
    `manifest-digest ${sha256HexOfParts(streamParts(sorted, document))}`,
    `objects ${sorted.length}`,
    "# sha256 of the object's YAML document, kind, namespace/name, file",
  ];
  const out = new Map<string, string>([[INDEX_FILE, [...header, ...lines].join("\n") + "\n"]]);
  for (const key of [...files.keys()].sort()) out.set(key, files.get(key)!);
  return out;
}
