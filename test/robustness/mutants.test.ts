/**
 * Tests written against surviving mutants of the analyzer core (Stryker,
 * `npm run mutate`). Each one pins down behaviour that the other suites did
 * not check: interval algebra at the edges, per-protocol equality, parsing,
 * selector operators and the bitset's last partial word. Seeds are fixed, so
 * every mutant sees the same tests.
 */
import fc from "fast-check";
import { ConnSet, PROTOCOLS, type Protocol } from "../../src/core/analyze";
import { Bitset, BitsetSlab } from "../../src/core/analyze/bitset";
import { AddressSpace } from "../../src/core/analyze/externals";
import { MATCH_ALL, formatSelector, isMatchAll, matches } from "../../src/core/analyze/selector";
import { matchPattern } from "../../src/core/analyze/parse";

const SEED = { seed: 20261125, numRuns: 200 };
/** Ports at and around every edge the generated ranges can have. */
const PORTS = [1, 2, 3, 9, 10, 11, 12, 19, 20, 21, 22, 29, 30, 31, 65534, 65535];

const rangeArb = fc.tuple(fc.constantFrom(...PROTOCOLS), fc.constantFrom(1, 2, 10, 11, 20, 21, 30, 65534, 65535), fc.constantFrom(1, 2, 10, 11, 20, 21, 30, 65534, 65535));
const setArb = fc.array(rangeArb, { maxLength: 4 }).map((ranges) => {
  let s = ConnSet.empty;
  const model = new Set<string>();
  for (const [p, a, b] of ranges) {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    s = s.union(ConnSet.ports(p, lo, hi));
    for (const port of PORTS) if (port >= lo && port <= hi) model.add(`${p}/${port}`);
  }
  return { s, model };
});

const sample = (s: ConnSet): string[] => PROTOCOLS.flatMap((p) => PORTS.filter((port) => s.has(p, port)).map((port) => `${p}/${port}`));
const sorted = (xs: Iterable<string>) => [...xs].sort();

