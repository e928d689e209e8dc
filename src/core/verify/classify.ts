/**
 * Which namespaces are vendor-operated and which hold sensitive data, and
 * which address ranges belong to which third party. From a policy this is
 * exact; from any cluster's YAML it comes from the namespace labels the
 * compiler writes (ztseg.dev/trust, ztseg.dev/sensitive, ...) or from a
 * small classification file.
 */
import { type IpRange, parseCidr } from "../../model/cidr";
import type { ResolvedPolicy } from "../../model/resolved";
import type { Selector, TrustLevel } from "../../model/schema";
import { LABELS } from "../k8s/object";
import { serviceWorkloadId } from "./representative";

export interface NamespaceClass {
  readonly namespace: string;
  readonly zone?: string;
  readonly trust: TrustLevel;
  readonly sensitive: boolean;
  readonly dataClasses: readonly string[];
  readonly vendor?: string;
}

export interface ExternalClass {
  readonly name: string;
  readonly trust: TrustLevel;
  readonly vendor?: string;
  /** Address ranges of the external (CIDRs minus excepts). */
  readonly ranges: readonly IpRange[];
}

export interface Classification {
  readonly namespaces: ReadonlyMap<string, NamespaceClass>;
  readonly externals: readonly ExternalClass[];
  /** Workload id -> "zone/service", when the workloads are a policy's representative pods. */
  readonly services: ReadonlyMap<string, string>;
}

/** Subtracts the except blocks from a CIDR, giving disjoint ranges. */
export function blockRanges(cidr: IpRange, except: readonly IpRange[]): IpRange[] {
  let ranges: IpRange[] = [cidr];
  for (const ex of except) {
    const next: IpRange[] = [];
    for (const r of ranges) {
      if (r.version !== ex.version || ex.end < r.start || ex.start > r.end) {
        next.push(r);
        continue;
      }
      if (ex.start > r.start) next.push({ version: r.version, start: r.start, end: ex.start - 1n });
      if (ex.end < r.end) next.push({ version: r.version, start: ex.end + 1n, end: r.end });
    }
    ranges = next;
  }
  return ranges;
}

export function classifyPolicy(policy: ResolvedPolicy): Classification {
  const namespaces = new Map<string, NamespaceClass>();
  for (const z of policy.zones) {
    namespaces.set(z.namespace, {
      namespace: z.namespace,
      zone: z.name,
      trust: z.trust,
      sensitive: z.sensitive,
      dataClasses: z.data,
      ...(z.vendor !== undefined ? { vendor: z.vendor } : {}),
    });
  }
  const externals = policy.externals.map((e) => ({
    name: e.name,
    trust: e.trust,
    ...(e.vendor !== undefined ? { vendor: e.vendor } : {}),
    ranges: e.blocks.flatMap((b) => blockRanges(b.cidr, b.except)),
  }));
  const services = new Map(policy.services.map((s) => [serviceWorkloadId(s), s.id]));
  return { namespaces, externals, services };
}

const TRUST_VALUES: readonly string[] = ["internal", "vendor", "external"];

