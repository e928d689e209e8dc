/**
 * Start-up: a command loads only what it uses. Checking a cluster's YAML
 * (verify --manifests, analyze) must not load the policy language's zod
 * schemas or the yaml document library, whose loading used to cost more
 * than verifying a small cluster. Asserted on the modules a real CLI process
 * loaded, never on time.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../support/cli";

const HEAVY = ["zod", "yaml"] as const;
let preload: string;

beforeAll(() => {
  preload = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ztseg-startup-")), "loaded.cjs");
  fs.writeFileSync(
    preload,
    `process.on("exit", () => {
  const files = Object.keys(require.cache);
  const heavy = ${JSON.stringify(HEAVY)}.filter((p) => files.some((f) => f.includes("/node_modules/" + p + "/")));
  process.stderr.write("ZTSEG_LOADED " + JSON.stringify(heavy) + "\\n");
});
`,
  );
});

afterAll(() => fs.rmSync(path.dirname(preload), { recursive: true, force: true }));

/** Runs the CLI from source (tsx) and returns the heavy packages the process loaded. */
function loadedBy(args: readonly string[]): { code: number | null; loaded: string[] } {
  const r = spawnSync(path.join(REPO_ROOT, "node_modules/.bin/tsx"), ["--require", preload, "src/adapters/cli/entry.ts", ...args], { cwd: REPO_ROOT, encoding: "utf8" });
  const line = r.stderr.split("\n").find((l) => l.startsWith("ZTSEG_LOADED "));
  if (!line) throw new Error(`no module report from the CLI process: ${r.stderr}`);
  return { code: r.status, loaded: JSON.parse(line.slice("ZTSEG_LOADED ".length)) as string[] };
}

const FIXTURE = path.join("test", "verify", "fixtures", "vendor-to-crm-netpol.yaml");

test.each([
  ["verify --manifests", ["verify", "--manifests", FIXTURE]],
  ["analyze", ["analyze", FIXTURE, "--format", "txt"]],
])("%s loads neither zod nor the yaml library", (_name, args) => {
  const r = loadedBy(args);
  expect(r.code).toBe(0);
  expect(r.loaded).toEqual([]);
});

test("a command that reads a policy module does load zod (the check above can see it)", () => {
  const r = loadedBy(["validate", "policies/telecom"]);
  expect(r.code).toBe(0);
  expect(r.loaded).toContain("zod");
});

test("a classification file loads the yaml library and zod only when given", () => {
  const r = loadedBy(["verify", "--manifests", FIXTURE, path.join("test", "verify", "fixtures", "pods.yaml"), "--classification", path.join("test", "verify", "fixtures", "classification.yaml")]);
  expect(r.code).toBe(1);
  expect(r.loaded).toEqual(["zod", "yaml"]);
});
