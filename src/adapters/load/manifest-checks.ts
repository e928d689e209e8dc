/**
 * Checks on a whole set of manifest documents that the API server would make
 * and the analyzer's reader does not: the same object declared twice (across
 * files too), named ports that are not IANA service names (at most 15
 * characters), ipBlock `except` entries outside their `cidr`, and object
 * names and namespaces the API server refuses ("/", "%", "." and ".."). Without
 * them a typo silently changes what the analysis proves.
 */
import { parseCidr, rangeContains } from "../../model/cidr";
import { detach } from "../../model/detach";
import type { Diagnostic } from "../../model/diagnostics";
import type { ManifestDoc } from "../../core/analyze";
import { type DocPlace, docPlace } from "../../core/analyze/parse";
import { innerMap } from "../../core/analyze/inner-map";

type Obj = Readonly<Record<string, unknown>>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const asList = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

/** Kinds without a namespace: an omitted namespace means "default" for every other kind. */
const CLUSTER_SCOPED = new Set([
  "Namespace",
  "Node",
  "AdminNetworkPolicy",
  "BaselineAdminNetworkPolicy",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "PersistentVolume",
  "StorageClass",
  "PriorityClass",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
]);

/** IANA_SVC_NAME, as Kubernetes validates container port names and named NetworkPolicy ports. */
const MAX_PORT_NAME = 15;
const PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Names already found valid: a dump repeats a few port names on every pod. Bounded; names are at most 15 characters. */
const VALID_PORT_NAMES = new Set<string>();
const VALID_PORT_NAMES_LIMIT = 4096;

export function portNameProblem(name: string): string | undefined {
  if (VALID_PORT_NAMES.has(name)) return undefined;
  const problem = portNameCheck(name);
  if (problem === undefined && VALID_PORT_NAMES.size < VALID_PORT_NAMES_LIMIT) VALID_PORT_NAMES.add(detach(name));
  return problem;
}

function portNameCheck(name: string): string | undefined {
  if (name.length > MAX_PORT_NAME) return `named port "${name}" is ${name.length} characters long; Kubernetes allows at most ${MAX_PORT_NAME}`;
  if (!PORT_NAME.test(name) || !/[a-z]/.test(name) || name.includes("--"))
    return `named port "${name}" is not a valid port name (lower-case letters, digits and single hyphens, at least one letter)`;
  return undefined;
}

/** The object a problem is in; its label is made only when a problem is reported. */
class Site {
  constructor(
    readonly doc: ManifestDoc,
    private readonly kind: string,
    private readonly name: string | undefined,
    private readonly where: string,
  ) {}
  get label(): string {
    return `${this.kind}${this.name !== undefined ? ` ${this.name}` : ""}${this.where ? ` (${this.where})` : ""}`;
  }
}

function diag(site: Site, path: string, message: string, hint?: string): Diagnostic {
  return {
    code: "bad-manifest",
    severity: "error",
    path: `${site.label}${path ? "." + path : ""}`,
    file: docPlace(site.doc),
    message,
    ...(hint !== undefined ? { hint } : {}),
  };
}

/** Pod specs inside an object: a Pod's spec, a workload's template, a CronJob's job template. */
function checkPodSpecs(site: Site, kind: string, spec: Obj, out: Diagnostic[]): void {
  if (kind === "Pod") {
    checkContainerPorts(site, "spec", spec, out);
    return;
  }
  const template = spec["template"];
  if (isObj(template) && isObj(template["spec"])) checkContainerPorts(site, "spec.template.spec", template["spec"], out);
  const job = spec["jobTemplate"];
  if (isObj(job) && isObj(job["spec"])) {
    const t = job["spec"]["template"];
    if (isObj(t) && isObj(t["spec"])) checkContainerPorts(site, "spec.jobTemplate.spec.template.spec", t["spec"], out);
  }
}

const CONTAINER_LISTS = ["containers", "initContainers"] as const;

/** Container port names: plain loops, as every pod of a dump passes through here. */
function checkContainerPorts(site: Site, at: string, podSpec: Obj, out: Diagnostic[]): void {
  for (const key of CONTAINER_LISTS) {
    const containers = podSpec[key];
    if (!Array.isArray(containers)) continue;
    for (let ci = 0; ci < containers.length; ci++) {
      const c: unknown = containers[ci];
      if (!isObj(c)) continue;
      const ports = c["ports"];
      if (!Array.isArray(ports)) continue;
      for (let pi = 0; pi < ports.length; pi++) {
        const p: unknown = ports[pi];
        if (!isObj(p)) continue;
        const name = p["name"];
        if (typeof name !== "string") continue;
        const problem = portNameProblem(name);
        if (problem) out.push(diag(site, `${at}.${key}[${ci}].ports[${pi}].name`, problem));
      }
    }
  }
}

