/**
 * buildCluster: arbitrary manifest documents -> the analyzer's Cluster.
 * Unknown kinds are listed as ignored; malformed objects become diagnostics
 * naming the file, the document and the object.
 */
import type { IpRange } from "../../model/cidr";
import type { Diagnostic } from "../../model/diagnostics";
import type {
  AdminAction,
  AdminPeer,
  AdminPolicy,
  AdminRule,
  AuthorizationPolicy,
  AuthzAction,
  AuthzOperation,
  AuthzRule,
  AuthzSource,
  Cluster,
  MtlsMode,
  NamedPort,
  Namespace,
  NetworkPolicy,
  NpPeer,
  NpRule,
  PeerAuthentication,
  PodGroupSelector,
  PodShape,
  PolicyRef,
  PortItem,
  PortSpec,
} from "./model";
import { sameClassFields, sameEntries } from "./classes";
import { innerMap } from "./inner-map";
import { type DocPlace, type Obj, Reader, isObj } from "./parse";
import { MATCH_ALL, type Selector } from "./selector";

export interface ManifestDoc {
  readonly file: string;
  readonly index: number;
  readonly line?: number;
  readonly object: unknown;
}

export interface ClusterOptions {
  /** Istio trust domain used in principals; default "cluster.local". */
  trustDomain?: string;
  /** Istio root namespace (mesh-wide policies); default "istio-system". */
  istioRootNamespace?: string;
}

export interface IgnoredObject {
  file: string;
  index: number;
  kind: string;
  name?: string;
}

export interface BuildResult {
  cluster: Cluster;
  diagnostics: Diagnostic[];
  ignored: IgnoredObject[];
}

const NS_NAME_LABEL = "kubernetes.io/metadata.name";
const TEMPLATE_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob"]);

interface MutableWorkload {
  id: string;
  namespace: string;
  name: string;
  kind: string;
  pods: PodShape[];
  file?: string;
}

