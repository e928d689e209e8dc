/**
 * What the auditor's report shows, as data: zones, services, flows (with the
 * ones a vendor can drive marked), exceptions, invariant verdicts, digest and
 * revision. Built from a policy, or from analysed manifests when there is none.
 */
// @ts-nocheck

import { endpointId, type ResolvedPolicy, type TrustLevel } from "../../model";
import type { DiffSide } from "../diff";
import { policyExceptions } from "../diff/exceptions";
import type { ExceptionView } from "../diff/types";
import { flowLabel, portLabel } from "../diff/flows";
import { sideNames } from "../diff/naming";
import type { VerifyReport } from "../verify";
import { nodeId } from "../verify/view";
import { inventoryFromSide, type VendorInventory } from "../vendors";

export interface ReportZone {
  readonly name: string;
  readonly namespace: string;
  readonly trust: TrustLevel;
  readonly sensitive: boolean;
  readonly data: readonly string[];
  readonly vendor?: string;
  readonly description?: string;
}

export interface ReportService {
  readonly id: string;
  readonly zone: string;
  readonly ports: string;
  readonly identity: string;
}

export interface ReportFlow {
  readonly from: string;
  readonly to: string;
  /** Zone (or external) at each end, for the graph. */
  readonly fromGroup: string;
  readonly toGroup: string;
  readonly ports: string;
  /** Whether a vendor source can drive it: it starts at a vendor or at something a vendor reaches. */
  readonly vendorFacing: boolean;
  readonly exception?: string;
}

/** An exception as the report shows it: the same view the semantic diff uses. */
export type ReportException = ExceptionView;

export interface ReportExternal {
  readonly name: string;
  readonly trust: TrustLevel;
  readonly cidrs: string;
  readonly vendor?: string;
}

export interface ReportRevision {
  readonly commit: string;
  readonly dirty: boolean;
}

export interface ReportModel {
  readonly title: string;
  readonly subject: string;
  /** Injected (YYYY-MM-DD): the report carries no other time. */
  readonly generated: string;
  readonly revision?: ReportRevision;
  readonly digest: string;
  readonly objects: number;
  readonly zones: readonly ReportZone[];
  readonly externals: readonly ReportExternal[];
  readonly services: readonly ReportService[];
  readonly flows: readonly ReportFlow[];
  readonly exceptions: readonly ReportException[];
  readonly report: VerifyReport;
  /** Every third party and what it can reach (all layers together). */
  readonly vendors: VendorInventory;
}

