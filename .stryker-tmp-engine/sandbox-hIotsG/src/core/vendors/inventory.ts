/**
 * The third-party inventory: per vendor, who answers for it, which zones and
 * address sets are its, what it can open connections to directly, what it
 * reaches over any number of hops (with the depth), its exceptions, and any
 * sensitive zone within reach (there must be none). Computed on analysed
 * manifests (all enforcing layers together), never on intent alone.
 */
// @ts-nocheck

import { formatIp, type ResolvedPolicy } from "../../model";
import { type Connectivity, ConnSet } from "../analyze";
import { flowLabel, portLabel } from "../diff/flows";
import { LABELS } from "../k8s/object";
import { attributeRange, type Classification, type ExternalClass } from "../verify/classify";
import { externalRange, nodeId } from "../verify/view";
import { flowVendors } from "./quarantine";

export interface VendorZone {
  readonly name: string;
  readonly namespace: string;
}

export interface VendorAddressSet {
  readonly name: string;
  readonly cidrs: readonly string[];
}

/** Something a vendor reaches: a service (workload) or a declared external address set. */
export interface ReachTarget {
  /** `zone/service`, `namespace/workload`, or the external's name. */
  readonly name: string;
  readonly kind: "workload" | "external";
  /** The zone (or namespace) of a workload; the external's name otherwise. */
  readonly zone: string;
  readonly sensitive: boolean;
}

export interface DirectReach extends ReachTarget {
  /** What may be opened, e.g. `TCP 8080`. */
  readonly connections: string;
  /** The vendor's own endpoints that open it. */
  readonly from: readonly string[];
}

export interface TransitiveReach extends ReachTarget {
  /** Hops from the nearest endpoint of the vendor (1 = direct). */
  readonly depth: number;
  /** One shortest path, vendor endpoint first. */
  readonly path: readonly string[];
}

export interface VendorException {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly ports: string;
  readonly owner: string;
  readonly ticket: string;
  readonly expires: string;
  readonly justification: string;
}

export interface VendorEntry {
  readonly id: string;
  /** Legal name, owner and contract come from the policy; manifests know only the id. */
  readonly name?: string;
  readonly owner?: string;
  readonly contract?: string;
  readonly description?: string;
  readonly quarantined: boolean;
  readonly zones: readonly VendorZone[];
  readonly addressSets: readonly VendorAddressSet[];
  readonly direct: readonly DirectReach[];
  /** Everything reachable, nearest first (direct targets included at depth 1). */
  readonly reach: readonly TransitiveReach[];
  readonly exceptions: readonly VendorException[];
  /** Sensitive targets within reach: must be empty. */
  readonly sensitiveInReach: readonly TransitiveReach[];
}

export interface VendorInventory {
  readonly subject: string;
  readonly basis: "policy" | "manifests";
  readonly vendors: readonly VendorEntry[];
  /** No vendor has a sensitive zone within reach. */
  readonly holds: boolean;
}

