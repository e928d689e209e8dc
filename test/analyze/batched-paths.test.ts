/**
 * searchInBatches() runs up to 32 breadth-first searches in one pass and must
 * give each group exactly what a search of its own gives: the same hop into
 * every node (the first node in that group's FIFO queue to reach it), the
 * same targets, in the same order. The reference here is that single search,
 * written out plainly (it transcribes the connectivity's search() with
 * untilTargets and every hop usable), on random graphs whose id order is a
 * random permutation of the node numbers, with more groups than one pass holds.
 */
import fc from "fast-check";
import { type BatchFlags, type BatchGraph, searchInBatches } from "../../src/core/analyze/batched-paths";

interface Found {
  readonly target: number;
  readonly hops: number[];
}

/** One FIFO search from `starts`, as search() runs it: start nodes in id order, successors in id order. */
function searchAlone(graph: BatchGraph, starts: readonly number[], flags: BatchFlags): Found[] {
  const N = graph.size;
  const target = Uint8Array.from(flags.target);
  let open = 0;
  for (let n = 0; n < N; n++) open += target[n]!;
  const depth = new Int32Array(N).fill(-1);
  const from: [number, number][] = [];
  const queue: number[] = [];
  const isStart = new Set(starts);
  for (const n of [...isStart].sort((a, b) => graph.rank[a]! - graph.rank[b]!)) {
    depth[n] = 0;
    queue.push(n);
  }
  const pending = new Uint8Array(N);
  for (let n = 0; n < N; n++)
    pending[n] = flags.enter[n] === 1 && (flags.through[n] === 1 || target[n] === 1) && (depth[n] === -1 || (target[n] === 1 && isStart.has(n))) ? 1 : 0;
  const pathTo = (n: number): number[] => (depth[n]! > 0 ? [...pathTo(from[n]![0]), ...from[n]!] : []);
  const found: Found[] = [];
  for (let head = 0; head < queue.length && open > 0; head++) {
    const n = queue[head]!;
    if (depth[n]! > 0 && flags.through[n] === 0) continue;
    graph.successors(n).forEach((m, j) => {
      if (pending[m] === 0) return;
      if (target[m] === 1) {
        target[m] = 2;
        open--;
        found.push({ target: m, hops: [...pathTo(n), n, j] });
      }
      if (depth[m] === -1) {
        depth[m] = depth[n]! + 1;
        from[m] = [n, j];
        queue.push(m);
      }
      pending[m] = 0;
    });
  }
  return found;
}

/** A graph on `n` nodes from an edge list, with `ids` giving each node's place in id order. */
function graphOf(n: number, edges: readonly (readonly [number, number])[], ids: readonly number[]): BatchGraph {
  const rank = Int32Array.from(ids);
  const order: number[] = [];
  ids.forEach((r, node) => (order[r] = node));
  const succ = Array.from({ length: n }, () => new Set<number>());
  for (const [a, b] of edges) succ[a % n]!.add(b % n);
  const lists = succ.map((s) => Int32Array.from([...s].sort((a, b) => rank[a]! - rank[b]!)));
  return { size: n, rank, order, successors: (x) => lists[x]! };
}

const bits = (n: number, p: number) => fc.array(fc.boolean(), { minLength: n, maxLength: n }).map((bs) => Uint8Array.from(bs.map((b, i) => (b || (p > 0 && i % p === 0) ? 1 : 0))));

const caseArb = fc.integer({ min: 1, max: 36 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n * 5 }),
    ids: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
    through: bits(n, 0),
    enter: bits(n, 3),
    target: bits(n, 0),
    groups: fc.array(fc.array(fc.nat(n - 1), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 80 }),
  }),
);

/**
 * Layered graphs: most hops go from one layer to the next, so levels are deep and
 * nodes are reached from several nodes of one level, where the queue's order and
 * the id order disagree. Some hops go back or skip a layer.
 */
