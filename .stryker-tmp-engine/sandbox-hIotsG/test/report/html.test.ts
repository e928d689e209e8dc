// @ts-nocheck
import telecom from "../../policies/telecom";
import { policySide } from "../../src/core/diff";
import { manifestDigest } from "../../src/core/render";
import { reportHtml, reportModel, zoneGraphDot, escapeHtml } from "../../src/core/report";
import { renderSvg } from "../../src/adapters/render/graph";

const built = policySide(telecom, { label: "policies/telecom", today: "2026-11-25" });
const side = built.side!;
const model = reportModel({ side, digest: manifestDigest(side.objects), generated: "2026-11-25", revision: { commit: "0123456789abcdef0123", dirty: true } });

describe("HTML report", () => {
  let svg = "";
  beforeAll(async () => {
    svg = await renderSvg(zoneGraphDot(model));
  });

  test("the graph has one cluster per trust level and red edges exactly for flows a vendor can drive", () => {
    const dot = zoneGraphDot(model);
    for (const t of ["internal", "vendor", "external"]) expect(dot).toContain(`"cluster_${t}"`);
    // The call-center office (a vendor's site) reaches its agent gateway: red. The internet's entry is not vendor-facing.
    expect(dot).toMatch(/"ext:callcenter-office" -> "zone:vendor-callcenter" \[label="TCP 8443", color="#d92d20"/);
    expect(dot).toMatch(/"ext:internet" -> "zone:edge" \[tooltip=/);
    const vendorFlows = model.flows.filter((f) => f.vendorFacing);
    expect(vendorFlows.map((f) => f.from)).toContain("vendor-fieldops/fieldops-connector");
    expect(vendorFlows.some((f) => f.from.startsWith("crm/"))).toBe(false);
  });

  test("the page is self-contained, deterministic, and carries digest, revision and date", () => {
    const html = reportHtml(model, svg);
    expect(reportHtml(model, svg)).toBe(html);
    expect(html).not.toMatch(/<script|<link|src="http|href="http|@import|url\(/i);
    expect(html).toContain(manifestDigest(side.objects));
    expect(html).toContain("0123456789ab (uncommitted changes)");
    expect(html).toContain("2026-11-25");
    expect(html).toContain('<svg');
    expect(html).not.toContain("<?xml");
    for (const id of ["graph", "invariants", "exceptions", "zones", "flows", "services"]) expect(html).toContain(`<section id="${id}">`);
    for (const inv of telecom.invariants) expect(html).toContain(`<code>${inv.id}</code>`);
  });

  test("text from the policy is escaped", () => {
    expect(escapeHtml(`<b a="x">&'`)).toBe("&lt;b a=&quot;x&quot;&gt;&amp;&#39;");
    const evil = reportHtml({ ...model, title: "<script>alert(1)</script>" }, svg);
    expect(evil).not.toContain("<script>");
  });

  test("exceptions are listed with owner, ticket and expiry", () => {
    const withException = { ...model, exceptions: [{ id: "x-1", from: "a/b", to: "c/d", ports: "TCP 80", justification: "why", owner: "ciso", ticket: "SEC-9", expires: "2027-01-31" }] };
    const html = reportHtml(withException, svg);
    expect(html).toMatch(/<code>x-1<\/code><\/td><td>a\/b → c\/d<\/td><td>TCP 80<\/td><td>ciso<\/td><td>SEC-9<\/td><td>2027-01-31<\/td>/);
  });
});
