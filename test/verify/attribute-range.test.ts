/**
 * attributeRange names the most specific declared external overlapping a
 * range, and remembers its answer per classification and range object.
 * The memo must never hand one classification's answer to another, nor
 * let a first "none" hide a later question about another range.
 */
import fc from "fast-check";
import { parseCidr, type IpRange } from "../../src/model/cidr";
import { attributeRange, type Classification, type ExternalClass } from "../../src/core/verify/classify";

const cidr = (t: string): IpRange => parseCidr(t)!;
const ext = (name: string, trust: ExternalClass["trust"], ...cidrs: string[]): ExternalClass => ({ name, trust, ranges: cidrs.map(cidr) });
const classification = (...externals: ExternalClass[]): Classification => ({ namespaces: new Map(), externals, services: new Map() });

/** The rule, written plainly: the smallest overlapping declared range wins, ties by name. */
function expected(c: Classification, range: IpRange): string | undefined {
  const hits = c.externals.flatMap((e) => e.ranges.filter((r) => r.version === range.version && r.start <= range.end && range.start <= r.end).map((r) => ({ e, size: r.end - r.start })));
  hits.sort((a, b) => (a.size < b.size ? -1 : a.size > b.size ? 1 : a.e.name < b.e.name ? -1 : 1));
  return hits[0]?.e.name;
}

describe("attributeRange", () => {
  it("answers each classification for itself, the same range object asked of both", () => {
    const range = cidr("10.1.2.0/24");
    const wide = classification(ext("internet", "external", "0.0.0.0/0"));
    const narrow = classification(ext("internet", "external", "0.0.0.0/0"), ext("partner", "vendor", "10.1.0.0/16"));
    const none = classification(ext("v6", "external", "::/0"));
    for (let round = 0; round < 2; round++) {
      expect(attributeRange(wide, range)?.name).toBe("internet");
      expect(attributeRange(narrow, range)?.name).toBe("partner");
      expect(attributeRange(none, range)).toBeUndefined();
    }
  });

  it("matches the plain rule on random ranges, each asked twice", () => {
    const octet = fc.integer({ min: 0, max: 3 });
    const block = fc.tuple(octet, octet, fc.constantFrom(8, 16, 24, 32)).map(([a, b, p]) => `10.${a}.${b}.0/${p}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("a", "b", "c"), block), { maxLength: 4 }), fc.array(block, { minLength: 1, maxLength: 6 }), (decl, asked) => {
        const c = classification(...decl.map(([n, b], i) => ext(`${n}${i}`, "vendor", b)));
        const ranges = asked.map(cidr);
        for (let round = 0; round < 2; round++) for (const r of ranges) expect(attributeRange(c, r)?.name).toBe(expected(c, r));
      }),
      { numRuns: 300 },
    );
  });
});
