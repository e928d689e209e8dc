/**
 * Breadth-first searches from many groups of start nodes at once: 32 groups
 * per pass, one bit per group in a word per node. What each group gets is
 * exactly what a search of its own finds (the connectivity's search() with
 * untilTargets and every hop usable): the same path to each target, the
 * targets in the same order.
 *
 * Why: a diff side asks for the paths from every untrusted source name into
 * sensitive zones. One search per name read the whole adjacency of every node
 * it reached, once per name: at 15,000 workloads, about 700 searches over ten
 * million edges each. A pass reads a node's adjacency once per level at which
 * some of its groups reach the node, and tests a hop for all of them with a
 * few word operations.
 *
 * Why the paths are the same: a search of one group is a FIFO queue, start
 * nodes in id order and each node's successors in id order, and a node keeps
 * the hop from the first node in that queue to reach it. Here each group's
 * queue order is kept as a place per node: a level's nodes are placed by
 * their parent's place, then by id, which is how the queue appends them.
 * When two nodes of one level reach a node for the same group, the one placed
 * first keeps the hop, whichever the pass read first. Targets are recorded
 * as the queue records them: by level, then by the recording node's place,
 * then by id, so each group's list is in the search's discovery order.
 */

import { sortIntoIdOrder } from "./id-order";

/** The relation, as the search reads it. */
export interface BatchGraph {
  /** Number of nodes; nodes are 0..size-1. */
  readonly size: number;
  /** Per node, its place in id order. */
  readonly rank: Int32Array;
  /** Per place in id order, the node. */
  readonly order: readonly number[];
  /** A node's successors in id order; a path names a hop by its index in this list. */
  successors(n: number): Int32Array;
}

/** Per node, 0 or 1. */
export interface BatchFlags {
  /** Whether a path may continue through the node (start nodes always may). */
  readonly through: Uint8Array;
  /** Whether a hop may end at the node. */
  readonly enter: Uint8Array;
  /** The nodes to find a path to (a start node only through at least one hop). */
  readonly target: Uint8Array;
}

/** One shortest path to a target: hop i leaves node hops[2i] by its successor number hops[2i + 1]. */
export interface BatchPath {
  readonly target: number;
  readonly hops: Int32Array;
}

const WIDTH = 32;

/** Per group of start nodes, its paths in discovery order. */
export function searchInBatches(graph: BatchGraph, starts: readonly (readonly number[])[], flags: BatchFlags): BatchPath[][] {
  const out: BatchPath[][] = starts.map(() => []);
  const N = graph.size;
  const { through, enter, target } = flags;
  // As a single search: a hop may end at a node that may be entered and is passed through or a target.
  const pending = new Uint8Array(N);
  let targets = 0;
  for (let n = 0; n < N; n++) {
    targets += target[n]!;
    pending[n] = enter[n] === 1 && (through[n] === 1 || target[n] === 1) ? 1 : 0;
  }
  // A search that wants paths and has no target stops before its first step.
  if (targets === 0) return out;
  const pass = new Pass(graph, pending, through, target, targets);
  for (let base = 0; base < starts.length; base += WIDTH) {
    const found = pass.run(starts.slice(base, base + WIDTH));
    found.forEach((paths, g) => (out[base + g] = paths));
  }
  return out;
}

/** One pass's working state, allocated once and reused by every pass. */
class Pass {
  private readonly N: number;
  // Per node, one bit per group: reached (start nodes included), reached at the level being read, reached
  // first at the next level, a target not recorded yet, recorded at the level being read.
  private readonly seen: Int32Array;
  private readonly front: Int32Array;
  private readonly next: Int32Array;
  private readonly open: Int32Array;
  private readonly recorded: Int32Array;
  // Per group and node (group * N + node): the node the kept hop leaves (-1 for a start node), that hop's
  // successor number, the node's place in the group's queue, and, for a target recorded at this level, the
  // recording hop.
  private readonly parent: Int32Array;
  private readonly via: Int32Array;
  private readonly place: Int32Array;
  private readonly recFrom: Int32Array;
  private readonly recVia: Int32Array;
  private frontier: Int32Array;
  private reached: Int32Array;
  private readonly recList: Int32Array;
  /** Scratch for placing a level: each group's new nodes (a node can be new to every group), and counts by parent place. */
  private readonly members: Int32Array;
  private readonly buckets: Int32Array;

