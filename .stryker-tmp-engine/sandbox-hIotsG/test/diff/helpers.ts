/** Telecom policy variants built in memory, and their diff sides (cached: building a side compiles and analyses). */
// @ts-nocheck

import telecom from "../../policies/telecom";
import { type PolicyData, type ResolvedPolicy, resolvePolicy } from "../../src/model";
import { type DiffSide, policySide } from "../../src/core/diff";

export const TODAY = "2026-11-25";
export const BASE: ResolvedPolicy = telecom;

export function variant(edit: (data: PolicyData & Record<string, unknown>) => void): ResolvedPolicy {
  const data = structuredClone(BASE.data) as PolicyData & Record<string, unknown>;
  edit(data);
  const { policy, diagnostics } = resolvePolicy(data);
  if (!policy) throw new Error(diagnostics.map((d) => `${d.path}: ${d.message}`).join("\n"));
  return policy;
}

/** The example: one vendor flow into the staff console, which reaches CRM. */
export const VENDOR_FLOW = { from: "vendor-fieldops/fieldops-connector", to: "backoffice/staff-console", ports: ["http"] };

const cache = new Map<ResolvedPolicy, DiffSide>();
export function side(policy: ResolvedPolicy, label: string): DiffSide {
  const hit = cache.get(policy);
  if (hit) return { ...hit, label };
  const r = policySide(policy, { label, today: TODAY });
  if (!r.side) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  cache.set(policy, r.side);
  return r.side;
}
