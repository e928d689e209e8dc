/** Shared state and small helpers of one compilation. */
import type { Diagnostic, Endpoint, ResolvedFlow, ResolvedPolicy, ResolvedPort, ResolvedService, ResolvedZone, TrustLevel } from "../../model";
import { ANNOTATIONS, LABELS, type ObjectMeta } from "../k8s/object";
import type { CapabilityProfile } from "./capabilities";
import { objectName } from "./names";

/** Trust levels whose namespaces and address sets the guardrails keep away from sensitive zones. */
export const UNTRUSTED: readonly TrustLevel[] = ["external", "vendor"];

export interface Ctx {
  readonly policy: ResolvedPolicy;
  readonly caps: CapabilityProfile;
  readonly sourceFile?: string;
  readonly zoneByName: ReadonlyMap<string, ResolvedZone>;
  /** Flows in force: declared flows and exceptions, minus those of quarantined vendors. */
  readonly flows: readonly ResolvedFlow[];
  /**
   * The flows in force into and out of each service, by service id, in the
   * order of `flows`. Scanning every flow per service made compiling
   * quadratic (about 8 minutes at 40,000 services).
   */
  readonly flowsInto: ReadonlyMap<string, readonly ResolvedFlow[]>;
  readonly flowsFrom: ReadonlyMap<string, readonly ResolvedFlow[]>;
  readonly quarantined: ReadonlySet<string>;
  readonly diagnostics: Diagnostic[];
}

export function zoneOf(ctx: Ctx, s: ResolvedService): ResolvedZone {
  // The resolver guarantees every service's zone exists.
  return ctx.zoneByName.get(s.zone)!;
}

export function endpointVendor(ctx: Ctx, e: Endpoint): string | undefined {
  return e.kind === "external" ? e.external.vendor : zoneOf(ctx, e.service).vendor;
}

export function endpointTrustOf(ctx: Ctx, e: Endpoint): TrustLevel {
  return e.kind === "external" ? e.external.trust : zoneOf(ctx, e.service).trust;
}

export const MANAGED_BY = { [LABELS.managedBy]: "ztseg" } as const;

const sortedUnique = (xs: Iterable<string>) => [...new Set(xs)].sort();

/**
 * Metadata with the traceability annotations: the human intent, the policy
 * file, the flow ids behind the object and, when exceptions are among them,
 * their tickets, expiry dates and owners (listed in exception-id order).
 */
export function meta(
  ctx: Ctx,
  name: string,
  namespace: string | undefined,
  intent: string,
  flows: readonly ResolvedFlow[] = [],
  labels: Readonly<Record<string, string>> = {},
): ObjectMeta {
  const annotations: Record<string, string> = { [ANNOTATIONS.intent]: intent };
  if (ctx.sourceFile !== undefined) annotations[ANNOTATIONS.source] = ctx.sourceFile;
  if (flows.length > 0) annotations[ANNOTATIONS.flow] = sortedUnique(flows.map((f) => f.id)).join(",");
  const exceptions = [...new Map(flows.flatMap((f) => (f.exception ? [[f.exception.id, f.exception] as const] : []))).values()].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  if (exceptions.length > 0) {
    annotations[ANNOTATIONS.exceptionTicket] = exceptions.map((x) => x.ticket).join(",");
    annotations[ANNOTATIONS.exceptionExpires] = exceptions.map((x) => x.expires).join(",");
    annotations[ANNOTATIONS.exceptionOwner] = exceptions.map((x) => x.owner).join(",");
  }
  return {
    name: objectName(name),
    ...(namespace !== undefined ? { namespace } : {}),
    labels: { ...labels, ...MANAGED_BY },
    annotations,
  };
}

export function portText(p: ResolvedPort): string {
  const range = p.endPort !== undefined ? `${p.port}-${p.endPort}` : `${p.port}`;
  return `${range}/${p.protocol}${p.name !== undefined ? ` (${p.name})` : ""}`;
}

export function endpointText(e: Endpoint): string {
  return e.kind === "service" ? `service ${e.service.id}` : `external ${e.external.name}`;
}

/** Widest port range ztseg expands into single ports for APIs without ranges (Istio). */
export const MAX_EXPANDED_RANGE = 256;

/** Every TCP port of the list as strings (Istio has no ranges); undefined when a range is too wide to list. */
export function tcpPortStrings(ports: readonly ResolvedPort[]): string[] | undefined {
  const out = new Set<number>();
  for (const p of ports) {
    if (p.protocol !== "TCP") continue;
    const end = p.endPort ?? p.port;
    if (end - p.port + 1 > MAX_EXPANDED_RANGE) return undefined;
    for (let n = p.port; n <= end; n++) out.add(n);
  }
  return [...out].sort((a, b) => a - b).map(String);
}

/**
 * The index of a resolved port in the flow as written, so a diagnostic can
 * name `flows[3].ports[1]`. Resolved ports are de-duplicated and sorted,
 * so their positions differ from the source.
 */
export function portPath(ctx: Ctx, flow: ResolvedFlow, port: ResolvedPort): string {
  const m = /^(flows|exceptions)\[(\d+)\]$/.exec(flow.origin);
  const raw = m ? (m[1] === "flows" ? ctx.policy.data.flows : ctx.policy.data.exceptions)[Number(m[2])] : undefined;
  const declared = flow.to.kind === "service" ? flow.to.service.ports : flow.to.external.ports;
  const index = raw?.ports.findIndex((rp) => {
    if (typeof rp === "string") return rp === port.name;
    const spec = typeof rp === "number" ? { port: rp, protocol: "TCP" as const } : rp;
    const end = "endPort" in spec && spec.endPort !== undefined && spec.endPort !== spec.port ? spec.endPort : undefined;
    const named = declared.find((d) => d.name === port.name);
    const sameAsNamed = named !== undefined && named.port === spec.port && named.endPort === end && named.protocol === spec.protocol;
    return (spec.port === port.port && end === port.endPort && spec.protocol === port.protocol) || sameAsNamed;
  });
  return index !== undefined && index >= 0 ? `${flow.origin}.ports[${index}]` : `${flow.origin}.ports`;
}

export const byId = <T extends { readonly id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Items grouped by key (items whose key is undefined are left out), each group in input order. */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Flows grouped by the id of the service at one end (services only), each group in flow order. */
export function flowsByService(flows: readonly ResolvedFlow[], end: "from" | "to"): Map<string, ResolvedFlow[]> {
  return groupBy(flows, (f) => {
    const e = f[end];
    return e.kind === "service" ? e.service.id : undefined;
  });
}

const NO_FLOWS: readonly ResolvedFlow[] = [];

export const flowsInto = (ctx: Ctx, serviceId: string): readonly ResolvedFlow[] => ctx.flowsInto.get(serviceId) ?? NO_FLOWS;
export const flowsFrom = (ctx: Ctx, serviceId: string): readonly ResolvedFlow[] => ctx.flowsFrom.get(serviceId) ?? NO_FLOWS;
