/**
 * CrossGuard stack validation with ztseg's analyzer, for any Pulumi stack:
 * every NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy and
 * Istio policy in the stack, with the Namespaces (classified by ztseg's
 * labels) and the workloads found, is analysed for paths from vendor or
 * external namespaces into sensitive ones.
 *
 * A stack that deploys policies but no workloads (ztseg's own stacks, or any
 * policy-only stack) gets probe pods: in each namespace without workloads,
 * one pod per distinct NetworkPolicy podSelector, once per ServiceAccount of
 * that namespace in the stack and per candidate number of each named port
 * (the identity and port numbers of the real pods are unknown, so every
 * candidate is tried: this may report a path no real pod has, but does not
 * miss one the labels, identities and ports the stack mentions allow).
 */
// @ts-nocheck

import type { ManifestDoc } from "../../../core/analyze";
import { DEFAULT_MANIFEST_INVARIANTS, type ClassificationFile, type PathViolation, verifyManifests } from "../../../core/verify";
import { formatPath } from "../../../core/verify/render";
import { formatDiagnostics } from "../../../model";

/** The part of a CrossGuard PolicyResource this analysis reads (tests build these by hand). */
export interface StackResource {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  readonly props: Readonly<Record<string, unknown>>;
}

export interface PackConfig {
  /** Istio trust domain of principals; default: the one the stack's principals use, else cluster.local. */
  readonly trustDomain?: string;
  /** Address sets of vendors and the internet, so egress to them counts as a vendor path. */
  readonly externals?: ClassificationFile["externals"];
}

export interface Finding {
  readonly message: string;
  readonly urn?: string;
}

export interface StackAnalysis {
  /** Paths all layers together let through: mandatory violations. */
  readonly paths: readonly Finding[];
  /** Paths a single layer alone lets through while another blocks them (defence in depth): advisory. */
  readonly singleLayer: readonly Finding[];
  /** Resources that could not be analysed (malformed objects): mandatory, the check fails closed. */
  readonly errors: readonly Finding[];
  /** What was analysed, for messages and tests. */
  readonly stats: { readonly objects: number; readonly probes: number };
}

