/**
 * The compiler: a resolved policy becomes the Kubernetes objects that enforce
 * it. Pure and deterministic: same policy and options, byte-identical
 * output. Nothing is emitted when any error diagnostic is found.
 */
import { type Diagnostic, hasErrors } from "../../model/diagnostics";
import type { ResolvedPolicy } from "../../model/resolved";
import { type KubeObject, objectKey } from "../k8s/object";
import { sortObjects } from "../render/canonical";
import { type CapabilityProfile, DEFAULT_CAPABILITIES } from "./capabilities";
import { type Ctx, endpointText, endpointVendor, flowsByService, portPath, portText } from "./context";
import { guardrails } from "./guardrails";
import { detectionRules } from "./detection";
import { checkIntentInvariants } from "./intent-invariants";
import { istioObjects } from "./istio";
import { namespaces, serviceAccounts } from "./namespaces";
import { networkPolicies } from "./networkpolicy";

export { CAPABILITY_PROFILES, DEFAULT_CAPABILITIES, type CapabilityProfile } from "./capabilities";
export { INVARIANT_VIOLATED } from "./intent-invariants";
export { objectName } from "./names";
export { ALERTS, DETECTION, PROMETHEUS_RULE, type PrometheusRuleObject, type PrometheusRuleSpec, promString, regexLiteral, spiffe } from "./detection";
export * from "./types";

export const TARGETS = ["namespaces", "serviceaccounts", "networkpolicy", "istio", "guardrails", "detection"] as const;
export type Target = (typeof TARGETS)[number];
/** Targets that are opt-in: not part of the default set (detection needs the Prometheus Operator's CRD). */
export const OPT_IN_TARGETS: ReadonlySet<Target> = new Set(["detection"]);
/** The default set: every enforcing target; opt-in targets are added with an explicit target list. */
export const ALL_TARGETS: ReadonlySet<Target> = new Set(TARGETS.filter((t) => !OPT_IN_TARGETS.has(t)));

export interface CompileOptions {
  /** Default: ALL_TARGETS (every enforcing target; detection is opt-in). */
  readonly targets?: ReadonlySet<Target>;
  /** Default: DEFAULT_CAPABILITIES (everything supported). */
  readonly capabilities?: CapabilityProfile;
  /** Policy file shown in the ztseg.dev/source annotation. */
  readonly sourceFile?: string;
  /**
   * Gate on noPath invariants over the intent (default true). Verification
   * turns it off: it proves the same invariants on the compiled objects and
   * needs them even when the intent is wrong, to show the path.
   */
  readonly checkIntent?: boolean;
}

export interface CompileResult {
  /** Sorted; empty when any diagnostic is an error. */
  readonly objects: KubeObject[];
  readonly diagnostics: Diagnostic[];
}

/** Refusals where the target would enforce a flow more openly than written. */
function checkCapabilities(ctx: Ctx, targets: ReadonlySet<Target>): void {
  const { caps, diagnostics } = ctx;
  const need = (target: Target, supported: boolean, code: string, message: string, hint: string) => {
    if (targets.has(target) && !supported) diagnostics.push({ code, severity: "error", path: "", message, hint });
  };
  need("guardrails", caps.adminNetworkPolicy, "capability-adminnetworkpolicy", "the guardrails target needs AdminNetworkPolicy, which the capability profile says the cluster lacks", "leave guardrails out of --targets, or use a profile with AdminNetworkPolicy");
  need("istio", caps.istio, "capability-istio", "the istio target needs Istio (security.istio.io/v1), which the capability profile says the cluster lacks", "leave istio out of --targets, or use a profile with Istio");
  if (!targets.has("networkpolicy") && !targets.has("guardrails")) return;
  for (const f of ctx.flows) {
    for (const p of f.ports) {
      if (p.endPort !== undefined && !caps.endPort && targets.has("networkpolicy")) {
        diagnostics.push({
          code: "capability-endport",
          severity: "error",
          path: portPath(ctx, f, p),
          message: `flow "${f.id}" uses port range ${portText(p)}, but the target CNI does not support endPort and would enforce port ${p.port} only, or the whole range open`,
          hint: "list the ports one by one, or use a CNI with endPort support",
        });
      }
      if (p.protocol === "SCTP" && !caps.sctp) {
        diagnostics.push({
          code: "capability-sctp",
          severity: "error",
          path: portPath(ctx, f, p),
          message: `flow "${f.id}" uses SCTP port ${portText(p)}, which the target does not support`,
          hint: "use a CNI with SCTP support, or remove the flow",
        });
      }
    }
  }
}

export function compile(policy: ResolvedPolicy, options: CompileOptions = {}): CompileResult {
  const targets = options.targets ?? ALL_TARGETS;
  const quarantined = new Set(policy.vendors.filter((v) => v.quarantined).map((v) => v.id));
  const diagnostics: Diagnostic[] = [];
  const zoneByName = new Map(policy.zones.map((z) => [z.name, z]));
  const base = { policy, caps: options.capabilities ?? DEFAULT_CAPABILITIES, zoneByName, quarantined, diagnostics, flows: [] as const, flowsInto: new Map(), flowsFrom: new Map() };
  const probe: Ctx = options.sourceFile !== undefined ? { ...base, sourceFile: options.sourceFile } : base;
  const flows = policy.flows.filter((f) => {
    const vendors = [endpointVendor(probe, f.from), endpointVendor(probe, f.to)].filter((v): v is string => v !== undefined && quarantined.has(v));
    if (vendors.length === 0) return true;
    diagnostics.push({
      code: "flow-quarantined",
      severity: "warning",
      path: f.origin,
      message: `flow "${f.id}" (${endpointText(f.from)} -> ${endpointText(f.to)}) is not compiled: vendor ${vendors.join(", ")} is quarantined`,
    });
    return false;
  });
  const ctx: Ctx = { ...probe, flows, flowsInto: flowsByService(flows, "to"), flowsFrom: flowsByService(flows, "from") };

  if (options.checkIntent !== false) diagnostics.push(...checkIntentInvariants(ctx));
  checkCapabilities(ctx, targets);
  const objects: KubeObject[] = [];
  if (targets.has("namespaces")) objects.push(...namespaces(ctx));
  if (targets.has("serviceaccounts")) objects.push(...serviceAccounts(ctx));
  if (targets.has("networkpolicy")) objects.push(...networkPolicies(ctx));
  if (targets.has("istio")) objects.push(...istioObjects(ctx));
  if (targets.has("guardrails")) objects.push(...guardrails(ctx));
  if (targets.has("detection")) objects.push(...detectionRules(ctx));
  // Names come from intent ids; two intents mapping to one object would silently overwrite each other.
  const seen = new Set<string>();
  for (const o of objects) {
    const key = objectKey(o);
    if (seen.has(key)) diagnostics.push({ code: "name-collision", severity: "error", path: "", message: `two generated objects are both ${key}`, hint: "rename one of the services whose names produce it" });
    seen.add(key);
  }
  if (hasErrors(diagnostics)) return { objects: [], diagnostics };
  return { objects: sortObjects(objects), diagnostics };
}
