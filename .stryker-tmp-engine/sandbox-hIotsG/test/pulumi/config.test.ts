/** Stack config: every bad value stops the program naming its key; the committed stacks are valid. */
// @ts-nocheck

import * as fs from "node:fs";
import * as path from "node:path";
import YAML from "yaml";
import { parseStackConfig } from "../../src/adapters/pulumi/config";
import { loadPolicyModule } from "../../src/adapters/load/policy-module";
import { ALL_TARGETS, CAPABILITY_PROFILES } from "../../src/core/compile";
import type * as Run from "../../src/adapters/pulumi/program/run";
import { jestImporter, REPO_ROOT, settle, underMocks } from "./harness";

function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a failure");
}

describe("parseStackConfig", () => {
  test("defaults: every target, full capabilities, dry-run, patched namespaces", () => {
    const c = parseStackConfig({ "ztseg:policy": "policies/telecom" });
    expect(c.targets).toEqual(ALL_TARGETS);
    expect(c.capabilities).toBe(CAPABILITY_PROFILES["full"]);
    expect(c.mode).toBe("dry-run");
    expect(c.namespaces).toBe("patch");
    expect(c.trustDomain).toBeUndefined();
  });

  test("targets as a YAML list (JSON string) or comma-separated", () => {
    expect([...parseStackConfig({ "ztseg:policy": "p", "ztseg:targets": '["istio","networkpolicy"]' }).targets]).toEqual(["istio", "networkpolicy"]);
    expect([...parseStackConfig({ "ztseg:policy": "p", "ztseg:targets": "networkpolicy, namespaces" }).targets]).toEqual(["networkpolicy", "namespaces"]);
  });

  test.each([
    [{ "ztseg:capabilities": "fulll" }, "ztseg:capabilities", /unknown capability profile "fulll" \(did you mean "full"\?\)/],
    [{ "ztseg:targets": '["networkpolicy","anp"]' }, "ztseg:targets", /unknown target "anp"/],
    [{ "ztseg:targets": "[not json" }, "ztseg:targets", /not a valid list/],
    [{ "ztseg:mode": "apply" }, "ztseg:mode", /must be one of dry-run, enforce, render/],
    [{ "ztseg:namespaces": "own" }, "ztseg:namespaces", /must be one of patch, manage/],
    [{ "ztseg:trustDomain": "Not A Domain" }, "ztseg:trustDomain", /DNS name/],
    [{ "ztseg:mode": "render" }, "ztseg:renderDirectory", /required when ztseg:mode is render/],
    [{ "ztseg:mode": "enforce", "ztseg:renderDirectory": "out" }, "ztseg:renderDirectory", /only applies when ztseg:mode is render/],
    [{ "ztseg:mode": "render", "ztseg:renderDirectory": "out", "ztseg:namespaces": "patch" }, "ztseg:namespaces", /cannot be patch/],
    [{ "ztseg:capabilites": "full" }, "ztseg:capabilites", /not a ztseg setting/],
  ])("%j fails naming %s", (bad, key, message) => {
    const e = errorOf(() => parseStackConfig({ "ztseg:policy": "policies/telecom", ...bad }));
    expect(e.message).toContain(`${key}: `);
    expect(e.message).toMatch(message);
    expect((e as { diagnostics?: { path: string }[] }).diagnostics?.map((d) => d.path)).toEqual([key]);
  });

  test("a misspelt key gets a did-you-mean hint; keys of other namespaces are left alone", () => {
    const e = errorOf(() => parseStackConfig({ "ztseg:policy": "p", "ztseg:capabilites": "full", "kubernetes:context": "kind-dev" }));
    expect(e.message).toContain('did you mean "ztseg:capabilities"?');
    expect(e.message).not.toContain("kubernetes:context");
  });

  test("a missing policy names ztseg:policy; every bad key is reported at once", () => {
    const e = errorOf(() => parseStackConfig({ "ztseg:mode": "apply" }));
    expect(e.message).toContain("ztseg:policy: required");
    expect(e.message).toContain("ztseg:mode");
  });
});

describe("the program with bad stack config", () => {
  test("stops before registering anything, naming the key", async () => {
    const run = await underMocks({ "ztseg:policy": "test/pulumi/fixtures/segmented", "ztseg:capabilities": "no-such-profile" }, () =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require("../../src/adapters/pulumi/program/run") as typeof Run).runProgram({ cwd: REPO_ROOT, today: "2026-03-01", importer: jestImporter }),
    );
    await settle();
    expect(run.registrations).toEqual([]);
    expect(run.result.ok).toBe(false);
    const error = run.result.ok ? undefined : run.result.error;
    expect(run.pulumi.RunError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/ztseg:capabilities: unknown capability profile "no-such-profile"/);
  });

  test("a policy path that does not exist names the key and the file", async () => {
    const run = await underMocks({ "ztseg:policy": "policies/nope" }, () =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require("../../src/adapters/pulumi/program/run") as typeof Run).runProgram({ cwd: REPO_ROOT, today: "2026-03-01", importer: jestImporter }),
    );
    expect(run.registrations).toEqual([]);
    const message = run.result.ok ? "" : (run.result.error as Error).message;
    expect(message).toContain('ztseg:policy ("policies/nope")');
    expect(message).toContain("no such file or folder");
  });
});

describe("committed stacks", () => {
  const stacksDir = path.join(REPO_ROOT, "stacks");
  const stacks = fs.readdirSync(stacksDir).filter((f) => /^Pulumi\..+\.yaml$/.test(f)).sort();

  test("dev and prod exist", () => {
    expect(stacks).toEqual(["Pulumi.dev.yaml", "Pulumi.prod.yaml"]);
  });

  test.each(stacks)("%s is valid config naming a loadable policy", (file) => {
    const doc = YAML.parse(fs.readFileSync(path.join(stacksDir, file), "utf8")) as { config: Record<string, unknown> };
    // Pulumi passes structured values to the program as JSON strings.
    const raw = Object.fromEntries(Object.entries(doc.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
    const config = parseStackConfig(raw);
    expect(loadPolicyModule(config.policy, REPO_ROOT, jestImporter).policy.zones.length).toBeGreaterThan(0);
  });

  test("Pulumi.yaml points main at the program and stackConfigDir at stacks/", () => {
    const project = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as { main: string; stackConfigDir: string; runtime: { name: string } };
    expect(project.stackConfigDir).toBe("stacks");
    expect(project.runtime.name).toBe("nodejs");
    expect(fs.existsSync(path.join(REPO_ROOT, project.main, "index.ts"))).toBe(true);
  });
});
