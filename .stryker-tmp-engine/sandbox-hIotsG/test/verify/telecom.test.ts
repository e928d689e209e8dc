/**
 * Policy tests for the telecom reference, proven on the compiled objects:
 * no vendor or internet path reaches CRM, subscriber or payment data in any
 * layer; every intended flow is allowed and nothing else between services.
 */
// @ts-nocheck

import telecom from "../../policies/telecom";
import { ConnSet } from "../../src/core/analyze";
import { modelFromPolicy, serviceWorkloadId, verifyPolicy } from "../../src/core/verify";
import { modelFromPolicy as jestModel, ztsegMatchers } from "../../src/adapters/jest";
import { runCli } from "../support/cli";

expect.extend(ztsegMatchers);

const TODAY = "2026-11-25";
const verification = verifyPolicy(telecom, { today: TODAY });
const report = verification.report!;
const model = modelFromPolicy(telecom);

describe("telecom reference: invariants on the compiled objects", () => {
  test("compiles without errors and every invariant holds", () => {
    expect(verification.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(report.invariants.filter((i) => i.status !== "holds").map((i) => ({ id: i.id, violations: i.violations }))).toEqual([]);
    expect(report.holds).toBe(true);
  });

  test.each(["combined", "networkpolicy", "istio", "guardrails"] as const)("no vendor path to sensitive zones with %s", (layer) => {
    const inv = report.invariants.find((i) => i.id === "no-vendor-path-to-sensitive")!;
    const l = inv.layers.find((x) => x.layer === layer)!;
    expect(l.violations).toEqual([]);
    expect(l.status).toBe("holds");
  });

  test.each(["combined", "networkpolicy", "istio", "guardrails"] as const)("CRM and subscriber-data are unreachable from every vendor zone with %s (jest matcher)", (layer) => {
    expect(model).toHaveNoPath({ from: { trust: ["vendor"] }, to: { zones: ["crm", "subscriber"] }, layer });
  });

  test("vendor address ranges reach nothing sensitive, through any chain", () => {
    expect(model).toHaveNoPath({ from: { trust: ["vendor", "external"] }, to: { sensitive: true } });
  });

  test("every intended flow between services is allowed, on exactly its ports", () => {
    const conn = model.view("combined").conn;
    const expected = new Map<string, ConnSet>();
    for (const f of telecom.flows) {
      if (f.from.kind !== "service" || f.to.kind !== "service") continue;
      const key = `${serviceWorkloadId(f.from.service)} ${serviceWorkloadId(f.to.service)}`;
      const ports = f.ports.reduce((acc, p) => acc.union(ConnSet.ports(p.protocol, p.port, p.endPort ?? p.port)), ConnSet.empty);
      expected.set(key, (expected.get(key) ?? ConnSet.empty).union(ports));
    }
    expect(expected.size).toBeGreaterThan(30);
    const services = telecom.services.map(serviceWorkloadId);
    const mismatches: string[] = [];
    for (const a of services) {
      for (const b of services) {
        if (a === b) continue;
        const want = expected.get(`${a} ${b}`) ?? ConnSet.empty;
        const got = conn.connections({ kind: "workload", id: a }, { kind: "workload", id: b });
        if (!got.equals(want)) mismatches.push(`${a} -> ${b}: expected ${want.toDisplayString() || "nothing"}, analyzer says ${got.toDisplayString() || "nothing"}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  test("every service may resolve names through kube-dns, and only on port 53", () => {
    const conn = model.view("combined").conn;
    const dns = { kind: "workload" as const, id: "kube-system/kube-dns[Pod]" };
    for (const s of telecom.services) {
      expect(conn.connections({ kind: "workload", id: serviceWorkloadId(s) }, dns).toDisplayString()).toBe("TCP 53;UDP 53");
    }
  });

  test("toAllow and toDeny name a real flow and a forbidden one", () => {
    const m = jestModel(telecom);
    expect(m).toAllow("edge/ingress-gateway", "portal/portal-web", "8080/TCP");
    expect(m).toDeny("vendor-fieldops/fieldops-connector", "crm/crm-api", 8080);
    expect(m).toDeny("portal/portal-api", "crm/crm-api", "8080/TCP");
  });
});

describe("ztseg verify policies/telecom", () => {
  test("exits 0 and prints which invariants hold in which layers", async () => {
    const r = await runCli(["verify", "policies/telecom"], { today: TODAY });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PASS {2}no-vendor-path-to-sensitive/m);
    expect(r.stdout).toContain("holds with NetworkPolicy alone");
    expect(r.stdout).toContain("holds with Istio alone");
    expect(r.stdout).toContain("holds with guardrails alone");
    expect(r.stdout).toMatch(/all 5 applicable invariants hold\n$/);
  });

  test("JSON output carries every layer's verdict", async () => {
    const r = await runCli(["verify", "policies/telecom", "--format", "json"], { today: TODAY });
    const parsed = JSON.parse(r.stdout) as { holds: boolean; invariants: { id: string; layers: { layer: string; status: string }[] }[] };
    expect(parsed.holds).toBe(true);
    const noPath = parsed.invariants.find((i) => i.id === "no-vendor-path-to-sensitive")!;
    expect(noPath.layers.map((l) => `${l.layer}:${l.status}`)).toEqual(["combined:holds", "networkpolicy:holds", "istio:holds", "guardrails:holds"]);
  });
});
