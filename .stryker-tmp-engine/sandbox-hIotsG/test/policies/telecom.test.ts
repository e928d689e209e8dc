/**
 * The telecom reference policy: valid, big enough to exercise the suite, and
 * free of vendor paths into sensitive zones at the level of intent (flows as
 * written). The proof on compiled manifests is the analyzer's job.
 */
// @ts-nocheck

import { spawnSync } from "node:child_process";
import * as path from "node:path";
import telecom from "../../policies/telecom";
import { type Endpoint, endpointId, endpointTrust, policyWarnings, type ResolvedPolicy, resolvePolicy } from "../../src/model";
import { REPO_ROOT, runCli } from "../support/cli";

/** Breadth-first over "A may open a connection to B"; returns each reached endpoint's predecessor. */
function reachableFrom(policy: ResolvedPolicy, starts: readonly string[]): Map<string, string | undefined> {
  const next = new Map<string, string[]>();
  for (const f of policy.flows) {
    const from = endpointId(f.from);
    next.set(from, [...(next.get(from) ?? []), endpointId(f.to)]);
  }
  const seen = new Map<string, string | undefined>(starts.map((s) => [s, undefined]));
  const queue = [...starts];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const to of next.get(at) ?? []) {
      if (!seen.has(to)) {
        seen.set(to, at);
        queue.push(to);
      }
    }
  }
  return seen;
}

function pathTo(reached: Map<string, string | undefined>, target: string): string[] {
  const hops = [target];
  for (let at = reached.get(target); at !== undefined; at = reached.get(at)) hops.unshift(at);
  return hops;
}

/** Every endpoint of the policy (services and externals) as an Endpoint. */
function endpoints(policy: ResolvedPolicy): Endpoint[] {
  return [
    ...policy.services.map((service): Endpoint => ({ kind: "service", service })),
    ...policy.externals.map((external): Endpoint => ({ kind: "external", external })),
  ];
}

const untrustedStarts = (policy: ResolvedPolicy) => endpoints(policy).filter((e) => endpointTrust(policy, e) !== "internal").map(endpointId);
const sensitiveServices = (policy: ResolvedPolicy) => {
  const sensitiveZones = new Set(policy.zones.filter((z) => z.sensitive).map((z) => z.name));
  return policy.services.filter((s) => sensitiveZones.has(s.zone)).map((s) => s.id);
};
/** Offending paths as "a -> b -> c", empty when the guardrail holds. */
function vendorPathsIntoSensitive(policy: ResolvedPolicy): string[] {
  const reached = reachableFrom(policy, untrustedStarts(policy));
  return sensitiveServices(policy)
    .filter((s) => reached.has(s))
    .map((s) => pathTo(reached, s).join(" -> "));
}

