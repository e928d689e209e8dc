/**
 * The analyzer's answer for one cluster: workloads, the external ranges, and
 * the one-hop relation between them, queried pairwise or listed in full.
 * Workload results are unions over the workload's pod classes.
 */
import { parseIp } from "../../model/cidr";
import { searchInBatches } from "./batched-paths";
import { sortIntoIdOrder } from "./id-order";
import { Bitset, BitsetSlab } from "./bitset";
import { ConnSet, type Protocol } from "./connset";
import { ALL_LAYERS, type Endpoint, Engine, type RangeVerdicts, type IstioTrace, type LayerSelection, type SideTrace, sharedIndexes } from "./engine";
import type { ExternalRange } from "./externals";
import { hashStep } from "./int-hash";
import { invertLists } from "./invert-lists";
import { Int32Store } from "./int32-store";
import { keptPlaces } from "./row-filter";
import { ObjectIds } from "./object-ids";
import type { Cluster, NamedPort } from "./model";

export type Peer = { kind: "workload"; id: string } | { kind: "ip"; address: string };

export interface Workload {
  id: string;
  namespace: string;
  name: string;
  kind: string;
  /** Labels of the workload's first pod (template); pods of one owner may differ, see podLabels. */
  labels: Record<string, string>;
  /** Every distinct label set among the workload's pods. */
  podLabels: Record<string, string>[];
  serviceAccount: string;
  meshed: boolean;
  namedPorts: NamedPort[];
}

/** An end of an edge: a workload or an external range. */
export type Node = { readonly kind: "workload"; readonly id: string } | { readonly kind: "external"; readonly range: ExternalRange };

export interface Edge {
  readonly src: Node;
  readonly dst: Node;
  readonly conns: ConnSet;
}

export interface AnalyzeOptions {
  layers?: LayerSelection;
}

export interface ClassExplanation {
  /** Which pod shapes of the two workloads this part covers (index into the workload's classes). */
  readonly srcPods: string;
  readonly dstPods: string;
  readonly egress?: SideTrace;
  readonly ingress?: SideTrace;
  readonly istio?: IstioTrace;
  readonly allowed: ConnSet;
}

export interface Explanation {
  readonly src: string;
  readonly dst: string;
  readonly query?: { protocol: Protocol; port: number };
  readonly layers: LayerSelection;
  /** Everything src may open to dst. */
  readonly allowed: ConnSet;
  /** The query's verdict, when a query was given. */
  readonly verdict?: boolean;
  readonly parts: readonly ClassExplanation[];
}

export interface Connectivity {
  readonly workloads: readonly Workload[];
  readonly externals: readonly ExternalRange[];
  allows(src: Peer, dst: Peer, protocol: Protocol, port: number): boolean;
  connections(src: Peer, dst: Peer): ConnSet;
  edges(): readonly Edge[];
  /**
   * The same relation as edges(), in the same order, without building Edge
   * objects: for callers that only fold over it (counts, indexes, hashes).
   * Node objects passed are this analysis's own (shared with edges()).
   */
  forEachEdge(fn: (src: Node, dst: Node, conns: ConnSet) => void): void;
  /** The number of edges edges() lists (counted without holding the relation when it is not held yet). */
  edgeCount(): number;
  /**
   * Drops the relation held node by node (what edges(), forEachEdge() and the
   * searches built), keeping the class relation it was lifted from. Later
   * calls build what they need again, with Edge objects of their own. For a
   * caller that has read what it needs of the whole relation and keeps the
   * analysis: a diff side at 15,000 workloads holds ten million edges.
   */
  releaseHeldRelation(): void;
  /**
   * The workload -> external range edges of forEachEdge(), in the same
   * order, without evaluating any pair of workloads.
   */
  forEachEgressToRange(fn: (src: Node, dst: Node, conns: ConnSet) => void): void;
  lines(): string[];
  /**
   * Breadth-first search over the one-hop relation from several sources at
   * once (sources in id order, neighbours in id order), computing only the
   * adjacency of nodes it expands. Per target, the first path found is a
   * shortest one; a source counts as a target only through at least one hop.
   * Sources are peers, a predicate, or node ids (see NodeIds).
   */
  reach(sources: readonly Peer[] | ((node: Node) => boolean) | NodeIds, options?: ReachOptions): ReachResult;
  /**
   * reach(group, { ...options, untilTargets: true }).paths for each group of
   * sources, without the searches that cannot matter: a group none of whose
   * nodes can reach a target (through nodes a path may pass) gets no search,
   * and groups made of one external range with the same edges share one
   * search (their shortest paths differ only in the first hop's source).
   */
  pathsFromEach(groups: readonly (readonly Peer[])[], options: PathsOptions): ReadonlyMap<string, readonly Edge[]>[];
  explain(src: Peer, dst: Peer, query?: { protocol: Protocol; port: number }): Explanation;
}

/**
 * Nodes named by id (a workload's id, or an external range's id): each is
 * looked up once, where a predicate is asked about every node (at 15,000
 * workloads, source and target predicates cost 1 to 2 ms more per
 * vendor-path search than the same nodes as ids). Ids the analysis does not
 * have select nothing.
 */
export type NodeIds = ReadonlySet<string>;

export interface ReachOptions {
  /** Whether a path may continue through a node it reached (sources always may); default every node. */
  readonly through?: (node: Node) => boolean;
  /** Whether a hop may be taken; default every non-empty edge. */
  readonly usable?: (edge: Edge) => boolean;
  /**
   * Whether any hop may end at this node; default every node. The same as a
   * `usable` that tests the destination, but asked once per node, so the
   * search never evaluates connections into nodes it can never enter.
   */
  readonly enter?: (node: Node) => boolean;
  /** Nodes to record one shortest path to, in `paths`: a predicate, or node ids (see NodeIds). */
  readonly targets?: ((node: Node) => boolean) | NodeIds;
  /**
   * Stop as soon as every target has a path. `nodes` then holds only what was
   * reached until then, and no node that is neither a target nor passed
   * through (it leads to no path).
   */
  readonly untilTargets?: boolean;
}

export interface PathsOptions {
  readonly through?: (node: Node) => boolean;
  readonly usable?: (edge: Edge) => boolean;
  readonly enter?: (node: Node) => boolean;
  readonly targets: (node: Node) => boolean;
}

/** How a node was first reached: hop count (0 for sources) and the hop that reached it. */
export interface Reached {
  readonly depth: number;
  readonly via?: Edge;
}

export interface ReachResult {
  /** Every node reached, by id (workload id or range id), in discovery order. */
  readonly nodes: ReadonlyMap<string, Reached>;
  /** Per reached target, one shortest path with each hop's connections, in discovery order. */
  readonly paths: ReadonlyMap<string, readonly Edge[]>;
}

