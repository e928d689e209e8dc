/**
 * Seeded regressions: each breaks the telecom reference in one realistic way
 * and asserts that verification fails naming exactly the path it opened.
 */
// @ts-nocheck

import * as path from "node:path";
import telecom from "../../policies/telecom";
import type { KubeObject } from "../../src/core/k8s/object";
import { type PathViolation, verifyPolicy, type VerifyReport } from "../../src/core/verify";
import { verifyText } from "../../src/core/verify/render";
import { type ResolvedFlow, type ResolvedPolicy, resolvePolicy } from "../../src/model";
import { runCli } from "../support/cli";

const TODAY = "2026-11-25";
const CONNECTOR = "vendor-fieldops/fieldops-connector[Pod]";
const CRM_API = "crm/crm-api[Pod]";

function svc(id: string) {
  const s = telecom.services.find((x) => x.id === id);
  if (!s) throw new Error(`no service ${id}`);
  return s;
}

function vendorInvariant(report: VerifyReport) {
  return report.invariants.find((i) => i.id === "no-vendor-path-to-sensitive")!;
}

/** The hop sequence of the shortest path to `target` in a layer, as "a -> b -> c". */
function pathIn(report: VerifyReport, layer: string, target: string): string | undefined {
  const l = vendorInvariant(report).layers.find((x) => x.layer === layer)!;
  const p = l.violations.find((v): v is PathViolation => v.kind === "path" && v.to === target);
  return p ? [p.from, ...p.hops.map((h) => h.to)].join(" -> ") : undefined;
}

function verified(policy: ResolvedPolicy, extraObjects: readonly KubeObject[] = []): VerifyReport {
  const r = verifyPolicy(policy, { today: TODAY, extraObjects });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.report!;
}

test("the unmodified reference holds (the baseline the regressions break)", () => {
  expect(verified(telecom).holds).toBe(true);
});

test("a direct vendor-to-CRM flow slipped past validation is caught with its one-hop path", () => {
  const api = svc("crm/crm-api");
  const rogue: ResolvedFlow = {
    id: "rogue: fieldops -> crm-api",
    origin: "flows[999]",
    from: { kind: "service", service: svc("vendor-fieldops/fieldops-connector") },
    to: { kind: "service", service: api },
    ports: [api.ports.find((p) => p.name === "http")!],
  };
  const report = verified({ ...telecom, flows: [...telecom.flows, rogue] });
  expect(report.holds).toBe(false);
  // The compiled NetworkPolicies carry the flow; the guardrails (ANP Deny, and the Istio DENY that
  // also counts in the Istio layer) still refuse it, so the layers together hold.
  expect(pathIn(report, "networkpolicy", CRM_API)).toBe(`${CONNECTOR} -> ${CRM_API}`);
  expect(pathIn(report, "istio", CRM_API)).toBeUndefined();
  expect(pathIn(report, "guardrails", CRM_API)).toBeUndefined();
  expect(vendorInvariant(report).violations).toEqual([]);
  const hop = vendorInvariant(report).layers.find((l) => l.layer === "networkpolicy")!.violations[0] as PathViolation;
  expect(hop.hops[0]!.connections).toBe("TCP 8080");
  expect(hop.hops[0]!.rules.join("\n")).toMatch(/NetworkPolicy crm\/crm-api-ingress/);
});

test("a vendor-to-gateway-to-CRM chain is caught with the two-hop path in every layer", () => {
  const data = structuredClone(telecom.data);
  data.flows.push({ from: "vendor-fieldops/fieldops-connector", to: "backoffice/staff-console", ports: ["http"] });
  const { policy, diagnostics } = resolvePolicy(data);
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const report = verified(policy!);
  expect(report.holds).toBe(false);
  const chain = `${CONNECTOR} -> backoffice/staff-console[Pod] -> ${CRM_API}`;
  const combined = vendorInvariant(report).violations.find((v): v is PathViolation => v.kind === "path" && v.to === CRM_API)!;
  expect([combined.from, ...combined.hops.map((h) => h.to)].join(" -> ")).toBe(chain);
  for (const layer of ["combined", "networkpolicy", "istio", "guardrails"]) expect(pathIn(report, layer, CRM_API)).toBe(chain);
  expect(verifyText(report)).toContain(`--(TCP 8080)--> backoffice/staff-console[Pod]`);
});

test("too-broad selectors (all namespaces, all pods) open the path in the NetworkPolicy layer", () => {
  const broad: KubeObject[] = [
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "allow-cluster-egress", namespace: "vendor-fieldops" },
      spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ namespaceSelector: {} }] }] },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "allow-monitoring", namespace: "crm" },
      spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: {} }] }] },
    },
  ];
  const report = verified(telecom, broad);
  expect(report.holds).toBe(false);
  expect(pathIn(report, "networkpolicy", CRM_API)).toBe(`${CONNECTOR} -> ${CRM_API}`);
  expect(pathIn(report, "networkpolicy", "crm/crm-db[Pod]")).toBe(`${CONNECTOR} -> crm/crm-db[Pod]`);
  // Defence in depth: the layers together still hold, and the report says which layer fails.
  expect(vendorInvariant(report).violations).toEqual([]);
  expect(verifyText(report)).toMatch(/FAILS with NetworkPolicy alone/);
});

test("a hand-written NetworkPolicy pair opening the path fails `ztseg verify --with` with exit 1 and the path", async () => {
  const r = await runCli(["verify", "policies/telecom", "--with", path.join("test", "verify", "fixtures", "vendor-to-crm-netpol.yaml")], { today: TODAY });
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/^FAIL {2}no-vendor-path-to-sensitive/m);
  expect(r.stdout).toContain("FAILS with NetworkPolicy alone");
  expect(r.stdout).toContain(`${CONNECTOR}\n        --(TCP 8080)--> ${CRM_API}`);
  expect(r.stdout).toContain("allowed by egress: NetworkPolicy vendor-fieldops/fieldops-to-crm");
  expect(r.stdout).toContain("allowed by ingress: NetworkPolicy crm/crm-api-from-fieldops");
});
