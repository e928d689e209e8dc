/** A noPath invariant whose selectors pick nothing is reported as not applicable, never as holding. */
// @ts-nocheck

import * as path from "node:path";
import { runCli } from "../support/cli";

test("verify --manifests on namespaces nobody classified says the vendor invariant is not applicable", async () => {
  const r = await runCli(["verify", "--manifests", path.join("test", "verify", "fixtures", "vendor-to-crm-netpol.yaml")]);
  expect(r.stdout).toMatch(/^N\/A {3}no-vendor-path-to-sensitive/m);
  expect(r.stdout).toContain("note: nothing is selected by from (trust vendor/external)");
  expect(r.stdout).toContain("ztseg.dev/trust");
  expect(r.stdout).not.toMatch(/^PASS {2}no-vendor-path-to-sensitive/m);
});

test("the same manifests with a classification file are checked, and the path is found", async () => {
  const r = await runCli([
    "verify",
    "--manifests",
    path.join("test", "verify", "fixtures", "vendor-to-crm-netpol.yaml"),
    path.join("test", "verify", "fixtures", "pods.yaml"),
    "--classification",
    path.join("test", "verify", "fixtures", "classification.yaml"),
  ]);
  expect(r.stdout).toMatch(/^FAIL {2}no-vendor-path-to-sensitive/m);
  expect(r.stdout).toContain("vendor-fieldops/fieldops-connector[Pod]\n        --(TCP 8080)--> crm/crm-api[Pod]");
  expect(r.code).toBe(1);
});
