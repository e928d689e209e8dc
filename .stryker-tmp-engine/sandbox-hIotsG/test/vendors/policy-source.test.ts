// @ts-nocheck
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { editQuarantineFlag, readQuarantineFlag } from "../../src/adapters/load/policy-source";
import { isDiagnosticError } from "../../src/model";
import { REPO_ROOT } from "../support/cli";
import { TELECOM } from "./helpers";

const SOURCE = fs.readFileSync(path.join(REPO_ROOT, "policies/telecom/index.ts"), "utf8");

function refusal(src: string, vendor: string, on = true): string {
  try {
    editQuarantineFlag(src, vendor, on);
  } catch (e) {
    if (isDiagnosticError(e)) return e.diagnostics.map((d) => `${d.code}: ${d.message}`).join("\n");
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("editing the quarantined flag in a policy source", () => {
  it.each(TELECOM.vendors.map((v) => v.id))("quarantines and releases %s with a one-line change, restoring the bytes", (vendor) => {
    const q = editQuarantineFlag(SOURCE, vendor, true);
    expect(q.changed).toBe(true);
    expect(readQuarantineFlag(q.after, vendor)).toBe(true);
    const lines = SOURCE.split("\n");
    const diff = q.after.split("\n").filter((l, i) => l !== lines[i]);
    expect(diff).toHaveLength(1);
    expect(diff[0]).toContain(`${vendor}: {`);
    for (const other of TELECOM.vendors.filter((v) => v.id !== vendor)) expect(readQuarantineFlag(q.after, other.id)).toBeUndefined();
    expect(editQuarantineFlag(q.after, vendor, false).after).toBe(SOURCE);
  });

  it("edits multi-line entries, with and without trailing commas, and skips strings, templates and comments", () => {
    const cases = [
      `export default { vendors: {\n  a: {\n    name: "x",\n    owner: "y",\n  },\n} };\n`,
      `export default { vendors: {\n  a: {\n    name: "x",\n    owner: "y" // "a: {"\n  }\n} };\n`,
      `export default { vendors: { a: { name: "}{", owner: \`t\${ {k: 1}.k }\`, }, b: { name: "b", owner: "o" } } };\n`,
      `const re = /vendors: {/; export default { name: "v", vendors: { "a": { name: "x", owner: '/*' } } };\n`,
    ];
    for (const src of cases) {
      const q = editQuarantineFlag(src, "a", true);
      expect(readQuarantineFlag(q.after, "a")).toBe(true);
      expect(editQuarantineFlag(q.after, "a", false).after).toBe(src);
    }
  });

  it("flips an explicit false and releases by removing the flag", () => {
    const src = `export default { vendors: { a: { name: "x", quarantined: false, owner: "y" } } };`;
    const q = editQuarantineFlag(src, "a", true);
    expect(q.after).toBe(`export default { vendors: { a: { name: "x", quarantined: true, owner: "y" } } };`);
    expect(editQuarantineFlag(q.after, "a", false).after).toBe(`export default { vendors: { a: { name: "x", owner: "y" } } };`);
  });

  it("fails closed on shapes it cannot edit safely", () => {
    expect(refusal(`const v = {}; export default { vendors: v };`, "a")).toMatch(/not written as an object literal/);
    expect(refusal(`export default { vendors: { ...base, a: { name: "x" } } };`, "a")).toMatch(/spread/);
    expect(refusal(`export default { vendors: { a: { ...common, name: "x" } } };`, "a")).toMatch(/spread/);
    expect(refusal(`export default { vendors: { a: makeVendor("x") } };`, "a")).toMatch(/not written as an object literal/);
    expect(refusal(`export default { vendors: { a: { name: "x", quarantined: flag } } };`, "a")).toMatch(/expression/);
    expect(refusal(`export const one = { vendors: { a: { name: "x" } } }; export default { vendors: { a: { name: "y" } } };`, "a")).toMatch(/2 `vendors:`/);
    expect(refusal(`export default { vendors: { b: { name: "x" } } };`, "a")).toMatch(/not in the `vendors` map/);
    expect(refusal(`export default { vendors: { a: { name: "x" } };`, "a")).toMatch(/unbalanced/);
    expect(refusal(SOURCE, "acme")).toContain("policy-source-not-editable");
  });

  it("round-trips any vendor entry written as a literal (property)", () => {
    const value = fc.oneof(fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)), fc.integer().map(String), fc.constant("`x${1}`"));
    const entry = fc.array(fc.tuple(fc.constantFrom("name", "owner", "contract", "description"), value), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(entry, fc.boolean(), fc.boolean(), (fields, multiLine, trailing) => {
        const sep = multiLine ? ",\n    " : ", ";
        const body = fields.map(([k, v]) => `${k}: ${v}`).join(sep) + (trailing ? "," : "");
        const src = multiLine ? `export default { vendors: {\n  a: {\n    ${body}\n  },\n} };\n` : `export default { vendors: { a: { ${body} } } };\n`;
        const q = editQuarantineFlag(src, "a", true);
        return readQuarantineFlag(q.after, "a") === true && editQuarantineFlag(q.after, "a", false).after === src;
      }),
      { numRuns: 200 },
    );
  });
});
