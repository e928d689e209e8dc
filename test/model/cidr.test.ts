import fc from "fast-check";
import { formatIp, parseCidr, parseIp, parseIPv4, parseIPv6, rangeContains } from "../../src/model";

describe("IPv4", () => {
  test.each([
    ["0.0.0.0", 0n],
    ["255.255.255.255", 0xffffffffn],
    ["10.1.2.3", 0x0a010203n],
  ])("parses %s", (text, value) => {
    expect(parseIPv4(text)).toBe(value);
  });

  test.each(["256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.-4", "", "a.b.c.d", "1..2.3"])("rejects %s", (text) => {
    expect(parseIPv4(text)).toBeUndefined();
  });

  test("format and parse round-trip", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => parseIPv4(formatIp(4, BigInt(n))) === BigInt(n)));
  });
});

describe("IPv6", () => {
  test.each([
    ["::", 0n],
    ["::1", 1n],
    ["2001:db8::", 0x20010db8n << 96n],
    ["2001:DB8:0:0:0:0:0:1", (0x20010db8n << 96n) | 1n],
    ["::ffff:192.0.2.1", (0xffffn << 32n) | 0xc0000201n],
    ["fe80::1:2", (0xfe80n << 112n) | (1n << 16n) | 2n],
  ])("parses %s", (text, value) => {
    expect(parseIPv6(text)).toBe(value);
  });

  test.each(["1::2::3", ":::", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "g::1", "::ffff:300.1.1.1", "1:2:3:4:5:6:7::8"])("rejects %s", (text) => {
    expect(parseIPv6(text)).toBeUndefined();
  });

  test.each([
    [0n, "::"],
    [1n, "::1"],
    [0x20010db8n << 96n, "2001:db8::"],
    // A single zero group is not compressed (RFC 5952 4.2.2).
    [(0x20010db8n << 96n) | (1n << 64n) | (1n << 48n) | (1n << 32n) | (1n << 16n) | 1n, "2001:db8:0:1:1:1:1:1"],
    // The first of two equally long zero runs is compressed (RFC 5952 4.2.3).
    [(1n << 112n) | (1n << 48n), "1::1:0:0:0"],
  ])("formats %s canonically as %s", (value, text) => {
    expect(formatIp(6, value)).toBe(text);
  });

  test("format and parse round-trip on random addresses, including runs of zero groups", () => {
    const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const value = groups.reduce((v, g) => (v << 16n) | BigInt(g), 0n);
        const text = formatIp(6, value);
        return parseIPv6(text) === value && !text.includes(":::") && text === text.toLowerCase();
      }),
    );
  });

  test("parseIp picks the family from the text", () => {
    expect(parseIp("10.0.0.1")?.version).toBe(4);
    expect(parseIp("::1")?.version).toBe(6);
    expect(parseIp("nonsense")).toBeUndefined();
  });
});

describe("CIDR", () => {
  test("canonical text masks host bits", () => {
    expect(parseCidr("10.1.2.3/8")?.text).toBe("10.0.0.0/8");
    expect(parseCidr("2001:DB8:1:2::5/32")?.text).toBe("2001:db8::/32");
  });

  test("ranges are inclusive at both ends", () => {
    const c = parseCidr("192.0.2.0/30")!;
    expect([c.start, c.end]).toEqual([0xc0000200n, 0xc0000203n]);
    expect(parseCidr("0.0.0.0/0")).toMatchObject({ start: 0n, end: 0xffffffffn, prefix: 0 });
    expect(parseCidr("::/0")?.end).toBe((1n << 128n) - 1n);
    expect(parseCidr("2001:db8::1/128")).toMatchObject({ start: parseIPv6("2001:db8::1"), end: parseIPv6("2001:db8::1") });
  });

  test.each(["10.0.0.0", "10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/1a", "/8", "2001:db8::/0032"])("rejects %s", (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });

  test("containment respects family and bounds", () => {
    const outer = parseCidr("10.0.0.0/8")!;
    expect(rangeContains(outer, parseCidr("10.255.0.0/16")!)).toBe(true);
    expect(rangeContains(outer, parseCidr("11.0.0.0/16")!)).toBe(false);
    expect(rangeContains(outer, parseCidr("0.0.0.0/0")!)).toBe(false);
    // ::a00:0/104 has the same numbers as 10.0.0.0/8 but another family.
    expect(rangeContains(outer, parseCidr("::a00:0/104")!)).toBe(false);
  });

  test("a prefix contains every longer prefix of any address inside it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 32 }), (addr, a, b) => {
        const ip = formatIp(4, BigInt(addr));
        const [short, long] = a <= b ? [a, b] : [b, a];
        return rangeContains(parseCidr(`${ip}/${short}`)!, parseCidr(`${ip}/${long}`)!);
      }),
    );
  });
});

describe("parseCidr's cache of parsed texts", () => {
  it("answers a repeated text as the first parse did, valid or not", () => {
    for (const text of ["10.1.2.3/16", "fd00::1/8", "10.0.0.0/33", "not-a-cidr", "10.0.0.0/08"]) {
      const first = parseCidr(text);
      const again = parseCidr(text);
      expect(again).toEqual(first);
    }
    expect(parseCidr("10.1.2.3/16")?.text).toBe("10.1.0.0/16");
    expect(parseCidr("10.1.2.3/24")?.text).toBe("10.1.2.0/24");
    expect(parseCidr("10.1.2.3/16 ")).toBeUndefined();
    expect(parseCidr("10.0.0.0/33")).toBeUndefined();
  });

  it("keeps parsing every text exactly once its bound is reached (no stale or shared answers)", () => {
    // More distinct texts than the cache holds: each must still parse to its own network.
    for (let i = 0; i < 10_000; i++) {
      const text = `10.${(i >> 8) & 255}.${i & 255}.7/24`;
      const c = parseCidr(text)!;
      expect(c.text).toBe(`10.${(i >> 8) & 255}.${i & 255}.0/24`);
    }
    expect(parseCidr("192.168.1.1/32")?.text).toBe("192.168.1.1/32");
  });
});
