/**
 * The component under Pulumi's mocks: what is registered is exactly the
 * verified compiled set, and a policy that fails verification registers
 * nothing at all.
 */
// @ts-nocheck

import type { KubeObject } from "../../src/core/k8s/object";
import type * as Component from "../../src/adapters/pulumi/component";
import type * as Run from "../../src/adapters/pulumi/program/run";
import { compile } from "../../src/core/compile";
import { manifestDigest } from "../../src/core/render";
import segmented from "./fixtures/segmented";
import leaky from "./fixtures/leaky";
import { jestImporter, REPO_ROOT, settle, underMocks, valueOf } from "./harness";

const TODAY = "2026-03-01";
const SOURCE = "test/pulumi/fixtures/segmented/index.ts";

function loadRun(): typeof Run {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../../src/adapters/pulumi/program/run") as typeof Run;
}
function loadComponent(): typeof Component {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../../src/adapters/pulumi/component") as typeof Component;
}

/** The type token each compiled object must be registered under (written out here, not taken from the code under test). */
function expectedType(o: KubeObject, namespaces: "patch" | "manage"): string {
  switch (o.kind) {
    case "Namespace":
      return namespaces === "patch" ? "kubernetes:core/v1:NamespacePatch" : "kubernetes:core/v1:Namespace";
    case "ServiceAccount":
      return "kubernetes:core/v1:ServiceAccount";
    case "NetworkPolicy":
      return "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    default:
      return `kubernetes:${o.apiVersion}:${o.kind}`;
  }
}

const plain = (x: unknown): unknown => (x === undefined ? undefined : JSON.parse(JSON.stringify(x)));

async function runProgram(config: Record<string, string>, policy = "test/pulumi/fixtures/segmented") {
  const run = await underMocks({ "ztseg:policy": policy, ...config }, () => loadRun().runProgram({ cwd: REPO_ROOT, today: TODAY, importer: jestImporter }));
  await settle();
  return run;
}