describe("policies/telecom", () => {
  test("validates with no errors and no warnings", () => {
    expect(policyWarnings(telecom)).toEqual([]);
    const again = resolvePolicy(telecom.data);
    expect(again.diagnostics).toEqual([]);
    expect(again.policy?.flows.map((f) => f.id)).toEqual(telecom.flows.map((f) => f.id));
  });

  test("is the size the issue asks for", () => {
    expect(telecom.zones.length).toBeGreaterThanOrEqual(12);
    expect(telecom.services.length).toBeGreaterThanOrEqual(30);
    expect(telecom.vendors.length).toBeGreaterThanOrEqual(4);
    const vendorZones = telecom.zones.filter((z) => z.trust === "vendor");
    expect(vendorZones.map((z) => z.name).sort()).toEqual(["vendor-callcenter", "vendor-fieldops", "vendor-marketing"]);
  });

  test("holds the required data classes, with crm, subscriber and payment sensitive", () => {
    const classes = telecom.dataClasses;
    for (const c of ["crm", "subscriber", "payment"]) expect(classes[c]?.sensitive).toBe(true);
    for (const c of ["pseudonymised", "marketing", "telemetry"]) expect(classes[c]?.sensitive).toBe(false);
    expect(telecom.zones.filter((z) => z.sensitive).map((z) => z.name).sort()).toEqual(["billing", "crm", "hss", "payments", "subscriber"]);
  });

  test("uses the protocol features the compiler must handle", () => {
    const ports = [...telecom.services, ...telecom.externals].flatMap((e) => e.ports);
    expect(ports.some((p) => p.protocol === "UDP")).toBe(true);
    expect(ports.some((p) => p.protocol === "SCTP" && p.port === 3868)).toBe(true);
    expect(ports.some((p) => p.endPort !== undefined && p.endPort > p.port)).toBe(true);
    const v6WithExcept = telecom.externals.flatMap((e) => e.blocks).filter((b) => b.cidr.version === 6 && b.except.length > 0);
    expect(v6WithExcept.length).toBeGreaterThan(0);
    expect(telecom.flows.filter((f) => f.http?.paths !== undefined && f.http.methods !== undefined).length).toBeGreaterThan(3);
    // DNS is the compiler's business: no zone or service stands for kube-dns.
    expect(telecom.zones.some((z) => z.namespace === "kube-system")).toBe(false);
    expect(telecom.services.some((s) => /dns/.test(s.id))).toBe(false);
  });

  test("declares the guardrail invariants", () => {
    const kinds = telecom.invariants.map((i) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(["noPath", "defaultDeny", "mtlsStrict", "noInternetEgress"]));
    const guard = telecom.invariants.find((i) => i.id === "no-vendor-path-to-sensitive");
    expect(guard).toMatchObject({ kind: "noPath", from: { trust: ["vendor", "external"] }, to: { sensitive: true } });
  });

  test("every vendor is tied to a zone or an address set", () => {
    const used = new Set([...telecom.zones.map((z) => z.vendor), ...telecom.externals.map((e) => e.vendor)]);
    for (const v of telecom.vendors) expect(used.has(v.id)).toBe(true);
  });

  test("no vendor or external endpoint reaches a sensitive service over any chain of flows", () => {
    const starts = untrustedStarts(telecom);
    // Not vacuous: all three vendor zones and the internet are starting points, and they do reach things.
    expect(starts).toEqual(expect.arrayContaining(["internet", "vendor-callcenter/agent-gateway", "vendor-fieldops/fieldops-connector", "vendor-marketing/insight-connector"]));
    expect(reachableFrom(telecom, starts).size).toBeGreaterThan(starts.length + 10);
    expect(vendorPathsIntoSensitive(telecom)).toEqual([]);
  });

  test("the sensitive zones do push out: they initiate flows to vendor-reachable exchange services", () => {
    const reached = reachableFrom(telecom, untrustedStarts(telecom));
    const sensitive = new Set(sensitiveServices(telecom));
    const pushes = telecom.flows.filter((f) => sensitive.has(endpointId(f.from)) && reached.has(endpointId(f.to)) && f.to.kind === "service");
    expect(pushes.map((f) => endpointId(f.to))).toEqual(expect.arrayContaining(["portal/request-outbox", "support/support-backend", "field-service/work-order-api"]));
  });

  test("one extra internal hop from an exchange service into CRM is caught, with its path", () => {
    const data = { ...telecom.data, flows: [...telecom.data.flows, { from: "support/support-backend", to: "crm/crm-api", ports: ["grpc"] }] };
    const { policy } = resolvePolicy(data);
    expect(policy).toBeDefined();
    expect(vendorPathsIntoSensitive(policy!)).toContain("vendor-callcenter/agent-gateway -> support/support-backend -> crm/crm-api");
  });

  test("vendors cannot reach each other's exchange services", () => {
    const reached = reachableFrom(telecom, ["vendor-fieldops/fieldops-connector", "vendor-marketing/insight-connector"]);
    const forbidden = telecom.services.filter((s) => s.zone === "support" || s.zone === "vendor-callcenter").map((s) => s.id);
    expect(forbidden.filter((s) => reached.has(s))).toEqual([]);
  });

  test("ztseg validate accepts it in-process", async () => {
    const r = await runCli(["validate", "policies/telecom"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^policies\/telecom\/index\.ts: policy "telecom" is valid: 19 zones, 49 services/);
  });

  test("the real CLI process (tsx loader) exits 0 on it", () => {
    const r = spawnSync(path.join(REPO_ROOT, "node_modules/.bin/tsx"), ["src/adapters/cli/entry.ts", "validate", "policies/telecom"], { cwd: REPO_ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('policy "telecom" is valid');
  });
});