export interface InventoryInput {
  readonly subject: string;
  /** The combined-layer analysis. */
  readonly connectivity: Connectivity;
  readonly classification: Classification;
  /** When present: vendor names, owners, contracts, exceptions and quarantine flags. */
  readonly policy?: ResolvedPolicy;
  /** Namespace labels (manifests): `ztseg.dev/quarantined` marks a quarantined vendor. */
  readonly namespaceLabels?: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface NodeFacts {
  readonly name: string;
  readonly kind: "workload" | "external";
  readonly zone: string;
  readonly sensitive: boolean;
  readonly vendor?: string;
}

function nodeFacts(input: InventoryInput): Map<string, NodeFacts> {
  const c = input.classification;
  const out = new Map<string, NodeFacts>();
  for (const w of input.connectivity.workloads) {
    const ns = c.namespaces.get(w.namespace);
    const zone = ns?.zone ?? w.namespace;
    out.set(w.id, {
      name: c.services.get(w.id) ?? `${zone}/${w.name}`,
      kind: "workload",
      zone,
      sensitive: ns?.sensitive ?? false,
      ...(ns?.vendor !== undefined ? { vendor: ns.vendor } : {}),
    });
  }
  for (const r of input.connectivity.externals) {
    const owner: ExternalClass | undefined = attributeRange(c, externalRange(r));
    const name = owner?.name ?? `${r.first}-${r.last}`;
    out.set(r.id, { name, kind: "external", zone: name, sensitive: false, ...(owner?.vendor !== undefined ? { vendor: owner.vendor } : {}) });
  }
  return out;
}

function vendorIds(input: InventoryInput): string[] {
  if (input.policy) return input.policy.vendors.map((v) => v.id).sort(cmp);
  const c = input.classification;
  const ids = new Set<string>();
  for (const ns of c.namespaces.values()) if (ns.vendor !== undefined) ids.add(ns.vendor);
  for (const e of c.externals) if (e.vendor !== undefined) ids.add(e.vendor);
  return [...ids].sort(cmp);
}

function rangeText(r: { version: 4 | 6; start: bigint; end: bigint }): string {
  return `${formatIp(r.version, r.start)}-${formatIp(r.version, r.end)}`;
}

export function vendorInventory(input: InventoryInput): VendorInventory {
  const facts = nodeFacts(input);
  const out = new Map<string, { to: string; conns: ConnSet }[]>();
  for (const e of input.connectivity.edges()) {
    const from = nodeId(e.src);
    const list = out.get(from) ?? [];
    list.push({ to: nodeId(e.dst), conns: e.conns });
    out.set(from, list);
  }
  for (const list of out.values()) list.sort((a, b) => cmp(a.to, b.to));
  const policy = input.policy;
  const vendors = vendorIds(input).map((id): VendorEntry => {
    const own = (n: string) => facts.get(n)?.vendor === id;
    const sources = [...facts.keys()].filter(own).sort(cmp);

    // Direct: one hop from any of the vendor's endpoints to anything not its own, per target name.
    const direct = new Map<string, { target: NodeFacts; conns: ConnSet; from: Set<string> }>();
    for (const s of sources) {
      for (const hop of out.get(s) ?? []) {
        if (own(hop.to)) continue;
        const target = facts.get(hop.to)!;
        const cur = direct.get(target.name) ?? { target, conns: ConnSet.empty, from: new Set<string>() };
        cur.conns = cur.conns.union(hop.conns);
        cur.from.add(facts.get(s)!.name);
        direct.set(target.name, cur);
      }
    }

    // Transitive: breadth-first from all of the vendor's endpoints; paths go through workloads only
    // (an address range outside the cluster is an end, not a relay), as the noPath invariants count them.
    const parent = new Map<string, string | null>(sources.map((s) => [s, null]));
    const depth = new Map<string, number>(sources.map((s) => [s, 0]));
    const queue = [...sources];
    for (let i = 0; i < queue.length; i++) {
      const node = queue[i]!;
      if (depth.get(node)! > 0 && facts.get(node)?.kind !== "workload") continue;
      for (const hop of out.get(node) ?? []) {
        if (depth.has(hop.to)) continue;
        depth.set(hop.to, depth.get(node)! + 1);
        parent.set(hop.to, node);
        queue.push(hop.to);
      }
    }
    const pathTo = (n: string): string[] => {
      const names: string[] = [];
      for (let cur: string | null | undefined = n; cur != null; cur = parent.get(cur)) names.push(facts.get(cur)!.name);
      return names.reverse().filter((x, i, a) => i === 0 || a[i - 1] !== x);
    };
    const reachByName = new Map<string, TransitiveReach>();
    for (const n of queue) {
      if (own(n)) continue;
      const f = facts.get(n)!;
      if (reachByName.has(f.name)) continue; // queue order: the first is the nearest
      reachByName.set(f.name, { name: f.name, kind: f.kind, zone: f.zone, sensitive: f.sensitive, depth: depth.get(n)!, path: pathTo(n) });
    }
    const reach = [...reachByName.values()].sort((a, b) => a.depth - b.depth || cmp(a.name, b.name));

    const v = policy?.vendors.find((x) => x.id === id);
    const zones: VendorZone[] = policy
      ? policy.zones.filter((z) => z.vendor === id).map((z) => ({ name: z.name, namespace: z.namespace }))
      : [...input.classification.namespaces.values()].filter((n) => n.vendor === id).map((n) => ({ name: n.zone ?? n.namespace, namespace: n.namespace }));
    const addressSets: VendorAddressSet[] = policy
      ? policy.externals
          .filter((e) => e.vendor === id)
          .map((e) => ({ name: e.name, cidrs: e.blocks.map((b) => `${b.cidr.text}${b.except.length > 0 ? ` except ${b.except.map((x) => x.text).join(", ")}` : ""}`) }))
      : input.classification.externals.filter((e) => e.vendor === id).map((e) => ({ name: e.name, cidrs: e.ranges.map(rangeText) }));
    const exceptions: VendorException[] = (policy?.flows ?? [])
      .filter((f) => f.exception !== undefined && flowVendors(policy!, f).includes(id))
      .map((f) => {
        const x = f.exception!;
        return {
          id: x.id,
          from: f.from.kind === "service" ? f.from.service.id : f.from.external.name,
          to: f.to.kind === "service" ? f.to.service.id : f.to.external.name,
          ports: f.http ? flowLabel(f) : f.ports.map(portLabel).join(", "),
          owner: x.owner,
          ticket: x.ticket,
          expires: x.expires,
          justification: x.justification,
        };
      })
      .sort((a, b) => cmp(a.id, b.id));
    const quarantined = v
      ? v.quarantined
      : zones.length > 0 && zones.every((z) => input.namespaceLabels?.get(z.namespace)?.[LABELS.quarantined] === "true");
    return {
      id,
      ...(v?.name !== undefined ? { name: v.name } : {}),
      ...(v?.owner !== undefined ? { owner: v.owner } : {}),
      ...(v?.contract !== undefined ? { contract: v.contract } : {}),
      ...(v?.description !== undefined ? { description: v.description } : {}),
      quarantined,
      zones: zones.sort((a, b) => cmp(a.name, b.name)),
      addressSets: addressSets.sort((a, b) => cmp(a.name, b.name)),
      direct: [...direct.values()]
        .map((d) => ({ name: d.target.name, kind: d.target.kind, zone: d.target.zone, sensitive: d.target.sensitive, connections: d.conns.toDisplayString(), from: [...d.from].sort(cmp) }))
        .sort((a, b) => cmp(a.name, b.name)),
      reach,
      exceptions,
      sensitiveInReach: reach.filter((r) => r.sensitive),
    };
  });
  return { subject: input.subject, basis: policy ? "policy" : "manifests", vendors, holds: vendors.every((v) => v.sensitiveInReach.length === 0) };
}
