/** The telecom reference, and copies of it with one vendor quarantined or one flow added. */
// @ts-nocheck

import telecom from "../../policies/telecom";
import { type PolicyData, type PolicyInput, type ResolvedPolicy, resolvePolicy } from "../../src/model";

export const TELECOM: ResolvedPolicy = telecom;

export function resolved(data: PolicyInput | PolicyData): ResolvedPolicy {
  const r = resolvePolicy(data);
  if (!r.policy) throw new Error(r.diagnostics.map((d) => `${d.path}: ${d.message}`).join("\n"));
  return r.policy;
}

/** telecom with `vendor` quarantined: a copy of its data, resolved again. */
export function quarantined(vendor: string, base: ResolvedPolicy = TELECOM): ResolvedPolicy {
  const vendors = base.data.vendors ?? {};
  return resolved({ ...base.data, vendors: { ...vendors, [vendor]: { ...vendors[vendor]!, quarantined: true } } });
}

/** telecom with extra exceptions appended. */
export function withExceptions(extra: NonNullable<PolicyData["exceptions"]>, base: ResolvedPolicy = TELECOM): ResolvedPolicy {
  return resolved({ ...base.data, exceptions: [...(base.data.exceptions ?? []), ...extra] });
}

/** The vendors a flow touches, read from the policy's zones and externals (independently of src/core/vendors). */
export function vendorsOfFlow(policy: ResolvedPolicy, f: ResolvedPolicy["flows"][number]): string[] {
  const of = (e: typeof f.from) => (e.kind === "external" ? e.external.vendor : policy.zones.find((z) => z.name === e.service.zone)?.vendor);
  return [of(f.from), of(f.to)].filter((v): v is string => v !== undefined);
}
