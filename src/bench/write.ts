/**
 * Writes a generated cluster as multi-document YAML, one file per namespace
 * (its Namespace, Pods and NetworkPolicies), the way an operator's manifest
 * folder looks. The whole folder is replaced atomically.
 */
import { stringify } from "yaml";
import { writeTreeAtomically } from "../adapters/load/atomic-write";
import type { Manifest } from "./generate";

export function clusterYamlFiles(objects: readonly Manifest[]): Map<string, string> {
  const byNamespace = new Map<string, string[]>();
  for (const o of objects) {
    const ns = o.kind === "Namespace" ? o.metadata.name : o.metadata.namespace ?? "default";
    let docs = byNamespace.get(ns);
    if (!docs) byNamespace.set(ns, (docs = []));
    docs.push(stringify(o, { lineWidth: 0 }));
  }
  const files = new Map<string, string>();
  for (const [ns, docs] of byNamespace) files.set(`${ns}.yaml`, docs.map((d) => `---\n${d}`).join(""));
  return files;
}

/** Writes the manifests under `dir` (replacing it) and returns the number of files. */
export function writeClusterYaml(dir: string, objects: readonly Manifest[]): number {
  const files = clusterYamlFiles(objects);
  writeTreeAtomically(dir, files);
  return files.size;
}
