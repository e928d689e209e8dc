/**
 * The logic behind ztseg's jest matchers, pure so it is testable without
 * jest: a segmentation model (a policy's compiled objects or any cluster's
 * manifests, analysed per layer) and questions about it whose failures read
 * as paths, hop by hop, with the rules behind each hop.
 */
import type { ResolvedPolicy } from "../../model/resolved";
import type { Selector } from "../../model/schema";
import { buildCluster, type Cluster, type ManifestDoc, type Peer, type Protocol } from "../analyze";
import { compile, type CompileOptions } from "../compile";
import { type Classification, classifyFromLabels, classifyPolicy, type ClassificationFile, type NodeInfo, selects } from "./classify";
import { checkNoPath } from "./invariants";
import { LAYER_SELECTIONS } from "./layers";
import { representativeWorkloads, serviceWorkloadId } from "./representative";
import { LAYER_TITLES, type LayerName, type PathViolation } from "./report";
import { formatPath } from "./render";
import { makeView, type LayerView } from "./view";

export interface SegmentationModel {
  readonly description: string;
  readonly cluster: Cluster;
  readonly classification: Classification;
  /** Analysis per layer, computed on first use. */
  view(layer: LayerName): LayerView;
  /** Maps "zone/service" to its workload id when the model comes from a policy. */
  resolveName(name: string): string;
}

function makeModel(description: string, cluster: Cluster, classification: Classification, serviceIds: ReadonlyMap<string, string>): SegmentationModel {
  const views = new Map<LayerName, LayerView>();
  return {
    description,
    cluster,
    classification,
    view(layer) {
      let v = views.get(layer);
      if (!v) views.set(layer, (v = makeView(cluster, LAYER_SELECTIONS[layer])));
      return v;
    },
    resolveName: (name) => serviceIds.get(name) ?? name,
  };
}

export class ModelError extends Error {}

function build(docs: readonly ManifestDoc[], trustDomain?: string): Cluster {
  const built = buildCluster(docs, trustDomain !== undefined ? { trustDomain } : {});
  const errors = built.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new ModelError(errors.map((d) => `${d.file ?? ""} ${d.path}: ${d.message}`).join("\n"));
  return built.cluster;
}

/** The policy's compiled objects with one representative pod per service. */
export function modelFromPolicy(policy: ResolvedPolicy, options: CompileOptions = {}): SegmentationModel {
  const compiled = compile(policy, { ...options, checkIntent: false });
  const errors = compiled.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new ModelError(errors.map((d) => `${d.path}: ${d.message}`).join("\n"));
  const docs = [...compiled.objects, ...representativeWorkloads(policy)].map((object, index) => ({ file: policy.name, index, object }));
  const services = new Map(policy.services.map((s) => [s.id, serviceWorkloadId(s)]));
  return makeModel(`policy "${policy.name}"`, build(docs, policy.trustDomain), classifyPolicy(policy), services);
}

/** Any cluster's objects, classified by ztseg's namespace labels (or a classification file). */
export function modelFromObjects(objects: readonly unknown[], options: { classification?: ClassificationFile; description?: string; trustDomain?: string } = {}): SegmentationModel {
  const docs = objects.map((object, index) => ({ file: options.description ?? "manifests", index, object }));
  const cluster = build(docs, options.trustDomain);
  const labels = new Map(cluster.namespaces.map((n) => [n.name, n.labels]));
  return makeModel(options.description ?? "manifests", cluster, classifyFromLabels(labels, options.classification), new Map());
}

/** An endpoint in a matcher: a Selector, a service "zone/service", a workload id, or an IP address. */
export type EndpointSpec = Selector | string | readonly string[];

function toSelector(model: SegmentationModel, spec: EndpointSpec): { selector?: Selector; ids: Set<string> } {
  if (typeof spec === "string" || Array.isArray(spec)) {
    const names = typeof spec === "string" ? [spec] : (spec as readonly string[]);
    return { ids: new Set(names.map((n) => model.resolveName(n))) };
  }
  return { selector: spec as Selector, ids: new Set() };
}

export interface Outcome {
  readonly pass: boolean;
  readonly message: string;
}

