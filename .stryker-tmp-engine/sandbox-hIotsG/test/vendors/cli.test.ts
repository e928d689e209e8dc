// @ts-nocheck
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT, runCli } from "../support/cli";

// The copy sits beside the reference so its `../../src/model` import resolves; removed afterwards.
let dir: string;
let file: string;
const original = fs.readFileSync(path.join(REPO_ROOT, "policies/telecom/index.ts"), "utf8");

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(REPO_ROOT, "policies", ".vendors-test-"));
  file = path.join(dir, "index.ts");
  fs.writeFileSync(file, original);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("ztseg quarantine / release on a copy of the telecom policy", () => {
  it("quarantine changes only that vendor's entry; release restores the file byte-identical", async () => {
    const rel = path.relative(REPO_ROOT, dir);
    const q = await runCli(["quarantine", "fieldforce", "--policy", rel]);
    expect(q.stderr).not.toMatch(/\n\s+at /);
    expect(q.code).toBe(0);
    const after = fs.readFileSync(file, "utf8");
    const before = original.split("\n");
    const changed = after.split("\n").flatMap((l, i) => (l !== before[i] ? [[i, l]] : []));
    expect(after.split("\n").length).toBe(before.length);
    expect(changed).toHaveLength(1);
    expect(changed[0]![1]).toMatch(/^\s+fieldforce: \{.*quarantined: true \},$/);
    expect(q.stdout).toContain("isolated: combined");
    expect(q.stdout).toContain("vendor-fieldops/fieldops-connector -> field-service/work-order-api");

    const again = await runCli(["quarantine", "fieldforce", "--policy", rel]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("already quarantined");

    const r = await runCli(["release", "fieldforce", "--policy", rel]);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(file, "utf8")).toBe(original);
  });

  it("--dry-run shows the change and writes nothing", async () => {
    const r = await runCli(["quarantine", "callcenter", "--policy", path.relative(REPO_ROOT, dir), "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("would change");
    expect(r.stdout).toMatch(/\+.*callcenter: \{.*quarantined: true/);
    expect(fs.readFileSync(file, "utf8")).toBe(original);
  });

  it("refuses an unknown vendor with a hint and exit 2, writing nothing", async () => {
    const r = await runCli(["quarantine", "fieldforse", "--policy", path.relative(REPO_ROOT, dir)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown vendor "fieldforse"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readFileSync(file, "utf8")).toBe(original);
  });
});

describe("ztseg vendors", () => {
  it("prints the inventory as JSON and exits 0 when no sensitive zone is in reach", async () => {
    const r = await runCli(["vendors", "policies/telecom", "--format", "json"]);
    expect(r.code).toBe(0);
    const inv = JSON.parse(r.stdout) as { holds: boolean; vendors: { id: string }[] };
    expect(inv.holds).toBe(true);
    expect(inv.vendors.map((v) => v.id)).toEqual(["adinsight", "callcenter", "fieldforce", "mailrelay", "northpay", "smsgate"]);
  });
});
