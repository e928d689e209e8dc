/**
 * Which intents a quarantine switches off, and the policy as it would be with
 * a vendor quarantined or released: the same answer the compiler acts on, for
 * diffs, inventories and the quarantine command's preview.
 */
// @ts-nocheck

import { type Diagnostic, type Endpoint, type PolicyData, type ResolvedFlow, type ResolvedPolicy, resolvePolicy } from "../../model";

/** The vendor an endpoint belongs to (its zone's vendor, or the external's). */
export function endpointVendorOf(policy: ResolvedPolicy, e: Endpoint): string | undefined {
  if (e.kind === "external") return e.external.vendor;
  return policy.zones.find((z) => z.name === e.service.zone)?.vendor;
}

/** Vendors a flow touches at either end. */
export function flowVendors(policy: ResolvedPolicy, f: ResolvedFlow): string[] {
  return [...new Set([endpointVendorOf(policy, f.from), endpointVendorOf(policy, f.to)].filter((v): v is string => v !== undefined))].sort();
}

/** Flows and exceptions in force: those of quarantined vendors are not compiled. */
export function flowsInForce(policy: ResolvedPolicy): ResolvedFlow[] {
  const quarantined = new Set(policy.vendors.filter((v) => v.quarantined).map((v) => v.id));
  if (quarantined.size === 0) return [...policy.flows];
  return policy.flows.filter((f) => !flowVendors(policy, f).some((v) => quarantined.has(v)));
}

/**
 * The policy with one vendor's `quarantined` flag set to `on`, resolved
 * again from its data (the input is not modified). Unknown vendors and a
 * policy that no longer resolves come back as diagnostics.
 */
export function withQuarantine(policy: ResolvedPolicy, vendor: string, on: boolean): { policy?: ResolvedPolicy; diagnostics: readonly Diagnostic[] } {
  const vendors = policy.data.vendors ?? {};
  if (!Object.hasOwn(vendors, vendor)) {
    const known = Object.keys(vendors).sort();
    return {
      diagnostics: [
        {
          code: "unknown-reference",
          severity: "error",
          path: "vendors",
          message: `unknown vendor "${vendor}"`,
          hint: known.length > 0 ? `vendors are ${known.join(", ")}` : "the policy declares no vendors",
        },
      ],
    };
  }
  const entry = vendors[vendor]!;
  const data: PolicyData = { ...policy.data, vendors: { ...vendors, [vendor]: { ...entry, quarantined: on } } };
  const resolved = resolvePolicy(data);
  return resolved.policy ? { policy: resolved.policy, diagnostics: resolved.diagnostics } : { diagnostics: resolved.diagnostics };
}
