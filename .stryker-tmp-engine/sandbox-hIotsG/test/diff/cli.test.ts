// @ts-nocheck
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../support/cli";
import { BASE, VENDOR_FLOW } from "./helpers";

/** A policy module holding plain data: loadable without the project's sources. */
function writePolicy(file: string, withVendorFlow: boolean): void {
  const data = structuredClone(BASE.data) as { flows: unknown[] };
  if (withVendorFlow) data.flows.push(VENDOR_FLOW);
  fs.writeFileSync(file, `export default ${JSON.stringify(data, null, 1)};\n`);
}

describe("ztseg diff", () => {
  let dir = "";
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ztseg-diff-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("--git <rev>: the base is the same path at the revision; exit 1 and the path named on the first line; worktree removed", async () => {
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", ...args], { cwd: dir, stdio: "pipe" }).toString();
    git("init", "-q");
    writePolicy(path.join(dir, "policy.ts"), false);
    git("add", "policy.ts");
    git("commit", "-q", "-m", "base");
    writePolicy(path.join(dir, "policy.ts"), true);
    const r = await runCli(["diff", "--git", "HEAD", "policy.ts", "--format", "md"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")[0]).toMatch(/^\*\*ztseg: \d+ new paths? into a sensitive zone\*\*: vendor-fieldops\/fieldops-connector -> backoffice\/staff-console -> /);
    expect(r.stdout).toContain("policy.ts@HEAD");
    expect(git("worktree", "list").trim().split("\n")).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, ".ztseg-worktrees"))).toBe(false);
  });

  test("bad input: an unknown revision exits 2 with a diagnostic and leaves no worktree", async () => {
    const r = await runCli(["diff", "--git", "no-such-rev", "policy.ts"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/git revision "no-such-rev" not found \(fetch it first/);
    expect(fs.existsSync(path.join(dir, ".ztseg-worktrees"))).toBe(false);
  });

  test("manifest folders are compared on the analyzer's connections; identical folders exit 0", async () => {
    const r = await runCli(["diff", "generated", "generated", "--format", "json"]);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { flows: { basis: string }; newSensitivePaths: number; manifests: { objects: unknown[] } };
    expect(d.flows.basis).toBe("analyzer");
    expect(d.newSensitivePaths).toBe(0);
    expect(d.manifests.objects).toEqual([]);
  });
});