const POLICY_KINDS = new Set(["NetworkPolicy", "AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "PeerAuthentication", "AuthorizationPolicy"]);
const WORKLOAD_KINDS = new Set(["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob"]);

interface Parsed {
  readonly apiVersion: string;
  readonly kind: string;
  /** A Pulumi patch resource (e.g. NamespacePatch): fields to merge into an object it does not own. */
  readonly patch: boolean;
}

/** `kubernetes:core/v1:Namespace` -> v1 Namespace; `kubernetes:apps/v1:Deployment` -> apps/v1 Deployment. */
export function parseResourceType(type: string): Parsed | undefined {
  const m = /^kubernetes:([^:]+):([A-Za-z0-9]+)$/.exec(type);
  if (!m) return undefined;
  const group = m[1]!;
  let kind = m[2]!;
  const patch = kind.endsWith("Patch") && kind !== "Patch";
  if (patch) kind = kind.slice(0, -"Patch".length);
  if (!group.includes("/")) return undefined; // kubernetes:yaml:ConfigFile, kubernetes:helm.sh/... components and the like
  return { apiVersion: group.startsWith("core/") ? group.slice("core/".length) : group, kind, patch };
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const strMap = (x: unknown): Record<string, string> =>
  isRecord(x) ? Object.fromEntries(Object.entries(x).filter((e): e is [string, string] => typeof e[1] === "string")) : {};

interface KubeDoc {
  readonly object: Record<string, unknown>;
  readonly urn: string;
}

function toObject(r: StackResource, t: Parsed): Record<string, unknown> {
  const meta = isRecord(r.props["metadata"]) ? r.props["metadata"] : {};
  // Auto-named resources have no metadata.name until created; the Pulumi name stands in for it.
  const name = typeof meta["name"] === "string" ? meta["name"] : r.name;
  return { ...r.props, apiVersion: t.apiVersion, kind: t.kind, metadata: { ...meta, name } };
}

/** The stack's Kubernetes objects the analyzer understands, patches folded into Namespaces. */
export function stackObjects(resources: readonly StackResource[]): KubeDoc[] {
  const namespaces = new Map<string, { labels: Record<string, string>; urn: string }>();
  const out: KubeDoc[] = [];
  for (const r of resources) {
    const t = parseResourceType(r.type);
    if (!t) continue;
    const object = toObject(r, t);
    const meta = object["metadata"] as Record<string, unknown>;
    if (t.kind === "Namespace" && t.apiVersion === "v1") {
      const name = String(meta["name"]);
      const prev = namespaces.get(name);
      namespaces.set(name, { labels: { ...prev?.labels, ...strMap(meta["labels"]) }, urn: prev && t.patch ? prev.urn : r.urn });
    } else if (POLICY_KINDS.has(t.kind) || WORKLOAD_KINDS.has(t.kind)) {
      out.push({ object, urn: r.urn });
    }
  }
  const nsDocs = [...namespaces.entries()].map(([name, n]) => ({ object: { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: n.labels } }, urn: n.urn }));
  return [...nsDocs, ...out];
}

const namespaceOf = (o: Record<string, unknown>): string => {
  const meta = isRecord(o["metadata"]) ? o["metadata"] : {};
  return typeof meta["namespace"] === "string" && meta["namespace"] !== "" ? meta["namespace"] : "default";
};

/** Port numbers Istio policies of a namespace mention (operation.ports), as candidates for named ports. */
function istioPortNumbers(docs: readonly KubeDoc[], ns: string): number[] {
  const out = new Set<number>();
  for (const d of docs) {
    if (d.object["kind"] !== "AuthorizationPolicy" || namespaceOf(d.object) !== ns) continue;
    const spec = isRecord(d.object["spec"]) ? d.object["spec"] : {};
    for (const rule of Array.isArray(spec["rules"]) ? spec["rules"] : []) {
      for (const to of isRecord(rule) && Array.isArray(rule["to"]) ? rule["to"] : []) {
        const op = isRecord(to) && isRecord(to["operation"]) ? to["operation"] : {};
        for (const p of Array.isArray(op["ports"]) ? op["ports"] : []) if (typeof p === "string" && /^\d+$/.test(p)) out.add(Number(p));
      }
    }
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Probe pods for namespaces that have NetworkPolicies but no workloads in
 * the stack. A named port's number is unknown too: each probe carries one
 * named port with one candidate number (from the namespace's Istio
 * policies), so every combination the policies could mean is tried.
 */
export function probePods(docs: readonly KubeDoc[], resources: readonly StackResource[]): Record<string, unknown>[] {
  const withWorkloads = new Set(docs.filter((d) => WORKLOAD_KINDS.has(String(d.object["kind"]))).map((d) => namespaceOf(d.object)));
  const accounts = new Map<string, Set<string>>();
  for (const r of resources) {
    const t = parseResourceType(r.type);
    if (t?.kind !== "ServiceAccount" || t.apiVersion !== "v1") continue;
    const o = toObject(r, t);
    const ns = namespaceOf(o);
    accounts.set(ns, (accounts.get(ns) ?? new Set()).add(String((o["metadata"] as Record<string, unknown>)["name"])));
  }
  interface Shape {
    ns: string;
    labels: Record<string, string>;
    numbered: Map<string, { containerPort: number; protocol: string }>;
    named: Map<string, string>;
  }
  const shapes = new Map<string, Shape>();
  for (const d of docs) {
    if (d.object["kind"] !== "NetworkPolicy") continue;
    const ns = namespaceOf(d.object);
    if (withWorkloads.has(ns)) continue;
    const spec = isRecord(d.object["spec"]) ? d.object["spec"] : {};
    const selector = isRecord(spec["podSelector"]) ? spec["podSelector"] : {};
    const labels = strMap(selector["matchLabels"]);
    // Selectors with expressions or no labels (default deny) describe no particular pod.
    if (Object.keys(labels).length === 0 || selector["matchExpressions"] !== undefined) continue;
    const key = `${ns}\n${JSON.stringify(Object.entries(labels).sort())}`;
    const shape = shapes.get(key) ?? { ns, labels, numbered: new Map(), named: new Map() };
    shapes.set(key, shape);
    // Ingress ports become container ports, so the probe listens where the policy lets traffic in.
    for (const rule of Array.isArray(spec["ingress"]) ? spec["ingress"] : []) {
      for (const p of isRecord(rule) && Array.isArray(rule["ports"]) ? rule["ports"] : []) {
        if (!isRecord(p)) continue;
        const protocol = typeof p["protocol"] === "string" ? p["protocol"] : "TCP";
        if (typeof p["port"] === "number") shape.numbered.set(`${protocol}/${p["port"]}`, { containerPort: p["port"], protocol });
        else if (typeof p["port"] === "string") shape.named.set(p["port"], protocol);
      }
    }
  }
  const pods: Record<string, unknown>[] = [];
  let n = 0;
  for (const shape of shapes.values()) {
    const sas = [...(accounts.get(shape.ns) ?? new Set(["default"]))].sort();
    const numbers = istioPortNumbers(docs, shape.ns);
    const candidates = numbers.length > 0 ? numbers : [...shape.numbered.values()].map((p) => p.containerPort);
    const variants: { name: string; containerPort: number; protocol: string }[][] = [];
    for (const [name, protocol] of [...shape.named.entries()].sort()) for (const port of candidates.length > 0 ? candidates : [1]) variants.push([{ name, containerPort: port, protocol }]);
    if (variants.length === 0) variants.push([]);
    const base = Object.values(shape.labels).join("-").replace(/[^a-z0-9-]/g, "-").slice(0, 40) || "probe";
    for (const sa of sas) {
      for (const extra of variants) {
        const ports = [...shape.numbered.values(), ...extra.filter((e) => !shape.numbered.has(`${e.protocol}/${e.containerPort}`))];
        pods.push({
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: `probe-${base}-${sa}-${n++}`, namespace: shape.ns, labels: { ...shape.labels } },
          spec: { serviceAccountName: sa, containers: [{ name: "probe", image: "probe", ports }] },
        });
      }
    }
  }
  return pods;
}

/** The one trust domain the stack's Istio principals use (`<td>/ns/<ns>/sa/<sa>`), if they agree on one. */
export function inferTrustDomain(docs: readonly KubeDoc[]): string | undefined {
  const found = new Set<string>();
  const visit = (x: unknown, key?: string): void => {
    if (Array.isArray(x)) x.forEach((v) => visit(v, key));
    else if (isRecord(x)) for (const [k, v] of Object.entries(x)) visit(v, k);
    else if (key === "principals" && typeof x === "string") {
      const m = /^([^/*]+)\/ns\//.exec(x);
      if (m) found.add(m[1]!);
    }
  };
  for (const d of docs) if (d.object["kind"] === "AuthorizationPolicy") visit(d.object["spec"]);
  return found.size === 1 ? [...found][0] : undefined;
}

const pathMessage = (p: PathViolation, what: string) => `${what}: ${p.from} reaches ${p.to}\n${formatPath(p, "  ")}`;

/** Runs the analyzer over the stack's resources. */
export function analyzeStack(resources: readonly StackResource[], config: PackConfig = {}): StackAnalysis {
  const docs = stackObjects(resources);
  const probes = probePods(docs, resources);
  const manifests: ManifestDoc[] = [...docs.map((d) => ({ file: d.urn, index: 0, object: d.object })), ...probes.map((object, index) => ({ file: "probe", index, object }))];
  const trustDomain = config.trustDomain ?? inferTrustDomain(docs);
  const noPath = DEFAULT_MANIFEST_INVARIANTS.find((i) => i.kind === "noPath")!;
  const result = verifyManifests(manifests, {
    invariants: [noPath],
    subject: "stack",
    ...(trustDomain !== undefined ? { trustDomain } : {}),
    ...(config.externals !== undefined ? { classification: { externals: config.externals } } : {}),
  });
  const stats = { objects: docs.length, probes: probes.length };
  if (!result.report) {
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    return { paths: [], singleLayer: [], errors: errors.map((d) => ({ message: `cannot analyse the stack's network policies: ${formatDiagnostics([d])}`, ...(d.file ? { urn: d.file } : {}) })), stats };
  }
  const inv = result.report.invariants[0]!;
  const paths = inv.violations.flatMap((v) => (v.kind === "path" ? [{ message: pathMessage(v, "vendor path into a sensitive zone") }] : []));
  const combined = new Set(inv.violations.map((v) => (v.kind === "path" ? `${v.from}>${v.to}` : "")));
  const singleLayer = inv.layers
    .filter((l) => l.layer !== "combined")
    .flatMap((l) => l.violations.flatMap((v) => (v.kind === "path" && !combined.has(`${v.from}>${v.to}`) ? [{ message: pathMessage(v, `vendor path into a sensitive zone with ${l.layer} alone (another layer blocks it)`) }] : [])));
  return { paths, singleLayer, errors: [], stats };
}
