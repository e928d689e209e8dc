/**
 * definePolicy(): the entry point of a policy module. It validates and
 * resolves at import time, so a broken policy cannot be used by anything.
 */
// @ts-nocheck

import { DiagnosticError } from "./diagnostics";
import type { ResolvedPolicy } from "./resolved";
import { resolvePolicy } from "./resolve";
import type { InvariantInput, PolicyInput, Selector } from "./schema";

export function definePolicy(input: PolicyInput): ResolvedPolicy {
  const { policy, diagnostics } = resolvePolicy(input);
  if (!policy) throw new DiagnosticError(diagnostics.filter((d) => d.severity === "error"));
  return Object.assign(policy, { warnings: diagnostics });
}

/** The warnings found while resolving (errors make definePolicy throw). */
export function policyWarnings(policy: ResolvedPolicy): readonly import("./diagnostics").Diagnostic[] {
  return (policy as ResolvedPolicy & { warnings?: readonly import("./diagnostics").Diagnostic[] }).warnings ?? [];
}

/** No connection path, over any number of hops and any port, from `from` to `to`. */
export function noPath(args: { from: Selector; to: Selector; id?: string; description?: string }): InvariantInput {
  return { kind: "noPath", ...args };
}
/** Every pod is isolated for ingress and egress by a default-deny policy. */
export function defaultDeny(id?: string): InvariantInput {
  return id === undefined ? { kind: "defaultDeny" } : { kind: "defaultDeny", id };
}
/** Every meshed namespace runs mTLS STRICT. */
export function mtlsStrict(id?: string): InvariantInput {
  return id === undefined ? { kind: "mtlsStrict" } : { kind: "mtlsStrict", id };
}
/** The selected zones (default: sensitive ones) reach no address outside declared externals. */
export function noInternetEgress(args: { from?: Selector; id?: string } = {}): InvariantInput {
  return { kind: "noInternetEgress", ...args };
}
