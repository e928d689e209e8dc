/**
 * The pack's policies, apart from index.ts (which starts the CrossGuard
 * server) so tests can call the validation functions directly.
 */
// @ts-nocheck

import type { PolicyConfigSchema, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { analyzeStack, type PackConfig, type StackResource } from "./analysis";

const configSchema: PolicyConfigSchema = {
  properties: {
    trustDomain: { type: "string", description: "Istio trust domain of principals (default: the one the stack's AuthorizationPolicy principals use, else cluster.local)" },
    externals: {
      type: "object",
      description: "Vendor and internet address sets: name -> { cidrs, trust: vendor|external|internal, vendor? }",
      additionalProperties: {
        type: "object",
        properties: { cidrs: { type: "array", items: { type: "string" } }, trust: { enum: ["internal", "vendor", "external"] }, vendor: { type: "string" } },
        required: ["cidrs", "trust"],
      },
    },
  },
};

/** Analyses once per args object (CrossGuard may hand both policies the same one; each has its own config otherwise). */
const cache = new WeakMap<StackValidationArgs, ReturnType<typeof analyzeStack>>();
function analysis(args: StackValidationArgs): ReturnType<typeof analyzeStack> {
  let result = cache.get(args);
  if (!result) {
    // PolicyResource's props are `Record<string, any>` in @pulumi/policy; StackResource reads them as unknown.
    const resources: StackResource[] = args.resources.map((r) => ({ type: r.type, urn: r.urn, name: r.name, props: r.props as Record<string, unknown> }));
    cache.set(args, (result = analyzeStack(resources, args.getConfig<PackConfig>())));
  }
  return result;
}

export const noVendorPathToSensitive: StackValidationPolicy = {
  name: "ztseg-no-vendor-path-to-sensitive",
  description:
    "No connection path, over any number of hops, from a vendor or external namespace (label ztseg.dev/trust) into a sensitive one (ztseg.dev/sensitive=true), through the stack's NetworkPolicies, AdminNetworkPolicies and Istio policies.",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema,
  validateStack: (args, reportViolation) => {
    const a = analysis(args);
    for (const e of a.errors) reportViolation(e.message, e.urn);
    for (const p of a.paths) reportViolation(p.message, p.urn);
  },
};

export const defenceInDepth: StackValidationPolicy = {
  name: "ztseg-defence-in-depth",
  description: "Vendor paths into sensitive namespaces that one enforcement layer alone (NetworkPolicy, Istio, guardrails) would let through while another blocks them.",
  enforcementLevel: "advisory",
  severity: "medium",
  configSchema,
  validateStack: (args, reportViolation) => {
    for (const p of analysis(args).singleLayer) reportViolation(p.message, p.urn);
  },
};

export const POLICIES = [noVendorPathToSensitive, defenceInDepth];
