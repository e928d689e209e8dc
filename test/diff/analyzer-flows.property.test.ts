/**
 * The flow diff of two manifest versions (compared on what the analyzer
 * allows) against a plain reference: each side's edges unioned per (from, to)
 * name in a map of maps, every pair flattened to its display text, then
 * compared key by key. The fast path
 * skips rows with equal text and compares sets only inside differing rows;
 * it must report exactly the reference's additions, changes and removals.
 */
import fc from "fast-check";
import type { ConnSet, ManifestDoc } from "../../src/core/analyze";
import { allPaths, diffSides, manifestSide, summarizeSide, type DiffSide, TextPool } from "../../src/core/diff";
import { comparePairs } from "../../src/core/diff/flows";
import { nodeId } from "../../src/core/verify/view";
import { generateClusterWith, mutateCluster } from "../../src/bench/generate";
import { clusterArb } from "../support/arbitraries";

const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;

function side(objects: unknown[], label: string): DiffSide | undefined {
  const docs: ManifestDoc[] = objects.map((object, index) => ({ file: `${label}.yaml`, index, object }));
  return manifestSide(docs, { label }).side;
}

/**
 * A side's relation per (from, to) name and per (from, to) group, aggregated
 * the plain way: one union per edge into a map of maps, from the analysis's
 * own edges and the side's names.
 */
function referenceRows(s: DiffSide) {
  const { names } = summarizeSide(s);
  const pairs = new Map<string, Map<string, ConnSet>>();
  const groups = new Map<string, Map<string, ConnSet>>();
  s.connectivity.forEachEdge((src, dst, conns) => {
    for (const [rows, key] of [
      [pairs, (id: string) => names.name(id)],
      [groups, (id: string) => names.group(id)],
    ] as const) {
      const from = key(nodeId(src));
      const to = key(nodeId(dst));
      const row = rows.get(from) ?? new Map<string, ConnSet>();
      rows.set(from, row);
      const prev = row.get(to);
      row.set(to, prev ? prev.union(conns) : conns);
    }
  });
  return { pairs, groups };
}

/** Each (from, to) pair of a side's rows as `from -> to` with its display text: the reference's input. */
function flattened(rows: ReadonlyMap<string, ReadonlyMap<string, { toDisplayString(): string }>>) {
  const out = new Map<string, { from: string; to: string; text: string }>();
  for (const [from, row] of rows) for (const [to, conns] of row) out.set(`${from} -> ${to}`, { from, to, text: conns.toDisplayString() });
  return out;
}