  constructor(
    private readonly graph: BatchGraph,
    private readonly pending: Uint8Array,
    private readonly through: Uint8Array,
    private readonly target: Uint8Array,
    private readonly targets: number,
  ) {
    const N = (this.N = graph.size);
    this.seen = new Int32Array(N);
    this.front = new Int32Array(N);
    this.next = new Int32Array(N);
    this.open = new Int32Array(N);
    this.recorded = new Int32Array(N);
    this.parent = new Int32Array(WIDTH * N);
    this.via = new Int32Array(WIDTH * N);
    this.place = new Int32Array(WIDTH * N);
    this.recFrom = new Int32Array(WIDTH * N);
    this.recVia = new Int32Array(WIDTH * N);
    this.frontier = new Int32Array(N);
    this.reached = new Int32Array(N);
    this.recList = new Int32Array(N);
    this.members = new Int32Array(WIDTH * N);
    this.buckets = new Int32Array(N + 1);
  }

  /** Up to 32 groups' searches; per group, its paths in discovery order. */
  run(groups: readonly (readonly number[])[]): BatchPath[][] {
    const { N, seen, front, open, parent, place, pending, target } = this;
    const G = groups.length;
    const all = G === WIDTH ? -1 : (1 << G) - 1;
    const found: BatchPath[][] = groups.map(() => []);
    seen.fill(0);
    for (let n = 0; n < N; n++) open[n] = target[n] === 1 && pending[n] === 1 ? all : 0;
    // Level 0: each group's start nodes, placed in id order.
    const queued = new Int32Array(G);
    const levelStart = new Int32Array(G);
    const left = new Int32Array(G).fill(this.targets);
    let fl = 0;
    groups.forEach((group, g) => {
      const starts = [...new Set(group)].sort((a, b) => this.graph.rank[a]! - this.graph.rank[b]!);
      starts.forEach((n, i) => {
        parent[g * N + n] = -1;
        place[g * N + n] = i;
        if (seen[n] === 0) this.frontier[fl++] = n;
        seen[n]! |= 1 << g;
      });
      queued[g] = starts.length;
    });
    this.sortById(this.frontier, fl);
    for (let i = 0; i < fl; i++) front[this.frontier[i]!] = seen[this.frontier[i]!]!;
    let active = all;
    for (let level = 0; fl > 0 && active !== 0; level++) {
      const { nl, rl } = this.readLevel(fl, level, active);
      for (let i = 0; i < fl; i++) front[this.frontier[i]!] = 0;
      active = this.record(rl, found, left, active);
      this.placeLevel(nl, queued, levelStart);
      const { next, reached } = this;
      for (let i = 0; i < nl; i++) {
        const m = reached[i]!;
        seen[m]! |= next[m]!;
        front[m] = next[m]!;
        next[m] = 0;
      }
      // The nodes reached become the level to read (already in id order, see placeLevel).
      [this.frontier, this.reached] = [this.reached, this.frontier];
      fl = nl;
    }
    for (let i = 0; i < fl; i++) front[this.frontier[i]!] = 0;
    return found;
  }

  /**
   * Reads the successors of the level's nodes for the groups that reach them
   * there: the first hop to each node per group (kept by place), and the
   * recording hop of each target. Returns how many nodes are reached first at
   * the next level (in `reached`) and how many targets are recorded (in `recList`).
   */
  private readLevel(fl: number, level: number, active: number): { nl: number; rl: number } {
    const { seen, front, next, open, recorded, parent, via, recFrom, recVia, pending, through, frontier, reached, recList } = this;
    let nl = 0;
    let rl = 0;
    for (let i = 0; i < fl; i++) {
      const n = frontier[i]!;
      // Start nodes always continue; other nodes only where a path may pass them.
      const bits = (level === 0 || through[n] === 1 ? front[n]! : 0) & active;
      if (bits === 0) continue;
      const to = this.graph.successors(n);
      for (let j = 0; j < to.length; j++) {
        const m = to[j]!;
        if (pending[m] === 0) continue;
        const rec = bits & open[m]!;
        if (rec !== 0) {
          const had = recorded[m]!;
          if (had === 0) recList[rl++] = m;
          recorded[m] = had | rec;
          this.keepFirst(rec, had, n, j, m, recFrom, recVia);
        }
        const fresh = bits & ~seen[m]!;
        if (fresh === 0) continue;
        const had = next[m]!;
        if (had === 0) reached[nl++] = m;
        next[m] = had | fresh;
        this.keepFirst(fresh, had, n, j, m, parent, via);
      }
    }
    return { nl, rl };
  }