export function buildCluster(docs: Iterable<ManifestDoc>, options: ClusterOptions = {}): BuildResult {
  const trustDomain = options.trustDomain ?? "cluster.local";
  const rootNs = options.istioRootNamespace ?? "istio-system";
  const diagnostics: Diagnostic[] = [];
  const ignored: IgnoredObject[] = [];
  const declaredNs = new Map<string, Record<string, string>>();
  const referencedNs = new Set<string>();
  const workloads = new Map<string, MutableWorkload>();
  const seen = new Map<string, Map<string, Map<string, MutableWorkload>>>();
  const nps: NetworkPolicy[] = [];
  const anps: AdminPolicy[] = [];
  const banps: AdminPolicy[] = [];
  const pas: PeerAuthentication[] = [];
  const aps: AuthorizationPolicy[] = [];
  // One string per namespace name: the analysis and the verifier compare and look up namespaces per workload,
  // and one shared string is compared by identity (each document's reading is a string of its own).
  const namespaceNames = new Map<string, string>();
  const interned = (name: string): string => {
    const known = namespaceNames.get(name);
    if (known !== undefined) return known;
    namespaceNames.set(name, name);
    return name;
  };

  const visit = (doc: ManifestDoc, object: unknown, listKind: string | undefined, where: string): void => {
    if (object === null || object === undefined) return; // empty YAML document
    const whereFor: DocPlace = doc.line !== undefined ? { file: doc.file, index: doc.index, line: doc.line } : { file: doc.file, index: doc.index };
    if (!isObj(object)) {
      const r = new Reader(whereFor, where || "document");
      r.error("", "a manifest must be an object with apiVersion, kind and metadata");
      diagnostics.push(...r.diagnostics);
      return;
    }
    let kind = typeof object["kind"] === "string" ? object["kind"] : undefined;
    if (kind === undefined && listKind !== undefined && listKind.endsWith("List") && listKind !== "List") kind = listKind.slice(0, -4);
    const meta = isObj(object["metadata"]) ? object["metadata"] : {};
    const name = typeof meta["name"] === "string" ? meta["name"] : undefined;
    const label = `${kind ?? "object"}${name !== undefined ? ` ${name}` : ""}${where ? ` (${where})` : ""}`;
    const r = new Reader(whereFor, label);
    if (kind === undefined) {
      r.error("kind", "is missing");
      diagnostics.push(...r.diagnostics);
      return;
    }
    if (kind === "List" || kind.endsWith("List")) {
      const items = r.list(object["items"], "items") ?? [];
      items.forEach((item, i) => visit(doc, item, kind, `${where ? where + "." : ""}items[${i}]`));
      diagnostics.push(...r.diagnostics);
      return;
    }
    const apiVersion = typeof object["apiVersion"] === "string" ? object["apiVersion"] : "";
    const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
    const known = classify(kind, group);
    if (known === undefined) {
      ignored.push({ file: doc.file, index: doc.index, kind, ...(name !== undefined ? { name } : {}) });
      return;
    }
    if (name === undefined || name === "") {
      r.error("metadata.name", "is required");
      diagnostics.push(...r.diagnostics);
      return;
    }
    const nsRaw = r.str(meta["namespace"], "metadata.namespace");
    const namespace = interned(nsRaw === undefined || nsRaw === "" ? "default" : nsRaw);
    const ref = (): PolicyRef => ({ kind, namespace, name, file: doc.file });
    const spec = r.obj(object["spec"], "spec") ?? {};
    switch (known) {
      case "namespace": {
        const labels = r.strMap(meta["labels"], "metadata.labels");
        const nsName = interned(name);
        declaredNs.set(nsName, { ...labels, [NS_NAME_LABEL]: nsName });
        break;
      }
      case "pod":
      case "template": {
        const shape = known === "pod" ? readPod(r, meta, spec, "spec") : readTemplate(r, kind, spec);
        if (!shape) break;
        referencedNs.add(namespace);
        const owner = known === "pod" ? controllerOwner(r, meta) : undefined;
        const wName = owner?.name ?? name;
        const wKind = known === "pod" ? (owner ? owner.kind ?? "Pod" : "Pod") : kind;
        // Found by namespace, name and kind in nested maps, so the id text is built once per workload, not per pod;
        // the map by id still decides which pods form one workload.
        const byKind = innerMap(innerMap(seen, namespace), wName);
        let existing = byKind.get(wKind);
        if (!existing) {
          const id = `${namespace}/${wName}[${wKind}]`;
          existing = workloads.get(id);
          if (existing) byKind.set(wKind, existing);
          else {
            const created: MutableWorkload = { id, namespace, name: wName, kind: wKind, pods: [shape], file: doc.file };
            workloads.set(id, created);
            byKind.set(wKind, created);
            break;
          }
        }
        // Replicas repeat one shape: the workload keeps the first object, and this one dies young.
        const last = existing.pods[existing.pods.length - 1]!;
        existing.pods.push(sameShape(last, shape) ? last : shape);
        break;
      }
      case "networkPolicy": {
        referencedNs.add(namespace);
        nps.push(readNetworkPolicy(r, ref(), namespace, spec));
        break;
      }
      case "anp":
      case "banp": {
        if (known === "banp" && name !== "default") {
          r.warn("metadata.name", `a BaselineAdminNetworkPolicy must be named "default"; this one is ignored`);
          break;
        }
        const p = readAdminPolicy(r, { kind, name, file: doc.file }, spec, known === "banp");
        if (p) (known === "anp" ? anps : banps).push(p);
        break;
      }
      case "peerAuthentication":
        referencedNs.add(namespace);
        pas.push(readPeerAuthentication(r, ref(), namespace, spec));
        break;
      case "authorizationPolicy": {
        referencedNs.add(namespace);
        const p = readAuthorizationPolicy(r, ref(), namespace, spec);
        if (p) aps.push(p);
        break;
      }
    }
    diagnostics.push(...r.diagnostics);
  };

  for (const doc of docs) visit(doc, doc.object, undefined, "");

  for (const ns of referencedNs) if (!declaredNs.has(ns)) declaredNs.set(ns, { [NS_NAME_LABEL]: ns });
  const namespaces: Namespace[] = [...declaredNs.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([name, labels]) => ({ name, labels }));

  const byPriority = (a: AdminPolicy, b: AdminPolicy): number => a.priority - b.priority || cmp(a.ref.name, b.ref.name);
  anps.sort(byPriority);
  for (let i = 1; i < anps.length; i++) {
    const prev = anps[i - 1]!;
    const cur = anps[i]!;
    if (prev.priority === cur.priority)
      diagnostics.push({
        code: "anp-priority-tie",
        severity: "warning",
        path: `AdminNetworkPolicy ${cur.ref.name}.spec.priority`,
        message: `shares priority ${cur.priority} with ${prev.ref.name}; Kubernetes leaves the order undefined, ztseg orders them by name`,
        ...(cur.ref.file !== undefined ? { file: cur.ref.file } : {}),
      });
  }
  if (banps.length > 1) banps.splice(1);

  const byRef = <T extends { ref: PolicyRef }>(a: T, b: T): number =>
    cmp(a.ref.namespace ?? "", b.ref.namespace ?? "") || cmp(a.ref.name, b.ref.name) || cmp(a.ref.kind, b.ref.kind);
  const cluster: Cluster = {
    trustDomain,
    istioRootNamespace: rootNs,
    namespaces,
    workloads: [...workloads.values()].sort((a, b) => cmp(a.id, b.id)),
    networkPolicies: nps.sort(byRef),
    adminPolicies: anps,
    ...(banps[0] ? { baselinePolicy: banps[0] } : {}),
    peerAuthentications: pas.sort(byRef),
    authorizationPolicies: aps.sort(byRef),
  };
  return { cluster, diagnostics, ignored };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type KnownKind = "namespace" | "pod" | "template" | "networkPolicy" | "anp" | "banp" | "peerAuthentication" | "authorizationPolicy";

function classify(kind: string, group: string): KnownKind | undefined {
  if (kind === "Namespace" && group === "") return "namespace";
  if (kind === "Pod" && group === "") return "pod";
  if (TEMPLATE_KINDS.has(kind) && (group === "" || group === "apps" || group === "batch" || group === "extensions")) return "template";
  if (kind === "NetworkPolicy" && (group === "networking.k8s.io" || group === "extensions")) return "networkPolicy";
  if (kind === "AdminNetworkPolicy" && group === "policy.networking.k8s.io") return "anp";
  if (kind === "BaselineAdminNetworkPolicy" && group === "policy.networking.k8s.io") return "banp";
  if (kind === "PeerAuthentication" && group === "security.istio.io") return "peerAuthentication";
  if (kind === "AuthorizationPolicy" && group === "security.istio.io") return "authorizationPolicy";
  return undefined;
}

function controllerOwner(r: Reader, meta: Obj): { name: string; kind?: string } | undefined {
  const owners = r.list(meta["ownerReferences"], "metadata.ownerReferences") ?? [];
  for (const o of owners) {
    if (!isObj(o) || o["controller"] !== true || typeof o["name"] !== "string") continue;
    // Static (mirror) pods name their Node as controller; a Node is not a workload, so the pod stands alone.
    if (o["kind"] === "Node") continue;
    return { name: o["name"], ...(typeof o["kind"] === "string" && o["kind"] !== "" ? { kind: o["kind"] } : {}) };
  }
  return undefined;
}

function readTemplate(r: Reader, kind: string, spec: Obj): PodShape | undefined {
  let path = "spec.template";
  let holder: Obj | undefined = spec;
  if (kind === "CronJob") {
    const jt = r.obj(spec["jobTemplate"], "spec.jobTemplate");
    holder = jt ? r.obj(jt["spec"], "spec.jobTemplate.spec") : undefined;
    path = "spec.jobTemplate.spec.template";
  }
  const template = holder ? r.obj(holder["template"], path) : undefined;
  if (!template) {
    r.error(path, "is required for a workload");
    return undefined;
  }
  const meta = r.obj(template["metadata"], `${path}.metadata`) ?? {};
  const podSpec = r.obj(template["spec"], `${path}.spec`) ?? {};
  return readPod(r, meta, podSpec, `${path}.spec`);
}

const byNamedPort = (a: NamedPort, b: NamedPort): number => cmp(a.name, b.name) || cmp(a.protocol, b.protocol) || a.port - b.port;

/**
 * A container port that reads without any diagnostic: its named port, or null
 * when it names none. undefined when some field needs the checked reading.
 */
function plainPort(po: Obj): NamedPort | null | undefined {
  const port = po["containerPort"];
  const name = po["name"];
  const raw = po["protocol"];
  if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  const protocol = raw === undefined || raw === null ? "TCP" : raw === "TCP" || raw === "UDP" || raw === "SCTP" ? raw : undefined;
  if (protocol === undefined) return undefined;
  if (name === undefined || name === null || name === "") return null;
  return typeof name === "string" ? { name, port, protocol } : undefined;
}

/** Equal pod shapes: the fields a class is made of (labels in order, ports, account), host networking and annotations in order. */
function sameShape(a: PodShape, b: PodShape): boolean {
  return a.hostNetwork === b.hostNetwork && sameClassFields(a, b) && sameEntries(a.annotations, b.annotations);
}

function readPod(r: Reader, meta: Obj, spec: Obj, specPath: string): PodShape {
  const labels = r.strMap(meta["labels"], "metadata.labels");
  const annotations = r.strMap(meta["annotations"], "metadata.annotations");
  const namedPorts: NamedPort[] = [];
  const containers = r.list(spec["containers"], `${specPath}.containers`) ?? [];
  // Paths are built only for values that need a diagnostic: a pod is read per replica, and the strings were most of the cost.
  for (let ci = 0; ci < containers.length; ci++) {
    const c = containers[ci];
    const co = isObj(c) ? c : r.obj(c, `${specPath}.containers[${ci}]`);
    if (!co) continue;
    const rawPorts = co["ports"];
    const ports = Array.isArray(rawPorts) ? (rawPorts as readonly unknown[]) : (r.list(rawPorts, `${specPath}.containers[${ci}].ports`) ?? []);
    for (let pi = 0; pi < ports.length; pi++) {
      const p = ports[pi];
      const po = isObj(p) ? p : r.obj(p, `${specPath}.containers[${ci}].ports[${pi}]`);
      if (!po) continue;
      const fast = plainPort(po);
      if (fast !== undefined) {
        if (fast !== null) namedPorts.push(fast);
        continue;
      }
      const pp = `${specPath}.containers[${ci}].ports[${pi}]`;
      const port = r.int(po["containerPort"], `${pp}.containerPort`, 1, 65535);
      const name = r.str(po["name"], `${pp}.name`);
      const protocol = r.protocol(po["protocol"], `${pp}.protocol`);
      if (port !== undefined && name !== undefined && name !== "") namedPorts.push({ name, port, protocol });
    }
  }
  // Insertion sort for the usual handful: Array.prototype.sort allocates scratch even for two (17 MB over 20,000 pods).
  if (namedPorts.length > 16) namedPorts.sort(byNamedPort);
  else for (let i = 1; i < namedPorts.length; i++) {
    const x = namedPorts[i]!;
    let j = i - 1;
    for (; j >= 0 && byNamedPort(namedPorts[j]!, x) > 0; j--) namedPorts[j + 1] = namedPorts[j]!;
    namedPorts[j + 1] = x;
  }
  const sa = r.str(spec["serviceAccountName"], `${specPath}.serviceAccountName`) ?? r.str(spec["serviceAccount"], `${specPath}.serviceAccount`);
  return { labels, annotations, namedPorts, serviceAccount: sa || "default", hostNetwork: spec["hostNetwork"] === true };
}

function readNetworkPolicy(r: Reader, ref: PolicyRef, namespace: string, spec: Obj): NetworkPolicy {
  const podSelector = r.selector(spec["podSelector"], "spec.podSelector") ?? MATCH_ALL;
  const types = r.strList(spec["policyTypes"], "spec.policyTypes");
  let ingressOn: boolean;
  let egressOn: boolean;
  if (types === undefined || types.length === 0) {
    // Inference as Kubernetes defaults it: Ingress always, Egress only when the spec has egress rules (`egress: []` does not isolate).
    ingressOn = true;
    egressOn = Array.isArray(spec["egress"]) && spec["egress"].length > 0;
  } else {
    for (const t of types) if (t !== "Ingress" && t !== "Egress") r.error("spec.policyTypes", `unknown policy type ${JSON.stringify(t)}`);
    ingressOn = types.includes("Ingress");
    egressOn = types.includes("Egress");
  }
  const rules = (key: "ingress" | "egress", peerKey: "from" | "to"): NpRule[] => {
    const list = r.list(spec[key], `spec.${key}`) ?? [];
    const out: NpRule[] = [];
    list.forEach((raw, i) => {
      const p = `spec.${key}[${i}]`;
      const o = r.obj(raw, p) ?? {};
      const peersRaw = r.list(o[peerKey], `${p}.${peerKey}`);
      const ports = r.npPorts(o["ports"], `${p}.ports`);
      if (!peersRaw || peersRaw.length === 0) {
        out.push({ peers: "any", ports });
        return;
      }
      out.push({ peers: peersRaw.map((x, j) => readNpPeer(r, x, `${p}.${peerKey}[${j}]`)), ports });
    });
    return out;
  };
  const ingress = rules("ingress", "from");
  const egress = rules("egress", "to");
  if (!ingressOn && ingress.length > 0) r.warn("spec.ingress", "is ignored: policyTypes does not include Ingress");
  if (!egressOn && egress.length > 0) r.warn("spec.egress", "is ignored: policyTypes does not include Egress");
  return {
    ref,
    namespace,
    podSelector,
    ...(ingressOn ? { ingress } : {}),
    ...(egressOn ? { egress } : {}),
  };
}

function readNpPeer(r: Reader, raw: unknown, path: string): NpPeer {
  const o = r.obj(raw, path);
  if (!o) return { kind: "none" };
  const ipb = r.obj(o["ipBlock"], `${path}.ipBlock`);
  if (ipb) {
    if (o["podSelector"] !== undefined || o["namespaceSelector"] !== undefined)
      r.error(path, "ipBlock cannot be combined with podSelector or namespaceSelector");
    const cidrText = r.str(ipb["cidr"], `${path}.ipBlock.cidr`);
    const cidr = cidrText === undefined ? undefined : r.cidr(cidrText, `${path}.ipBlock.cidr`);
    if (!cidr) {
      // One message per problem: absent, not text (said by str), or not a CIDR (said by cidr).
      if (ipb["cidr"] === undefined || ipb["cidr"] === null) r.error(`${path}.ipBlock.cidr`, "is required");
      return { kind: "none" };
    }
    const except: IpRange[] = [];
    (r.list(ipb["except"], `${path}.ipBlock.except`) ?? []).forEach((e, i) => {
      const c = r.cidr(e, `${path}.ipBlock.except[${i}]`);
      if (c) except.push(c);
    });
    return { kind: "ipBlock", block: { cidr, except, text: cidrText ?? "" } };
  }
  const ns = r.selector(o["namespaceSelector"], `${path}.namespaceSelector`);
  const pod = r.selector(o["podSelector"], `${path}.podSelector`);
  if (ns === undefined && pod === undefined) {
    r.warn(path, "names no podSelector, namespaceSelector or ipBlock, so it matches nothing");
    return { kind: "none" };
  }
  return { kind: "pods", ...(ns !== undefined ? { namespaceSelector: ns } : {}), podSelector: pod ?? MATCH_ALL };
}

function readPodGroup(r: Reader, raw: unknown, path: string, what: string): PodGroupSelector | undefined {
  const o = r.obj(raw, path);
  if (!o) {
    r.error(path, `${what} needs namespaces or pods`);
    return undefined;
  }
  if (o["namespaces"] !== undefined && o["namespaces"] !== null) {
    return { namespaceSelector: r.selector(o["namespaces"], `${path}.namespaces`) ?? MATCH_ALL, podSelector: MATCH_ALL };
  }
  const pods = r.obj(o["pods"], `${path}.pods`);
  if (pods) {
    return {
      // A missing namespaceSelector is read as {} (every namespace), like an empty one.
      namespaceSelector: r.selector(pods["namespaceSelector"], `${path}.pods.namespaceSelector`) ?? MATCH_ALL,
      podSelector: r.selector(pods["podSelector"], `${path}.pods.podSelector`) ?? MATCH_ALL,
    };
  }
  return undefined;
}

function readAdminPorts(r: Reader, raw: unknown, path: string): PortSpec {
  const l = r.list(raw, path);
  if (!l || l.length === 0) return "all";
  const items: PortItem[] = [];
  l.forEach((p, i) => {
    const pp = `${path}[${i}]`;
    const o = r.obj(p, pp);
    if (!o) return;
    const num = r.obj(o["portNumber"], `${pp}.portNumber`);
    const range = r.obj(o["portRange"], `${pp}.portRange`);
    const named = r.str(o["namedPort"], `${pp}.namedPort`);
    // The API requires these fields; a port entry read as nothing would make a Deny rule deny nothing.
    if (num) {
      const port = r.requiredInt(num["port"], `${pp}.portNumber.port`, 1, 65535);
      if (port !== undefined) items.push({ kind: "range", protocol: r.protocol(num["protocol"], `${pp}.portNumber.protocol`), from: port, to: port });
    } else if (range) {
      const start = r.requiredInt(range["start"], `${pp}.portRange.start`, 1, 65535);
      const end = r.requiredInt(range["end"], `${pp}.portRange.end`, 1, 65535);
      if (start !== undefined && end !== undefined) {
        if (end < start) r.error(`${pp}.portRange`, "end is below start");
        else items.push({ kind: "range", protocol: r.protocol(range["protocol"], `${pp}.portRange.protocol`), from: start, to: end });
      }
    } else if (named !== undefined) {
      items.push({ kind: "named", name: named });
    } else {
      r.error(pp, "needs portNumber, portRange or namedPort");
    }
  });
  return items;
}

function readAdminPolicy(r: Reader, ref: PolicyRef, spec: Obj, baseline: boolean): AdminPolicy | undefined {
  let priority = 0;
  if (!baseline) {
    // null is "not given" in Kubernetes: required all the same, never a silent drop.
    const p = r.requiredInt(spec["priority"], "spec.priority", 0, 1000);
    if (p === undefined) return undefined;
    priority = p;
  }
  const before = r.diagnostics.length;
  const subject = readPodGroup(r, spec["subject"], "spec.subject", "subject");
  if (!subject) {
    // `subject: {}` (neither namespaces nor pods) is refused by the API server: say so rather than drop the policy.
    if (r.diagnostics.length === before) r.error("spec.subject", "subject needs namespaces or pods");
    return undefined;
  }
  const rules = (key: "ingress" | "egress", peerKey: "from" | "to"): AdminRule[] => {
    const out: AdminRule[] = [];
    (r.list(spec[key], `spec.${key}`) ?? []).forEach((raw, i) => {
      const p = `spec.${key}[${i}]`;
      const o = r.obj(raw, p) ?? {};
      const action = r.str(o["action"], `${p}.action`);
      const allowed: readonly string[] = baseline ? ["Allow", "Deny"] : ["Allow", "Deny", "Pass"];
      if (action === undefined || !allowed.includes(action)) {
        r.error(`${p}.action`, `must be one of ${allowed.join(", ")}`);
        return;
      }
      const peers: AdminPeer[] = [];
      (r.list(o[peerKey], `${p}.${peerKey}`) ?? []).forEach((pr, j) => {
        const pp = `${p}.${peerKey}[${j}]`;
        const po = r.obj(pr, pp);
        if (!po) return;
        if (key === "egress" && po["networks"] !== undefined) {
          const texts = r.strList(po["networks"], `${pp}.networks`) ?? [];
          const ranges: IpRange[] = [];
          texts.forEach((t, k) => {
            const c = r.cidr(t, `${pp}.networks[${k}]`);
            if (c) ranges.push(c);
          });
          peers.push({ kind: "networks", ranges, text: texts.join(",") });
        } else if (key === "egress" && po["nodes"] !== undefined) {
          peers.push({ kind: "nodes" });
        } else {
          const g = readPodGroup(r, po, pp, "a peer");
          if (g) peers.push({ kind: "pods", select: g });
          else r.error(pp, "needs namespaces or pods" + (key === "egress" ? ", networks or nodes" : ""));
        }
      });
      out.push({
        name: r.str(o["name"], `${p}.name`) ?? "",
        index: i,
        action: action as AdminAction,
        peers,
        ports: readAdminPorts(r, o["ports"], `${p}.ports`),
      });
    });
    return out;
  };
  return { ref, priority, subject, ingress: rules("ingress", "from"), egress: rules("egress", "to") };
}

function readMode(r: Reader, v: unknown, path: string): MtlsMode | undefined {
  if (v === undefined || v === null || v === "UNSET") return undefined;
  if (v === "STRICT" || v === "PERMISSIVE" || v === "DISABLE") return v;
  r.error(path, `unknown mTLS mode ${JSON.stringify(v)}`, "use STRICT, PERMISSIVE, DISABLE or UNSET");
  return undefined;
}

/** Istio workload selectors are matchLabels only. */
function readWorkloadSelector(r: Reader, spec: Obj): Selector | undefined {
  const sel = r.obj(spec["selector"], "spec.selector");
  if (!sel) return undefined;
  return r.selector({ matchLabels: sel["matchLabels"] }, "spec.selector");
}

function readPeerAuthentication(r: Reader, ref: PolicyRef, namespace: string, spec: Obj): PeerAuthentication {
  const selector = readWorkloadSelector(r, spec);
  const mtls = r.obj(spec["mtls"], "spec.mtls");
  const mode = mtls ? readMode(r, mtls["mode"], "spec.mtls.mode") : undefined;
  const portLevel = new Map<number, MtlsMode>();
  const pl = r.obj(spec["portLevelMtls"], "spec.portLevelMtls");
  if (pl) {
    if (!selector) r.warn("spec.portLevelMtls", "only applies with a workload selector; ignored");
    else
      for (const [k, v] of Object.entries(pl)) {
        const port = r.int(k, `spec.portLevelMtls[${JSON.stringify(k)}]`, 1, 65535);
        const m = isObj(v) ? readMode(r, v["mode"], `spec.portLevelMtls[${JSON.stringify(k)}].mode`) : undefined;
        if (port !== undefined && m !== undefined) portLevel.set(port, m);
      }
  }
  return { ref, namespace, ...(selector ? { selector } : {}), ...(mode ? { mode } : {}), portLevel };
}

const SOURCE_KEYS = ["principals", "notPrincipals", "requestPrincipals", "notRequestPrincipals", "namespaces", "notNamespaces", "ipBlocks", "notIpBlocks", "remoteIpBlocks", "notRemoteIpBlocks"];
const OPERATION_KEYS = ["hosts", "notHosts", "ports", "notPorts", "methods", "notMethods", "paths", "notPaths"];

function readAuthorizationPolicy(r: Reader, ref: PolicyRef, namespace: string, spec: Obj): AuthorizationPolicy | undefined {
  const actionRaw = spec["action"] ?? "ALLOW";
  if (actionRaw !== "ALLOW" && actionRaw !== "DENY" && actionRaw !== "CUSTOM" && actionRaw !== "AUDIT") {
    r.error("spec.action", `unknown action ${JSON.stringify(actionRaw)}`, "use ALLOW, DENY, CUSTOM or AUDIT");
    return undefined;
  }
  const action: AuthzAction = actionRaw;
  if (spec["targetRef"] !== undefined || spec["targetRefs"] !== undefined) {
    r.warn("spec.targetRefs", "targets gateways or waypoints, not sidecar workloads; this policy is ignored");
    return undefined;
  }
  const selector = readWorkloadSelector(r, spec);
  const rulesRaw = r.list(spec["rules"], "spec.rules") ?? [];
  const rules: AuthzRule[] = rulesRaw.map((raw, i) => {
    const p = `spec.rules[${i}]`;
    const o = r.obj(raw, p) ?? {};
    const fromRaw = r.list(o["from"], `${p}.from`);
    const toRaw = r.list(o["to"], `${p}.to`);
    const when = r.list(o["when"], `${p}.when`);
    const from = fromRaw?.map((f, j) => readSource(r, f, `${p}.from[${j}]`));
    const to = toRaw?.map((t, j) => readOperation(r, t, `${p}.to[${j}]`));
    return { index: i, ...(from ? { from } : {}), ...(to ? { to } : {}), hasWhen: (when?.length ?? 0) > 0 };
  });
  return { ref, namespace, ...(selector ? { selector } : {}), action, rules };
}

function readSource(r: Reader, raw: unknown, path: string): AuthzSource {
  const f = r.obj(raw, path) ?? {};
  const s = r.obj(f["source"], `${path}.source`) ?? {};
  for (const k of Object.keys(s)) if (!SOURCE_KEYS.includes(k)) r.warn(`${path}.source.${k}`, "unknown field, ignored");
  const ips = (key: string): IpRange[] | undefined => {
    const l = r.strList(s[key], `${path}.source.${key}`);
    if (!l) return undefined;
    const out: IpRange[] = [];
    l.forEach((t, i) => {
      const c = r.cidrOrIp(t, `${path}.source.${key}[${i}]`);
      if (c) out.push(c);
    });
    return out;
  };
  const ipBlocks = mergeOpt(ips("ipBlocks"), ips("remoteIpBlocks"));
  const notIpBlocks = mergeOpt(ips("notIpBlocks"), ips("notRemoteIpBlocks"));
  const list = (key: string): string[] | undefined => r.strList(s[key], `${path}.source.${key}`);
  const principals = list("principals");
  const notPrincipals = list("notPrincipals");
  const namespaces = list("namespaces");
  const notNamespaces = list("notNamespaces");
  return {
    ...(principals ? { principals } : {}),
    ...(notPrincipals ? { notPrincipals } : {}),
    ...(namespaces ? { namespaces } : {}),
    ...(notNamespaces ? { notNamespaces } : {}),
    ...(ipBlocks ? { ipBlocks } : {}),
    ...(notIpBlocks ? { notIpBlocks } : {}),
    requestLevel: s["requestPrincipals"] !== undefined || s["notRequestPrincipals"] !== undefined,
  };
}

function mergeOpt<T>(a: T[] | undefined, b: T[] | undefined): T[] | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return [...a, ...b];
}

function readOperation(r: Reader, raw: unknown, path: string): AuthzOperation {
  const t = r.obj(raw, path) ?? {};
  const o = r.obj(t["operation"], `${path}.operation`) ?? {};
  for (const k of Object.keys(o)) if (!OPERATION_KEYS.includes(k)) r.warn(`${path}.operation.${k}`, "unknown field, ignored");
  const ports = (key: string): number[] | undefined => {
    const l = r.strList(o[key], `${path}.operation.${key}`);
    if (!l) return undefined;
    const out: number[] = [];
    l.forEach((x, i) => {
      const n = r.int(x, `${path}.operation.${key}[${i}]`, 1, 65535);
      if (n !== undefined) out.push(n);
    });
    return out;
  };
  const p = ports("ports");
  const np = ports("notPorts");
  const requestLevel = ["hosts", "notHosts", "methods", "notMethods", "paths", "notPaths"].some((k) => o[k] !== undefined);
  return { ...(p ? { ports: p } : {}), ...(np ? { notPorts: np } : {}), requestLevel };
}
