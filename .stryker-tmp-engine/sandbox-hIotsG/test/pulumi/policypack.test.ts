/**
 * The CrossGuard pack's validation functions, called directly with stack
 * validation args built by hand, on stacks that open and that do not open
 * a vendor path into a sensitive namespace.
 */
// @ts-nocheck

import type { PolicyResource, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { analyzeStack, parseResourceType } from "../../src/adapters/pulumi/policypack/analysis";
import { defenceInDepth, noVendorPathToSensitive } from "../../src/adapters/pulumi/policypack/policies";
import { compile } from "../../src/core/compile";
import type { KubeObject } from "../../src/core/k8s/object";
import leaky from "./fixtures/leaky";
import segmented from "./fixtures/segmented";

type Props = Record<string, unknown>;

function resource(type: string, name: string, props: Props): PolicyResource {
  return {
    type,
    name,
    urn: `urn:pulumi:test::app::${type}::${name}`,
    props,
    opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  };
}

function stackArgs(resources: PolicyResource[], config: object = {}): StackValidationArgs {
  return {
    resources,
    stackTags: new Map(),
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string): never => {
      throw new Error(`not applicable: ${reason}`);
    },
  };
}

async function violations(policy: typeof noVendorPathToSensitive, args: StackValidationArgs): Promise<string[]> {
  const found: string[] = [];
  const report: ReportViolation = (message) => {
    found.push(message);
  };
  await policy.validateStack(args, report);
  return found;
}

const ns = (name: string, labels: Record<string, string>, patch = false) => resource(patch ? "kubernetes:core/v1:NamespacePatch" : "kubernetes:core/v1:Namespace", name, { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } });
const deployment = (namespace: string, app: string, port: number) =>
  resource("kubernetes:apps/v1:Deployment", `${namespace}-${app}`, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: app, namespace },
    spec: { selector: { matchLabels: { app } }, template: { metadata: { labels: { app } }, spec: { containers: [{ name: app, image: "x", ports: [{ containerPort: port }] }] } } },
  });