/** Classification from namespace labels written by `ztseg compile`; unlabelled namespaces are internal and not sensitive. */
export function classifyFromLabels(namespaceLabels: ReadonlyMap<string, Readonly<Record<string, string>>>, file?: ClassificationFile): Classification {
  const namespaces = new Map<string, NamespaceClass>();
  for (const [ns, labels] of namespaceLabels) {
    const trustLabel = labels[LABELS.trust];
    const override = file?.namespaces?.[ns];
    const trust = override?.trust ?? (trustLabel && TRUST_VALUES.includes(trustLabel) ? (trustLabel as TrustLevel) : "internal");
    const dataClasses = Object.keys(labels)
      .filter((k) => k.startsWith(LABELS.dataPrefix) && labels[k] === "true")
      .map((k) => k.slice(LABELS.dataPrefix.length))
      .sort();
    const zone = labels[LABELS.zone];
    const vendor = override?.vendor ?? labels[LABELS.vendor];
    namespaces.set(ns, {
      namespace: ns,
      ...(zone !== undefined ? { zone } : {}),
      trust,
      sensitive: override?.sensitive ?? labels[LABELS.sensitive] === "true",
      dataClasses,
      ...(vendor !== undefined ? { vendor } : {}),
    });
  }
  const externals: ExternalClass[] = Object.entries(file?.externals ?? {})
    .map(([name, e]) => ({
      name,
      trust: e.trust,
      ...(e.vendor !== undefined ? { vendor: e.vendor } : {}),
      ranges: e.cidrs.flatMap((c) => {
        const parsed = parseCidr(c);
        return parsed ? [parsed] : [];
      }),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return { namespaces, externals, services: new Map() };
}

/** The optional `--classification` file: overrides for namespaces and the external address sets. */
export interface ClassificationFile {
  readonly namespaces?: Readonly<Record<string, { readonly trust?: TrustLevel; readonly sensitive?: boolean; readonly vendor?: string }>>;
  readonly externals?: Readonly<Record<string, { readonly cidrs: readonly string[]; readonly trust: TrustLevel; readonly vendor?: string }>>;
}

export interface NodeInfo {
  /** Analyzer workload id or external range id. */
  readonly id: string;
  readonly kind: "workload" | "external";
  readonly namespace?: string;
  readonly range?: IpRange;
}

const intersects = (a: IpRange, b: IpRange) => a.version === b.version && a.start <= b.end && b.start <= a.end;

/**
 * The declared external an address range belongs to: the most specific one
 * overlapping it (a vendor's /27 inside a declared "internet" 0.0.0.0/0 is
 * the vendor's). Ranges are split at every CIDR the policies mention, so
 * every address of the range shares the range's verdicts.
 */
export function attributeRange(c: Classification, range: IpRange): ExternalClass | undefined {
  if (c.externals.length === 0) return undefined;
  // Asked per range node by every selector test (sources and targets of each noPath check, each layer): remembered
  // per range object, since the answer scans every declared external with bigint comparisons.
  let memo = attributed.get(c);
  if (!memo) attributed.set(c, (memo = new WeakMap()));
  const known = memo.get(range);
  if (known !== undefined) return known ?? undefined;
  const best = attributeRangeNow(c, range);
  memo.set(range, best ?? null);
  return best;
}

/** attributeRange's answers per classification and range object (null: no external). Classifications are not changed once built. */
const attributed = new WeakMap<Classification, WeakMap<IpRange, ExternalClass | null>>();

function attributeRangeNow(c: Classification, range: IpRange): ExternalClass | undefined {
  let best: ExternalClass | undefined;
  let bestSize = -1n;
  for (const e of c.externals) {
    for (const r of e.ranges) {
      if (!intersects(r, range)) continue;
      const size = r.end - r.start;
      if (best === undefined || size < bestSize || (size === bestSize && e.name < best.name)) {
        best = e;
        bestSize = size;
      }
    }
  }
  return best;
}

/** Does a selector (union of its fields) pick this node? */
export function selects(c: Classification, sel: Selector, node: NodeInfo): boolean {
  if (node.kind === "workload") {
    // Asked for every node by every noPath check: the service map is looked up only when the selector names services.
    if (sel.services) {
      const service = c.services.get(node.id);
      if (service !== undefined && sel.services.includes(service)) return true;
    }
    const ns = node.namespace !== undefined ? c.namespaces.get(node.namespace) : undefined;
    if (!ns) return false;
    if (sel.trust?.includes(ns.trust)) return true;
    if (sel.sensitive !== undefined && ns.sensitive === sel.sensitive) return true;
    if (sel.dataClasses?.some((d) => ns.dataClasses.includes(d))) return true;
    if (sel.zones && ns.zone !== undefined && sel.zones.includes(ns.zone)) return true;
    if (sel.vendors && ns.vendor !== undefined && sel.vendors.includes(ns.vendor)) return true;
    return false;
  }
  const e = node.range ? attributeRange(c, node.range) : undefined;
  if (!e) return false;
  if (sel.trust?.includes(e.trust)) return true;
  if (sel.externals?.includes(e.name)) return true;
  if (sel.vendors && e.vendor !== undefined && sel.vendors.includes(e.vendor)) return true;
  return false;
}