test("analyzer-basis flow changes equal a key-by-key comparison of both sides' pairs and groups", () => {
  let changes = 0;
  fc.assert(
    fc.property(clusterArb, clusterArb, (a, b) => {
      // Two versions of one cluster: b's policies over a's objects, so most pairs exist on both sides.
      const base = side(a, "base");
      const head = side([...a.filter((o) => (o as { kind?: string }).kind !== "NetworkPolicy"), ...b.filter((o) => (o as { kind?: string }).kind === "NetworkPolicy")], "head");
      fc.pre(base !== undefined && head !== undefined);
      const d = diffSides(base!, head!, { today: "2026-12-01" });
      expect(d.flows.basis).toBe("analyzer");
      const before = referenceRows(base!);
      const after = referenceRows(head!);
      // Each side's own rows, row by row: destinations in text order, each once, with the union of its edges' sets.
      for (const [s, ref] of [
        [base!, before],
        [head!, after],
      ] as const) {
        const { pairs, groups } = summarizeSide(s).rows();
        for (const [rows, want] of [
          [pairs.sorted, ref.pairs],
          [groups.sorted, ref.groups],
        ] as const) {
          expect([...rows.keys()].sort()).toEqual([...want.keys()].sort());
          for (const [from, row] of rows) {
            const wantRow = want.get(from)!;
            const tos = Array.from({ length: row.length }, (_, i) => row.to(i));
            expect(tos).toEqual([...wantRow.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
            tos.forEach((to, i) => expect(row.conns(i).equals(wantRow.get(to)!)).toBe(true));
          }
        }
      }
      expect(d.flows.pairs).toEqual(comparePairs(flattened(before.pairs), flattened(after.pairs)));
      expect(d.flows.groups).toEqual(comparePairs(flattened(before.groups), flattened(after.groups)));
      changes += d.flows.pairs.length;
    }),
    { numRuns: 60, seed: SEED },
  );
  // The versions do differ (else both sides of the comparison would be empty lists).
  expect(changes).toBeGreaterThan(0);
});

test("sides built with one TextPool diff exactly as sides built apart (paths, flows, manifests)", () => {
  let flows = 0;
  fc.assert(
    fc.property(clusterArb, clusterArb, (a, b) => {
      const headObjects = [...a.filter((o) => (o as { kind?: string }).kind !== "NetworkPolicy"), ...b.filter((o) => (o as { kind?: string }).kind === "NetworkPolicy")];
      const docs = (objects: unknown[], label: string): ManifestDoc[] => objects.map((object, index) => ({ file: `${label}.yaml`, index, object }));
      const apart = [manifestSide(docs(a, "base"), { label: "base" }).side, manifestSide(docs(headObjects, "head"), { label: "head" }).side];
      const texts = new TextPool();
      const pooled = [manifestSide(docs(a, "base"), { label: "base", texts }).side, manifestSide(docs(headObjects, "head"), { label: "head", texts }).side];
      fc.pre(apart.every((s) => s !== undefined) && pooled.every((s) => s !== undefined));
      const want = diffSides(apart[0]!, apart[1]!, { today: "2026-12-01" });
      expect(JSON.stringify(diffSides(pooled[0]!, pooled[1]!, { today: "2026-12-01" }))).toBe(JSON.stringify(want));
      // The reverse diff too: added and removed paths swap.
      expect(JSON.stringify(diffSides(pooled[1]!, pooled[0]!, { today: "2026-12-01" }))).toBe(JSON.stringify(diffSides(apart[1]!, apart[0]!, { today: "2026-12-01" })));
      flows += want.flows.pairs.length;
    }),
    { numRuns: 40, seed: SEED + 1 },
  );
  expect(flows).toBeGreaterThan(0);
});

test("on generated clusters with vendor paths, sides built with one TextPool diff exactly as sides built apart", () => {
  let paths = 0;
  for (const seed of [3, 4, 5]) {
    const gen = generateClusterWith({ namespaces: 16, workloadsPerNamespace: 4, replicas: 1, vendorNamespaces: 4, sensitiveNamespaces: 2 }, seed);
    const next = mutateCluster(gen.objects, { fraction: 0.5, seed });
    const docs = (objects: readonly unknown[], label: string): ManifestDoc[] => objects.map((object, index) => ({ file: `${label}.yaml`, index, object }));
    const texts = new TextPool();
    const build = (pool?: TextPool) => [gen.objects, next.objects].map((o, i) => manifestSide(docs(o, `v${i}`), { label: `v${i}`, ...(pool ? { texts: pool } : {}) }).side!);
    const [b1, h1] = build();
    const [b2, h2] = build(texts);
    const want = diffSides(b1!, h1!, { today: "2026-12-01" });
    expect(JSON.stringify(diffSides(b2!, h2!, { today: "2026-12-01" }))).toBe(JSON.stringify(want));
    expect(JSON.stringify(diffSides(h2!, b2!, { today: "2026-12-01" }))).toBe(JSON.stringify(diffSides(h1!, b1!, { today: "2026-12-01" })));
    paths += want.paths.length;
    // Against the sides' own path lists, key by key: added exactly where only head has the path, removed where only base has it.
    const keysOf = (side: DiffSide) => new Set([...allPaths(summarizeSide(side).paths)].map((p) => `${p.from} -> ${p.to}`));
    const [kb, kh] = [keysOf(b1!), keysOf(h1!)];
    const show = (changes: readonly { change: string; from: string; to: string }[]) => changes.map((p) => `${p.change} ${p.from} -> ${p.to}`).sort();
    const expected = [...[...kh].filter((k) => !kb.has(k)).map((k) => `added ${k}`), ...[...kb].filter((k) => !kh.has(k)).map((k) => `removed ${k}`)].sort();
    expect(show(want.paths)).toEqual(expected);
    expect(diffSides(b2!, b2!, { today: "2026-12-01" }).paths).toEqual([]);
  }
  // The versions differ in their paths into sensitive zones, so the path comparison is exercised.
  expect(paths).toBeGreaterThan(0);
});
