/**
 * The resolved policy: every reference checked and replaced by the object it
 * names, ports made concrete, everything sorted. The compiler and the
 * verifier consume only this shape.
 */
// @ts-nocheck

import type { Cidr } from "./cidr";
import type { HttpMatch, Invariant, Protocol, TrustLevel, PolicyData } from "./schema";

export interface ResolvedPort {
  /** The destination's port name when the flow named one. */
  readonly name?: string;
  readonly port: number;
  readonly endPort?: number;
  readonly protocol: Protocol;
}

export interface ResolvedZone {
  readonly name: string;
  readonly namespace: string;
  readonly trust: TrustLevel;
  readonly data: readonly string[];
  readonly sensitive: boolean;
  readonly vendor?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly mesh: boolean;
  readonly description?: string;
}

export interface ResolvedService {
  /** "zone/service" */
  readonly id: string;
  readonly name: string;
  readonly zone: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly (ResolvedPort & { readonly name: string })[];
  readonly serviceAccount: string;
  /** `<trustDomain>/ns/<ns>/sa/<sa>` (Istio principal form, no spiffe:// prefix). */
  readonly principal: string;
  readonly description?: string;
}

export interface ResolvedBlock {
  readonly cidr: Cidr;
  readonly except: readonly Cidr[];
}

export interface ResolvedExternal {
  readonly name: string;
  readonly trust: TrustLevel;
  readonly vendor?: string;
  readonly blocks: readonly ResolvedBlock[];
  readonly ports: readonly (ResolvedPort & { readonly name: string })[];
  readonly description?: string;
}

export interface ResolvedVendor {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly contract?: string;
  readonly quarantined: boolean;
  readonly description?: string;
}

export type Endpoint =
  | { readonly kind: "service"; readonly service: ResolvedService }
  | { readonly kind: "external"; readonly external: ResolvedExternal };

export interface ExceptionInfo {
  readonly id: string;
  readonly justification: string;
  readonly owner: string;
  readonly ticket: string;
  /** YYYY-MM-DD, last valid day (UTC). */
  readonly expires: string;
}

export interface ResolvedFlow {
  readonly id: string;
  /** Where the intent sits in the policy source, e.g. `flows[3]` or `exceptions[0]`. */
  readonly origin: string;
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly ports: readonly ResolvedPort[];
  readonly http?: HttpMatch;
  readonly description?: string;
  /** Present when the flow is a declared exception. */
  readonly exception?: ExceptionInfo;
}

export type ResolvedInvariant = Invariant & { readonly id: string; readonly origin: string };

export interface ResolvedPolicy {
  readonly name: string;
  readonly description?: string;
  readonly trustDomain: string;
  readonly dataClasses: Readonly<Record<string, { readonly sensitive: boolean; readonly description?: string | undefined }>>;
  readonly zones: readonly ResolvedZone[];
  readonly vendors: readonly ResolvedVendor[];
  readonly services: readonly ResolvedService[];
  readonly externals: readonly ResolvedExternal[];
  /** Ordinary flows and exceptions together, sorted by id. */
  readonly flows: readonly ResolvedFlow[];
  readonly invariants: readonly ResolvedInvariant[];
  /** The parsed input, kept for diffs and reports. */
  readonly data: PolicyData;
}

export function endpointId(e: Endpoint): string {
  return e.kind === "service" ? e.service.id : e.external.name;
}

export function endpointTrust(policy: ResolvedPolicy, e: Endpoint): TrustLevel {
  if (e.kind === "external") return e.external.trust;
  const zone = policy.zones.find((z) => z.name === e.service.zone);
  return zone?.trust ?? "internal";
}
