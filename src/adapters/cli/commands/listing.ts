/**
 * Every command's usage line and one-line description, apart from the
 * command modules: `ztseg --help` (and a mistyped command) lists the commands
 * from here without loading any of them, and each module takes its own lines
 * from here, so the two never differ.
 */
export const COMMAND_LINES = {
  analyze: {
    command: "analyze <manifests..>",
    describe: "Compute every allowed connection between workloads and external ranges in any cluster's manifests",
  },
  compile: {
    command: "compile <policy>",
    describe: "Compile a policy into NetworkPolicies, Istio identity rules, guardrails, Namespaces and ServiceAccounts",
  },
  diff: {
    command: "diff [base] [head]",
    describe: "Semantic diff of two versions (policy modules, manifest folders, or --git <rev>): new paths into sensitive zones first; exit 1 when one appears",
  },
  explain: {
    command: "explain <manifests..>",
    describe: "Explain, layer by layer, why one workload or address may or may not reach another",
  },
  report: {
    command: "report [policy]",
    describe: "Write a self-contained HTML report for auditors: zone graph, flows, exceptions, invariants per layer, digest, revision",
  },
  validate: {
    command: "validate <policy>",
    describe: "Check a policy module: schema, references, ports, trust boundaries and exception expiry",
  },
  verify: {
    command: "verify [policy]",
    describe: "Prove the invariants (no vendor path to sensitive zones, default deny, mTLS, egress) on compiled or deployed manifests, layer by layer",
  },
  vendors: {
    command: "vendors [policy]",
    describe: "Inventory of every third party: owner, contract, zones, address sets, direct and transitive reach, exceptions, sensitive zones in reach",
  },
  quarantine: {
    command: "quarantine <vendor>",
    describe: "Contain a vendor: set its quarantined flag in the policy source after proving it is isolated in every layer",
  },
  release: {
    command: "release <vendor>",
    describe: "End a vendor's quarantine: remove its quarantined flag from the policy source",
  },
} as const satisfies Record<string, { readonly command: string; readonly describe: string }>;