const np = (namespace: string, name: string, spec: Props) => resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", `${namespace}-${name}`, { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace }, spec });
const denyAll = (namespace: string) => np(namespace, "deny-all", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
const allowIngress = (namespace: string, app: string, fromNs: string, fromApp: string, port: number) =>
  np(namespace, `${app}-from-${fromApp}`, { podSelector: { matchLabels: { app } }, policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": fromNs } }, podSelector: { matchLabels: { app: fromApp } } }], ports: [{ port }] }] });
const allowEgress = (namespace: string, app: string, toNs: string, toApp: string, port: number) =>
  np(namespace, `${app}-to-${toApp}`, { podSelector: { matchLabels: { app } }, policyTypes: ["Egress"], egress: [{ to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": toNs } }, podSelector: { matchLabels: { app: toApp } } }], ports: [{ port }] }] });

/** A hand-written (not ztseg) stack: vendor connector -> exchange work-orders, and optionally work-orders -> crm. */
function handWrittenStack(exchangeCallsCrm: boolean): PolicyResource[] {
  return [
    ns("vendor-acme", { "ztseg.dev/trust": "vendor" }),
    ns("exchange", { team: "integration" }),
    ns("crm", { "ztseg.dev/sensitive": "true" }),
    deployment("vendor-acme", "connector", 8080),
    deployment("exchange", "work-orders", 8080),
    deployment("crm", "crm-api", 8080),
    denyAll("vendor-acme"),
    denyAll("exchange"),
    denyAll("crm"),
    allowEgress("vendor-acme", "connector", "exchange", "work-orders", 8080),
    allowIngress("exchange", "work-orders", "vendor-acme", "connector", 8080),
    ...(exchangeCallsCrm ? [allowEgress("exchange", "work-orders", "crm", "crm-api", 8080), allowIngress("crm", "crm-api", "exchange", "work-orders", 8080)] : []),
  ];
}

/** ztseg's compiled objects as the component registers them (namespace labels patched). */
function asRegistered(objects: readonly KubeObject[]): PolicyResource[] {
  return objects.map((o) => {
    const group = o.apiVersion === "v1" ? "core/v1" : o.apiVersion;
    const kind = o.kind === "Namespace" ? "NamespacePatch" : o.kind;
    return resource(`kubernetes:${group}:${kind}`, [o.metadata.namespace, o.metadata.name].filter(Boolean).join("/"), JSON.parse(JSON.stringify(o)) as Props);
  });
}

describe("CrossGuard pack on a hand-written stack", () => {
  test("a two-hop vendor path into a sensitive namespace is a mandatory violation naming the path", async () => {
    expect(noVendorPathToSensitive.enforcementLevel).toBe("mandatory");
    const found = await violations(noVendorPathToSensitive, stackArgs(handWrittenStack(true)));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("vendor path into a sensitive zone");
    expect(found[0]).toMatch(/vendor-acme\/connector\[Deployment\]\n\s+--\(TCP 8080\)--> exchange\/work-orders\[Deployment\]/);
    expect(found[0]).toMatch(/--\(TCP 8080\)--> crm\/crm-api\[Deployment\]/);
  });

  test("without the exchange -> crm rule there is no violation", async () => {
    expect(await violations(noVendorPathToSensitive, stackArgs(handWrittenStack(false)))).toEqual([]);
  });

  test("namespaces without any policy are open: the pack reports the path", async () => {
    const open = handWrittenStack(false).filter((r) => r.type !== "kubernetes:networking.k8s.io/v1:NetworkPolicy");
    const found = await violations(noVendorPathToSensitive, stackArgs(open));
    expect(found.some((m) => m.includes("vendor-acme/connector[Deployment]") && m.includes("crm/crm-api[Deployment]"))).toBe(true);
  });

  test("classification comes from labels added by a NamespacePatch as well", async () => {
    const stack = handWrittenStack(true).map((r) => (r.name === "crm" ? ns("crm", {}) : r));
    expect(await violations(noVendorPathToSensitive, stackArgs(stack))).toEqual([]);
    const patched = [...stack, ns("crm", { "ztseg.dev/sensitive": "true" }, true)];
    expect(await violations(noVendorPathToSensitive, stackArgs(patched))).toHaveLength(1);
  });

  test("egress to a vendor address set given in the pack config counts as a path source", async () => {
    const stack = [
      ns("crm", { "ztseg.dev/sensitive": "true" }),
      deployment("crm", "crm-api", 8080),
      np("crm", "from-partner", { podSelector: { matchLabels: { app: "crm-api" } }, policyTypes: ["Ingress"], ingress: [{ from: [{ ipBlock: { cidr: "203.0.113.0/24" } }], ports: [{ port: 8080 }] }] }),
    ];
    expect(await violations(noVendorPathToSensitive, stackArgs(stack))).toEqual([]);
    const found = await violations(noVendorPathToSensitive, stackArgs(stack, { externals: { partner: { cidrs: ["203.0.113.0/24"], trust: "vendor" } } }));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("crm/crm-api[Deployment]");
  });

  test("a malformed policy fails closed with a mandatory violation", async () => {
    const stack = [...handWrittenStack(false), np("crm", "broken", { podSelector: { matchLabels: { app: 7 } }, policyTypes: ["Sideways"] })];
    const found = await violations(noVendorPathToSensitive, stackArgs(stack));
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toContain("cannot analyse");
  });

  test("stacks without Kubernetes resources have nothing to report", async () => {
    expect(await violations(noVendorPathToSensitive, stackArgs([resource("aws:s3/bucket:Bucket", "b", { acl: "private" })]))).toEqual([]);
  });
});

describe("CrossGuard pack on ztseg's own (policy-only) stacks", () => {
  test("the leaky policy's compiled objects open a path, found through probe pods", () => {
    const objects = compile(leaky, { checkIntent: false }).objects;
    const resources = asRegistered(objects).map((r) => ({ type: r.type, urn: r.urn, name: r.name, props: r.props }));
    const a = analyzeStack(resources);
    expect(a.stats.probes).toBeGreaterThan(0);
    expect(a.errors).toEqual([]);
    const path = a.paths.find((p) => /^vendor path into a sensitive zone: vendor-acme\/probe-connector-connector-\d+\[Pod\] reaches crm\/probe-crm-api-crm-api-\d+\[Pod\]/.test(p.message));
    expect(path?.message).toMatch(/--\(TCP 8080\)--> exchange\/probe-work-orders-work-orders-\d+\[Pod\]/);
    expect(path?.message).toContain("allowed by istio: AuthorizationPolicy crm/crm-api-allow");
  });

  test("the trust domain is taken from the stack's principals; a wrong one configured hides the Istio-allowed path", () => {
    const resources = asRegistered(compile(leaky, { checkIntent: false }).objects).map((r) => ({ type: r.type, urn: r.urn, name: r.name, props: r.props }));
    expect(analyzeStack(resources, { trustDomain: "corp.example" }).paths.length).toBeGreaterThan(0);
    expect(analyzeStack(resources, { trustDomain: "other.example" }).paths).toEqual([]);
  });

  test("the segmented policy's compiled objects open none", async () => {
    const found = await violations(noVendorPathToSensitive, stackArgs(asRegistered(compile(segmented).objects)));
    expect(found).toEqual([]);
  });

  test("the advisory defence-in-depth policy reports paths one layer alone lets through", async () => {
    expect(defenceInDepth.enforcementLevel).toBe("advisory");
    // Hand-written stack with NetworkPolicies only: NetworkPolicy blocks exchange -> crm, the other layers allow everything.
    const found = await violations(defenceInDepth, stackArgs(handWrittenStack(false)));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((m) => m.includes("alone (another layer blocks it)"))).toBe(true);
  });
});

describe("parseResourceType", () => {
  test.each([
    ["kubernetes:core/v1:Namespace", { apiVersion: "v1", kind: "Namespace", patch: false }],
    ["kubernetes:core/v1:NamespacePatch", { apiVersion: "v1", kind: "Namespace", patch: true }],
    ["kubernetes:apps/v1:Deployment", { apiVersion: "apps/v1", kind: "Deployment", patch: false }],
    ["kubernetes:security.istio.io/v1:AuthorizationPolicy", { apiVersion: "security.istio.io/v1", kind: "AuthorizationPolicy", patch: false }],
    ["kubernetes:policy.networking.k8s.io/v1alpha1:AdminNetworkPolicy", { apiVersion: "policy.networking.k8s.io/v1alpha1", kind: "AdminNetworkPolicy", patch: false }],
  ])("%s", (type, expected) => {
    expect(parseResourceType(type)).toEqual(expected);
  });

  test.each(["kubernetes:yaml:ConfigFile", "aws:s3/bucket:Bucket", "pulumi:providers:kubernetes"])("%s is not a Kubernetes object", (type) => {
    expect(parseResourceType(type)).toBeUndefined();
  });
});