describe("ConnSet algebra against a set-of-ports model", () => {
  test("union, intersect, subtract and complement agree with the model at every edge port", () => {
    fc.assert(
      fc.property(setArb, setArb, (a, b) => {
        expect(sorted(sample(a.s))).toEqual(sorted(a.model));
        expect(sorted(sample(a.s.union(b.s)))).toEqual(sorted(new Set([...a.model, ...b.model])));
        expect(sorted(sample(a.s.intersect(b.s)))).toEqual(sorted([...a.model].filter((x) => b.model.has(x))));
        expect(sorted(sample(a.s.subtract(b.s)))).toEqual(sorted([...a.model].filter((x) => !b.model.has(x))));
        const all = PROTOCOLS.flatMap((p) => PORTS.map((port) => `${p}/${port}`));
        expect(sorted(sample(a.s.complement()))).toEqual(sorted(all.filter((x) => !a.model.has(x))));
        expect(a.s.union(b.s).equals(b.s.union(a.s))).toBe(true);
        expect(a.s.intersect(b.s).equals(b.s.intersect(a.s))).toBe(true);
        expect(ConnSet.parse(a.s.toString())!.equals(a.s)).toBe(true);
        expect(ConnSet.parse(a.s.toDisplayString())!.equals(a.s)).toBe(true);
      }),
      SEED,
    );
  });

  test("adjacent ranges merge into one interval; a gap of one port keeps two", () => {
    expect(ConnSet.ports("TCP", 10, 20).union(ConnSet.ports("TCP", 21, 30)).intervals("TCP")).toEqual([[10, 30]]);
    expect(ConnSet.ports("TCP", 21, 30).union(ConnSet.ports("TCP", 10, 20)).intervals("TCP")).toEqual([[10, 30]]);
    expect(ConnSet.ports("TCP", 10, 20).union(ConnSet.ports("TCP", 22, 30)).intervals("TCP")).toEqual([[10, 20], [22, 30]]);
    expect(ConnSet.ports("TCP", 10, 30).union(ConnSet.ports("TCP", 12, 14)).intervals("TCP")).toEqual([[10, 30]]);
    expect(ConnSet.ports("UDP", 5, 4).isEmpty()).toBe(true); // a reversed range is empty, not [4, 5]
    expect(ConnSet.ports("UDP", 0, 70000).equals(ConnSet.protocol("UDP"))).toBe(true); // clamped to 1..65535
  });

  test("equality compares every protocol", () => {
    for (const p of PROTOCOLS) {
      const others = PROTOCOLS.filter((q) => q !== p);
      const base = others.reduce((acc, q) => acc.union(ConnSet.ports(q, 80)), ConnSet.empty);
      expect(base.union(ConnSet.ports(p, 80)).equals(base)).toBe(false);
      expect(base.equals(base.union(ConnSet.ports(p, 80)))).toBe(false);
      expect(ConnSet.ports(p, 80).equals(ConnSet.ports(p, 81))).toBe(false);
      expect(ConnSet.ports(p, 80, 81).equals(ConnSet.ports(p, 80, 82))).toBe(false);
    }
  });

  test("all and empty are recognised only when exact", () => {
    expect(ConnSet.protocol("TCP").isAll()).toBe(false);
    expect(ConnSet.all.subtract(ConnSet.ports("SCTP", 65535)).isAll()).toBe(false);
    expect(ConnSet.all.subtract(ConnSet.ports("UDP", 1)).isAll()).toBe(false);
    expect(ConnSet.all.union(ConnSet.empty).isAll()).toBe(true);
    expect(ConnSet.empty.union(ConnSet.ports("TCP", 1)).isEmpty()).toBe(false);
    expect(ConnSet.all.intersect(ConnSet.ports("TCP", 7)).toString()).toBe("TCP 7");
    expect(ConnSet.ports("TCP", 7).intersect(ConnSet.all).toString()).toBe("TCP 7");
    expect(ConnSet.ports("TCP", 7).subtract(ConnSet.empty).toString()).toBe("TCP 7");
    expect(ConnSet.empty.subtract(ConnSet.ports("TCP", 7)).isEmpty()).toBe(true);
    expect(ConnSet.ports("TCP", 1, 65534).complement().toString()).toBe("SCTP 1-65535,TCP 65535,UDP 1-65535");
  });

  test("text forms", () => {
    expect(ConnSet.empty.toString()).toBe("No Connections");
    expect(ConnSet.empty.toDisplayString()).toBe("No Connections");
    expect(ConnSet.all.toString()).toBe("All Connections");
    const s = ConnSet.ports("UDP", 53).union(ConnSet.ports("TCP", 80)).union(ConnSet.ports("TCP", 8000, 8010)).union(ConnSet.ports("SCTP", 9000));
    expect(s.toString()).toBe("SCTP 9000,TCP 80,8000-8010,UDP 53");
    expect(s.toDisplayString()).toBe("SCTP 9000;TCP 80,8000-8010;UDP 53");
    expect([...PROTOCOLS]).toEqual(["SCTP", "TCP", "UDP"]);
  });

  test("parse accepts the canonical forms with spaces and refuses anything else", () => {
    expect(ConnSet.parse("  All Connections ")!.isAll()).toBe(true);
    expect(ConnSet.parse(" No Connections ")!.isEmpty()).toBe(true);
    expect(ConnSet.parse("")!.isEmpty()).toBe(true);
    expect(ConnSet.parse("TCP")!.equals(ConnSet.protocol("TCP"))).toBe(true);
    expect(ConnSet.parse("TCP ,UDP 53")!.equals(ConnSet.protocol("TCP").union(ConnSet.ports("UDP", 53)))).toBe(true);
    expect(ConnSet.parse("TCP   80 , 90-91")!.toString()).toBe("TCP 80,90-91");
    expect(ConnSet.parse("TCP\t80")!.toString()).toBe("TCP 80");
    for (const bad of ["80", "80,90", "XTCP 80", "TCP 80x", "TCP x80", "TCP 80-", "TCP80", "ICMP 1", "TCP 80,abc"]) expect(ConnSet.parse(bad)).toBeUndefined();
  });
});

