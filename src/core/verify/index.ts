/**
 * Verification: invariants proven on the analysed manifests, layer by layer.
 *
 * - verifyPolicy compiles a policy and analyses the compiled objects against
 *   one representative pod per service;
 * - verifyManifests analyses any cluster's YAML, classified by the namespace
 *   labels ztseg writes or by a classification file.
 */
import { type Diagnostic, hasErrors } from "../../model/diagnostics";
import { checkExpiry } from "../../model/expiry";
import type { ResolvedInvariant, ResolvedPolicy } from "../../model/resolved";
import { ALL_LAYERS, type BuildResult, buildCluster, type Cluster, type Connectivity, type ManifestDoc } from "../analyze";
import { compile, type CompileOptions } from "../compile";
import type { KubeObject } from "../k8s/object";
import { attributeRange, type Classification, type ClassificationFile, classifyFromLabels, classifyPolicy } from "./classify";
import { checkDefaultDeny, checkMtlsStrict, checkNoInternetEgress, checkNoPath, type CheckContext, type ExceptionHop } from "./invariants";
import { representativeWorkloads, serviceWorkloadId } from "./representative";
import type { InvariantResult, LayerName, VerifyReport } from "./report";
import { makeView, type LayerView } from "./view";
import { analysisKey, LAYER_SELECTIONS } from "./layers";

export * from "./report";
export { classifyPolicy, classifyFromLabels, type Classification, type ClassificationFile } from "./classify";
export { representativeWorkloads, serviceWorkloadId } from "./representative";
export { shortestPaths, reachable, buildGraph } from "./paths";
export { makeView, type LayerView } from "./view";
export * from "./expectations";

export { analysisKey, LAYER_SELECTIONS } from "./layers";

/** The invariants checked on any cluster's manifests when none are given. */
export const DEFAULT_MANIFEST_INVARIANTS: readonly ResolvedInvariant[] = [
  { kind: "noPath", id: "no-vendor-path-to-sensitive", origin: "default", from: { trust: ["vendor", "external"] }, to: { sensitive: true } },
  { kind: "defaultDeny", id: "default-deny", origin: "default" },
  { kind: "mtlsStrict", id: "mtls-strict", origin: "default" },
  { kind: "noInternetEgress", id: "sensitive-no-internet", origin: "default", from: { sensitive: true } },
];

export interface VerifyInput {
  readonly subject: string;
  readonly cluster: Cluster;
  readonly classification: Classification;
  readonly invariants: readonly ResolvedInvariant[];
  readonly exceptions?: readonly ExceptionHop[];
  /** Extra results computed outside the analysis (e.g. exception expiry). */
  readonly extra?: readonly InvariantResult[];
}

/**
 * The single-layer views a noPath check walks, made on demand. With one
 * noPath invariant each is analysed, searched and dropped in turn, so only
 * one layer's analysis is held at a time; with several they are kept. A
 * layer that analyses the cluster as another does (its extra tiers have no
 * objects here, see analysisKey) reuses that analysis: on a cluster with
 * NetworkPolicies alone, the NetworkPolicy layer is the combined one.
 */
