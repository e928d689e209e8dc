// @ts-nocheck
import exceptionExample from "../../policies/examples/exception";
import { checkExpiry, endpointId, policyWarnings } from "../../src/model";
import { runCli } from "../support/cli";

describe("policies/examples/exception", () => {
  test("validates with its one exception and no warnings", () => {
    expect(policyWarnings(exceptionExample)).toEqual([]);
    const exceptions = exceptionExample.flows.filter((f) => f.exception);
    expect(exceptions.map((f) => [f.id, f.origin, f.exception?.ticket, f.exception?.expires])).toEqual([["idcheck-posts-verdicts", "exceptions[0]", "SEC-2291", "2027-06-30"]]);
  });

  test("the exception is the only edge from the vendor into a sensitive zone, and it leads nowhere", () => {
    const outOfInbox = exceptionExample.flows.filter((f) => endpointId(f.from) === "identity/results-inbox");
    expect(outOfInbox).toEqual([]);
    const vendorEdges = exceptionExample.flows.filter((f) => f.from.kind === "service" && f.from.service.zone === "vendor-kyc");
    expect(vendorEdges.map((f) => endpointId(f.to))).toEqual(["identity/results-inbox"]);
  });

  test("expiry: warned in the last 30 days, an error the day after", async () => {
    expect(checkExpiry(exceptionExample, "2027-06-10").map((d) => d.code)).toEqual(["exception-expiring"]);
    expect(checkExpiry(exceptionExample, "2027-06-30").map((d) => d.code)).toEqual(["exception-expiring"]);
    expect(checkExpiry(exceptionExample, "2027-07-01").map((d) => [d.code, d.path])).toEqual([["exception-expired", "exceptions[0].expires"]]);
    const ok = await runCli(["validate", "policies/examples/exception"], { today: "2026-11-25" });
    expect([ok.code, ok.stdout]).toEqual([0, expect.stringContaining("1 exceptions")]);
    const late = await runCli(["validate", "policies/examples/exception"], { today: "2027-07-01" });
    expect(late.code).toBe(2);
    expect(late.stderr).toContain("policies/examples/exception/index.ts: exceptions[0].expires: exception \"idcheck-posts-verdicts\" expired on 2027-06-30");
  });
});