function layered(o: { readonly layers: number; readonly width: readonly [number, number]; readonly perNode: readonly [number, number]; readonly groups: number; readonly starts: number }) {
  return fc.record({ layers: fc.integer({ min: 2, max: o.layers }), width: fc.integer({ min: o.width[0], max: o.width[1] }) }).chain(({ layers, width }) => {
    const n = layers * width;
    return fc.record({
      n: fc.constant(n),
      forward: fc.array(fc.tuple(fc.nat(layers - 2), fc.nat(width - 1), fc.nat(width - 1)), { minLength: n * o.perNode[0], maxLength: n * o.perNode[1] }),
      other: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n }),
      ids: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
      through: bits(n, 2),
      target: bits(n, 0),
      groups: fc.array(fc.array(fc.nat(width - 1), { minLength: 1, maxLength: o.starts }), { minLength: 1, maxLength: o.groups }),
      width: fc.constant(width),
    });
  });
}
const layeredArb = layered({ layers: 6, width: [1, 6], perNode: [0, 3], groups: 70, starts: 2 });
/**
 * Wider layers (up to 14 nodes, at least one forward hop per node): a group's level then often has more
 * parents than the level before it, so counting children by parent place uses scratch the placing before
 * did not, where anything left over from an earlier level would leak in.
 */
const wideArb = layered({ layers: 8, width: [4, 14], perNode: [1, 4], groups: 40, starts: 3 });

const shown = (found: readonly { readonly target: number; readonly hops: ArrayLike<number> }[]) => found.map((f) => ({ target: f.target, hops: Array.from(f.hops) }));

test("every group gets what a search of its own finds: the same hops, the same targets in the same order", () => {
  fc.assert(
    fc.property(caseArb, ({ n, edges, ids, through, enter, target, groups }) => {
      const graph = graphOf(n, edges, ids);
      const flags = { through, enter, target };
      expect(searchInBatches(graph, groups, flags).map(shown)).toEqual(groups.map((g) => shown(searchAlone(graph, g, flags))));
    }),
    { numRuns: 300, seed: 20261203 },
  );
});

/** Groups start in the first layer; every node may be entered. */
const sameAsAlone = ({ n, forward, other, ids, through, target, groups, width }: typeof layeredArb extends fc.Arbitrary<infer T> ? T : never) => {
  const edges = [...forward.map(([l, a, b]) => [l * width + a, (l + 1) * width + b] as const), ...other];
  const graph = graphOf(n, edges, ids);
  const flags = { through, enter: new Uint8Array(n).fill(1), target };
  expect(searchInBatches(graph, groups, flags).map(shown)).toEqual(groups.map((g) => shown(searchAlone(graph, g, flags))));
};

test("on layered graphs too, where a node is often reached from several nodes of one level", () => {
  fc.assert(fc.property(layeredArb, sameAsAlone), { numRuns: 300, seed: 20261204 });
});

test("on wide layered graphs, where a level often has more parents than the one before it", () => {
  fc.assert(fc.property(wideArb, sameAsAlone), { numRuns: 400, seed: 20261205 });
});

