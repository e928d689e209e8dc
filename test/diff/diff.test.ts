import { diffJson, diffMarkdown, diffSides, diffText, pathText, type DiffResult, type FlowChange } from "../../src/core/diff";
import { MAX_COMMENT_CHARS } from "../../src/core/diff/render-md";
import { manifestDigest } from "../../src/core/render";
import { BASE, side, TODAY, variant, VENDOR_FLOW } from "./helpers";

const withVendorFlow = variant((d) => {
  (d.flows as unknown[]).push(VENDOR_FLOW);
});
const base = () => side(BASE, "base");
const head = () => side(withVendorFlow, "head");

describe("semantic diff of the telecom policy", () => {
  test("identical versions: nothing appears, nothing vanishes, no object changes", () => {
    const d = diffSides(base(), base(), { today: TODAY });
    expect(d.newSensitivePaths).toBe(0);
    expect(d.paths).toEqual([]);
    expect(d.flows.groups).toEqual([]);
    expect(d.flows.pairs).toEqual([]);
    expect(d.manifests.objects).toEqual([]);
    expect(d.manifests.digestBefore).toBe(d.manifests.digestAfter);
  });

  test("one vendor flow into the staff console opens paths into CRM, subscriber and payment data", () => {
    const d = diffSides(base(), head(), { today: TODAY });
    expect(d.newSensitivePaths).toBeGreaterThan(0);
    const added = d.paths.filter((p) => p.change === "added" && p.sensitive);
    expect(added.length).toBe(d.newSensitivePaths);
    // Every new path starts at the vendor's connector and enters through the new hop.
    for (const p of added) {
      expect(p.from).toBe("vendor-fieldops/fieldops-connector");
      expect(p.hops[0]).toMatchObject({ from: "vendor-fieldops/fieldops-connector", to: "backoffice/staff-console", connections: "TCP 8080" });
    }
    const crm = added.find((p) => p.to === "crm/crm-api");
    expect(crm && pathText(crm)).toBe("vendor-fieldops/fieldops-connector -> backoffice/staff-console -> crm/crm-api");
    expect(crm?.invariants).toContain("no-vendor-path-to-sensitive");
    // Most direct first.
    const lengths = added.map((p) => p.hops.length);
    expect([...lengths].sort((a, b) => a - b)).toEqual(lengths);
  });

  test("the reverse change reports the same paths as vanishing and gates nothing", () => {
    const forward = diffSides(base(), head(), { today: TODAY });
    const back = diffSides(head(), base(), { today: TODAY });
    expect(back.newSensitivePaths).toBe(0);
    const key = (p: { from: string; to: string }) => `${p.from} -> ${p.to}`;
    expect(back.paths.filter((p) => p.change === "removed").map(key).sort()).toEqual(forward.paths.filter((p) => p.change === "added").map(key).sort());
  });

  test("flows: the new pair per zone and per service, with its port", () => {
    const d = diffSides(base(), head(), { today: TODAY });
    expect(d.flows.basis).toBe("policy");
    expect(d.flows.groups).toEqual([{ change: "added", from: "vendor-fieldops", to: "backoffice", after: "TCP 8080" }]);
    expect(d.flows.pairs).toEqual([{ change: "added", from: "vendor-fieldops/fieldops-connector", to: "backoffice/staff-console", after: "TCP 8080" }]);
  });

  test("changed ports of an existing pair are a change, not an add/remove", () => {
    const changed = variant((d) => {
      const f = (d.flows as { from: string; to: string; ports: string[] }[]).find((x) => x.from === "crm/crm-api" && x.to === "crm/crm-db")!;
      f.ports = ["postgres", "metrics"];
    });
    const d = diffSides(base(), side(changed, "head"), { today: TODAY });
    expect(d.flows.pairs).toEqual([{ change: "changed", from: "crm/crm-api", to: "crm/crm-db", before: "TCP 5432", after: "TCP 5432, TCP 9187" }]);
    expect(d.flows.groups).toEqual([{ change: "changed", from: "crm", to: "crm", before: expect.any(String) as string, after: expect.stringContaining("TCP 9187") as string }]);
    expect(d.newSensitivePaths).toBe(0);
    // The manifest diff names the objects that implement it, with a line diff.
    const np = d.manifests.objects.find((o) => o.kind === "NetworkPolicy" && o.namespace === "crm" && o.change === "changed");
    expect(np?.diff?.some((l) => l.startsWith("+"))).toBe(true);
  });

  test("invariant verdicts before and after: the vendor path fails the combined layer", () => {
    const d = diffSides(base(), head(), { today: TODAY });
    const inv = d.invariants.find((r) => r.id === "no-vendor-path-to-sensitive")!;
    expect(inv.violationsBefore).toBe(0);
    expect(inv.violationsAfter).toBe(d.newSensitivePaths);
    expect(inv.after).toBe("fails");
    expect(inv.layers).toContainEqual({ layer: "combined", before: "holds", after: "fails" });
    expect(d.invariantsHoldAfter).toBe(false);
  });
});

