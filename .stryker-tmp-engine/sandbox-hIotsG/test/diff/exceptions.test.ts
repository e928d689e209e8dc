// @ts-nocheck
import { diffSides } from "../../src/core/diff";
import { daysUntil } from "../../src/core/diff";
import { BASE, side, TODAY, variant } from "./helpers";

/** A vendor exception into a dead-end inbox, as policies/examples/exception declares one. */
const exception = (expires: string, ticket = "SEC-1") => ({
  id: "fieldops-posts-photos",
  from: "vendor-fieldops/fieldops-connector",
  to: "field-service/work-order-db",
  ports: ["postgres"],
  justification: "Photo upload until the API supports attachments",
  owner: "head-of-field-operations",
  ticket,
  expires,
});

describe("exceptions in the diff", () => {
  const withException = variant((d) => {
    d.exceptions = [exception("2026-12-10")];
  });

  test("an added exception expiring within 30 days is listed as added and as expiring, with owner, ticket and days left", () => {
    const d = diffSides(side(BASE, "base"), side(withException, "head"), { today: TODAY });
    expect(d.exceptions.map((e) => e.change)).toEqual(["added", "expiring"]);
    expect(d.exceptions[0]!.after).toMatchObject({ owner: "head-of-field-operations", ticket: "SEC-1", expires: "2026-12-10", from: "vendor-fieldops/fieldops-connector", ports: "TCP 5432" });
    expect(d.exceptions[1]!.daysLeft).toBe(15);
    // The exception reaches no sensitive zone: no gate.
    expect(d.newSensitivePaths).toBe(0);
  });

  test("changed ticket and expiry are named; an expired one is flagged", () => {
    const renewed = variant((d) => {
      d.exceptions = [exception("2026-11-24", "SEC-2")];
    });
    const d = diffSides(side(withException, "base"), side(renewed, "head"), { today: "2026-11-20" });
    expect(d.exceptions).toEqual([expect.objectContaining({ change: "changed", fields: ["ticket", "expires"] }), expect.objectContaining({ change: "expiring", daysLeft: 4 })]);
    const later = diffSides(side(withException, "base"), side(renewed, "head"), { today: TODAY });
    expect(later.exceptions.map((e) => [e.change, e.daysLeft])).toEqual([
      ["changed", undefined],
      ["expired", -1],
    ]);
  });

  test("daysUntil counts whole UTC days", () => {
    expect(daysUntil("2026-11-25", "2026-11-25")).toBe(0);
    expect(daysUntil("2027-03-01", "2027-02-28")).toBe(1);
    expect(daysUntil("2026-11-24", "2026-11-25")).toBe(-1);
  });
});
