/**
 * Validation and reference resolution in one pass that collects every
 * diagnostic. Structural checks come from the zod schema; everything that
 * needs the whole policy (names, ports, trust boundaries) is checked here.
 */
import type { z } from "zod";
import { parseCidr } from "./cidr";
import { type Diagnostic, didYouMean, formatPath, suggestion } from "./diagnostics";
import type {
  Endpoint,
  ExceptionInfo,
  ResolvedExternal,
  ResolvedFlow,
  ResolvedInvariant,
  ResolvedPolicy,
  ResolvedPort,
  ResolvedService,
  ResolvedVendor,
  ResolvedZone,
} from "./resolved";
import { endpointId } from "./resolved";
import { type Flow, type FlowPort, PolicySchema, type PolicyData, type Selector, type PortSpec } from "./schema";

export interface ResolveResult {
  readonly policy?: ResolvedPolicy;
  readonly diagnostics: readonly Diagnostic[];
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function zodDiagnostics(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): Diagnostic[] {
  return issuesToDiagnostics(error.issues, prefix);
}

type ZodIssue = z.core.$ZodIssue;

/** A union alternative that failed only because the input has another type: not what the author meant. */
const isWrongShape = (alt: readonly ZodIssue[]) =>
  alt.length === 1 && alt[0]!.path.length === 0 && (alt[0]!.code === "invalid_type" || (alt[0]!.code === "invalid_value" && alt[0]!.input === undefined));

function issuesToDiagnostics(issues: readonly ZodIssue[], prefix: ReadonlyArray<PropertyKey>): Diagnostic[] {
  return issues.flatMap((issue): Diagnostic[] => {
    const fullPath = [...prefix, ...issue.path];
    const path = formatPath(fullPath);
    let message = issue.message;
    let hint: string | undefined;
    let code = "invalid-value";
    if (issue.code === "unrecognized_keys") {
      code = "unknown-field";
      const keys = issue.keys;
      message = `unknown field${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")}`;
      hint = "remove it or check its spelling";
    } else if (issue.code === "invalid_type") {
      code = issue.input === undefined ? "missing-field" : "invalid-type";
      if (issue.input === undefined) message = `required field is missing (expected ${issue.expected})`;
    } else if (issue.code === "too_small" || issue.code === "too_big") {
      code = "out-of-range";
    } else if (issue.code === "invalid_format") {
      code = "invalid-syntax";
    } else if (issue.code === "custom") {
      // Schema refinements name their own code through params.diagnostic.
      const named: unknown = issue.params?.["diagnostic"];
      if (typeof named === "string") code = named;
    } else if (issue.code === "invalid_union") {
      // Report the alternative the author evidently meant (an object for an object, ...) at its own path.
      const meant = issue.errors.filter((alt) => !isWrongShape(alt));
      if (meant.length === 1) return issuesToDiagnostics(meant[0]!, fullPath);
      code = "invalid-value";
      message = "does not match any accepted form: " + issue.errors.map((alt) => alt.map((i) => i.message).join("; ")).join(" | ");
    }
    return [{ code, severity: "error" as const, path, message, ...(hint ? { hint } : {}) }];
  });
}

function portKey(p: ResolvedPort): string {
  return `${p.protocol}/${p.port}${p.endPort !== undefined && p.endPort !== p.port ? `-${p.endPort}` : ""}`;
}

function toResolvedPort(spec: PortSpec, name?: string): ResolvedPort {
  return {
    ...(name !== undefined ? { name } : {}),
    port: spec.port,
    ...(spec.endPort !== undefined && spec.endPort !== spec.port ? { endPort: spec.endPort } : {}),
    protocol: spec.protocol,
  };
}

function covers(declared: ResolvedPort, p: ResolvedPort): boolean {
  const dEnd = declared.endPort ?? declared.port;
  const pEnd = p.endPort ?? p.port;
  return declared.protocol === p.protocol && declared.port <= p.port && pEnd <= dEnd;
}

export function resolvePolicy(input: unknown): ResolveResult {
  const parsed = PolicySchema.safeParse(input);
  if (!parsed.success) return { diagnostics: zodDiagnostics(parsed.error) };
  const data = parsed.data;
  const diags: Diagnostic[] = [];
  const err = (code: string, path: string, message: string, hint?: { hint: string } | Record<string, never>) =>
    diags.push({ code, severity: "error", path, message, ...(hint ?? {}) });
  const warn = (code: string, path: string, message: string, hint?: string) =>
    diags.push({ code, severity: "warning", path, message, ...(hint ? { hint } : {}) });

  // Data classes and vendors.
  const dataClasses = data.dataClasses;
  const vendors: ResolvedVendor[] = Object.entries(data.vendors)
    .map(([id, v]) => ({
      id,
      name: v.name,
      owner: v.owner,
      ...(v.contract !== undefined ? { contract: v.contract } : {}),
      quarantined: v.quarantined,
      ...(v.description !== undefined ? { description: v.description } : {}),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const vendorIds = new Set(vendors.map((v) => v.id));

  // Zones.
  const namespaces = new Map<string, string>();
  const zones: ResolvedZone[] = [];
  for (const [name, zone] of Object.entries(data.zones)) {
    const path = formatPath(["zones", name]);
    const other = namespaces.get(zone.namespace);
    if (other !== undefined) err("duplicate-namespace", `${path}.namespace`, `namespace "${zone.namespace}" is already used by zone "${other}"`, { hint: "each zone owns exactly one namespace" });
    namespaces.set(zone.namespace, name);
    zone.data.forEach((cls, i) => {
      if (!(cls in dataClasses)) err("unknown-reference", `${path}.data[${i}]`, `unknown data class "${cls}"`, suggestion(cls, Object.keys(dataClasses)));
    });
    if (zone.vendor !== undefined && !vendorIds.has(zone.vendor)) {
      err("unknown-reference", `${path}.vendor`, `unknown vendor "${zone.vendor}"`, suggestion(zone.vendor, vendorIds));
    }
    if (zone.trust === "vendor" && zone.vendor === undefined) {
      err("missing-vendor", `${path}.vendor`, `zone "${name}" has trust "vendor" but names no vendor`, { hint: "add vendor: \"<key of vendors>\" so the inventory knows who operates it" });
    }
    if (zone.labels["kubernetes.io/metadata.name"] !== undefined || Object.keys(zone.labels).some((k) => k.startsWith("ztseg.dev/") || k.startsWith("data.ztseg.dev/"))) {
      err("reserved-label", `${path}.labels`, "labels kubernetes.io/metadata.name, ztseg.dev/* and data.ztseg.dev/* are set by ztseg", { hint: "remove them from labels" });
    }
    zones.push({
      name,
      namespace: zone.namespace,
      trust: zone.trust,
      data: [...zone.data].sort(),
      sensitive: zone.data.some((c) => dataClasses[c]?.sensitive === true),
      ...(zone.vendor !== undefined ? { vendor: zone.vendor } : {}),
      labels: zone.labels,
      mesh: zone.mesh,
      ...(zone.description !== undefined ? { description: zone.description } : {}),
    });
  }
  zones.sort(byName);
  const zoneByName = new Map(zones.map((z) => [z.name, z]));

  // Services.
  const services: ResolvedService[] = [];
  const accounts = new Map<string, string>();
  const selectors = new Map<string, string>();
  for (const [id, svc] of Object.entries(data.services)) {
    const path = formatPath(["services", id]);
    const parts = id.split("/");
    if (parts.length !== 2 || !parts[0] || !parts[1]) {
      err("invalid-service-key", path, `service key "${id}" must be "<zone>/<service>"`);
      continue;
    }
    const [zoneName, name] = parts as [string, string];
    const zone = zoneByName.get(zoneName);
    if (!zone) {
      err("unknown-reference", path, `unknown zone "${zoneName}" in service key "${id}"`, suggestion(zoneName, zoneByName.keys()));
      continue;
    }
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 63) {
      err("invalid-name", path, `service name "${name}" must be a DNS-1123 label`);
      continue;
    }
    const sa = svc.serviceAccount ?? name;
    const saKey = `${zone.namespace}/${sa}`;
    const sharing = accounts.get(saKey);
    if (sharing !== undefined) {
      warn("shared-identity", `${path}.serviceAccount`, `ServiceAccount "${sa}" is shared with "${sharing}": both services get each other's mesh access`, "give each service its own ServiceAccount");
    }
    accounts.set(saKey, id);
    const selKey = `${zone.namespace}|${JSON.stringify(Object.entries(svc.labels).sort())}`;
    const sameSel = selectors.get(selKey);
    if (sameSel !== undefined) err("duplicate-selector", `${path}.labels`, `pod labels are identical to those of "${sameSel}": the two services cannot be told apart`, { hint: "add a distinguishing label such as app" });
    selectors.set(selKey, id);
    services.push({
      id,
      name,
      zone: zoneName,
      namespace: zone.namespace,
      labels: svc.labels,
      ports: Object.entries(svc.ports)
        .map(([pn, spec]) => ({ ...toResolvedPort(spec, pn), name: pn }))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
      serviceAccount: sa,
      principal: `${data.trustDomain}/ns/${zone.namespace}/sa/${sa}`,
      ...(svc.description !== undefined ? { description: svc.description } : {}),
    });
  }
  services.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const serviceById = new Map(services.map((s) => [s.id, s]));

  // Externals.
  const externals: ResolvedExternal[] = [];
  for (const [name, ext] of Object.entries(data.externals)) {
    const path = formatPath(["externals", name]);
    if (ext.vendor !== undefined && !vendorIds.has(ext.vendor)) {
      err("unknown-reference", `${path}.vendor`, `unknown vendor "${ext.vendor}"`, suggestion(ext.vendor, vendorIds));
    }
    if (ext.trust === "vendor" && ext.vendor === undefined) {
      err("missing-vendor", `${path}.vendor`, `external "${name}" has trust "vendor" but names no vendor`, { hint: "add vendor: \"<key of vendors>\"" });
    }
    externals.push({
      name,
      trust: ext.trust,
      ...(ext.vendor !== undefined ? { vendor: ext.vendor } : {}),
      blocks: ext.cidrs.map((b) => {
        const cidr = typeof b === "string" ? b : b.cidr;
        const except = typeof b === "string" ? [] : b.except;
        // Validity was checked by the schema.
        return { cidr: parseCidr(cidr)!, except: except.map((e) => parseCidr(e)!) };
      }),
      ports: Object.entries(ext.ports)
        .map(([pn, spec]) => ({ ...toResolvedPort(spec, pn), name: pn }))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
      ...(ext.description !== undefined ? { description: ext.description } : {}),
    });
  }
  externals.sort(byName);
  const externalByName = new Map(externals.map((e) => [e.name, e]));

  const resolveEndpoint = (ref: string, path: string): Endpoint | undefined => {
    if (ref.includes("/")) {
      const s = serviceById.get(ref);
      if (s) return { kind: "service", service: s };
      err("unknown-reference", path, `unknown service "${ref}"`, suggestion(ref, serviceById.keys()));
      return undefined;
    }
    const e = externalByName.get(ref);
    if (e) return { kind: "external", external: e };
    const asService = didYouMean(ref, [...serviceById.keys()].map((k) => k.split("/")[1]!));
    const full = asService ? services.find((s) => s.name === asService)?.id : undefined;
    err(
      "unknown-reference",
      path,
      `unknown external "${ref}" (services are written "<zone>/<service>")`,
      full ? { hint: `did you mean "${full}"?` } : suggestion(ref, externalByName.keys()),
    );
    return undefined;
  };

  const zoneOf = (e: Endpoint): ResolvedZone | undefined => (e.kind === "service" ? zoneByName.get(e.service.zone) : undefined);
  const trustOf = (e: Endpoint) => (e.kind === "service" ? (zoneOf(e)?.trust ?? "internal") : e.external.trust);

  const resolvePorts = (ports: readonly FlowPort[], to: Endpoint, path: string): ResolvedPort[] | undefined => {
    const declared = to.kind === "service" ? to.service.ports : to.external.ports;
    const target = endpointId(to);
    const out: ResolvedPort[] = [];
    let ok = true;
    ports.forEach((p, i) => {
      const ppath = `${path}.ports[${i}]`;
      if (typeof p === "string") {
        const d = declared.find((x) => x.name === p);
        if (!d) {
          ok = false;
          err("unknown-port", ppath, `"${target}" declares no port named "${p}"`, declared.length ? suggestion(p, declared.map((x) => x.name)) : { hint: `declare it under ports of "${target}"` });
          return;
        }
        out.push(d);
        return;
      }
      const spec: ResolvedPort = typeof p === "number" ? { port: p, protocol: "TCP" } : toResolvedPort(p);
      if (to.kind === "service" || declared.length > 0) {
        const match = declared.find((d) => covers(d, spec));
        if (!match) {
          ok = false;
          const sameNumber = declared.find((d) => d.port <= spec.port && spec.port <= (d.endPort ?? d.port));
          if (sameNumber) {
            err("protocol-mismatch", ppath, `"${target}" declares port ${spec.port} as ${sameNumber.protocol}, not ${spec.protocol}`, { hint: `use protocol "${sameNumber.protocol}" or the port name "${sameNumber.name}"` });
          } else {
            err("undeclared-port", ppath, `"${target}" declares no port ${portKey(spec)}`, { hint: declared.length ? `declared: ${declared.map((d) => `${d.name}=${portKey(d)}`).join(", ")}` : `declare it under ports of "${target}"` });
          }
          return;
        }
        // A number that matches a named port keeps the name, so NetworkPolicies can use it.
        out.push(match.port === spec.port && (match.endPort ?? match.port) === (spec.endPort ?? spec.port) ? match : spec);
        return;
      }
      out.push(spec);
    });
    if (!ok) return undefined;
    const seen = new Set<string>();
    return out.filter((p) => (seen.has(portKey(p)) ? false : (seen.add(portKey(p)), true))).sort((a, b) => (portKey(a) < portKey(b) ? -1 : 1));
  };

  const flows: ResolvedFlow[] = [];
  const flowIds = new Map<string, string>();
  const resolveFlow = (f: Flow, origin: string, exception?: ExceptionInfo) => {
    const from = resolveEndpoint(f.from, `${origin}.from`);
    const to = resolveEndpoint(f.to, `${origin}.to`);
    const id = f.id ?? `${f.from} -> ${f.to}`;
    const prev = flowIds.get(id);
    if (prev !== undefined) {
      err("duplicate-flow", f.id !== undefined ? `${origin}.id` : origin, `flow id "${id}" is already used by ${prev}`, { hint: f.id !== undefined ? "give each flow a unique id" : "merge the two flows' ports into one, or give them distinct ids" });
    }
    flowIds.set(id, origin);
    if (!from || !to) return;
    if (from.kind === "external" && to.kind === "external") {
      err("external-to-external", origin, `flow between two externals ("${f.from}" -> "${f.to}") is outside the cluster and cannot be enforced`);
      return;
    }
    const ports = resolvePorts(f.ports, to, origin);
    if (!ports) return;
    if (f.http) {
      const toZone = zoneOf(to);
      if (to.kind !== "service" || !toZone?.mesh) {
        err("http-not-enforceable", `${origin}.http`, "HTTP narrowing is enforced by the mesh, but the destination is not a meshed service", { hint: "remove http or move the destination into a meshed zone" });
      } else if (ports.some((p) => p.protocol !== "TCP")) {
        err("http-not-enforceable", `${origin}.http`, "HTTP narrowing needs TCP ports");
      }
    }
    const fromTrust = trustOf(from);
    const toZone = zoneOf(to);
    const crossesGuardrail = fromTrust !== "internal" && toZone?.sensitive === true;
    if (crossesGuardrail && !exception) {
      err(
        "vendor-flow-into-sensitive",
        origin,
        `flow "${id}" lets ${fromTrust} "${f.from}" open connections into sensitive zone "${toZone.name}"`,
        { hint: "remove it, or declare it under exceptions with justification, owner, ticket and expires" },
      );
      return;
    }
    if (exception && !crossesGuardrail) {
      warn("exception-not-needed", origin, `exception "${id}" crosses no guardrail: it can be an ordinary flow`);
    }
    flows.push({
      id,
      origin,
      from,
      to,
      ports,
      ...(f.http ? { http: f.http } : {}),
      ...(f.description !== undefined ? { description: f.description } : {}),
      ...(exception ? { exception } : {}),
    });
  };
  data.flows.forEach((f, i) => resolveFlow(f, `flows[${i}]`));
  data.exceptions.forEach((x, i) =>
    resolveFlow(x, `exceptions[${i}]`, { id: x.id, justification: x.justification, owner: x.owner, ticket: x.ticket, expires: x.expires }),
  );
  flows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  // Invariants.
  const checkSelector = (s: Selector, path: string) => {
    const lists: Array<[keyof Selector, Iterable<string>]> = [
      ["zones", zoneByName.keys()],
      ["services", serviceById.keys()],
      ["externals", externalByName.keys()],
      ["vendors", vendorIds],
      ["dataClasses", Object.keys(dataClasses)],
    ];
    for (const [field, known] of lists) {
      const names = s[field] as string[] | undefined;
      const set = new Set(known);
      names?.forEach((n, i) => {
        if (!set.has(n)) err("unknown-reference", `${path}.${field}[${i}]`, `unknown ${field.replace(/s$/, "").replace("dataClasse", "data class")} "${n}"`, suggestion(n, set));
      });
    }
  };
  const invariantIds = new Set<string>();
  const invariants: ResolvedInvariant[] = data.invariants.map((inv, i) => {
    const origin = `invariants[${i}]`;
    const id = inv.id ?? `${inv.kind}-${i}`;
    if (invariantIds.has(id)) err("duplicate-invariant", `${origin}.id`, `invariant id "${id}" is used twice`);
    invariantIds.add(id);
    if (inv.kind === "noPath") {
      checkSelector(inv.from, `${origin}.from`);
      checkSelector(inv.to, `${origin}.to`);
    } else if (inv.kind === "noInternetEgress") {
      checkSelector(inv.from, `${origin}.from`);
    }
    return { ...inv, id, origin };
  });

  if (diags.some((d) => d.severity === "error")) return { diagnostics: diags };
  const policy: ResolvedPolicy = {
    name: data.name,
    ...(data.description !== undefined ? { description: data.description } : {}),
    trustDomain: data.trustDomain,
    dataClasses,
    zones,
    vendors,
    services,
    externals,
    flows,
    invariants,
    data: data as PolicyData,
  };
  return { policy, diagnostics: diags };
}