class LayerViews implements ReadonlyMap<LayerName, LayerView> {
  private readonly kept = new Map<string, LayerView>();
  /** The last view made, kept until a view under another key is needed (layers are walked in order). */
  private last: { readonly key: string; readonly view: LayerView } | undefined;
  constructor(
    private readonly combined: LayerView,
    private readonly keyOf: (layer: LayerName) => string,
    private readonly make: (layer: LayerName) => LayerView,
    private readonly keep: boolean,
  ) {}
  static readonly LAYERS: readonly LayerName[] = ["combined", "networkpolicy", "istio", "guardrails"];
  get(layer: LayerName): LayerView | undefined {
    if (!LayerViews.LAYERS.includes(layer)) return undefined;
    const key = this.keyOf(layer);
    if (layer === "combined" || key === this.keyOf("combined")) return this.combined;
    const known = this.kept.get(key) ?? (this.last?.key === key ? this.last.view : undefined);
    if (known) return known;
    // Dropped before the next analysis is made, so a single noPath check holds one single-layer analysis at a time.
    this.last = undefined;
    const view = this.make(layer);
    if (this.keep) this.kept.set(key, view);
    else this.last = { key, view };
    return view;
  }
  get size(): number {
    return LayerViews.LAYERS.length;
  }
  has(layer: LayerName): boolean {
    return LayerViews.LAYERS.includes(layer);
  }
  *entries(): MapIterator<[LayerName, LayerView]> {
    for (const l of LayerViews.LAYERS) yield [l, this.get(l)!];
  }
  *keys(): MapIterator<LayerName> {
    yield* LayerViews.LAYERS;
  }
  *values(): MapIterator<LayerView> {
    for (const l of LayerViews.LAYERS) yield this.get(l)!;
  }
  [Symbol.iterator](): MapIterator<[LayerName, LayerView]> {
    return this.entries();
  }
  forEach(fn: (value: LayerView, key: LayerName, map: ReadonlyMap<LayerName, LayerView>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}

/** Runs the invariants on an analysed cluster. */
export function verifyCluster(input: VerifyInput): VerifyReport {
  return verifyClusterWithView(input).report;
}

/** verifyCluster, also handing back the combined-layer view it analysed (for callers that need the analysis too). */
export function verifyClusterWithView(input: VerifyInput & { readonly combined?: LayerView }): { report: VerifyReport; combined: LayerView } {
  const combined = input.combined ?? makeView(input.cluster, LAYER_SELECTIONS.combined);
  const noPaths = input.invariants.filter((i) => i.kind === "noPath").length;
  const layerViews: ReadonlyMap<LayerName, LayerView> =
    noPaths > 0
      ? new LayerViews(
          combined,
          (l) => analysisKey(input.cluster, LAYER_SELECTIONS[l]),
          (l) => makeView(input.cluster, LAYER_SELECTIONS[l]),
          noPaths > 1,
        )
      : new Map([["combined", combined]]);
  // The report's edge count needs the combined layer's whole relation. Counted first, the path searches on that
  // layer read the relation's rows; counted last, they evaluated rows of their own that the count then evaluated
  // again in full (at 4,000 workloads, in process, about a sixth of building and verifying the cluster).
  const edges = combined.conn.edgeCount();
  const ctx: CheckContext = { classification: input.classification, views: layerViews, exceptions: input.exceptions ?? [] };
  const results: InvariantResult[] = input.invariants.map((inv) => {
    switch (inv.kind) {
      case "noPath":
        return checkNoPath(inv, ctx);
      case "defaultDeny":
        return checkDefaultDeny(inv, combined, input.cluster, LAYER_SELECTIONS.combined);
      case "mtlsStrict":
        return checkMtlsStrict(inv, combined, input.cluster);
      case "noInternetEgress":
        return checkNoInternetEgress(inv, combined, input.classification);
    }
  });
  const invariants = [...results, ...(input.extra ?? [])];
  const report: VerifyReport = {
    subject: input.subject,
    holds: invariants.every((r) => r.status !== "fails"),
    invariants,
    stats: { workloads: combined.conn.workloads.length, externalRanges: combined.conn.externals.length, edges },
  };
  return { report, combined };
}

/** Exceptions as hops between analysed nodes: service pods, or the ranges attributed to an external. */
function exceptionHops(policy: ResolvedPolicy, classification: Classification, nodes: Iterable<{ id: string; kind: string; range?: import("../../model").IpRange }>): ExceptionHop[] {
  const nodeList = [...nodes];
  const idsOf = (e: ResolvedPolicy["flows"][number]["from"]): string[] =>
    e.kind === "service"
      ? [serviceWorkloadId(e.service)]
      : nodeList.filter((n) => n.kind === "external" && n.range && attributeRange(classification, n.range)?.name === e.external.name).map((n) => n.id);
  const out: ExceptionHop[] = [];
  for (const f of policy.flows) {
    if (!f.exception) continue;
    for (const from of idsOf(f.from))
      for (const to of idsOf(f.to))
        out.push({ from, to, id: f.exception.id, ticket: f.exception.ticket, expires: f.exception.expires, owner: f.exception.owner });
  }
  return out;
}

function expiryResult(policy: ResolvedPolicy, today: string): InvariantResult | undefined {
  if (!policy.flows.some((f) => f.exception)) return undefined;
  const expired = checkExpiry(policy, today).filter((d) => d.severity === "error");
  return {
    id: "exceptions-unexpired",
    kind: "exceptions",
    title: "every declared exception is within its expiry date",
    status: expired.length === 0 ? "holds" : "fails",
    violations: expired.map((d) => ({ kind: "item" as const, subject: d.path, message: d.message })),
    reported: [],
    layers: [],
  };
}

export interface PolicyVerification {
  readonly report?: VerifyReport;
  readonly objects: readonly KubeObject[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface VerifyPolicyOptions {
  readonly today: string;
  readonly compile?: CompileOptions;
  /** Extra objects deployed beside the compiled ones (e.g. hand-written policies), analysed together. */
  readonly extraObjects?: readonly KubeObject[];
}

/** Compiles the policy and proves its invariants on the compiled objects. */
export function verifyPolicy(policy: ResolvedPolicy, options: VerifyPolicyOptions): PolicyVerification {
  const compiled = compile(policy, { ...options.compile, checkIntent: false });
  if (hasErrors(compiled.diagnostics)) return { objects: [], diagnostics: compiled.diagnostics };
  const docs: ManifestDoc[] = [...compiled.objects, ...representativeWorkloads(policy), ...(options.extraObjects ?? [])].map((object, index) => ({
    file: options.compile?.sourceFile ?? policy.name,
    index,
    object,
  }));
  const built = buildCluster(docs, { trustDomain: policy.trustDomain });
  if (hasErrors(built.diagnostics)) return { objects: compiled.objects, diagnostics: [...compiled.diagnostics, ...built.diagnostics] };
  const classification = classifyPolicy(policy);
  // The combined layer is ALL_LAYERS: the view that names the nodes is also the one verified.
  const probe = makeView(built.cluster, ALL_LAYERS);
  const exceptions = exceptionHops(policy, classification, probe.nodes.values());
  const expiry = expiryResult(policy, options.today);
  const { report } = verifyClusterWithView({
    combined: probe,
    subject: `policy "${policy.name}"`,
    cluster: built.cluster,
    classification,
    invariants: policy.invariants,
    exceptions,
    ...(expiry ? { extra: [expiry] } : {}),
  });
  return { report, objects: compiled.objects, diagnostics: [...compiled.diagnostics, ...built.diagnostics] };
}

export interface VerifyManifestsOptions {
  readonly classification?: ClassificationFile;
  readonly invariants?: readonly ResolvedInvariant[];
  readonly trustDomain?: string;
  readonly subject?: string;
}

/** Proves the invariants on any cluster's manifests. */
export function verifyManifests(docs: readonly ManifestDoc[], options: VerifyManifestsOptions = {}): { report?: VerifyReport; diagnostics: readonly Diagnostic[] } {
  const r = verifyManifestsAnalysed(docs, options);
  return r.report ? { report: r.report, diagnostics: r.diagnostics } : { diagnostics: r.diagnostics };
}

/** verifyManifests, also handing back the cluster, its classification and the combined-layer analysis. */
export function verifyManifestsAnalysed(docs: readonly ManifestDoc[], options: VerifyManifestsOptions = {}): VerifiedCluster {
  return verifyBuiltCluster(buildCluster(docs, options.trustDomain !== undefined ? { trustDomain: options.trustDomain } : {}), options);
}

export type VerifiedCluster =
  | { report: VerifyReport; diagnostics: readonly Diagnostic[]; cluster: Cluster; classification: Classification; connectivity: Connectivity }
  | { report?: undefined; diagnostics: readonly Diagnostic[] };

/**
 * verifyManifestsAnalysed on a cluster already built from the manifests
 * (`options.trustDomain` was the builder's to apply). A caller that reads a
 * large dump builds the cluster first so the parsed documents can be freed
 * before the analysis allocates.
 */
export function verifyBuiltCluster(built: BuildResult, options: VerifyManifestsOptions = {}): VerifiedCluster {
  if (hasErrors(built.diagnostics)) return { diagnostics: built.diagnostics };
  const labels = new Map(built.cluster.namespaces.map((n) => [n.name, n.labels]));
  const classification = classifyFromLabels(labels, options.classification);
  const { report, combined } = verifyClusterWithView({
    subject: options.subject ?? "manifests",
    cluster: built.cluster,
    classification,
    invariants: options.invariants ?? DEFAULT_MANIFEST_INVARIANTS,
  });
  return { report, diagnostics: built.diagnostics, cluster: built.cluster, classification, connectivity: combined.conn };
}
