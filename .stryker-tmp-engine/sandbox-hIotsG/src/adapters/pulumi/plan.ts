/**
 * What a deployment will register, decided before Pulumi sees anything:
 * the policy is compiled and verified, and a policy that fails an invariant
 * (or does not compile) yields an error whose message prints the offending
 * path hop by hop. The objects deployed are exactly the verified ones.
 */
// @ts-nocheck

import { type Diagnostic, DiagnosticError, formatDiagnostics, hasErrors, type ResolvedPolicy } from "../../model";
import type { CompileOptions } from "../../core/compile";
import type { KubeObject } from "../../core/k8s/object";
import { manifestDigest } from "../../core/render";
import { verifyPolicy, type VerifyReport } from "../../core/verify";
import { verifyText } from "../../core/verify/render";

export interface PlanOptions {
  /** ISO date (YYYY-MM-DD) against which exception expiry is checked. */
  readonly today: string;
  readonly compile?: CompileOptions;
}

export interface SegmentationPlan {
  readonly policyName: string;
  /** Sorted compiled objects: what gets registered, one resource each. */
  readonly objects: readonly KubeObject[];
  /** sha256 of the canonical YAML stream; equals `manifest-digest` in `ztseg compile`'s index.txt for the same options. */
  readonly digest: string;
  /** Objects per kind, keys sorted. */
  readonly counts: Readonly<Record<string, number>>;
  readonly report: VerifyReport;
  /** Non-fatal diagnostics (e.g. quarantined flows). */
  readonly warnings: readonly Diagnostic[];
}

export const INVARIANT_FAILED = "invariant-failed";

export function countByKind(objects: readonly KubeObject[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const o of objects) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Compiles and verifies; throws a DiagnosticError (with the verification text when an invariant fails). */
export function planSegmentation(policy: ResolvedPolicy, options: PlanOptions): SegmentationPlan {
  const file = options.compile?.sourceFile;
  const result = verifyPolicy(policy, { today: options.today, ...(options.compile ? { compile: options.compile } : {}) });
  const diagnostics = result.diagnostics.map((d) => (file !== undefined && d.file === undefined ? { ...d, file } : d));
  if (!result.report || hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    throw new DiagnosticError(errors, `ztseg: policy "${policy.name}" does not compile; nothing was deployed\n${formatDiagnostics(errors)}`);
  }
  const report = result.report;
  if (!report.holds) {
    const failed = report.invariants.filter((r) => r.status === "fails");
    const diag: Diagnostic = {
      code: INVARIANT_FAILED,
      severity: "error",
      path: "",
      message: `invariant${failed.length > 1 ? "s" : ""} ${failed.map((r) => r.id).join(", ")} fail${failed.length > 1 ? "" : "s"}`,
      ...(file !== undefined ? { file } : {}),
    };
    throw new DiagnosticError([diag], `ztseg: policy "${policy.name}" fails verification; nothing was deployed\n${verifyText(report)}`);
  }
  return {
    policyName: policy.name,
    objects: result.objects,
    digest: manifestDigest(result.objects),
    counts: countByKind(result.objects),
    report,
    warnings: diagnostics.filter((d) => d.severity === "warning"),
  };
}

/**
 * The policy with another SPIFFE trust domain: the policy-level field and
 * every service principal derived from it. Services are shared by reference
 * between the service list and the flows' endpoints, so the rewrite is
 * memoised to keep that sharing.
 */
export function withTrustDomain(policy: ResolvedPolicy, trustDomain: string): ResolvedPolicy {
  if (trustDomain === policy.trustDomain) return policy;
  const seen = new Map<object, unknown>();
  const rewrite = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null) return value;
    const done = seen.get(value);
    if (done !== undefined) return done;
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      seen.set(value, out);
      for (const item of value) out.push(rewrite(item));
      return out;
    }
    // Only plain data is rewritten; anything else (a Date, a class instance) is kept as it is.
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    seen.set(value, out);
    for (const [k, v] of Object.entries(value)) out[k] = rewrite(v);
    if (typeof out["principal"] === "string" && typeof out["namespace"] === "string" && typeof out["serviceAccount"] === "string") {
      out["principal"] = `${trustDomain}/ns/${out["namespace"]}/sa/${out["serviceAccount"]}`;
    }
    return out;
  };
  // The rewrite keeps the shape: same fields, only principals changed.
  const copy = rewrite(policy) as ResolvedPolicy;
  return { ...copy, trustDomain };
}