describe("selectors", () => {
  const labels = { app: "web", tier: "front" };
  const sel = (...requirements: Parameters<typeof matches>[0]["requirements"]) => ({ requirements });

  test("each operator, present and absent keys", () => {
    expect(matches(MATCH_ALL, {})).toBe(true);
    expect(matches(sel({ key: "app", op: "In", values: ["web", "api"] }), labels)).toBe(true);
    expect(matches(sel({ key: "app", op: "In", values: ["api"] }), labels)).toBe(false);
    expect(matches(sel({ key: "zone", op: "In", values: ["web"] }), labels)).toBe(false);
    expect(matches(sel({ key: "app", op: "NotIn", values: ["web"] }), labels)).toBe(false);
    expect(matches(sel({ key: "app", op: "NotIn", values: ["api"] }), labels)).toBe(true);
    expect(matches(sel({ key: "zone", op: "NotIn", values: ["web"] }), labels)).toBe(true);
    expect(matches(sel({ key: "tier", op: "Exists" }), labels)).toBe(true);
    expect(matches(sel({ key: "zone", op: "Exists" }), labels)).toBe(false);
    expect(matches(sel({ key: "zone", op: "DoesNotExist" }), labels)).toBe(true);
    expect(matches(sel({ key: "tier", op: "DoesNotExist" }), labels)).toBe(false);
    // requirements are ANDed: one failing requirement fails the selector
    expect(matches(sel({ key: "tier", op: "Exists" }, { key: "app", op: "NotIn", values: ["web"] }), labels)).toBe(false);
    // inherited properties are not labels
    expect(matches(sel({ key: "toString", op: "Exists" }), {})).toBe(false);
  });

  test("isMatchAll and formatSelector", () => {
    expect(isMatchAll(MATCH_ALL)).toBe(true);
    expect(MATCH_ALL.requirements).toEqual([]);
    expect(isMatchAll(sel({ key: "a", op: "Exists" }))).toBe(false);
    expect(formatSelector(MATCH_ALL)).toBe("{}");
    expect(
      formatSelector(
        sel(
          { key: "app", op: "In", values: ["web"] },
          { key: "tier", op: "In", values: ["a", "b"] },
          { key: "env", op: "NotIn", values: ["x", "y"] },
          { key: "team", op: "Exists" },
          { key: "legacy", op: "DoesNotExist" },
        ),
      ),
    ).toBe("app=web,tier in (a,b),env notin (x,y),team,!legacy");
  });
});

describe("BitsetSlab", () => {
  test.each([0, 1, 31, 32, 33, 100])("sets of %i bits are zeroed, independent and sized, across buffer boundaries", (size) => {
    const slab = new BitsetSlab(size, 3);
    const sets = Array.from({ length: 10 }, () => slab.take());
    const words = (size + 31) >>> 5;
    for (const b of sets) {
      expect(b.size).toBe(size);
      expect(b.words.length).toBe(words);
      expect(b.isEmpty()).toBe(true);
    }
    if (size === 0) return;
    // Fill each set completely (full() writes only `size` bits): a neighbour sharing words would see them.
    sets.forEach((b, i) => {
      if (i % 2 === 0) b.or(Bitset.full(size));
    });
    sets.forEach((b, i) => expect(b.toArray()).toEqual(i % 2 === 0 ? Array.from({ length: size }, (_, k) => k) : []));
  });
});

describe("Bitset", () => {
  test("full(size) holds exactly 0..size-1, also when size is not a multiple of 32", () => {
    for (const size of [1, 31, 32, 33, 64, 65]) {
      const b = Bitset.full(size);
      expect(b.toArray()).toEqual(Array.from({ length: size }, (_, i) => i));
      expect(b.isEmpty()).toBe(false);
      const none = new Bitset(size);
      expect(b.clone().andNot(Bitset.full(size)).isEmpty()).toBe(true);
      expect(none.isEmpty()).toBe(true);
      expect(none.or(b).toArray().length).toBe(size);
      expect(b.clone().and(new Bitset(size)).isEmpty()).toBe(true);
    }
  });

  test("or, and, andNot on sets spanning several words", () => {
    const a = new Bitset(70);
    const b = new Bitset(70);
    for (const i of [0, 31, 32, 63, 64, 69]) a.add(i);
    for (const i of [31, 33, 64]) b.add(i);
    expect(a.clone().or(b).toArray()).toEqual([0, 31, 32, 33, 63, 64, 69]);
    expect(a.clone().and(b).toArray()).toEqual([31, 64]);
    expect(a.clone().andNot(b).toArray()).toEqual([0, 32, 63, 69]);
    expect(a.has(69)).toBe(true);
    expect(a.has(68)).toBe(false);
  });
});

