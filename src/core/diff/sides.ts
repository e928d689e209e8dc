/**
 * Building a diff side from a policy (compile, verify, analyse the compiled
 * objects with one representative pod per service) or from manifests
 * (verify and analyse them as they are).
 */
import { type Diagnostic, hasErrors, type ResolvedPolicy } from "../../model";
import { ALL_LAYERS, analyze, buildCluster, type ManifestDoc } from "../analyze";
import type { CompileOptions } from "../compile";
import { representativeWorkloads, type ClassificationFile, verifyManifestsAnalysed, verifyPolicy } from "../verify";
import type { KubeObject } from "../k8s/object";
import type { HashParts } from "../render";
import { summarizeSide } from "./summary";
import type { TextPool } from "./text-pool";
import type { DiffSide } from "./types";

export type SideResult = { readonly side: DiffSide; readonly diagnostics: readonly Diagnostic[] } | { readonly side?: undefined; readonly diagnostics: readonly Diagnostic[] };

/** What the two sides of a diff share: one pool of names (see TextPool), a faster SHA-256 than the core's (see HashParts). */
export interface SideSharing {
  readonly texts?: TextPool;
  readonly hashParts?: HashParts;
}

const shared = (options: SideSharing) => ({ ...(options.texts ? { texts: options.texts } : {}), ...(options.hashParts ? { hashParts: options.hashParts } : {}) });

export function policySide(policy: ResolvedPolicy, options: { label: string; today: string; compile?: CompileOptions } & SideSharing): SideResult {
  const verified = verifyPolicy(policy, { today: options.today, ...(options.compile ? { compile: options.compile } : {}) });
  if (!verified.report) return { diagnostics: verified.diagnostics };
  const docs: ManifestDoc[] = [...verified.objects, ...representativeWorkloads(policy)].map((object, index) => ({ file: options.label, index, object }));
  const built = buildCluster(docs, { trustDomain: policy.trustDomain });
  if (hasErrors(built.diagnostics)) return { diagnostics: built.diagnostics };
  const side: DiffSide = {
    label: options.label,
    policy,
    objects: verified.objects,
    report: verified.report,
    connectivity: analyze(built.cluster, { layers: ALL_LAYERS }),
    ...shared(options),
  };
  // Everything the diff needs of one side is computed here, so comparing two sides only compares.
  summarizeSide(side);
  return { side, diagnostics: verified.diagnostics };
}

export function manifestSide(docs: readonly ManifestDoc[], options: { label: string; classification?: ClassificationFile } & SideSharing): SideResult {
  // The verification's own cluster and combined-layer analysis are the side's: analysed once.
  const verified = verifyManifestsAnalysed(docs, { subject: options.label, ...(options.classification ? { classification: options.classification } : {}) });
  if (!verified.report) return { diagnostics: verified.diagnostics };
  // Only objects shaped like Kubernetes objects take part in the manifest diff.
  const objects = docs.map((d) => d.object).filter(isKubeObject);
  const side: DiffSide = {
    label: options.label,
    objects,
    report: verified.report,
    connectivity: verified.connectivity,
    classification: verified.classification,
    ...shared(options),
  };
  summarizeSide(side);
  return { side, diagnostics: verified.diagnostics };
}

function isKubeObject(x: unknown): x is KubeObject {
  if (typeof x !== "object" || x === null) return false;
  const o = x as { kind?: unknown; apiVersion?: unknown; metadata?: { name?: unknown } };
  return typeof o.kind === "string" && typeof o.apiVersion === "string" && typeof o.metadata?.name === "string";
}