describe("renderers", () => {
  test("Markdown: the first line says a new path into a sensitive zone appears and names the most direct one", () => {
    const md = diffMarkdown(diffSides(base(), head(), { today: TODAY }));
    const first = md.split("\n")[0]!;
    expect(first).toMatch(/^\*\*ztseg: \d+ new paths? into a sensitive zone\*\*: vendor-fieldops\/fieldops-connector -> backoffice\/staff-console -> \S+/);
    expect(md).toContain("| 🔴 | new paths into sensitive zones |");
    expect(md).toContain("<details open><summary>Paths into sensitive zones");
    expect(md).toContain("--(TCP 8080)--> crm/crm-api");
  });

  test("Markdown without a new path says so on the first line", () => {
    const md = diffMarkdown(diffSides(head(), base(), { today: TODAY }));
    expect(md.split("\n")[0]).toMatch(/^\*\*ztseg: no new path into a sensitive zone \(\d+ vanish(es)?\)\*\*$/);
  });

  test("JSON round-trips the result; text starts with the verdict", () => {
    const d = diffSides(base(), head(), { today: TODAY });
    expect(JSON.parse(diffJson(d))).toEqual(JSON.parse(JSON.stringify(d)));
    expect(diffText(d).split("\n")[0]).toBe(`ztseg: ${d.newSensitivePaths} new paths into a sensitive zone: ${pathText(d.paths[0]!)} (and ${d.newSensitivePaths - 1} more)`);
  });

  test("Markdown for a diff too long for a pull-request comment: lists cut to fit, each saying how much it leaves out; the verdict and summary whole", () => {
    const d = diffSides(base(), head(), { today: TODAY });
    const small = diffMarkdown(d);
    expect(small.length).toBeLessThan(MAX_COMMENT_CHARS);
    expect(small).not.toContain("more flow changes");
    // As a cluster-wide change gives: thousands of workload pairs and namespace pairs.
    const many = (n: number, prefix: string): FlowChange[] =>
      Array.from({ length: n }, (_, i) => ({ change: "added", from: `${prefix}-${String(i).padStart(5, "0")}/api`, to: "crm/crm-api", after: "TCP 8080" }));
    const big: DiffResult = { ...d, flows: { ...d.flows, pairs: many(5000, "team"), groups: many(1200, "ns") } };
    const md = diffMarkdown(big);
    expect(md.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    // The verdict line and the summary table are whole: the same verdict and count of new sensitive paths as the
    // small diff (only the flows differ), and the flow counts of the whole lists.
    expect(md.split("\n")[0]).toBe(small.split("\n")[0]);
    const sensitiveRow = (text: string) => text.split("\n").find((l) => l.includes("new paths into sensitive zones |"));
    expect(sensitiveRow(md)).toBe(sensitiveRow(small));
    expect(sensitiveRow(md)).toMatch(/^\| 🔴 \| new paths into sensitive zones \| \*\*[1-9]\d*\*\* \|$/);
    expect(md).toContain("| | flows per zone pair (added ~changed −removed) | +1200 ~0 −0 |");
    expect(md).toContain("| | flows per service pair (added ~changed −removed) | +5000 ~0 −0 |");
    // The new paths into sensitive zones are still listed; each cut list's rows plus what it says it leaves out is the whole list.
    expect(md).toContain("--(TCP 8080)--> crm/crm-api");
    for (const [prefix, total] of [
      ["team", 5000],
      ["ns", 1200],
    ] as const) {
      const shown = md.split("\n").filter((l) => l.startsWith(`| added | \`${prefix}-`)).length;
      const left = new RegExp(`_… and (\\d+) more flow changes`, "g");
      const notes = [...md.matchAll(left)].map((m) => Number(m[1]));
      expect(notes.length).toBe(2);
      expect(notes).toContain(total - shown);
      expect(shown).toBeGreaterThan(0);
    }
  });

  test("the manifest digest equals the compiler's digest of each side", () => {
    const d = diffSides(base(), head(), { today: TODAY });
    expect(d.manifests.digestBefore).toBe(manifestDigest(base().objects));
    expect(d.manifests.digestAfter).toBe(manifestDigest(head().objects));
    expect(d.manifests.digestBefore).not.toBe(d.manifests.digestAfter);
  });
});
