/**
 * The telecom reference: its compiled YAML is a golden file under
 * test/compile/golden/ (refresh with UPDATE_GOLDEN=1), and the committed
 * generated/ folder must be exactly what `ztseg compile policies/telecom
 * --out generated` writes today.
 */
// @ts-nocheck

import * as fs from "node:fs";
import * as path from "node:path";
import { compile } from "../../src/core/compile";
import { renderManifestTree, toYaml } from "../../src/core/render";
import type { ResolvedPolicy } from "../../src/model";
import { readTree, treeDifferences } from "../../src/adapters/cli/commands/compile";
import { REPO_ROOT } from "../support/cli";

const GOLDEN = path.join(__dirname, "golden", "telecom.yaml");

function telecomObjects() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const policy = (require(path.join(REPO_ROOT, "policies/telecom")) as { default: ResolvedPolicy }).default;
  // The source annotation is what the CLI writes when run from the repository root.
  const r = compile(policy, { sourceFile: "policies/telecom/index.ts" });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.objects;
}

test("telecom YAML matches the golden file", () => {
  const yaml = toYaml(telecomObjects());
  if (process.env.UPDATE_GOLDEN === "1") {
    fs.mkdirSync(path.dirname(GOLDEN), { recursive: true });
    fs.writeFileSync(GOLDEN, yaml);
  }
  expect(fs.existsSync(GOLDEN)).toBe(true);
  // Compared as text so a failure shows the changed lines.
  expect(yaml).toBe(fs.readFileSync(GOLDEN, "utf8"));
});

test("generated/ is up to date (recompile with: npx tsx src/adapters/cli/entry.ts compile policies/telecom --out generated)", () => {
  const expected = renderManifestTree(telecomObjects());
  const actual = readTree(path.join(REPO_ROOT, "generated"));
  expect(treeDifferences(expected, actual)).toEqual([]);
});