  /**
   * For each group in `bits`, the hop from n (its successor number j) into m
   * becomes m's hop in `from`/`hop` when it is the group's first into m at
   * this level (not in `had`), or n is placed before the node that had it.
   */
  private keepFirst(bits: number, had: number, n: number, j: number, m: number, from: Int32Array, hop: Int32Array): void {
    const { N, place } = this;
    for (let b = bits; b !== 0; b &= b - 1) {
      const k = (31 - Math.clz32(b & -b)) * N;
      if ((had & (b & -b)) === 0 || place[k + n]! < place[k + from[k + m]!]!) {
        from[k + m] = n;
        hop[k + m] = j;
      }
    }
  }

  /**
   * Adds the level's recorded targets to each group's paths, in the order a
   * search records them (recording node's place, then id); returns the groups
   * still searching (a group stops once every target is recorded).
   */
  private record(rl: number, found: BatchPath[][], left: Int32Array, active: number): number {
    const { N, open, recorded, recFrom, recVia, place, recList } = this;
    const rank = this.graph.rank;
    const entries: { readonly g: number; readonly m: number; readonly key: number }[] = [];
    for (let i = 0; i < rl; i++) {
      const m = recList[i]!;
      const bits = recorded[m]!;
      open[m]! &= ~bits;
      recorded[m] = 0;
      for (let b = bits; b !== 0; b &= b - 1) {
        const g = 31 - Math.clz32(b & -b);
        entries.push({ g, m, key: place[g * N + recFrom[g * N + m]!]! * N + rank[m]! });
      }
    }
    entries.sort((x, y) => x.g - y.g || x.key - y.key);
    for (const { g, m } of entries) {
      const k = g * N;
      found[g]!.push({ target: m, hops: this.pathTo(g, recFrom[k + m]!, recVia[k + m]!) });
      if (--left[g]! === 0) active &= ~(1 << g);
    }
    return active;
  }

  /** The kept hops from group g's start nodes to `n`, then the hop `n` -> successors(n)[last]. */
  private pathTo(g: number, n: number, last: number): Int32Array {
    const { parent, via } = this;
    const k = g * this.N;
    let hops = 1;
    for (let cur = n; parent[k + cur] !== -1; cur = parent[k + cur]!) hops++;
    const out = new Int32Array(2 * hops);
    out[2 * hops - 2] = n;
    out[2 * hops - 1] = last;
    let i = 2 * hops - 4;
    for (let cur = n; parent[k + cur] !== -1; cur = parent[k + cur]!, i -= 2) {
      out[i] = parent[k + cur]!;
      out[i + 1] = via[k + cur]!;
    }
    return out;
  }

  /**
   * Places the nodes reached first at the next level in each group's queue:
   * by their parent's place, then by id (a counting sort over the parents'
   * places, fed in id order, so ties keep id order).
   */
  private placeLevel(nl: number, queued: Int32Array, levelStart: Int32Array): void {
    const { N, next, parent, place, members, buckets, reached } = this;
    this.sortById(reached, nl);
    const G = queued.length;
    // Each group's new nodes, in id order: counts, offsets, then the nodes.
    const offsets = new Int32Array(G + 1);
    for (let i = 0; i < nl; i++) for (let b = next[reached[i]!]!; b !== 0; b &= b - 1) offsets[32 - Math.clz32(b & -b)]!++;
    for (let g = 0; g < G; g++) offsets[g + 1]! += offsets[g]!;
    const fill = offsets.slice(0, G);
    for (let i = 0; i < nl; i++) {
      const m = reached[i]!;
      for (let b = next[m]!; b !== 0; b &= b - 1) members[fill[31 - Math.clz32(b & -b)]!++] = m;
    }
    for (let g = 0; g < G; g++) {
      const from = offsets[g]!;
      const to = offsets[g + 1]!;
      if (from === to) continue;
      const k = g * N;
      // Parents are the level just read: places levelStart[g] .. queued[g] - 1.
      const lo = levelStart[g]!;
      const width = queued[g]! - lo;
      buckets.fill(0, 0, width + 1);
      for (let i = from; i < to; i++) buckets[place[k + parent[k + members[i]!]!]! - lo + 1]!++;
      for (let p = 0; p < width; p++) buckets[p + 1]! += buckets[p]!;
      for (let i = from; i < to; i++) {
        const m = members[i]!;
        place[k + m] = queued[g]! + buckets[place[k + parent[k + m]!]! - lo]!++;
      }
      levelStart[g] = queued[g]!;
      queued[g]! += to - from;
    }
  }

  /** Sorts list[0..length) into id order. */
  private sortById(list: Int32Array, length: number): void {
    sortIntoIdOrder(list.subarray(0, length), this.graph.rank, this.graph.order);
  }
}