describe("hand-made cases", () => {
  // 0 -> 1, 0 -> 2, 1 -> 3, 2 -> 3, 3 -> 4. Ids put 2 before 1, so 2 is first in a queue from 0.
  const diamond = graphOf(
    5,
    [
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
      [3, 4],
    ],
    [0, 2, 1, 3, 4],
  );
  const all = Uint8Array.from([1, 1, 1, 1, 1]);
  const only = (...ns: number[]) => Uint8Array.from([0, 1, 2, 3, 4].map((x) => (ns.includes(x) ? 1 : 0)));

  test("a node reached twice at one level keeps the hop from the node first in that group's queue", () => {
    const [fromZero] = searchInBatches(diamond, [[0]], { through: all, enter: all, target: only(4) });
    // 2 is before 1 in id order, so first among 0's successors and first in the queue: 3 is reached from 2.
    expect(shown(fromZero!)).toEqual([{ target: 4, hops: [0, 0, 2, 0, 3, 0] }]);
  });

  test("a level's order is its parents' order first: a node placed later by id can be first in the queue", () => {
    // 0 -> 1, 0 -> 2; 1 -> 4, 2 -> 3; 3 -> 5, 4 -> 5; 5 -> 6. The queue from 0 is 1, 2, then 4 (from 1) before 3
    // (from 2), although 3 comes first by id: 5 is reached from 4, and so is 6 beyond it.
    const g = graphOf(
      7,
      [
        [0, 1],
        [0, 2],
        [1, 4],
        [2, 3],
        [3, 5],
        [4, 5],
        [5, 6],
      ],
      [0, 1, 2, 3, 4, 5, 6],
    );
    const every = Uint8Array.from([1, 1, 1, 1, 1, 1, 1]);
    const [paths] = searchInBatches(g, [[0]], { through: every, enter: every, target: Uint8Array.from([0, 0, 0, 0, 0, 1, 1]) });
    expect(shown(paths!)).toEqual([
      { target: 5, hops: [0, 0, 1, 0, 4, 0] },
      { target: 6, hops: [0, 0, 1, 0, 4, 0, 5, 0] },
    ]);
    // A start node that is a target, reached back at one level from 3 and 4, is recorded from 4 too.
    const back = graphOf(
      6,
      [
        [0, 1],
        [0, 2],
        [1, 4],
        [2, 3],
        [3, 0],
        [4, 0],
      ],
      [0, 1, 2, 3, 4, 5],
    );
    const six = every.subarray(0, 6);
    const [recorded] = searchInBatches(back, [[0]], { through: six, enter: six, target: Uint8Array.from([1, 0, 0, 0, 0, 0]) });
    expect(shown(recorded!)).toEqual([{ target: 0, hops: [0, 0, 1, 0, 4, 0] }]);
  });

  test("groups in one pass, and past the 32 of a pass, do not change each other's paths", () => {
    // Group k starts at node k % 5; 70 groups take three passes.
    const groups = Array.from({ length: 70 }, (_, k) => [k % 5]);
    const flags = { through: all, enter: all, target: only(3, 4) };
    const got = searchInBatches(diamond, groups, flags).map(shown);
    expect(got).toEqual(groups.map((g) => shown(searchAlone(diamond, g, flags))));
    expect(got[33]).toEqual(got[3]);
    expect(got[65]).toEqual([
      { target: 3, hops: [0, 0, 2, 0] },
      { target: 4, hops: [0, 0, 2, 0, 3, 0] },
    ]);
  });

  test("a start node that is a target is recorded only through a hop, and a path never passes a node it may not", () => {
    // 0 <-> 1; 1 -> 2. From 0 with 0 a target: 0 -> 1 -> 0. With 1 not passable, 2 is out of reach.
    const loop = graphOf(
      3,
      [
        [0, 1],
        [1, 0],
        [1, 2],
      ],
      [0, 1, 2],
    );
    const target = Uint8Array.from([1, 0, 1]);
    const [paths] = searchInBatches(loop, [[0]], { through: Uint8Array.from([1, 1, 1]), enter: Uint8Array.from([1, 1, 1]), target });
    expect(shown(paths!)).toEqual([
      { target: 0, hops: [0, 0, 1, 0] },
      { target: 2, hops: [0, 0, 1, 1] },
    ]);
    const [blocked] = searchInBatches(loop, [[0]], { through: Uint8Array.from([1, 0, 1]), enter: Uint8Array.from([1, 1, 1]), target });
    expect(shown(blocked!)).toEqual([]);
  });

  test("a level placed from three or more parents is in its parents' queue order, so later ties go to the right node", () => {
    // 0 -> 1, 2, 3; 1 -> 6, 2 -> 5, 3 -> 4; 4 -> 7, 5 -> 7. The queue from 0 is 1, 2, 3, then 6, 5, 4 (by parent),
    // so 5 comes before 4 although 4 is first by id, and 7 is reached from 5: 0 -> 2 -> 5 -> 7.
    const g = graphOf(
      8,
      [
        [0, 1],
        [0, 2],
        [0, 3],
        [1, 6],
        [2, 5],
        [3, 4],
        [4, 7],
        [5, 7],
      ],
      [0, 1, 2, 3, 4, 5, 6, 7],
    );
    const every = new Uint8Array(8).fill(1);
    const flags = { through: every, enter: every, target: Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 1]) };
    const [paths] = searchInBatches(g, [[0]], flags);
    expect(shown(paths!)).toEqual([{ target: 7, hops: [0, 1, 2, 0, 5, 0] }]);
    expect(shown(paths!)).toEqual(shown(searchAlone(g, [0], flags)));
  });

  test("no target: nothing is searched", () => {
    expect(searchInBatches(diamond, [[0], [1]], { through: all, enter: all, target: only() })).toEqual([[], []]);
  });
});
