import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT, runCli } from "../support/cli";

const FIXTURE = "test/analyze/fixtures/mesh";
const ORACLE_CASE = path.resolve(REPO_ROOT, "../shared/oracle/cases/acs-security-demos/inputs");

describe("ztseg analyze", () => {
  test("txt lists each pair once, sorted, in the line format", async () => {
    const r = await runCli(["analyze", FIXTURE]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toEqual([...lines].sort());
    expect(lines).toContain("shop/web[Deployment] => shop/api[Deployment] : TCP 8080");
    expect(lines.some((l) => l.startsWith("vendor/sync[CronJob] => shop/"))).toBe(false); // guardrail
    expect(lines.some((l) => l.includes("=> shop/api[Deployment]") && !l.startsWith("shop/web"))).toBe(false);
    expect(r.stderr).toContain("ignored 1 Service");
  });

  test.each([
    ["json", (s: string) => expect(JSON.parse(s).connections).toContainEqual({ src: "shop/web[Deployment]", dst: "shop/api[Deployment]", conn: "TCP 8080" })],
    ["csv", (s: string) => expect(s.split("\n")).toContain("shop/web[Deployment],shop/api[Deployment],TCP 8080")],
    ["md", (s: string) => expect(s).toContain("| shop/web[Deployment] | shop/api[Deployment] | TCP 8080 |")],
    ["dot", (s: string) => expect(s).toContain('"shop/web[Deployment]" -> "shop/api[Deployment]" [label="TCP 8080"];')],
  ])("--format %s", async (format, check) => {
    const r = await runCli(["analyze", FIXTURE, "--format", format]);
    expect(r.code).toBe(0);
    check(r.stdout);
    const again = await runCli(["analyze", FIXTURE, "--format", format]);
    expect(again.stdout).toBe(r.stdout);
  });

  test("--layers np ignores the guardrail and the mesh", async () => {
    const r = await runCli(["analyze", FIXTURE, "--layers", "np"]);
    expect(r.stdout).toContain("vendor/sync[CronJob] => shop/web[Deployment] : All Connections");
  });

  test("--out writes the file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ztseg-analyze-"));
    try {
      const out = path.join(dir, "conn.txt");
      const r = await runCli(["analyze", FIXTURE, "--out", out]);
      expect(r.code).toBe(0);
      expect(fs.readFileSync(out, "utf8")).toContain("shop/web[Deployment] => shop/api[Deployment] : TCP 8080");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("bad input exits 2 with the file named and no stack trace", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ztseg-bad-"));
    try {
      fs.writeFileSync(path.join(dir, "a.yaml"), "kind: Namespace\nmetadata:\n  name: x\n---\nkind: [unclosed\n");
      fs.writeFileSync(path.join(dir, "b.yaml"), "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{port: 99999}]}]\n");
      const r = await runCli(["analyze", dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/a\.yaml:6:1: document 2: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      fs.rmSync(path.join(dir, "a.yaml"));
      const r2 = await runCli(["analyze", dir]);
      expect(r2.code).toBe(2);
      expect(r2.stderr).toMatch(/b\.yaml:1 \(document 1\): NetworkPolicy p\.spec\.ingress\[0\]\.ports\[0\]\.port: must be an integer/);
      expect((await runCli(["analyze", "no/such/folder"])).code).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("ztseg explain", () => {
  test("names the rule that allows, per layer", async () => {
    const r = await runCli(["explain", FIXTURE, "--from", "shop/web[Deployment]", "--to", "shop/api[Deployment]", "--port", "8080/TCP"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("8080/TCP: ALLOWED");
    expect(r.stdout).toContain("NetworkPolicy shop/api-ingress ingress[0]");
    expect(r.stdout).toContain("ALLOW TCP 8080 by AuthorizationPolicy shop/api-callers rules[0]");
    expect(r.stdout).toContain("mTLS STRICT");
  });

  test("says why a connection is denied, including pods no policy selects", async () => {
    const r = await runCli(["explain", FIXTURE, "--from", "vendor/sync[CronJob]", "--to", "shop/web[Deployment]", "--port", "80/TCP"]);
    expect(r.stdout).toContain("80/TCP: DENIED");
    expect(r.stdout).toContain('AdminNetworkPolicy: Deny All Connections by AdminNetworkPolicy vendor-guardrail ingress[0] "deny-vendor"');
    expect(r.stdout).toContain("no policy selects this pod for egress");
    const ext = await runCli(["explain", FIXTURE, "--from", "203.0.113.5", "--to", "shop/web[Deployment]"]);
    expect(ext.stdout).toContain("refused (STRICT needs mTLS)");
  });

  test("an unknown workload is bad input with a suggestion", async () => {
    const r = await runCli(["explain", FIXTURE, "--from", "shop/web", "--to", "shop/api[Deployment]"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean "shop/web[Deployment]"');
    expect((await runCli(["explain", FIXTURE, "--from", "shop/web[Deployment]", "--to", "shop/api[Deployment]", "--port", "http"])).code).toBe(2);
  });
});

const oracleTest = fs.existsSync(ORACLE_CASE) ? test : test.skip;
oracleTest(`analyze and explain on a peer case (skipped when ${ORACLE_CASE} is absent)`, async () => {
  const r = await runCli(["analyze", ORACLE_CASE]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("frontend/webapp[Deployment] => backend/checkout[Deployment] : TCP 8080");
  const e = await runCli(["explain", ORACLE_CASE, "--from", "backend/checkout[Deployment]", "--to", "frontend/webapp[Deployment]", "--port", "8080/TCP"]);
  expect(e.stdout).toContain("DENIED");
  expect(e.stdout).toContain("8080/TCP denied: NetworkPolicy isolates this pod for egress and no rule admits this peer on 8080/TCP");
});