export interface ReportInput {
  readonly side: DiffSide;
  readonly digest: string;
  readonly generated: string;
  readonly revision?: ReportRevision;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Flows whose source a vendor-trust source reaches (or is), over the flow graph. */
function markVendorFacing(flows: readonly Omit<ReportFlow, "vendorFacing">[], vendorSources: ReadonlySet<string>): ReportFlow[] {
  const out = new Map<string, string[]>();
  for (const f of flows) out.set(f.from, [...(out.get(f.from) ?? []), f.to]);
  const reached = new Set(vendorSources);
  const queue = [...vendorSources];
  for (let i = 0; i < queue.length; i++)
    for (const next of out.get(queue[i]!) ?? [])
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
  return flows.map((f) => ({ ...f, vendorFacing: reached.has(f.from) }));
}

function fromPolicy(policy: ResolvedPolicy) {
  const zones: ReportZone[] = policy.zones.map((z) => ({
    name: z.name,
    namespace: z.namespace,
    trust: z.trust,
    sensitive: z.sensitive,
    data: z.data,
    ...(z.vendor !== undefined ? { vendor: z.vendor } : {}),
    ...(z.description !== undefined ? { description: z.description } : {}),
  }));
  const externals: ReportExternal[] = policy.externals.map((e) => ({
    name: e.name,
    trust: e.trust,
    cidrs: e.blocks.map((b) => `${b.cidr.text}${b.except.length > 0 ? ` except ${b.except.map((x) => x.text).join(", ")}` : ""}`).join(", "),
    ...(e.vendor !== undefined ? { vendor: e.vendor } : {}),
  }));
  const services: ReportService[] = policy.services.map((s) => ({ id: s.id, zone: s.zone, ports: s.ports.map((p) => `${p.name} ${portLabel(p)}`).join(", "), identity: s.principal }));
  const group = (e: ResolvedPolicy["flows"][number]["from"]) => (e.kind === "service" ? e.service.zone : e.external.name);
  const flows = policy.flows.map((f) => ({
    from: endpointId(f.from),
    to: endpointId(f.to),
    fromGroup: group(f.from),
    toGroup: group(f.to),
    ports: flowLabel(f),
    ...(f.exception ? { exception: f.exception.id } : {}),
  }));
  const vendorZones = new Set(policy.zones.filter((z) => z.trust === "vendor").map((z) => z.name));
  const vendorSources = new Set([
    ...policy.services.filter((s) => vendorZones.has(s.zone)).map((s) => s.id),
    ...policy.externals.filter((e) => e.trust === "vendor").map((e) => e.name),
  ]);
  const exceptions: ReportException[] = policyExceptions(policy);
  return { title: policy.name, zones, externals, services, flows: markVendorFacing(flows, vendorSources), exceptions };
}

function fromManifests(side: DiffSide) {
  const names = sideNames(side);
  const c = names.classification;
  const zones: ReportZone[] = [...c.namespaces.values()].map((n) => ({
    name: n.zone ?? n.namespace,
    namespace: n.namespace,
    trust: n.trust,
    sensitive: n.sensitive,
    data: n.dataClasses,
    ...(n.vendor !== undefined ? { vendor: n.vendor } : {}),
  }));
  const externals: ReportExternal[] = c.externals.map((e) => ({ name: e.name, trust: e.trust, cidrs: `${e.ranges.length} range(s)`, ...(e.vendor !== undefined ? { vendor: e.vendor } : {}) }));
  const services: ReportService[] = side.connectivity.workloads.map((w) => ({
    id: names.name(w.id),
    zone: c.namespaces.get(w.namespace)?.zone ?? w.namespace,
    ports: w.namedPorts.map((p) => `${p.name} ${p.protocol} ${p.port}`).join(", "),
    identity: `sa/${w.serviceAccount}${w.meshed ? " (meshed)" : ""}`,
  }));
  const zoneOf = (id: string) => {
    const n = names.nodes.get(id);
    return n?.kind === "workload" && n.namespace !== undefined ? (c.namespaces.get(n.namespace)?.zone ?? n.namespace) : names.name(id);
  };
  const flows = side.connectivity.edges().map((e) => {
    const s = nodeId(e.src);
    const d = nodeId(e.dst);
    return { from: names.name(s), to: names.name(d), fromGroup: zoneOf(s), toGroup: zoneOf(d), ports: e.conns.toDisplayString() };
  });
  const vendorSources = new Set(
    [...names.nodes.values()]
      .filter((n) => (n.kind === "workload" ? c.namespaces.get(n.namespace ?? "")?.trust === "vendor" : c.externals.some((e) => e.trust === "vendor" && e.name === names.name(n.id))))
      .map((n) => names.name(n.id)),
  );
  return { title: side.label, zones, externals, services, flows: markVendorFacing(flows, vendorSources), exceptions: [] as ReportException[] };
}

export function reportModel(input: ReportInput): ReportModel {
  const parts = input.side.policy ? fromPolicy(input.side.policy) : fromManifests(input.side);
  return {
    title: parts.title,
    subject: input.side.label,
    generated: input.generated,
    ...(input.revision ? { revision: input.revision } : {}),
    digest: input.digest,
    objects: input.side.objects.length,
    zones: [...parts.zones].sort((a, b) => cmp(a.name, b.name)),
    externals: [...parts.externals].sort((a, b) => cmp(a.name, b.name)),
    services: [...parts.services].sort((a, b) => cmp(a.id, b.id)),
    flows: [...parts.flows].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.ports, b.ports)),
    exceptions: [...parts.exceptions].sort((a, b) => cmp(a.id, b.id)),
    report: input.side.report,
    vendors: inventoryFromSide(input.side),
  };
}