function checkObject(site: Site, kind: string, object: Obj, out: Diagnostic[]): void {
  const spec = object["spec"];
  if (!isObj(spec)) return;
  checkPodSpecs(site, kind, spec, out);
  if (kind === "NetworkPolicy") {
    for (const [dir, peerKey] of [["ingress", "from"], ["egress", "to"]] as const) {
      asList(spec[dir]).forEach((rule, ri) => {
        if (!isObj(rule)) return;
        asList(rule["ports"]).forEach((p, pi) => {
          if (!isObj(p) || typeof p["port"] !== "string" || /^\d+$/.test(p["port"])) return;
          const problem = portNameProblem(p["port"]);
          if (problem) out.push(diag(site, `spec.${dir}[${ri}].ports[${pi}].port`, problem));
        });
        asList(rule[peerKey]).forEach((peer, qi) => {
          if (!isObj(peer) || !isObj(peer["ipBlock"])) return;
          const block = peer["ipBlock"];
          const cidr = typeof block["cidr"] === "string" ? parseCidr(block["cidr"]) : undefined;
          if (!cidr) return; // the analyzer reports a missing or malformed cidr
          asList(block["except"]).forEach((ex, ei) => {
            const inner = typeof ex === "string" ? parseCidr(ex) : undefined;
            if (!inner) return;
            if (!rangeContains(cidr, inner) || inner.prefix <= cidr.prefix)
              out.push(
                diag(site, `spec.${dir}[${ri}].${peerKey}[${qi}].ipBlock.except[${ei}]`, `${String(ex)} is not strictly inside the cidr ${String(block["cidr"])}`, "each except must be a strict subset of the cidr"),
              );
          });
        });
      });
    }
  }
  if (kind === "AdminNetworkPolicy" || kind === "BaselineAdminNetworkPolicy") {
    for (const dir of ["ingress", "egress"]) {
      asList(spec[dir]).forEach((rule, ri) => {
        if (!isObj(rule)) return;
        asList(rule["ports"]).forEach((p, pi) => {
          if (!isObj(p) || typeof p["namedPort"] !== "string") return;
          const problem = portNameProblem(p["namedPort"]);
          if (problem) out.push(diag(site, `spec.${dir}[${ri}].ports[${pi}].namedPort`, problem));
        });
      });
    }
  }
}

/**
 * Names the API server refuses for every object (it stores objects under
 * paths made of namespace and name): "." and "..", and names holding "/" or
 * "%". ztseg names workloads by namespace, kind and name joined with "/", so
 * such a name could make two workloads one; refused here, as the API server
 * would, rather than analysed.
 */
function checkPathSegment(site: Site, path: string, value: string, out: Diagnostic[]): void {
  if (value === "." || value === "..") out.push(diag(site, path, `"${value}" is not a valid object name`, "rename it: the API server refuses the names . and .."));
  else if (value.includes("/") || value.includes("%"))
    out.push(diag(site, path, `${JSON.stringify(value)} may not contain "${value.includes("/") ? "/" : "%"}"`, "rename it: the API server refuses names and namespaces holding / or %"));
}

/** Every problem across the documents, in document order; the first declaration of a duplicate is named in the message. */
export function checkManifestDocs(docs: Iterable<ManifestDoc>): Diagnostic[] {
  const checker = new ManifestChecker();
  for (const doc of docs) checker.add(doc);
  return checker.problems;
}

/**
 * checkManifestDocs one document at a time, so a reader can check documents
 * as it streams them and keep only the keys it needs for duplicates.
 */
export class ManifestChecker {
  readonly problems: Diagnostic[] = [];
  /** Where each object was first declared, by group, kind, namespace and name. */
  private readonly firstSeen = new Map<string, Map<string, Map<string, Map<string, DocPlace>>>>();

  add(doc: ManifestDoc): void {
    this.visit(doc, doc.object, "");
  }

  private visit(doc: ManifestDoc, object: unknown, where: string): void {
    if (!isObj(object) || typeof object["kind"] !== "string") return;
    const kind = object["kind"];
    if (kind.endsWith("List")) {
      asList(object["items"]).forEach((item, i) => this.visit(doc, item, `${where ? where + "." : ""}items[${i}]`));
      return;
    }
    const out = this.problems;
    const meta = isObj(object["metadata"]) ? object["metadata"] : {};
    const name = typeof meta["name"] === "string" ? meta["name"] : undefined;
    const site = new Site(doc, kind, name, where);
    if (name !== undefined) checkPathSegment(site, "metadata.name", name, out);
    if (typeof meta["namespace"] === "string") checkPathSegment(site, "metadata.namespace", meta["namespace"], out);
    if (name !== undefined && name !== "") {
      const apiVersion = typeof object["apiVersion"] === "string" ? object["apiVersion"] : "";
      const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
      const ns = CLUSTER_SCOPED.has(kind) ? "" : typeof meta["namespace"] === "string" && meta["namespace"] !== "" ? meta["namespace"] : "default";
      // Keyed by group, kind, namespace and name in nested maps: no key text is built per object.
      const byName = innerMap(innerMap(innerMap(this.firstSeen, group), kind), ns);
      const first = byName.get(name);
      if (first !== undefined)
        out.push(diag(site, "metadata.name", `duplicate object: ${kind} ${ns ? `${ns}/` : ""}${name} is already declared at ${docPlace(first)}`, "declare each object once"));
      // The document, not its place as text: one string per object of a large dump was kept to the end.
      else byName.set(name, doc.line !== undefined ? { file: doc.file, index: doc.index, line: doc.line } : { file: doc.file, index: doc.index });
    }
    checkObject(site, kind, object, out);
  }
}
