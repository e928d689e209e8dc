// @ts-nocheck
import { policySide } from "../../src/core/diff";
import { inventoryFromSide, inventoryJson, inventoryMarkdown, inventoryText, type VendorInventory } from "../../src/core/vendors";
import { endpointId } from "../../src/model";
import { TELECOM, withExceptions } from "./helpers";

const TODAY = "2026-01-15";

function inventoryOf(policy = TELECOM): VendorInventory {
  const r = policySide(policy, { label: "telecom", today: TODAY });
  if (!r.side) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return inventoryFromSide(r.side);
}

describe("vendor inventory of the telecom reference", () => {
  const inv = inventoryOf();

  it("lists every vendor with its owner and contract, and no sensitive zone within reach of any", () => {
    expect(inv.vendors.map((v) => v.id)).toEqual(TELECOM.vendors.map((v) => v.id).sort());
    for (const v of TELECOM.vendors) {
      const entry = inv.vendors.find((e) => e.id === v.id)!;
      expect(entry.owner).toBe(v.owner);
      expect(entry.contract).toBe(v.contract);
      expect(entry.sensitiveInReach).toEqual([]);
      expect(entry.reach.every((r) => !r.sensitive)).toBe(true);
    }
    expect(inv.holds).toBe(true);
  });

  it("names each vendor's zones and address sets as the policy declares them", () => {
    for (const v of inv.vendors) {
      expect(v.zones.map((z) => z.name).sort()).toEqual(TELECOM.zones.filter((z) => z.vendor === v.id).map((z) => z.name).sort());
      expect(v.addressSets.map((a) => a.name).sort()).toEqual(TELECOM.externals.filter((e) => e.vendor === v.id).map((e) => e.name).sort());
    }
  });

  it("has every declared flow out of a vendor's zones among its direct reach, with the flow's port", () => {
    let checked = 0;
    for (const f of TELECOM.flows) {
      if (f.from.kind !== "service") continue;
      const vendor = TELECOM.zones.find((z) => z.name === (f.from as { service: { zone: string } }).service.zone)?.vendor;
      // A flow to the vendor's own address set stays inside the vendor.
      const toVendor = f.to.kind === "external" ? f.to.external.vendor : TELECOM.zones.find((z) => z.name === (f.to as { service: { zone: string } }).service.zone)?.vendor;
      if (vendor === undefined || toVendor === vendor) continue;
      const direct = inv.vendors.find((v) => v.id === vendor)!.direct.find((d) => d.name === endpointId(f.to));
      if (!direct) throw new Error(`flow ${f.id} is not in the direct reach of ${vendor}`);
      for (const p of f.ports) expect(direct!.connections).toContain(`${p.protocol} ${p.port}`);
      expect(direct!.from).toContain(endpointId(f.from));
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("reports transitive reach with the depth of a shortest path", () => {
    const fieldforce = inv.vendors.find((v) => v.id === "fieldforce")!;
    const db = fieldforce.reach.find((r) => r.name === "field-service/work-order-db")!;
    expect(db.depth).toBe(2);
    expect(db.path).toEqual(["vendor-fieldops/fieldops-connector", "field-service/work-order-api", "field-service/work-order-db"]);
    for (const r of fieldforce.reach) expect(r.path.length).toBe(r.depth + 1);
    // The vendor's own endpoints are sources, not reach.
    expect(fieldforce.reach.map((r) => r.name)).not.toContain("vendor-fieldops/fieldops-connector");
  });

  it("renders text, Markdown and JSON naming every vendor", () => {
    const text = inventoryText(inv);
    const md = inventoryMarkdown(inv);
    for (const v of inv.vendors) {
      expect(text).toContain(v.id);
      expect(md).toContain(`### ${v.id}`);
    }
    expect(text).toContain("no sensitive zone is within reach");
    expect(JSON.parse(inventoryJson(inv))).toEqual(JSON.parse(JSON.stringify(inv)));
  });
});

describe("a vendor exception into a sensitive zone", () => {
  const inv = inventoryOf(
    withExceptions([
      {
        id: "callcenter-reads-crm",
        from: "vendor-callcenter/agent-gateway",
        to: "crm/crm-api",
        ports: ["http"],
        justification: "Temporary read access during the CRM migration",
        owner: "head-of-customer-care",
        ticket: "RISK-42",
        expires: "2026-06-30",
      },
    ]),
  );

  it("puts the sensitive zone in reach, with the exception listed, and fails the inventory", () => {
    const callcenter = inv.vendors.find((v) => v.id === "callcenter")!;
    expect(callcenter.exceptions.map((x) => [x.id, x.ticket, x.expires])).toEqual([["callcenter-reads-crm", "RISK-42", "2026-06-30"]]);
    const crm = callcenter.sensitiveInReach.find((r) => r.name === "crm/crm-api");
    expect(crm?.depth).toBe(1);
    expect(inv.holds).toBe(false);
    // The other vendors are unaffected.
    expect(inv.vendors.filter((v) => v.sensitiveInReach.length > 0).map((v) => v.id)).toEqual(["callcenter"]);
    expect(inventoryText(inv)).toContain("SENSITIVE ZONES IN REACH");
  });
});