describe("ZeroTrustSegmentation under mocks", () => {
  const compiled = compile(segmented, { sourceFile: SOURCE }).objects;

  test.each(["patch", "manage"] as const)("enforce (namespaces %s) registers the compiled objects one for one, parented by the component", async (namespaces) => {
    const run = await runProgram({ "ztseg:mode": "enforce", "ztseg:namespaces": namespaces });
    if (!run.result.ok) throw run.result.error;
    const component = run.registrations.filter((r) => r.type === "ztseg:index:ZeroTrustSegmentation");
    expect(component).toHaveLength(1);
    const k8s = run.registrations.filter((r) => r.type.startsWith("kubernetes:"));
    expect(compiled.length).toBeGreaterThan(20);
    expect(k8s).toHaveLength(compiled.length);
    const byName = new Map(k8s.map((r) => [r.name, r]));
    expect(byName.size).toBe(k8s.length);
    for (const o of compiled) {
      const name = ["ztseg", o.metadata.namespace, o.metadata.name].filter((s) => s !== undefined).join("/");
      const reg = byName.get(name);
      expect(reg?.type).toBe(expectedType(o, namespaces));
      expect(reg?.inputs["metadata"]).toEqual(plain(o.metadata));
      expect(reg?.inputs["spec"]).toEqual(plain(o.spec));
      if (o.kind !== "Namespace" && o.kind !== "ServiceAccount" && o.kind !== "NetworkPolicy") {
        expect(reg?.inputs["apiVersion"]).toBe(o.apiVersion);
        expect(reg?.inputs["kind"]).toBe(o.kind);
      }
    }
    // Istio and AdminNetworkPolicy go through CustomResource under their own tokens.
    const types = new Set(k8s.map((r) => r.type));
    for (const t of ["kubernetes:security.istio.io/v1:AuthorizationPolicy", "kubernetes:security.istio.io/v1:PeerAuthentication", "kubernetes:policy.networking.k8s.io/v1alpha1:AdminNetworkPolicy", "kubernetes:core/v1:ServiceAccount"]) {
      expect(types).toContain(t);
    }
  });

  test("every child has the component as parent", async () => {
    let seg: Component.ZeroTrustSegmentation | undefined;
    const run = await underMocks({}, () => {
      const { ZeroTrustSegmentation } = loadComponent();
      seg = new ZeroTrustSegmentation("seg", { policy: segmented, today: TODAY, sourceFile: SOURCE, deployment: { mode: "enforce", namespaces: "patch" } });
      return seg;
    });
    if (!run.result.ok) throw run.result.error;
    const component = seg!;
    const componentUrn = await valueOf(component.urn);
    expect(component.children).toHaveLength(compiled.length);
    for (const child of component.children) {
      const urn = await valueOf(child.urn);
      // A child's URN type chain starts with its parent's type.
      expect(urn).toContain("ztseg:index:ZeroTrustSegmentation$");
      expect(urn.startsWith(componentUrn.split("::").slice(0, 2).join("::"))).toBe(true);
    }
  });

  test("outputs: counts per kind and the manifest digest of the compiled set", async () => {
    const run = await runProgram({ "ztseg:mode": "enforce" });
    if (!run.result.ok) throw run.result.error;
    const out = run.result.value;
    const counts = await valueOf(out.objectCounts);
    const expected: Record<string, number> = {};
    for (const o of compiled) expected[o.kind] = (expected[o.kind] ?? 0) + 1;
    expect(counts).toEqual(expected);
    expect(await valueOf(out.objectCount)).toBe(compiled.length);
    expect(await valueOf(out.registeredCount)).toBe(compiled.length);
    expect(await valueOf(out.manifestDigest)).toBe(manifestDigest(compiled));
    expect(await valueOf(out.manifestDigest)).toMatch(/^[0-9a-f]{64}$/);
    expect(out.policyFile).toBe(SOURCE);
    expect(await valueOf(out.invariants)).toEqual(["holds default-deny", "holds mtls-strict", "holds sensitive-no-internet"]);
  });

  test("the digest output equals the manifest-digest line of `ztseg compile`", async () => {
    const { renderManifestTree } = await import("../../src/core/render");
    const index = renderManifestTree(compiled).get("index.txt")!;
    const run = await runProgram({ "ztseg:mode": "dry-run" });
    if (!run.result.ok) throw run.result.error;
    expect(index).toContain(`manifest-digest ${await valueOf(run.result.value.manifestDigest)}\n`);
  });

  test("dry-run registers only the component and still reports what would be deployed", async () => {
    const run = await runProgram({ "ztseg:mode": "dry-run" });
    if (!run.result.ok) throw run.result.error;
    expect(run.registrations.map((r) => r.type)).toEqual(["ztseg:index:ZeroTrustSegmentation"]);
    expect(await valueOf(run.result.value.registeredCount)).toBe(0);
    expect(await valueOf(run.result.value.objectKeys)).toEqual(compiled.map((o) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`));
  });

  test("render mode registers through a provider writing YAML to the configured folder", async () => {
    const run = await runProgram({ "ztseg:mode": "render", "ztseg:renderDirectory": "rendered/dev" });
    if (!run.result.ok) throw run.result.error;
    const providers = run.registrations.filter((r) => r.type === "pulumi:providers:kubernetes");
    expect(providers).toHaveLength(1);
    expect(providers[0]!.inputs["renderYamlToDirectory"]).toBe("rendered/dev");
    const k8s = run.registrations.filter((r) => r.type.startsWith("kubernetes:"));
    expect(k8s).toHaveLength(compiled.length);
    for (const r of k8s) expect(r.provider).toContain("pulumi:providers:kubernetes::");
    // Rendered YAML carries whole Namespaces: there is no live object to patch.
    expect(k8s.some((r) => r.type === "kubernetes:core/v1:Namespace")).toBe(true);
    expect(k8s.some((r) => r.type === "kubernetes:core/v1:NamespacePatch")).toBe(false);
  });

  test("targets and capability profile from stack config change what is registered", async () => {
    const run = await runProgram({ "ztseg:mode": "enforce", "ztseg:targets": '["networkpolicy","serviceaccounts","namespaces","istio"]', "ztseg:capabilities": "no-anp" });
    if (!run.result.ok) throw run.result.error;
    const k8s = run.registrations.filter((r) => r.type.startsWith("kubernetes:"));
    expect(k8s.length).toBe(compile(segmented, { sourceFile: SOURCE, targets: new Set(["networkpolicy", "serviceaccounts", "namespaces", "istio"]) }).objects.length);
    expect(k8s.some((r) => r.type === "kubernetes:policy.networking.k8s.io/v1alpha1:AdminNetworkPolicy")).toBe(false);
    // Without guardrails there are no Istio DENY policies either.
    expect(k8s.some((r) => r.name.endsWith("-deny-untrusted"))).toBe(false);
    expect(k8s.some((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy")).toBe(true);
  });

  test("a trust domain override rewrites the Istio principals", async () => {
    const run = await runProgram({ "ztseg:mode": "enforce", "ztseg:trustDomain": "prod.example" });
    if (!run.result.ok) throw run.result.error;
    const allows = run.registrations.filter((r) => r.type === "kubernetes:security.istio.io/v1:AuthorizationPolicy" && r.name.endsWith("-allow"));
    const text = JSON.stringify(allows.map((r) => r.inputs["spec"]));
    expect(text).toContain('"prod.example/ns/crm/sa/crm-api"');
    expect(text).not.toContain("corp.example");
  });
});

describe("a policy that fails verification", () => {
  test("throws before anything is registered, with the path in the message", async () => {
    const run = await runProgram({ "ztseg:mode": "enforce" }, "test/pulumi/fixtures/leaky");
    await settle();
    expect(run.result.ok).toBe(false);
    expect(run.registrations).toEqual([]);
    const error = run.result.ok ? undefined : run.result.error;
    expect(run.pulumi.RunError.isInstance(error)).toBe(true);
    const message = error instanceof Error ? error.message : "";
    expect(message).toContain("FAIL  no-vendor-path");
    expect(message).toMatch(/vendor-acme\/connector\[Pod\]\n\s+--\(TCP 8080\)--> exchange\/work-orders\[Pod\]/);
    expect(message).toMatch(/--> crm\/crm-api\[Pod\]/);
    expect(message).toContain("nothing was deployed");
  });

  test("the component alone refuses too, in every mode, with no registration", async () => {
    for (const deployment of [{ mode: "enforce", namespaces: "manage" }, { mode: "dry-run" }, { mode: "render", directory: "out" }] as const) {
      const run = await underMocks({}, () => {
        const { ZeroTrustSegmentation } = loadComponent();
        return new ZeroTrustSegmentation("seg", { policy: leaky, today: TODAY, deployment });
      });
      await settle();
      expect(run.result.ok).toBe(false);
      expect(run.registrations).toEqual([]);
      const error = run.result.ok ? undefined : run.result.error;
      expect((error as { diagnostics?: { code: string }[] }).diagnostics?.map((d) => d.code)).toEqual(["invariant-failed"]);
    }
  });

  test("an expired exception stops the program before registration", async () => {
    const run = await underMocks({ "ztseg:policy": "policies/examples/exception", "ztseg:mode": "enforce" }, () => loadRun().runProgram({ cwd: REPO_ROOT, today: "2099-01-01", importer: jestImporter }));
    await settle();
    expect(run.registrations).toEqual([]);
    const message = run.result.ok ? "" : String((run.result.error as Error).message);
    expect(message).toContain("idcheck-posts-verdicts");
  });
});
