import fc from "fast-check";
import { ConnSet, type Protocol } from "../../src/core/analyze";

const proto = fc.constantFrom<Protocol>("TCP", "UDP", "SCTP");
const piece = fc.tuple(proto, fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 30 }));
const connset = fc.array(piece, { maxLength: 6 }).map((ps) => ps.reduce((a, [p, lo, w]) => a.union(ConnSet.ports(p, lo, lo + w)), ConnSet.empty));
const probe = fc.tuple(proto, fc.integer({ min: 1, max: 160 }));

describe("ConnSet", () => {
  test("canonical peer form and ztseg display form", () => {
    const c = ConnSet.ports("TCP", 443)
      .union(ConnSet.ports("UDP", 53))
      .union(ConnSet.ports("TCP", 80))
      .union(ConnSet.ports("TCP", 8000, 8010))
      .union(ConnSet.ports("SCTP", 9000));
    expect(c.toString()).toBe("SCTP 9000,TCP 80,443,8000-8010,UDP 53");
    expect(c.toDisplayString()).toBe("SCTP 9000;TCP 80,443,8000-8010;UDP 53");
    expect(ConnSet.all.toString()).toBe("All Connections");
    expect(ConnSet.protocol("TCP").toString()).toBe("TCP 1-65535");
    expect(ConnSet.protocol("TCP").union(ConnSet.protocol("UDP")).union(ConnSet.protocol("SCTP")).isAll()).toBe(true);
  });

  test("adjacent intervals merge", () => {
    expect(ConnSet.ports("TCP", 1, 5).union(ConnSet.ports("TCP", 6, 9)).toString()).toBe("TCP 1-9");
  });

  test("parse inverts both string forms", () => {
    fc.assert(
      fc.property(connset, (c) => {
        expect(ConnSet.parse(c.toString())!.equals(c)).toBe(true);
        expect(ConnSet.parse(c.toDisplayString())!.equals(c)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  test("set algebra agrees with membership", () => {
    fc.assert(
      fc.property(connset, connset, probe, (a, b, [p, port]) => {
        expect(a.union(b).has(p, port)).toBe(a.has(p, port) || b.has(p, port));
        expect(a.intersect(b).has(p, port)).toBe(a.has(p, port) && b.has(p, port));
        expect(a.subtract(b).has(p, port)).toBe(a.has(p, port) && !b.has(p, port));
        expect(a.complement().has(p, port)).toBe(!a.has(p, port));
        expect(a.union(b).equals(b.union(a))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("ConnSet.canonical", () => {
  test("equal content gives one shared object, different content another; the static sets are their content's", () => {
    const a = ConnSet.ports("TCP", 80).union(ConnSet.ports("UDP", 53));
    const b = ConnSet.ports("UDP", 53).union(ConnSet.ports("TCP", 80));
    expect(a).not.toBe(b);
    expect(ConnSet.canonical(b)).toBe(ConnSet.canonical(a));
    expect(ConnSet.canonical(ConnSet.ports("TCP", 81))).not.toBe(ConnSet.canonical(a));
    expect(ConnSet.canonical(ConnSet.ports("TCP", 1).subtract(ConnSet.ports("TCP", 1)))).toBe(ConnSet.empty);
    expect(ConnSet.canonical(ConnSet.protocol("TCP").union(ConnSet.protocol("UDP")).union(ConnSet.protocol("SCTP")))).toBe(ConnSet.all);
    expect(a.equals(b) && b.equals(a) && a.equals(a)).toBe(true);
    expect(a.equals(ConnSet.ports("TCP", 80))).toBe(false);
  });
});