test("PROTOCOLS type is the protocol union", () => {
  const p: Protocol = PROTOCOLS[0]!;
  expect(ConnSet.protocol(p).has(p, 1)).toBe(true);
});

describe("AddressSpace", () => {
  const v4 = (a: number, b: number) => ({ version: 4 as const, start: BigInt(a), end: BigInt(b) });
  const v6 = (a: bigint, b: bigint) => ({ version: 6 as const, start: a, end: b });

  test("spans partition each family at every mentioned bound, in order, up to the family's last address", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })), { maxLength: 6 }), (pairs) => {
        const ranges = pairs.map(([a, b]) => v4(Math.min(a, b), Math.max(a, b)));
        const space = new AddressSpace([...ranges, v6(5n, 9n)]);
        const spans = Array.from({ length: space.size }, (_, i) => space.span(i));
        const fam4 = spans.filter((s) => s.version === 4);
        // contiguous, increasing, from 0 to 2^32-1
        expect(fam4[0]!.start).toBe(0n);
        expect(fam4[fam4.length - 1]!.end).toBe((1n << 32n) - 1n);
        for (let i = 1; i < fam4.length; i++) expect(fam4[i]!.start).toBe(fam4[i - 1]!.end + 1n);
        const fam6 = spans.filter((s) => s.version === 6);
        expect(fam6.map((s) => [s.start, s.end])).toEqual([[0n, 4n], [5n, 9n], [10n, (1n << 128n) - 1n]]);
        // every address maps to the span holding it; within(r) is exactly the spans inside r
        for (let a = 0; a <= 42; a++) {
          const i = space.indexOf(4, BigInt(a));
          expect(space.span(i).start <= BigInt(a) && BigInt(a) <= space.span(i).end).toBe(true);
        }
        for (const r of ranges) {
          const inside = space.within(r).toArray();
          const expected = spans.map((s, i) => [s, i] as const).filter(([s]) => s.version === 4 && s.start >= r.start && s.end <= r.end).map(([, i]) => i);
          expect(inside).toEqual(expected);
        }
        expect(space.indexOf(6, 7n)).toBe(spans.findIndex((s) => s.version === 6 && s.start === 5n));
        expect(space.ranges.length).toBe(space.size);
      }),
      SEED,
    );
  });
});

describe("matchPattern (Istio principals and namespaces)", () => {
  // Istio matches exactly, or with one `*` as presence, prefix or suffix; nothing else is a wildcard.
  test.each<[string, string, boolean]>([
    ["*", "", true],
    ["*", "cluster.local/ns/crm/sa/api", true],
    ["cluster.local/ns/crm/*", "cluster.local/ns/crm/sa/api", true],
    ["cluster.local/ns/crm/*", "cluster.local/ns/crmx/sa/api", false],
    ["cluster.local/ns/crm/*", "cluster.local/ns/crm/", true],
    ["*/sa/api", "cluster.local/ns/crm/sa/api", true],
    ["*/sa/api", "cluster.local/ns/crm/sa/api2", false],
    ["*/sa/api", "/sa/api", true],
    ["crm", "crm", true],
    ["crm", "crm2", false],
    ["crm", "cr", false],
    ["cr*m", "crxm", false],
    ["cr*m", "cr*m", true],
    ["", "", true],
    ["", "crm", false],
  ])("%j matches %j: %s", (pattern, value, want) => {
    expect(matchPattern(pattern, value)).toBe(want);
  });
});
