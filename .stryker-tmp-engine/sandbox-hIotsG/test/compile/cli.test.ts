/** `ztseg compile` end to end, in-process, on temporary folders. */
// @ts-nocheck

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { PolicyInput } from "../../src/model";
import { runCli } from "../support/cli";
import { fixtureInput } from "./fixture";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ztseg-compile-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function writePolicy(input: PolicyInput, name = "policy.js"): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `module.exports = ${JSON.stringify(input)};\n`);
  return file;
}
const readAll = (root: string) => {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out[r] = fs.readFileSync(path.join(root, r), "utf8");
    }
  };
  walk("");
  return out;
};

test("writes the tree, rerunning changes nothing, --check agrees", async () => {
  const policy = writePolicy(fixtureInput());
  const out = path.join(dir, "out");
  const first = await runCli(["compile", policy, "--out", out], { cwd: dir });
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/wrote \d+ objects .* manifest digest [0-9a-f]{64}/);
  const files = readAll(out);
  expect(Object.keys(files)).toEqual(expect.arrayContaining(["index.txt", "_cluster/namespace.yaml", "crm/networkpolicy.yaml"]));
  expect(files["crm/networkpolicy.yaml"]).toContain("ztseg.dev/source: policy.js");
  expect((await runCli(["compile", policy, "--out", out], { cwd: dir })).code).toBe(0);
  expect(readAll(out)).toEqual(files);
  const check = await runCli(["compile", policy, "--out", out, "--check"], { cwd: dir });
  expect(check.code).toBe(0);
  expect(check.stdout).toContain("up to date");
});

test("--check reports a stale folder, exits 1 and writes nothing", async () => {
  const policy = writePolicy(fixtureInput());
  const out = path.join(dir, "out");
  await runCli(["compile", policy, "--out", out], { cwd: dir });
  const input = fixtureInput();
  input.flows!.push({ id: "frontend-to-exchange", from: "web/frontend", to: "web/exchange", ports: ["http"] });
  // A new file name: the module loader caches what it has required.
  const changed = writePolicy(input, "policy-v2.js");
  fs.writeFileSync(path.join(out, "stray.yaml"), "x: 1\n");
  const before = readAll(out);
  const same = await runCli(["compile", policy, "--out", out, "--check"], { cwd: dir });
  expect(same.code).toBe(1);
  expect(same.stderr).toContain("1 file differs");
  const r = await runCli(["compile", changed, "--out", out, "--check"], { cwd: dir });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("changed: web/networkpolicy.yaml");
  expect(r.stderr).toContain("extra:   stray.yaml");
  expect(r.stderr).toContain("changed: index.txt");
  expect(readAll(out)).toEqual(before);
});

test("an expired exception is an error: exit 2, previous output intact", async () => {
  const policy = writePolicy(fixtureInput());
  const out = path.join(dir, "out");
  await runCli(["compile", policy, "--out", out], { cwd: dir });
  const before = readAll(out);
  const r = await runCli(["compile", policy, "--out", out], { cwd: dir, today: "2099-02-01" });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/exceptions\[0\]\.expires: exception "acme-crm-lookup" expired on 2099-01-31.*\[exception-expired\]/);
  expect(r.stderr).toContain("nothing was written");
  expect(readAll(out)).toEqual(before);
});

test("capability refusal names the flow's port, exits 2, writes nothing", async () => {
  const policy = writePolicy(fixtureInput());
  const out = path.join(dir, "out");
  const r = await runCli(["compile", policy, "--out", out, "--capabilities", "no-endport"], { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/policy\.js: flows\[6\]\.ports\[0\]: .*endPort.*\[capability-endport\]/);
  expect(fs.existsSync(out)).toBe(false);
  const ok = await runCli(["compile", policy, "--out", out, "--capabilities", "no-anp", "--targets", "namespaces,serviceaccounts,networkpolicy,istio"], { cwd: dir });
  expect(ok.code).toBe(0);
  expect(Object.keys(readAll(out)).some((f) => f.includes("adminnetworkpolicy"))).toBe(false);
});

test("an invariant failing on the intent exits 1 with the path", async () => {
  const input = fixtureInput();
  input.flows!.push({ id: "exchange-to-crm", from: "web/exchange", to: "crm/crm-api", ports: ["http"] });
  const policy = writePolicy(input);
  const out = path.join(dir, "out");
  const r = await runCli(["compile", policy, "--out", out], { cwd: dir });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/invariants\[0\]: invariant "no-vendor-to-crm" fails: .* -> web\/exchange -> crm\/crm-api/);
  expect(fs.existsSync(out)).toBe(false);
});

test("unknown targets and profiles are bad input", async () => {
  const policy = writePolicy(fixtureInput());
  const t = await runCli(["compile", policy, "--out", path.join(dir, "o"), "--targets", "networkpolicy,firewall"], { cwd: dir });
  expect(t.code).toBe(2);
  expect(t.stderr).toContain('unknown target "firewall"');
  const c = await runCli(["compile", policy, "--out", path.join(dir, "o"), "--capabilities", "calico-3"], { cwd: dir });
  expect(c.code).toBe(2);
  expect(c.stderr).toContain('unknown capability profile "calico-3"');
  expect(c.stderr).not.toMatch(/\n\s+at /);
});
