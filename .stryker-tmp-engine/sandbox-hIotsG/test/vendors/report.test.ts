// @ts-nocheck
import { manifestDigest } from "../../src/core/render";
import { policySide } from "../../src/core/diff";
import { reportHtml, reportModel } from "../../src/core/report";
import { quarantined, TELECOM } from "./helpers";

function html(policy = TELECOM): string {
  const side = policySide(policy, { label: "policies/telecom", today: "2026-01-15" }).side!;
  return reportHtml(reportModel({ side, digest: manifestDigest(side.objects), generated: "2026-01-15" }), "<svg></svg>");
}

describe("the Vendors section of the HTML report", () => {
  it("lists every vendor with owner, contract and no sensitive zone in reach", () => {
    const page = html();
    const section = /<section id="vendors">([\s\S]*?)<\/section>/.exec(page)?.[1] ?? "";
    for (const v of TELECOM.vendors) {
      expect(section).toContain(`<strong>${v.id}</strong>`);
      expect(section).toContain(v.owner);
    }
    expect(section.match(/<span class="badge ok">none<\/span>/g)).toHaveLength(TELECOM.vendors.length);
    expect(section).not.toContain("quarantined</span>");
  });

  it("marks a quarantined vendor", () => {
    const section = /<section id="vendors">([\s\S]*?)<\/section>/.exec(html(quarantined("adinsight")))?.[1] ?? "";
    expect(section).toMatch(/<strong>adinsight<\/strong> <span class="badge bad">quarantined<\/span>/);
  });
});
