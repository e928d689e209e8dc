// @ts-nocheck
import { diffSides, policySide, type DiffSide } from "../../src/core/diff";
import { compile } from "../../src/core/compile";
import { vendorIsolation } from "../../src/core/vendors";
import { expectNoPath, LAYER_NAMES, modelFromPolicy } from "../../src/core/verify";
import { endpointId } from "../../src/model";
import { quarantined, TELECOM, vendorsOfFlow } from "./helpers";

const TODAY = "2026-01-15";
// Both a zone and an address set: the office range calls into the vendor zone, which calls into support.
const VENDOR = "callcenter";
const Q = quarantined(VENDOR);

function side(policy: typeof TELECOM, label: string): DiffSide {
  const r = policySide(policy, { label, today: TODAY });
  if (!r.side) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return r.side;
}

describe(`telecom with vendor ${VENDOR} quarantined`, () => {
  const model = modelFromPolicy(Q);
  const nodes = [...model.view("combined").nodes.values()];
  const zoneNamespaces = new Set(TELECOM.zones.filter((z) => z.vendor === VENDOR).map((z) => z.namespace));
  const vendorWorkloads = nodes.filter((n) => n.kind === "workload" && zoneNamespaces.has(n.namespace ?? "")).map((n) => n.id);
  const restWorkloads = nodes.filter((n) => n.kind === "workload" && !zoneNamespaces.has(n.namespace ?? "")).map((n) => n.id);

  it("has the vendor's zone and address set in the model", () => {
    expect(vendorWorkloads.length).toBeGreaterThan(0);
    expect(vendorIsolation(model, VENDOR).endpoints.length).toBeGreaterThan(vendorWorkloads.length);
  });

  it.each(LAYER_NAMES)("has no path from or to the vendor's zone in layer %s", (layer) => {
    const out = expectNoPath(model, vendorWorkloads, restWorkloads, layer);
    const into = expectNoPath(model, restWorkloads, vendorWorkloads, layer);
    expect(out.message).toMatch(/but none exists/);
    expect(out.pass).toBe(true);
    expect(into.pass).toBe(true);
  });

  it("is isolated, address sets included, in every layer; the unquarantined reference is not", () => {
    const report = vendorIsolation(model, VENDOR);
    expect(report.layers.map((l) => [l.layer, l.isolated, l.paths.length])).toEqual(LAYER_NAMES.map((l) => [l, true, 0]));
    expect(report.isolated).toBe(true);
    // The vendor's office range sits inside the "internet" block the ingress gateway admits and inside the DNS
    // pods' upstream block: the compiler carves it out of both as an ipBlock except.
    const objects = compile(Q).objects;
    const exceptLists = objects
      .filter((o) => o.kind === "NetworkPolicy")
      .flatMap((o) => JSON.stringify(o.spec).match(/"except":\[[^\]]*\]/g) ?? []);
    const office = TELECOM.externals.filter((x) => x.vendor === VENDOR).flatMap((x) => x.blocks.map((b) => b.cidr.text));
    expect(office.length).toBeGreaterThan(0);
    for (const cidr of office) expect(exceptLists.some((e) => e.includes(`"${cidr}"`))).toBe(true);
    const before = vendorIsolation(modelFromPolicy(TELECOM), VENDOR);
    expect(before.isolated).toBe(false);
    expect(before.layers.find((l) => l.layer === "combined")!.paths.length).toBeGreaterThan(0);
  });

  it("is enforced by the priority-1 AdminNetworkPolicy and Istio DENY guardrails", () => {
    const objects = compile(Q).objects;
    const anp = objects.find((o) => o.kind === "AdminNetworkPolicy" && o.metadata.name === "ztseg-quarantine");
    expect((anp?.spec as { priority: number }).priority).toBe(1);
    const denies = objects.filter((o) => o.kind === "AuthorizationPolicy" && o.metadata.name === "quarantine-deny");
    expect(denies.length).toBe(TELECOM.zones.filter((z) => z.mesh && z.vendor !== VENDOR).length);
    // Nothing leaves the quarantined namespace but its default deny.
    const own = objects.filter((o) => o.kind === "NetworkPolicy" && zoneNamespaces.has(o.metadata.namespace ?? ""));
    expect(own.map((o) => o.metadata.name)).toEqual(["default-deny"]);
  });

  it("shows exactly the vendor's flows removed in the semantic diff, and nothing else", () => {
    const result = diffSides(side(TELECOM, "before"), side(Q, "after"), { today: TODAY });
    const expected = [...new Set(TELECOM.flows.filter((f) => vendorsOfFlow(TELECOM, f).includes(VENDOR)).map((f) => `${endpointId(f.from)} -> ${endpointId(f.to)}`))].sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(result.flows.pairs.every((c) => c.change === "removed")).toBe(true);
    expect(result.flows.pairs.map((c) => `${c.from} -> ${c.to}`).sort()).toEqual(expected);
    expect(result.flows.groups.every((c) => c.change === "removed")).toBe(true);
    expect(result.paths.filter((p) => p.change === "added")).toEqual([]);
    expect(result.newSensitivePaths).toBe(0);
  });
});