/** An unknown workload id or an unparsable address. */
export class UnknownPeerError extends Error {
  constructor(
    message: string,
    readonly suggestions: readonly string[] = [],
  ) {
    super(message);
    this.name = "UnknownPeerError";
  }
}

/**
 * Builds now what every analysis of the cluster shares, instead of leaving
 * it to the first analysis: the pod classes and address space, the policies
 * compiled for every tier, and the nodes in id order. For callers that time
 * loading apart from analysing (the benchmark); the results are the same.
 */
export function indexCluster(cluster: Cluster): void {
  const { policies } = sharedIndexes(cluster);
  for (const direction of ["ingress", "egress"] as const) policies.side(direction, ALL_LAYERS);
  rankingOf(cluster);
}

/**
 * The cluster's nodes in id order, and their index by id, built once per
 * cluster: both depend on the workloads and the external ranges alone.
 * Sorted again per analysis, the order cost each fresh analysis's first path
 * search about a millisecond at M, a fifth of the search; the map by id, built
 * per analysis, cost its first search 5 to 10 ms at L (19,500 ids), more than
 * the search. Node objects are shared by the cluster's analyses (they are
 * read-only).
 */
const rankings = new WeakMap<Cluster, Ranking>();
function rankingOf(cluster: Cluster): Ranking {
  let hit = rankings.get(cluster);
  if (hit === undefined) {
    const externals = sharedIndexes(cluster).space.ranges;
    const ids = [...cluster.workloads.map((w) => w.id), ...externals.map((r) => r.id)];
    const order = ids.map((_, i) => i).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
    const rank = new Int32Array(ids.length);
    order.forEach((n, r) => (rank[n] = r));
    const nodes: Node[] = [...cluster.workloads.map((w): Node => ({ kind: "workload", id: w.id })), ...externals.map((range): Node => ({ kind: "external", range }))];
    // Set from the last index down, so that were a range id ever equal to a workload id, the workload would win.
    const indexOf = new Map<string, number>();
    for (let n = ids.length - 1; n >= 0; n--) indexOf.set(ids[n]!, n);
    rankings.set(cluster, (hit = { ids, order, rank, nodes, indexOf }));
  }
  return hit;
}

export function analyze(cluster: Cluster, options: AnalyzeOptions = {}): Connectivity {
  return new ClusterConnectivity(cluster, options.layers ?? ALL_LAYERS);
}

interface Ranking {
  readonly ids: readonly string[];
  readonly order: readonly number[];
  readonly rank: Int32Array;
  readonly nodes: readonly Node[];
  /** Node index by id: workloads 0..W-1, then external ranges. */
  readonly indexOf: ReadonlyMap<string, number>;
}

/** One node's outgoing edges, columnar: Edge objects are built only when someone asks for them. */
interface Adjacent {
  /** Node index of each edge's destination, in destination id order. */
  readonly to: Int32Array;
  readonly conns: readonly ConnSet[];
  edges?: Edge[];
}

/** A class's destination classes and, for each, the verdict's interned id (Engine.setOf). */
interface ClassRow {
  readonly ds: Int32Array;
  readonly vs: Int32Array;
}

/** Same destinations with the same connection objects (equal content is one object: verdicts are interned). */
function sameAdjacency(a: Adjacent, b: Adjacent): boolean {
  if (a.to.length !== b.to.length) return false;
  for (let i = 0; i < a.to.length; i++) if (a.to[i] !== b.to[i] || a.conns[i] !== b.conns[i]) return false;
  return true;
}

