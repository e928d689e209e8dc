/**
 * Shortest-path search over the one-hop connection relation. Transitivity is
 * over any port: a hop exists when the source may open any connection to the
 * destination. Breadth-first from all sources at once, so the first target
 * reached gives a shortest counterexample.
 */

/** A hop's key in maps of hops. JSON: ids from hand-written YAML may hold any character, and two hops must never share a key. */
export const hopKey = (from: string, to: string): string => JSON.stringify([from, to]);

export interface Hop<E> {
  readonly from: string;
  readonly to: string;
  readonly edge: E;
}

export interface Graph<E> {
  /** Outgoing hops of a node. */
  readonly out: ReadonlyMap<string, ReadonlyArray<Hop<E>>>;
}

export function buildGraph<E>(hops: Iterable<Hop<E>>): Graph<E> {
  const out = new Map<string, Hop<E>[]>();
  for (const h of hops) {
    let list = out.get(h.from);
    if (!list) out.set(h.from, (list = []));
    list.push(h);
  }
  for (const list of out.values()) list.sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  return { out };
}

/**
 * One shortest path from any source to any target per reachable target,
 * deterministic (sources and neighbours visited in sorted order). A node that
 * is both source and target counts only through at least one hop.
 */
export function shortestPaths<E>(
  graph: Graph<E>,
  sources: Iterable<string>,
  isTarget: (node: string) => boolean,
  usable: (hop: Hop<E>) => boolean = () => true,
  /** Whether a path may continue through a node it reached (sources always may). */
  transit: (node: string) => boolean = () => true,
): Map<string, Hop<E>[]> {
  const parent = new Map<string, Hop<E> | null>();
  const queue: string[] = [];
  for (const s of [...new Set(sources)].sort()) {
    parent.set(s, null);
    queue.push(s);
  }
  const found = new Map<string, Hop<E>[]>();
  const pathTo = (node: string): Hop<E>[] => {
    const path: Hop<E>[] = [];
    let cur = parent.get(node);
    while (cur) {
      path.push(cur);
      cur = parent.get(cur.from);
    }
    return path.reverse();
  };
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    if (parent.get(node) !== null && !transit(node)) continue;
    for (const hop of graph.out.get(node) ?? []) {
      if (!usable(hop)) continue;
      // A target is recorded when first discovered, so its path is a shortest one.
      if (isTarget(hop.to) && !found.has(hop.to)) found.set(hop.to, [...pathTo(node), hop]);
      if (!parent.has(hop.to)) {
        parent.set(hop.to, hop);
        queue.push(hop.to);
      }
    }
  }
  return found;
}

/** Every node reachable from the sources, with its hop count (sources at 0). */
export function reachable<E>(
  graph: Graph<E>,
  sources: Iterable<string>,
  usable: (hop: Hop<E>) => boolean = () => true,
  transit: (node: string) => boolean = () => true,
): Map<string, number> {
  const depth = new Map<string, number>();
  const queue: string[] = [];
  for (const s of sources) {
    if (!depth.has(s)) {
      depth.set(s, 0);
      queue.push(s);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    const d = depth.get(node)!;
    if (d > 0 && !transit(node)) continue;
    for (const hop of graph.out.get(node) ?? []) {
      if (usable(hop) && !depth.has(hop.to)) {
        depth.set(hop.to, d + 1);
        queue.push(hop.to);
      }
    }
  }
  return depth;
}
