/**
 * Verification results as data. Renderers (text, JSON, Markdown) and the
 * jest matchers read these; nothing here formats for a terminal.
 */
import type { IpRange } from "../../model/cidr";

/** The enforcing tiers checked one at a time for defence in depth. */
export const LAYER_NAMES = ["combined", "networkpolicy", "istio", "guardrails"] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

export const LAYER_TITLES: Readonly<Record<LayerName, string>> = {
  combined: "all layers together",
  networkpolicy: "NetworkPolicy alone",
  istio: "Istio alone",
  guardrails: "guardrails alone (AdminNetworkPolicy, BaselineAdminNetworkPolicy, Istio DENY)",
};

export interface PathHop {
  readonly from: string;
  readonly to: string;
  /** What the hop allows, e.g. `TCP 8080`. */
  readonly connections: string;
  /** The rules that let it through, e.g. `NetworkPolicy crm/allow-crm-api rule ingress[0]`. */
  readonly rules: readonly string[];
  /** Set when the hop is a declared exception. */
  readonly exception?: { readonly id: string; readonly ticket: string; readonly expires: string; readonly owner: string };
}

export interface PathViolation {
  readonly kind: "path";
  readonly from: string;
  readonly to: string;
  readonly hops: readonly PathHop[];
}

export interface ItemViolation {
  readonly kind: "item";
  /** The workload, namespace or address range at fault. */
  readonly subject: string;
  readonly message: string;
}

export type Violation = PathViolation | ItemViolation;

export type Status = "holds" | "fails" | "not-applicable";

export interface LayerResult {
  readonly layer: LayerName;
  /** What this layer can enforce; its verdict speaks only of that. */
  readonly scope: string;
  readonly status: Status;
  readonly violations: readonly Violation[];
}

export interface InvariantResult {
  readonly id: string;
  readonly kind: "noPath" | "defaultDeny" | "mtlsStrict" | "noInternetEgress" | "exceptions";
  readonly title: string;
  /** The verdict that decides the exit code (combined layers, or the invariant's own check). */
  readonly status: Status;
  readonly violations: readonly Violation[];
  /** Paths allowed only through declared, unexpired exceptions: allowed but reported. */
  readonly reported: readonly PathViolation[];
  /** Per-layer verdicts (noPath only). */
  readonly layers: readonly LayerResult[];
  /** Facts an auditor should see although the invariant holds. */
  readonly notes?: readonly string[];
}

export interface VerifyReport {
  readonly subject: string;
  readonly holds: boolean;
  readonly invariants: readonly InvariantResult[];
  readonly stats: { readonly workloads: number; readonly externalRanges: number; readonly edges: number };
}

export function rangeText(r: IpRange): string {
  return `${r.version}:${r.start}-${r.end}`;
}