/** Whether the ascending list holds x (binary search). */
function includes(sorted: Int32Array, x: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** A held row's entries still of interest to a search: the first `length` of ds and vs (owned by the search). */
interface NarrowedRow {
  readonly ds: Int32Array;
  readonly vs: Int32Array;
  length: number;
}

/**
 * The entries of a held row whose destination is in `only`. A search's
 * interest only shrinks (a class leaves it when its last pending workload
 * is reached, and nothing adds one), so an entry dropped once is never
 * wanted again: each row is narrowed in place, and workloads sharing a row
 * (classes with one representative) scan only what is left, not the whole
 * row again.
 */
function narrow(row: ClassRow, only: Bitset, narrowed: Narrowing): NarrowedRow {
  const words = only.words;
  let part = narrowed.rows.get(row);
  if (part === undefined) {
    // The first narrowing reads the whole row once (keptPlaces) and keeps a copy of what is left: later narrowings
    // of the row scan only that. Few entries are kept, so they are fetched by place.
    const { ds, vs } = row;
    const at = narrowed.scratch;
    const n = keptPlaces(ds, ds.length, words, at);
    if (n === 0) part = NOTHING_LEFT;
    else {
      part = { ds: narrowed.arena.alloc(n), vs: narrowed.arena.alloc(n), length: n };
      for (let k = 0; k < n; k++) {
        part.ds[k] = ds[at[k]!]!;
        part.vs[k] = vs[at[k]!]!;
      }
    }
    narrowed.rows.set(row, part);
    return part;
  }
  if (part.length === 0) return part;
  // Branch-free compaction: what is left of a row is what a search may still want, so kept or not is close to a coin toss.
  const { ds, vs } = part;
  let k = 0;
  for (let i = 0; i < part.length; i++) {
    const d = ds[i]!;
    ds[k] = d;
    vs[k] = vs[i]!;
    k += (words[d >>> 5]! >>> (d & 31)) & 1;
  }
  part.length = k;
  return part;
}

/** A search's narrowed rows, the arena their copies live in, and scratch space for places as long as the longest row. */
interface Narrowing {
  readonly rows: Map<ClassRow, NarrowedRow>;
  readonly arena: Int32Store;
  readonly scratch: Int32Array;
}

/** A row with no entry of interest left, shared by every search (never narrowed again, so never written). */
const NOTHING_LEFT: NarrowedRow = Object.freeze({ ds: new Int32Array(0), vs: new Int32Array(0), length: 0 });

const nodeKey = (n: Node): string => (n.kind === "workload" ? n.id : n.range.id);

type Resolved = { kind: "workload"; index: number; id: string; classes: readonly number[] } | { kind: "range"; index: number; id: string };

class ClusterConnectivity implements Connectivity {
  readonly externals: readonly ExternalRange[];
  private readonly engine: Engine;
  /** Workloads analysed (cluster.workloads.length): node indices 0..W-1 are workloads, W.. are ranges. */
  private readonly workloadCount: number;
  private edgeCache: Edge[] | undefined;
  /** Every node's adjacency in output (source id) order, once the full relation is computed. */
  private allAdjacency: { readonly nodes: readonly number[]; readonly adj: readonly Adjacent[]; readonly count: number } | undefined;
  private rankCache: Ranking | undefined;
  private workloadsOfCache: { readonly start: Int32Array; readonly list: Int32Array } | undefined;
  private readonly classRows: (ClassRow | undefined)[] = [];
  private readonly extOut: (RangeVerdicts | undefined)[] = [];
  private readonly extIn: (RangeVerdicts | undefined)[] = [];
  /** Outgoing edges per node index, sorted by destination id (filled lazily or by edges()). */
  private readonly adjacency: (Adjacent | undefined)[] = [];
  private readonly explained = new Map<string, Explanation>();

  constructor(
    private readonly cluster: Cluster,
    private readonly layers: LayerSelection,
  ) {
    this.engine = new Engine(cluster, layers);
    this.workloadCount = cluster.workloads.length;
    this.externals = this.engine.space.ranges;
  }

  /** The workload list, made on first read: the checks and the edge count use indices and ids only. */
  private workloadList: readonly Workload[] | undefined;
  get workloads(): readonly Workload[] {
    if (!this.workloadList) {
      const cls = this.engine.classes;
      this.workloadList = this.cluster.workloads.map((w, i) => {
        const classes = cls.workloadClasses[i]!.map((c) => cls.classes[c]!);
        const first = w.pods[0]!;
        return {
          id: w.id,
          namespace: w.namespace,
          name: w.name,
          kind: w.kind,
          labels: { ...first.labels },
          podLabels: classes.map((c) => ({ ...c.labels })),
          serviceAccount: first.serviceAccount,
          meshed: classes.some((c) => c.meshed),
          namedPorts: [...first.namedPorts],
        };
      });
    }
    return this.workloadList;
  }

  /** A workload's index by its id. */
  private workloadIndex(id: string): number | undefined {
    const n = this.ranking.indexOf.get(id);
    return n !== undefined && n < this.workloadCount ? n : undefined;
  }

  private resolve(p: Peer): Resolved {
    if (p.kind === "workload") {
      const i = this.workloadIndex(p.id);
      if (i === undefined) {
        const near = this.cluster.workloads.map((w) => w.id).filter((k) => k.includes(p.id) || p.id.includes(k.split("[")[0]!)).slice(0, 5);
        throw new UnknownPeerError(`no workload ${JSON.stringify(p.id)}`, near);
      }
      return { kind: "workload", index: i, id: p.id, classes: this.engine.classes.workloadClasses[i]! };
    }
    const ip = parseIp(p.address.trim());
    if (!ip) throw new UnknownPeerError(`not an IP address: ${JSON.stringify(p.address)}`);
    const index = this.engine.space.indexOf(ip.version, ip.value);
    return { kind: "range", index, id: this.externals[index]!.id };
  }

  private endpoints(r: Resolved): Endpoint[] {
    return r.kind === "workload" ? r.classes.map((index) => ({ kind: "class", index })) : [{ kind: "range", index: r.index }];
  }

  private between(a: Resolved, b: Resolved): ConnSet {
    if (a.kind === "range" && b.kind === "range") return ConnSet.empty;
    let out = ConnSet.empty;
    for (const s of this.endpoints(a)) for (const d of this.endpoints(b)) out = out.union(this.engine.pair(s, d));
    return out;
  }

  connections(src: Peer, dst: Peer): ConnSet {
    return this.between(this.resolve(src), this.resolve(dst));
  }

  allows(src: Peer, dst: Peer, protocol: Protocol, port: number): boolean {
    return this.connections(src, dst).has(protocol, port);
  }

  edges(): readonly Edge[] {
    if (!this.edgeCache) {
      const { nodes, adj, count } = this.fullRelation();
      const out = new Array<Edge>(count);
      let k = 0;
      for (let i = 0; i < nodes.length; i++) for (const e of this.edgesOf(nodes[i]!, adj[i]!)) out[k++] = e;
      this.edgeCache = out;
    }
    return this.edgeCache;
  }

  forEachEdge(fn: (src: Node, dst: Node, conns: ConnSet) => void): void {
    const { nodes: ranked, adj } = this.fullRelation();
    const { nodes } = this.ranking;
    for (let i = 0; i < ranked.length; i++) {
      const src = nodes[ranked[i]!]!;
      const { to, conns } = adj[i]!;
      for (let j = 0; j < to.length; j++) fn(src, nodes[to[j]!]!, conns[j]!);
    }
  }

  releaseHeldRelation(): void {
    this.allAdjacency = undefined;
    this.adjacency.length = 0;
    this.edgeCache = undefined;
    this.inboundCache = undefined;
  }

  edgeCount(): number {
    if (this.allAdjacency) return this.allAdjacency.count;
    // Counted the way outgoing() and inbound build the lists, without building them: on a large cluster the
    // relation holds millions of entries that a caller asking for the count never reads.
    const W = this.workloadCount;
    const X = this.externals.length;
    const C = this.engine.classes.size;
    const workloadClasses = this.engine.classes.workloadClasses;
    // A workload of one class reaches the same workloads as every other workload of that class, itself aside:
    // its count is its row's, computed once per row. Workloads of several classes can sit in several
    // destination classes, so they are counted one by one, with stamps against counting one twice.
    // multiStart/multi: per class, its workloads of several classes; single(c): its workloads of class c alone.
    const { start: wStart, list: wList } = this.workloadsOf;
    const { start: multiStart, list: multi } = invertLists(C, workloadClasses, (cs) => cs.length > 1);
    const single = (c: number): number => wStart[c + 1]! - wStart[c]! - (multiStart[c + 1]! - multiStart[c]!);
    // seen[w2] === stamp: w2 already counted for the current row or workload.
    const seen = new Int32Array(W);
    let stamp = 0;
    const perRow = new Map<ClassRow, number>();
    let count = 0;
    for (let w = 0; w < W; w++) {
      const classes = workloadClasses[w]!;
      if (X > 0) count += this.rangeCount(classes, "ingress") + this.rangeCount(classes, "egress");
      stamp++;
      if (classes.length === 1) {
        const c = classes[0]!;
        const row = this.classRow(c);
        let n = perRow.get(row);
        if (n === undefined) {
          n = 0;
          const { ds } = row;
          for (let i = 0; i < ds.length; i++) {
            const d = ds[i]!;
            n += single(d);
            for (let k = multiStart[d]!, end = multiStart[d + 1]!; k < end; k++) {
              const w2 = multi[k]!;
              if (seen[w2] === stamp) continue;
              seen[w2] = stamp;
              n++;
            }
          }
          perRow.set(row, n);
        }
        // w is among them when its class reaches its own class; no workload is its own destination.
        count += includes(row.ds, c) ? n - 1 : n;
        continue;
      }
      for (const s of classes) {
        const { ds } = this.classRow(s);
        for (let i = 0; i < ds.length; i++)
          for (let k = wStart[ds[i]!]!, end = wStart[ds[i]! + 1]!; k < end; k++) {
            const w2 = wList[k]!;
            if (w2 === w || seen[w2] === stamp) continue;
            seen[w2] = stamp;
            count++;
          }
      }
    }
    return count;
  }

  forEachEgressToRange(fn: (src: Node, dst: Node, conns: ConnSet) => void): void {
    const W = this.workloadCount;
    if (this.externals.length === 0) return;
    const { order, nodes } = this.ranking;
    const workloadClasses = this.engine.classes.workloadClasses;
    for (const w of order) {
      if (w >= W) continue;
      const { to, conns } = this.workloadRanges(workloadClasses[w]!, "egress");
      for (let i = 0; i < to.length; i++) fn(nodes[w]!, nodes[W + to[i]!]!, conns[i]!);
    }
  }

  /** A node's adjacency as Edge objects (built once, shared by edges() and reach()). */
  private edgesOf(n: number, adj: Adjacent): Edge[] {
    if (!adj.edges) {
      const { nodes } = this.ranking;
      const src = nodes[n]!;
      const { to, conns } = adj;
      const out = new Array<Edge>(to.length);
      for (let i = 0; i < to.length; i++) out[i] = { src, dst: nodes[to[i]!]!, conns: conns[i]! };
      adj.edges = out;
    }
    return adj.edges;
  }

  /** Node ids in output order: workloads 0..W-1, externals W..W+X-1, ranked by id (the cluster's, shared by its analyses). */
  private get ranking(): Ranking {
    return (this.rankCache ??= rankingOf(this.cluster));
  }

  /** Per class: the workloads made of it, as compressed rows (class c's workloads are list[start[c]] to list[start[c + 1] - 1]). */
  private get workloadsOf(): { readonly start: Int32Array; readonly list: Int32Array } {
    const { size, workloadClasses } = this.engine.classes;
    return (this.workloadsOfCache ??= invertLists(size, workloadClasses));
  }

  /**
   * s's destinations worth evaluating (egress reach pruned by ingress reach),
   * in a scratch bitset valid until the next call. They are found per row
   * rather than held for every class: each row is computed once, and finding
   * them costs little beside the row itself.
   */
  private candidatesOf(s: number): Bitset {
    return this.engine.candidatesInto(s, (this.candidateScratch ??= this.engine.classes.empty()));
  }
  private candidateScratch: Bitset | undefined;

  /** s's candidate destinations within `only` (a scratch bitset, valid until the next call). */
  private restricted(s: number, only: Bitset): Bitset {
    return this.candidatesOf(s).and(only);
  }

  /**
   * One class's non-empty one-hop relation to classes, from its candidate destinations. Classes with the same
   * row share it: it is computed once, for their representative (Engine.sourceRepresentatives).
   */
  private classRow(s: number): ClassRow {
    let row = this.classRows[s];
    if (!row) {
      const rep = this.sourceReps[s]!;
      row = this.classRows[rep] ??= this.engine.row(rep, this.candidatesOf(rep));
      this.classRows[s] = row;
    }
    return row;
  }

  /** A row already computed for s or for another class with the same row. */
  private heldRow(s: number): ClassRow | undefined {
    const reps = this.sourceRepsCache;
    return this.classRows[s] ?? (reps ? this.classRows[reps[s]!] : undefined);
  }

  private sourceRepsCache: Int32Array | undefined;
  private get sourceReps(): Int32Array {
    return (this.sourceRepsCache ??= this.engine.sourceRepresentatives());
  }

  /** A class's verdicts towards (egress) or from (ingress) every external range, one per range atom. */
  private externalVerdicts(c: number, dir: "egress" | "ingress"): RangeVerdicts {
    const cache = dir === "egress" ? this.extOut : this.extIn;
    return (cache[c] ??= this.engine.rangeVerdicts(c, dir));
  }

  /** Range indices in id order (ranges' place among all nodes' ids is given by ranking.rank). */
  private rangeOrderCache: Int32Array | undefined;
  private get rangeOrder(): Int32Array {
    if (!this.rangeOrderCache) {
      const W = this.workloadCount;
      this.rangeOrderCache = Int32Array.from(this.ranking.order.filter((n) => n >= W).map((n) => n - W));
    }
    return this.rangeOrderCache;
  }

  /** Per class and direction: the ranges with a non-empty verdict, in id order (shared by every workload of one class). */
  private readonly rangeLists: Record<"egress" | "ingress", (Adjacent | undefined)[]> = { egress: [], ingress: [] };
  /** The same lists by content (atoms and their verdicts): classes under the same policies share one. */
  private readonly rangeListsByKey = new Map<string, Adjacent>();
  private readonly rangeListsByVerdicts = new Map<RangeVerdicts, Adjacent>();
  private readonly objectIds = new ObjectIds();
  private rangeList(c: number, dir: "egress" | "ingress"): Adjacent {
    let list = this.rangeLists[dir][c];
    if (!list) {
      const v = this.externalVerdicts(c, dir);
      // Classes given the same verdicts object share the list without a key.
      const same = this.rangeListsByVerdicts.get(v);
      if (same) {
        this.rangeLists[dir][c] = same;
        return same;
      }
      // Verdicts are interned by the engine, so equal content means equal objects.
      let key = `${this.objectIds.of(v.atoms)}`;
      for (const cs of v.conns) key += `,${this.objectIds.of(cs)}`;
      list = this.rangeListsByKey.get(key);
      if (list) {
        this.rangeLists[dir][c] = list;
        this.rangeListsByVerdicts.set(v, list);
        return list;
      }
      const to: number[] = [];
      const conns: ConnSet[] = [];
      const order = this.rangeOrder;
      const { atomOf } = v.atoms;
      // An index loop: iterating a typed array with for-of allocates a result object per step here.
      for (let i = 0; i < order.length; i++) {
        const x = order[i]!;
        const cs = v.conns[atomOf[x]!]!;
        if (cs.isEmpty()) continue;
        to.push(x);
        conns.push(cs);
      }
      this.rangeLists[dir][c] = list = { to: this.engine.store.copy(to), conns };
      this.rangeListsByKey.set(key, list);
      this.rangeListsByVerdicts.set(v, list);
    }
    return list;
  }

  /**
   * workloadRanges(classes, dir).to.length, from the classes' atoms: the
   * ranges with a non-empty verdict, counted without listing them.
   */
  private rangeCount(classes: readonly number[], dir: "egress" | "ingress"): number {
    const held = classes.length === 1 ? this.rangeLists[dir][classes[0]!] : this.unionsByClasses[dir].get(classes);
    if (held) return held.to.length;
    if (classes.length === 1) return this.reachedRanges(classes[0]!, dir).count;
    const union = (this.rangeScratch ??= new Bitset(this.externals.length));
    union.words.fill(0);
    for (const c of classes) union.or(this.reachedRanges(c, dir).set);
    return union.count();
  }
  private rangeScratch: Bitset | undefined;

  /** The ranges a class's verdicts in one direction are non-empty for, and how many (shared by classes with the same verdicts). */
  private reachedRanges(c: number, dir: "egress" | "ingress"): { readonly set: Bitset; readonly count: number } {
    const v = this.externalVerdicts(c, dir);
    let reached = this.reachedByVerdicts.get(v);
    if (reached === undefined) {
      const set = v.atoms.addRangesWhere((a) => !v.conns[a]!.isEmpty(), (this.rangeSlab ??= new BitsetSlab(this.externals.length)).take());
      this.reachedByVerdicts.set(v, (reached = { set, count: set.count() }));
    }
    return reached;
  }
  private rangeSlab: BitsetSlab | undefined;
  private readonly reachedByVerdicts = new Map<RangeVerdicts, { readonly set: Bitset; readonly count: number }>();

  /** A workload's non-empty verdicts towards (egress) or from (ingress) every range, in range id order: the union over its classes. */
  private workloadRanges(classes: readonly number[], dir: "egress" | "ingress"): Adjacent {
    if (classes.length === 1) return this.rangeList(classes[0]!, dir);
    // A workload's class list is one array, asked about again by every pass over the workloads.
    const byList = this.unionsByClasses[dir];
    const known = byList.get(classes);
    if (known) return known;
    const union = this.rangeUnion(classes, dir);
    byList.set(classes, union);
    return union;
  }
  private readonly unionsByClasses: Record<"egress" | "ingress", Map<readonly number[], Adjacent>> = { egress: new Map(), ingress: new Map() };

  private rangeUnion(classes: readonly number[], dir: "egress" | "ingress"): Adjacent {
    // Shared lists stand for their content, so workloads made of the same lists get the same union.
    let key = dir;
    for (const c of classes) key += `,${this.objectIds.of(this.rangeList(c, dir))}`;
    const hit = this.rangeListsByKey.get(key);
    if (hit) return hit;
    const verdicts = classes.map((c) => this.externalVerdicts(c, dir));
    const to: number[] = [];
    const conns: ConnSet[] = [];
    const order = this.rangeOrder;
    for (let i = 0; i < order.length; i++) {
      const x = order[i]!;
      let acc = ConnSet.empty;
      for (let k = 0; k < verdicts.length; k++) acc = this.engine.join(acc, verdicts[k]!.conns[verdicts[k]!.atoms.atomOf[x]!]!);
      if (acc.isEmpty()) continue;
      to.push(x);
      conns.push(acc);
    }
    const list = { to: this.engine.store.copy(to), conns };
    this.rangeListsByKey.set(key, list);
    return list;
  }

  /** Scratch accumulators (verdict ids, -1 for none) indexed by workload, reused across workloads (always left cleared). */
  private scratch: { readonly acc: Int32Array; readonly touched: Int32Array } | undefined;

  /** A workload's outgoing edges (to workloads and ranges), sorted by destination id. */
  private outgoing(w: number): Adjacent {
    const out = (this.expandBuffer ??= { to: new Int32Array(this.ranking.nodes.length), conns: [] });
    const k = this.expand(w, undefined, undefined, out);
    return { to: out.to.slice(0, k), conns: out.conns.slice(0, k) };
  }

  /** Buffer outgoing() expands into before copying out exactly the edges it found. */
  private expandBuffer: { to: Int32Array; conns: ConnSet[] } | undefined;

  /**
   * Writes workload w's outgoing edges (to workloads and ranges), sorted by
   * destination id, into `out` and returns how many there are. With `only`,
   * class rows not yet computed are evaluated on those classes alone (and
   * not kept): edges to workloads made only of those classes are exact,
   * others may be missing or partial (reach() asks only about the former).
   * With `openRanges`, only the ranges flagged there are listed; with
   * `null`, no range is (a search with no range left to reach skips the
   * merge: a workload's list of ranges can be long).
   */
  private expand(
    w: number,
    only: Bitset | undefined,
    openRanges: Uint8Array | null | undefined,
    out: { readonly to: Int32Array; readonly conns: ConnSet[] },
    narrowed?: Narrowing,
  ): number {
    const W = this.workloadCount;
    const X = this.externals.length;
    const { rank, order } = this.ranking;
    const { start: wStart, list: wList } = this.workloadsOf;
    const sc = (this.scratch ??= { acc: new Int32Array(W).fill(-1), touched: new Int32Array(W) });
    const { acc, touched } = sc;
    // Workloads given a verdict so far (touched[0..t-1]); each is touched once per expansion.
    let t = 0;
    const eng = this.engine;
    const classes = this.engine.classes.workloadClasses[w]!;
    for (let c = 0; c < classes.length; c++) {
      const s = classes[c]!;
      // A row already computed is exact everywhere, so a restricted expansion reads it (skipping classes outside
      // `only`) rather than evaluating the class again. A restricted row is read before the next is computed.
      const held = this.heldRow(s);
      let { ds, vs } = held ?? (only ? this.engine.row(s, this.restricted(s, only), true) : this.classRow(s));
      let skip = held !== undefined && only !== undefined ? only.words : undefined;
      let length = ds.length;
      if (held !== undefined && only !== undefined && narrowed !== undefined) {
        const part = narrow(held, only, narrowed);
        ({ ds, vs, length } = part);
        skip = undefined;
      }
      for (let i = 0; i < length; i++) {
        const d = ds[i]!;
        if (skip !== undefined && (skip[d >>> 5]! & (1 << (d & 31))) === 0) continue;
        for (let k = wStart[d]!, end = wStart[d + 1]!; k < end; k++) {
          const w2 = wList[k]!;
          if (w2 === w) continue;
          const prev = acc[w2]!;
          if (prev < 0) {
            acc[w2] = vs[i]!;
            touched[t++] = w2;
          } else acc[w2] = eng.joinId(prev, vs[i]!);
        }
      }
    }
    if (t > 1) sortIntoIdOrder(touched.subarray(0, t), rank, order);
    const ranges = X > 0 && openRanges !== null ? this.workloadRanges(classes, "egress") : undefined;
    // Merge the workload destinations and the range destinations, both in id order.
    const nr = ranges ? ranges.to.length : 0;
    const { to, conns } = out;
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < t || j < nr) {
      const n = i < t ? touched[i]! : -1;
      if (j >= nr || (n >= 0 && rank[n]! < rank[W + ranges!.to[j]!]!)) {
        to[k] = n;
        conns[k++] = eng.setOf(acc[n]!);
        acc[n] = -1;
        i++;
      } else if (openRanges && openRanges[ranges!.to[j]!] === 0) j++;
      else {
        to[k] = W + ranges!.to[j]!;
        conns[k++] = ranges!.conns[j++]!;
      }
    }
    return k;
  }

  /**
   * Every range's edges into workloads, sorted by workload id: one pass over
   * the workloads (in id order) and their per-class range lists, built the
   * first time any range's edges are needed.
   */
  private inboundCache: readonly Adjacent[] | undefined;
  private get inbound(): readonly Adjacent[] {
    if (!this.inboundCache) {
      const W = this.workloadCount;
      const X = this.externals.length;
      const to: number[][] = Array.from({ length: X }, () => []);
      const conns: ConnSet[][] = Array.from({ length: X }, () => []);
      const workloadClasses = this.engine.classes.workloadClasses;
      for (const w of this.ranking.order) {
        if (w >= W) continue;
        const into = this.workloadRanges(workloadClasses[w]!, "ingress");
        for (let i = 0; i < into.to.length; i++) {
          const x = into.to[i]!;
          to[x]!.push(w);
          conns[x]!.push(into.conns[i]!);
        }
      }
      this.inboundCache = to.map((t, x) => ({ to: Int32Array.from(t), conns: conns[x]! }));
    }
    return this.inboundCache;
  }

  /** Outgoing edges of node n (0..W-1 workloads, then ranges), sorted by destination id, with their destination indices; cached. */
  private successors(n: number): Adjacent {
    let adj = this.adjacency[n];
    if (!adj) {
      const W = this.workloadCount;
      adj = n < W ? this.outgoing(n) : this.inbound[n - W]!;
      this.adjacency[n] = adj;
    }
    return adj;
  }

  /**
   * Every node's non-empty one-hop edges, sources in id order, each list in
   * destination id order. The class relation is evaluated only on candidate
   * pairs, lifted to workloads, and emitted in order, so no global sort is
   * needed.
   */
  private fullRelation(): { readonly nodes: readonly number[]; readonly adj: readonly Adjacent[]; readonly count: number } {
    if (this.allAdjacency) return this.allAdjacency;
    const { order } = this.ranking;
    const adjs: Adjacent[] = [];
    let count = 0;
    for (const n of order) {
      // successors() keeps an adjacency reach() already built (and the Edge objects it may have handed out).
      const adj = this.successors(n);
      adjs.push(adj);
      count += adj.to.length;
    }
    this.allAdjacency = { nodes: order, adj: adjs, count };
    return this.allAdjacency;
  }


  reach(sources: readonly Peer[] | ((node: Node) => boolean) | NodeIds, options: ReachOptions = {}): ReachResult {
    const { nodes } = this.ranking;
    const N = nodes.length;
    const W = this.workloadCount;
    const indexOfPeer = (p: Peer): number => {
      const r = this.resolve(p);
      return r.kind === "workload" ? r.index : W + r.index;
    };
    // Node predicates are evaluated once per node and ids looked up once each, so the search loop itself is integer work.
    const flags = (f: ((node: Node) => boolean) | NodeIds | undefined, unset: 0 | 1): Uint8Array => {
      const out = new Uint8Array(N);
      if (f === undefined) out.fill(unset);
      else if (typeof f === "function") for (let n = 0; n < N; n++) out[n] = f(nodes[n]!) ? 1 : 0;
      else
        for (const id of f) {
          const n = this.nodeIndex(id);
          if (n !== undefined) out[n] = 1;
        }
      return out;
    };
    let start: Uint8Array;
    if (Array.isArray(sources)) {
      start = new Uint8Array(N);
      for (const p of sources as readonly Peer[]) start[indexOfPeer(p)] = 1;
    } else start = flags(sources as ((node: Node) => boolean) | NodeIds, 0);
    return this.search(start, flags(options.through, 1), flags(options.enter, 1), flags(options.targets, 0), options.usable, options.untilTargets === true);
  }

  /** The node index of a workload id or an external range id, if the analysis has it. */
  private nodeIndex(id: string): number | undefined {
    return this.ranking.indexOf.get(id);
  }

  /** reach() on node flags (evaluated once by the caller; `targetFlags` is not modified). */
  private search(start: Uint8Array, through: Uint8Array, enter: Uint8Array, targetFlags: Uint8Array, usable: ((edge: Edge) => boolean) | undefined, stop: boolean): ReachResult {
    const { order, nodes } = this.ranking;
    const N = nodes.length;
    const W = this.workloadCount;
    const target = targetFlags.slice();
    let open = 0;
    for (let n = 0; n < N; n++) open += target[n]!;
    const depth = new Int32Array(N).fill(-1);
    const via: (Edge | undefined)[] = new Array<Edge | undefined>(N);
    const from = new Int32Array(N).fill(-1);
    const queue = new Int32Array(N);
    let tail = 0;
    // Sources in id order, so the search (and the path it keeps per target) is deterministic.
    // Index loops throughout: a search runs once per check, so its loops often run before V8 optimises them,
    // and an unoptimised for-of allocates an iterator result per step.
    for (let i = 0; i < order.length; i++) {
      const n = order[i]!;
      if (start[n] === 0) continue;
      depth[n] = 0;
      queue[tail++] = n;
    }
    const found: number[] = [];
    const foundVia: Edge[] = [];
    const foundFrom: number[] = [];
    // Nodes still worth an edge (1): not reached yet, or a source that is an unrecorded target. Only nodes a
    // hop may end at can be: a search that only wants paths (stop) also skips dead ends, since a node neither
    // a target nor passed through leads to no path. A path check passes through workloads only, so its ranges
    // are dead ends unless targets, and expansions need not merge each workload's long list of ranges.
    // A hop that is taken leaves its end pending no more (it is reached, and recorded if a target).
    const pending = new Uint8Array(N);
    for (let n = 0; n < N; n++)
      pending[n] = enter[n] === 1 && (!stop || through[n] === 1 || target[n] === 1) && (depth[n] === -1 || (target[n] === 1 && start[n] === 1)) ? 1 : 0;
    // Classes of pending workloads: an expansion whose adjacency is not cached evaluates only these
    // (exact for every pending workload, since all its classes stay in the set), so a search that has
    // reached most of a dense layer no longer pays for rows it would skip.
    const interest = this.engine.classes.empty();
    const interestWords = interest.words;
    const pendingOf = new Int32Array(this.engine.classes.size);
    const workloadClasses = this.engine.classes.workloadClasses;
    for (let w = 0; w < W; w++)
      if (pending[w] === 1) {
        const cs = workloadClasses[w]!;
        for (let i = 0; i < cs.length; i++) if (pendingOf[cs[i]!]!++ === 0) interest.add(cs[i]!);
      }
    // Ranges still worth an edge: expansions list only these (a workload's list of ranges can be long, and the
    // search would skip nearly every entry once the ranges are reached).
    const openRanges = pending.subarray(W);
    let rangesOpen = 0;
    for (let m = W; m < N; m++) rangesOpen += pending[m]!;
    // Held rows narrowed to `interest` as the search goes (see narrow()).
    // The narrowed copies live in one arena for the search: a few buffers, not two arrays per row.
    const C = this.engine.classes.size;
    const narrowed: Narrowing = { rows: new Map(), arena: new Int32Store(1 << 14), scratch: new Int32Array(C) };
    // A workload expanded without a cached adjacency writes its edges here (read before the next expansion).
    const buffer = { to: new Int32Array(N), conns: new Array<ConnSet>(N) };
    for (let head = 0; head < tail && !(stop && open === 0); head++) {
      const n = queue[head]!;
      if (depth[n]! > 0 && through[n] === 0) continue;
      const shared = this.adjacency[n] ?? (n < W ? undefined : this.successors(n));
      const to = shared ? shared.to : buffer.to;
      const count = shared ? shared.to.length : this.expand(n, interest, rangesOpen > 0 ? openRanges : null, buffer, narrowed);
      for (let i = 0; i < count; i++) {
        const m = to[i]!;
        // Nothing left to learn about m: already reached and not an unrecorded target.
        if (pending[m] === 0) continue;
        // Cached adjacencies share their Edge objects: a range's are made for its whole list (and kept for
        // edges()), a workload's are reused when edges() made them and otherwise made one per hop taken or
        // tested. Making all of them for every workload a search passes, as the paths from each source do once
        // the whole relation is cached, held millions of objects at 15,000 workloads. Buffered edges are new.
        const edge = shared
          ? n >= W
            ? this.edgesOf(n, shared)[i]!
            : (shared.edges?.[i] ?? { src: nodes[n]!, dst: nodes[m]!, conns: shared.conns[i]! })
          : { src: nodes[n]!, dst: nodes[m]!, conns: buffer.conns[i]! };
        if (usable && !usable(edge)) continue;
        // A target is recorded when first reached, so its path is a shortest one (a source only through a hop).
        if (target[m] === 1) {
          target[m] = 2;
          open--;
          found.push(m);
          foundVia.push(edge);
          foundFrom.push(n);
        }
        if (depth[m] === -1) {
          depth[m] = depth[n]! + 1;
          via[m] = edge;
          from[m] = n;
          queue[tail++] = m;
        }
        pending[m] = 0;
        if (m >= W) rangesOpen--;
        else {
          const cs = workloadClasses[m]!;
          for (let j = 0; j < cs.length; j++) {
            const c = cs[j]!;
            if (--pendingOf[c]! === 0) interestWords[c >>> 5]! &= ~(1 << (c & 31));
          }
        }
      }
    }
    const pathTo = (n: number): Edge[] => {
      const path: Edge[] = [];
      for (let cur = n; depth[cur]! > 0; cur = from[cur]!) path.push(via[cur]!);
      return path.reverse();
    };
    const paths = new Map<string, readonly Edge[]>();
    found.forEach((m, i) => paths.set(nodeKey(nodes[m]!), [...pathTo(foundFrom[i]!), foundVia[i]!]));
    let reached: Map<string, Reached> | undefined;
    return {
      paths,
      // Built on first use: a path check needs only `paths`.
      get nodes() {
        if (!reached) {
          reached = new Map();
          for (let i = 0; i < tail; i++) {
            const n = queue[i]!;
            const e = via[n];
            reached.set(nodeKey(nodes[n]!), e ? { depth: depth[n]!, via: e } : { depth: 0 });
          }
        }
        return reached;
      },
    };
  }

  pathsFromEach(groups: readonly (readonly Peer[])[], options: PathsOptions): ReadonlyMap<string, readonly Edge[]>[] {
    const { nodes } = this.ranking;
    const N = nodes.length;
    const W = this.workloadCount;
    const through = new Uint8Array(N);
    const target = new Uint8Array(N);
    const enter = new Uint8Array(N);
    for (let n = 0; n < N; n++) {
      through[n] = options.through === undefined || options.through(nodes[n]!) ? 1 : 0;
      target[n] = options.targets(nodes[n]!) ? 1 : 0;
      enter[n] = options.enter === undefined || options.enter(nodes[n]!) ? 1 : 0;
    }
    const useful = this.reachingTargets(target, through, enter);
    // Each search enters only targets and the nodes it may pass that lead to one: every other node lies on no
    // path. The paths stay those of a search that enters everything: a node on a path, or one that reaches it
    // first (an expanded predecessor), leads to a target, so the nodes kept keep their depths, their order in
    // the queue and their first hops. Where sensitive zones are isolated this drops most of a search; in the
    // bench's clusters nearly everything leads to one (at M, 3,800 of 5,249 nodes are kept).
    const entered = new Uint8Array(N);
    for (let n = 0; n < N; n++) entered[n] = enter[n] === 1 && (target[n] === 1 || (through[n] === 1 && useful[n] === 1)) ? 1 : 0;
    const index = (r: Resolved): number => (r.kind === "workload" ? r.index : W + r.index);
    // Searches from a lone node (a range, or a workload), by a hash of its adjacency; entries are compared
    // exactly before sharing. Two roots with the same edges have the same search but for the root: whatever
    // the first root's search reaches, the second's reaches by the same hops, from the same first hops. A
    // root can turn up in its twin's search, as an ordinary node, but adds nothing there (its edges lead
    // where the first hops already went) and lies on no path. So sharing is exact when the root is not a
    // target and every hop is usable. Vendor workloads under the same policies have the same edges: at
    // 15,000 workloads, 1,500 vendor workloads have about 700 distinct rows.
    const shared = new Map<number, { readonly adj: Adjacent; readonly search: number }[]>();
    const searches: number[][] = [];
    type Plan = { readonly search: number } | { readonly twinOf: number; readonly root: number } | undefined;
    const plans: Plan[] = groups.map((group): Plan => {
      const resolved = group.map((p) => this.resolve(p));
      if (!resolved.some((r) => useful[index(r)] === 1)) return undefined;
      const lone = resolved.length === 1 ? index(resolved[0]!) : -1;
      if (lone < 0 || options.usable !== undefined || target[lone] === 1) return { search: searches.push(resolved.map(index)) - 1 };
      const adj = this.successors(lone);
      const h = this.adjacencyHash(adj);
      const bucket = shared.get(h) ?? [];
      const twin = bucket.find((b) => sameAdjacency(b.adj, adj));
      if (twin) return { twinOf: twin.search, root: lone };
      const search = searches.push([lone]) - 1;
      bucket.push({ adj, search });
      shared.set(h, bucket);
      return { search };
    });
    const found = options.usable !== undefined ? searches.map((starts) => this.searchFrom(starts, through, entered, target, options.usable)) : this.searchAll(searches, through, entered, target);
    return plans.map((plan) => {
      if (plan === undefined) return new Map();
      if ("search" in plan) return found[plan.search]!;
      const root = nodes[plan.root]!;
      return new Map([...found[plan.twinOf]!].map(([t, path]) => [t, [{ src: root, dst: path[0]!.dst, conns: path[0]!.conns }, ...path.slice(1)]]));
    });
  }

  /** One search's paths (reach() with untilTargets) from the given nodes. */
  private searchFrom(starts: readonly number[], through: Uint8Array, enter: Uint8Array, target: Uint8Array, usable: ((edge: Edge) => boolean) | undefined): ReadonlyMap<string, readonly Edge[]> {
    const start = new Uint8Array(this.ranking.nodes.length);
    for (const n of starts) start[n] = 1;
    return this.search(start, through, enter, target, usable, true).paths;
  }

  /**
   * searchFrom() for each list of start nodes, with every hop usable, run 32
   * lists at a time over the whole relation (batched-paths.ts). The hops of
   * the paths are the relation's own Edge objects where it made them, else
   * one new object per hop, shared by every path through it.
   */
  private searchAll(starts: readonly (readonly number[])[], through: Uint8Array, enter: Uint8Array, target: Uint8Array): ReadonlyMap<string, readonly Edge[]>[] {
    const { nodes, rank, order } = this.ranking;
    const N = nodes.length;
    const found = searchInBatches({ size: N, rank, order, successors: (n) => this.successors(n).to }, starts, { through, enter, target });
    const hopEdges = new Map<number, Edge>();
    const hop = (from: number, i: number): Edge => {
      const key = from * N + i;
      let edge = hopEdges.get(key);
      if (edge === undefined) {
        const adj = this.successors(from);
        edge = adj.edges?.[i] ?? { src: nodes[from]!, dst: nodes[adj.to[i]!]!, conns: adj.conns[i]! };
        hopEdges.set(key, edge);
      }
      return edge;
    };
    return found.map((paths) => {
      const out = new Map<string, readonly Edge[]>();
      for (const { target: t, hops } of paths) {
        const path: Edge[] = [];
        for (let k = 0; k < hops.length; k += 2) path.push(hop(hops[k]!, hops[k + 1]!));
        out.set(nodeKey(nodes[t]!), path);
      }
      return out;
    });
  }

  /** Per node, 1 when some target can be reached from it (a target itself only through a hop), passing only through `through` nodes. */
  private reachingTargets(target: Uint8Array, through: Uint8Array, enter: Uint8Array): Uint8Array {
    const { nodes: order, adj } = this.fullRelation();
    const N = target.length;
    // The reverse relation as compressed rows.
    const start = new Int32Array(N + 1);
    for (let i = 0; i < order.length; i++) {
      const to = adj[i]!.to;
      for (let j = 0; j < to.length; j++) start[to[j]! + 1]!++;
    }
    for (let n = 0; n < N; n++) start[n + 1]! += start[n]!;
    const fill = start.slice(0, N);
    const preds = new Int32Array(start[N]!);
    for (let i = 0; i < order.length; i++) {
      const from = order[i]!;
      const to = adj[i]!.to;
      for (let j = 0; j < to.length; j++) preds[fill[to[j]!]!++] = from;
    }
    const found = new Uint8Array(N);
    const queue = new Int32Array(N);
    let tail = 0;
    for (let n = 0; n < N; n++) if (target[n] === 1 && enter[n] === 1) queue[tail++] = n;
    const queued = new Uint8Array(N);
    for (let i = 0; i < tail; i++) queued[queue[i]!] = 1;
    for (let head = 0; head < tail; head++) {
      const q = queue[head]!;
      for (let k = start[q]!; k < start[q + 1]!; k++) {
        const p = preds[k]!;
        found[p] = 1;
        if (through[p] === 1 && enter[p] === 1 && queued[p] === 0) {
          queued[p] = 1;
          queue[tail++] = p;
        }
      }
    }
    return found;
  }

  private adjacencyHash(adj: Adjacent): number {
    let h = adj.to.length | 0;
    for (let i = 0; i < adj.to.length; i++) h = hashStep(hashStep(h, adj.to[i]!), this.objectIds.of(adj.conns[i]!));
    return h;
  }

  lines(): string[] {
    const name = (n: Node): string => (n.kind === "workload" ? n.id : n.range.id);
    const out: string[] = [];
    this.forEachEdge((src, dst, conns) => out.push(`${name(src)} => ${name(dst)} : ${conns.toString()}`));
    return out.sort();
  }

  explain(src: Peer, dst: Peer, query?: { protocol: Protocol; port: number }): Explanation {
    const a = this.resolve(src);
    const b = this.resolve(dst);
    // Path reports explain the same hops again and again (chains share their first hops).
    const key = JSON.stringify([a.id, b.id, query ? `${query.protocol}/${query.port}` : ""]);
    let hit = this.explained.get(key);
    if (!hit) this.explained.set(key, (hit = this.explainResolved(a, b, query)));
    return hit;
  }

  private explainResolved(a: Resolved, b: Resolved, query?: { protocol: Protocol; port: number }): Explanation {
    const eng = this.engine;
    const parts: ClassExplanation[] = [];
    if (!(a.kind === "range" && b.kind === "range")) {
      const label = (r: Resolved, e: Endpoint): string => {
        if (e.kind === "range") return r.id;
        const c = eng.classes.classes[e.index]!;
        return `pods labelled {${Object.entries(c.labels).map(([k, v]) => `${k}=${v}`).join(",")}}`;
      };
      for (const s of this.endpoints(a))
        for (const d of this.endpoints(b)) {
          const egress: SideTrace | undefined = s.kind === "class" ? { direction: "egress", tiers: [], allowed: ConnSet.all } : undefined;
          const ingress: SideTrace | undefined = d.kind === "class" ? { direction: "ingress", tiers: [], allowed: ConnSet.all } : undefined;
          if (egress && s.kind === "class") eng.side("egress", s.index, d, egress);
          if (ingress && d.kind === "class") eng.side("ingress", d.index, s, ingress);
          let istio: IstioTrace | undefined;
          if (d.kind === "class") {
            const info = eng.istioApplies(d.index);
            istio = { enabled: this.layers.istio !== "off", meshed: info.meshed, modes: [], hits: [], allowPoliciesApply: info.allowPoliciesApply, allowed: ConnSet.all };
            eng.istio(s, d.index, istio);
          }
          parts.push({
            srcPods: label(a, s),
            dstPods: label(b, d),
            ...(egress ? { egress } : {}),
            ...(ingress ? { ingress } : {}),
            ...(istio ? { istio } : {}),
            allowed: eng.pair(s, d),
          });
        }
    }
    const allowed = parts.reduce((acc, p) => acc.union(p.allowed), ConnSet.empty);
    return {
      src: a.id,
      dst: b.id,
      ...(query ? { query, verdict: allowed.has(query.protocol, query.port) } : {}),
      layers: this.layers,
      allowed,
      parts,
    };
  }
}
