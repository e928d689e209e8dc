// @ts-nocheck
import * as fs from "node:fs";
import * as path from "node:path";
import YAML from "yaml";
import { REPO_ROOT } from "../support/cli";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  id?: string;
}

describe(".github/workflows/policy.yml", () => {
  const doc = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, ".github/workflows/policy.yml"), "utf8")) as {
    on: { pull_request: unknown };
    jobs: Record<string, { steps: Step[] }>;
  };
  const steps = Object.values(doc.jobs)[0]!.steps;
  const index = (pred: (s: Step) => boolean) => steps.findIndex(pred);

  test("runs on pull requests and has a job with steps", () => {
    expect(doc.on.pull_request).toBeDefined();
    expect(steps.length).toBeGreaterThan(4);
  });

  test("installs, tests, verifies, diffs against the base branch, comments, then gates, in that order", () => {
    const install = index((s) => s.run === "npm ci");
    const test = index((s) => s.run === "npm test");
    const verify = index((s) => /ztseg verify /.test(s.run ?? ""));
    const diff = index((s) => /ztseg diff --git "origin\/\$\{\{ github\.base_ref \}\}"/.test(s.run ?? ""));
    const comment = index((s) => s.uses?.startsWith("actions/github-script") === true && /createComment/.test(JSON.stringify(s)));
    const gate = index((s) => s.if === "steps.diff.outputs.exit == '1'" && /exit 1/.test(s.run ?? ""));
    expect([install, test, verify, diff, comment, gate].every((i) => i >= 0)).toBe(true);
    expect([install, test, verify, diff, comment, gate]).toEqual([...[install, test, verify, diff, comment, gate]].sort((a, b) => a - b));
    // The diff's exit code is captured for the gate, so the comment is posted even when it is 1.
    expect(steps[diff]!.id).toBe("diff");
  });

  test("checks out the full history so the base revision exists for --git", () => {
    const checkout = steps.find((s) => s.uses?.startsWith("actions/checkout") === true) as Step & { with?: { "fetch-depth"?: number } };
    expect(checkout?.with?.["fetch-depth"]).toBe(0);
  });
});
