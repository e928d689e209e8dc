/**
 * The analysis keeps rows, range atoms and memo tables in shared buffers
 * (Int32Store), and groups ranges into atoms by bit masks (a linear search,
 * then a map past 32 masks). A store that handed out overlapping or unzeroed
 * arrays, or an atom search that lost masks past the switch, would give
 * classes each other's verdicts.
 */
import { Int32Store } from "../../src/core/analyze/int32-store";
import { connectivity, netpol, ns, pod } from "./helpers";

describe("Int32Store", () => {
  test("arrays are zeroed, never overlap, and may be longer than a chunk", () => {
    const store = new Int32Store(8);
    const arrays = [3, 5, 1, 20, 4, 8, 0, 2].map((n) => store.alloc(n));
    expect(arrays.map((a) => a.length)).toEqual([3, 5, 1, 20, 4, 8, 0, 2]);
    for (const a of arrays) expect([...a].every((x) => x === 0)).toBe(true);
    arrays.forEach((a, i) => a.fill(i + 1));
    arrays.forEach((a, i) => expect([...a].every((x) => x === i + 1)).toBe(true));
  });

  test("buffers double as the store fills them: a later array shares a buffer with earlier ones only while it fits", () => {
    const store = new Int32Store(4);
    const a = store.alloc(4);
    const b = store.alloc(5); // a second buffer, of 8
    const c = store.alloc(3);
    const d = store.alloc(1); // a third, of 16
    expect([a, b, c, d].map((x) => x.buffer.byteLength)).toEqual([16, 32, 32, 64]);
    expect(b.buffer).toBe(c.buffer);
    expect(c.byteOffset).toBe(20);
    expect(d.buffer).not.toBe(c.buffer);
  });

  test("copy takes the first n entries of typed arrays and plain lists", () => {
    const store = new Int32Store(4);
    const from = Int32Array.of(7, 8, 9, 10);
    const part = store.copy(from, 2);
    const whole = store.copy([1, 2, 3]);
    const wholeTyped = store.copy(from);
    from[0] = 0;
    expect([...part]).toEqual([7, 8]);
    expect([...whole]).toEqual([1, 2, 3]);
    expect([...wholeTyped]).toEqual([7, 8, 9, 10]);
  });
});

/** Ascending ports as ConnSet prints them: runs of neighbours as from-to. */
function runs(ports: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ports.length; ) {
    let j = i;
    while (j + 1 < ports.length && ports[j + 1] === ports[j]! + 1) j++;
    out.push(i === j ? `${ports[i]}` : `${ports[i]}-${ports[j]}`);
    i = j + 1;
  }
  return out.join(",");
}

describe("range atoms from many rules", () => {
  // Six egress rules; rule i allows TCP port 1000 + i to 10.0.0.0/8 except the /16 blocks whose number lacks
  // bit i. Blocks 0 to 63 then carry 64 distinct masks of rules (more than the 32 a linear search keeps), and
  // each block's verdict says which: the listing (built from atoms) must give every block its own ports.
  const blocks = Array.from({ length: 64 }, (_, b) => b);
  const rules = Array.from({ length: 6 }, (_, i) => ({
    to: [{ ipBlock: { cidr: "10.0.0.0/8", except: blocks.filter((b) => (b & (1 << i)) === 0).map((b) => `10.${b}.0.0/16`) } }],
    ports: [{ protocol: "TCP", port: 1000 + i }],
  }));
  const objects = [ns("shop"), pod("shop", "app"), netpol("shop", "out", { podSelector: {}, policyTypes: ["Egress"], egress: rules })];

  test("each /16 block gets exactly the ports of the rules that hold it", () => {
    const c = connectivity(objects);
    const listed = new Map(
      c
        .edges()
        .filter((e) => e.src.kind === "workload" && e.dst.kind === "external")
        .map((e) => [e.dst.kind === "external" ? e.dst.range.id : "", e.conns.toString()]),
    );
    const v4 = (a: string): number => a.split(".").reduce((n, o) => n * 256 + Number(o), 0);
    // The listed range holding an address (block 63, in no except list, shares a range with 10.64.0.0 and up).
    const rangeOf = (address: string): string | undefined =>
      [...listed.keys()].find((id) => {
        const [from, to] = id.replace("[External]", "").split("-") as [string, string];
        return from.includes(".") && v4(from) <= v4(address) && v4(address) <= v4(to);
      });
    for (const b of blocks) {
      const ports = [0, 1, 2, 3, 4, 5].filter((i) => (b & (1 << i)) !== 0).map((i) => 1000 + i);
      const id = rangeOf(`10.${b}.1.1`);
      if (ports.length === 0) expect(id).toBeUndefined();
      else expect(listed.get(id!)).toBe(`TCP ${runs(ports)}`);
    }
  });
});