/** No path, over any number of hops and any port, in the given layer (default: all layers together). */
export function expectNoPath(model: SegmentationModel, from: EndpointSpec, to: EndpointSpec, layer: LayerName = "combined"): Outcome & { paths: readonly PathViolation[] } {
  const view = model.view(layer);
  const f = toSelector(model, from);
  const t = toSelector(model, to);
  // Plain names become a selector over exactly those nodes, by giving the check an explicit classification.
  const pick = (s: { selector?: Selector; ids: Set<string> }) => (node: NodeInfo) =>
    s.ids.has(node.id) || (s.selector !== undefined && selects(model.classification, s.selector, node));
  const fromPick = pick(f);
  const toPick = pick(t);
  const unknown = [...f.ids, ...t.ids].filter((id) => !view.nodes.has(id));
  if (unknown.length > 0) {
    return { pass: false, paths: [], message: `unknown endpoint${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")} in ${model.description}` };
  }
  // Reuse the invariant checker; marker selectors stand for the two predicates above.
  const marker: Selector = { zones: ["(from)"] };
  const markerTo: Selector = { zones: ["(to)"] };
  const result = checkNoPath(
    { kind: "noPath", id: "expectation", origin: "test", from: marker, to: markerTo },
    {
      classification: model.classification,
      views: new Map([[layer, view]]),
      exceptions: [],
      select: (sel, node) => (sel === marker ? fromPick(node) : sel === markerTo ? toPick(node) : false),
    },
  );
  const paths = (result.layers.find((l) => l.layer === layer)?.violations ?? []).filter((v): v is PathViolation => v.kind === "path");
  const where = layer === "combined" ? "" : ` with ${LAYER_TITLES[layer]}`;
  const message =
    paths.length === 0
      ? `expected a path${where} in ${model.description}, but none exists`
      : `expected no path${where} in ${model.description}, but found ${paths.length}:\n${paths.slice(0, 5).map((p) => formatPath(p, "  ")).join("\n")}`;
  return { pass: paths.length === 0, message, paths };
}

export function parsePort(port: string | number): { protocol: Protocol; port: number } {
  if (typeof port === "number") return { protocol: "TCP", port };
  const m = /^(\d+)(?:\/(TCP|UDP|SCTP))?$/i.exec(port.trim());
  if (!m) throw new ModelError(`port "${port}" must look like 8080 or 8080/TCP`);
  return { port: Number(m[1]), protocol: (m[2]?.toUpperCase() ?? "TCP") as Protocol };
}

function peerOf(model: SegmentationModel, name: string): Peer {
  const id = model.resolveName(name);
  return /^[0-9a-f:.]+$/i.test(id) && (id.includes(".") || id.includes(":")) && !id.includes("/") ? { kind: "ip", address: id } : { kind: "workload", id };
}

/** One direct connection on one port, in the given layer; the message names the deciding rules. */
export function expectAllowed(model: SegmentationModel, from: string, to: string, port: string | number, layer: LayerName = "combined"): Outcome {
  const view = model.view(layer);
  const q = parsePort(port);
  const src = peerOf(model, from);
  const dst = peerOf(model, to);
  const allowed = view.conn.allows(src, dst, q.protocol, q.port);
  const rules = allowed ? view.rulesFor(view.nodes.has(model.resolveName(from)) ? model.resolveName(from) : from, model.resolveName(to)) : [];
  const ex = view.conn.explain(src, dst, q);
  const denied: string[] = [];
  for (const part of ex.parts) {
    for (const side of [part.egress, part.ingress]) {
      for (const t of side?.tiers ?? []) {
        if (!t.enabled) continue;
        if (t.selects && t.hits.every((h) => h.action !== "Allow")) denied.push(`${side!.direction}: ${t.tier} selects the pod and no rule allows ${q.port}/${q.protocol}`);
        for (const h of t.hits) if (h.action === "Deny") denied.push(`${side!.direction}: denied by ${h.policy.kind} ${h.policy.name} ${h.rule}`);
      }
    }
    if (part.istio?.enabled && part.istio.meshed && part.istio.allowed.isEmpty()) denied.push("istio: no AuthorizationPolicy admits the caller");
  }
  const conn = `${from} -> ${to} on ${q.port}/${q.protocol}`;
  return {
    pass: allowed,
    message: allowed
      ? `expected ${conn} to be denied in ${model.description}, but it is allowed by:\n${rules.map((r) => `  ${r}`).join("\n")}`
      : `expected ${conn} to be allowed in ${model.description}, but it is denied:\n${[...new Set(denied)].map((r) => `  ${r}`).join("\n") || "  (no allowing rule)"}`,
  };
}
