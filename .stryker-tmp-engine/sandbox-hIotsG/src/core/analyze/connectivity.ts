/**
 * The analyzer's answer for one cluster: workloads, the external ranges, and
 * the one-hop relation between them, queried pairwise or listed in full.
 * Workload results are unions over the workload's pod classes.
 */
// @ts-nocheck
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
import { parseIp } from "../../model";
import type { Bitset } from "./bitset";
import { ConnSet, type Protocol } from "./connset";
import { ALL_LAYERS, type Endpoint, Engine, type RangeAtoms, type IstioTrace, type LayerSelection, type SideTrace } from "./engine";
import type { ExternalRange } from "./externals";
import type { Cluster, NamedPort } from "./model";
export type Peer = {
  kind: "workload";
  id: string;
} | {
  kind: "ip";
  address: string;
};
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
export type Node = {
  readonly kind: "workload";
  readonly id: string;
} | {
  readonly kind: "external";
  readonly range: ExternalRange;
};
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
  readonly query?: {
    protocol: Protocol;
    port: number;
  };
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
  /** The number of edges edges() lists. */
  edgeCount(): number;
  lines(): string[];
  /**
   * Breadth-first search over the one-hop relation from several sources at
   * once (sources in id order, neighbours in id order), computing only the
   * adjacency of nodes it expands. Per target, the first path found is a
   * shortest one; a source counts as a target only through at least one hop.
   */
  reach(sources: readonly Peer[] | ((node: Node) => boolean), options?: ReachOptions): ReachResult;
  /**
   * reach(group, { ...options, untilTargets: true }).paths for each group of
   * sources, without the searches that cannot matter: a group none of whose
   * nodes can reach a target (through nodes a path may pass) gets no search,
   * and groups made of one external range with the same edges share one
   * search (their shortest paths differ only in the first hop's source).
   */
  pathsFromEach(groups: readonly (readonly Peer[])[], options: PathsOptions): ReadonlyMap<string, readonly Edge[]>[];
  explain(src: Peer, dst: Peer, query?: {
    protocol: Protocol;
    port: number;
  }): Explanation;
}
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
  /** Nodes to record one shortest path to, in `paths`. */
  readonly targets?: (node: Node) => boolean;
  /** Stop as soon as every target has a path (`nodes` then holds only what was reached until then). */
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
  constructor(message: string, readonly suggestions: readonly string[] = stryMutAct_9fa48("0") ? ["Stryker was here"] : (stryCov_9fa48("0"), [])) {
    super(message);
    this.name = stryMutAct_9fa48("1") ? "" : (stryCov_9fa48("1"), "UnknownPeerError");
  }
}
export function analyze(cluster: Cluster, options: AnalyzeOptions = {}): Connectivity {
  if (stryMutAct_9fa48("2")) {
    {}
  } else {
    stryCov_9fa48("2");
    return new ClusterConnectivity(cluster, stryMutAct_9fa48("3") ? options.layers && ALL_LAYERS : (stryCov_9fa48("3"), options.layers ?? ALL_LAYERS));
  }
}
interface Ranking {
  readonly ids: readonly string[];
  readonly order: readonly number[];
  readonly rank: Int32Array;
  readonly nodes: readonly Node[];
  readonly classEnds: readonly Endpoint[];
  readonly rangeEnds: readonly Endpoint[];
}

/** One node's outgoing edges, columnar: Edge objects are built only when someone asks for them. */
interface Adjacent {
  /** Node index of each edge's destination, in destination id order. */
  readonly to: Int32Array;
  readonly conns: readonly ConnSet[];
  edges?: Edge[];
}
interface ClassRow {
  readonly ds: Int32Array;
  readonly cs: readonly ConnSet[];
}

/** Same destinations with the same connection objects (equal content is one object: verdicts are interned). */
function sameAdjacency(a: Adjacent, b: Adjacent): boolean {
  if (stryMutAct_9fa48("4")) {
    {}
  } else {
    stryCov_9fa48("4");
    if (stryMutAct_9fa48("7") ? a.to.length === b.to.length : stryMutAct_9fa48("6") ? false : stryMutAct_9fa48("5") ? true : (stryCov_9fa48("5", "6", "7"), a.to.length !== b.to.length)) return stryMutAct_9fa48("8") ? true : (stryCov_9fa48("8"), false);
    for (let i = 0; stryMutAct_9fa48("11") ? i >= a.to.length : stryMutAct_9fa48("10") ? i <= a.to.length : stryMutAct_9fa48("9") ? false : (stryCov_9fa48("9", "10", "11"), i < a.to.length); stryMutAct_9fa48("12") ? i-- : (stryCov_9fa48("12"), i++)) if (stryMutAct_9fa48("15") ? a.to[i] !== b.to[i] && a.conns[i] !== b.conns[i] : stryMutAct_9fa48("14") ? false : stryMutAct_9fa48("13") ? true : (stryCov_9fa48("13", "14", "15"), (stryMutAct_9fa48("17") ? a.to[i] === b.to[i] : stryMutAct_9fa48("16") ? false : (stryCov_9fa48("16", "17"), a.to[i] !== b.to[i])) || (stryMutAct_9fa48("19") ? a.conns[i] === b.conns[i] : stryMutAct_9fa48("18") ? false : (stryCov_9fa48("18", "19"), a.conns[i] !== b.conns[i])))) return stryMutAct_9fa48("20") ? true : (stryCov_9fa48("20"), false);
    return stryMutAct_9fa48("21") ? false : (stryCov_9fa48("21"), true);
  }
}
const nodeKey = stryMutAct_9fa48("22") ? () => undefined : (stryCov_9fa48("22"), (() => {
  const nodeKey = (n: Node): string => (stryMutAct_9fa48("25") ? n.kind !== "workload" : stryMutAct_9fa48("24") ? false : stryMutAct_9fa48("23") ? true : (stryCov_9fa48("23", "24", "25"), n.kind === (stryMutAct_9fa48("26") ? "" : (stryCov_9fa48("26"), "workload")))) ? n.id : n.range.id;
  return nodeKey;
})());
interface ExternalVerdicts {
  readonly atoms: RangeAtoms;
  /** The verdict of each atom. */
  readonly conns: readonly ConnSet[];
}
type Resolved = {
  kind: "workload";
  index: number;
  id: string;
  classes: readonly number[];
} | {
  kind: "range";
  index: number;
  id: string;
};
class ClusterConnectivity implements Connectivity {
  readonly workloads: readonly Workload[];
  readonly externals: readonly ExternalRange[];
  private readonly engine: Engine;
  private readonly byId: Map<string, number>;
  private edgeCache: Edge[] | undefined;
  /** Every node's adjacency in output (source id) order, once the full relation is computed. */
  private allAdjacency: {
    readonly nodes: readonly number[];
    readonly adj: readonly Adjacent[];
    readonly count: number;
  } | undefined;
  private rankCache: Ranking | undefined;
  private workloadsOfCache: number[][] | undefined;
  private nodeIndexCache: ((n: Node) => number) | undefined;
  private readonly classRows: (ClassRow | undefined)[] = stryMutAct_9fa48("27") ? ["Stryker was here"] : (stryCov_9fa48("27"), []);
  private readonly extOut: (ExternalVerdicts | undefined)[] = stryMutAct_9fa48("28") ? ["Stryker was here"] : (stryCov_9fa48("28"), []);
  private readonly extIn: (ExternalVerdicts | undefined)[] = stryMutAct_9fa48("29") ? ["Stryker was here"] : (stryCov_9fa48("29"), []);
  /** Outgoing edges per node index, sorted by destination id (filled lazily or by edges()). */
  private readonly adjacency: (Adjacent | undefined)[] = stryMutAct_9fa48("30") ? ["Stryker was here"] : (stryCov_9fa48("30"), []);
  private readonly explained = new Map<string, Explanation>();
  constructor(cluster: Cluster, private readonly layers: LayerSelection) {
    if (stryMutAct_9fa48("31")) {
      {}
    } else {
      stryCov_9fa48("31");
      this.engine = new Engine(cluster, layers);
      const cls = this.engine.classes;
      this.workloads = cluster.workloads.map((w, i) => {
        if (stryMutAct_9fa48("32")) {
          {}
        } else {
          stryCov_9fa48("32");
          const classes = cls.workloadClasses[i]!.map(stryMutAct_9fa48("33") ? () => undefined : (stryCov_9fa48("33"), c => cls.classes[c]!));
          const first = w.pods[0]!;
          return stryMutAct_9fa48("34") ? {} : (stryCov_9fa48("34"), {
            id: w.id,
            namespace: w.namespace,
            name: w.name,
            kind: w.kind,
            labels: stryMutAct_9fa48("35") ? {} : (stryCov_9fa48("35"), {
              ...first.labels
            }),
            podLabels: classes.map(stryMutAct_9fa48("36") ? () => undefined : (stryCov_9fa48("36"), c => stryMutAct_9fa48("37") ? {} : (stryCov_9fa48("37"), {
              ...c.labels
            }))),
            serviceAccount: first.serviceAccount,
            meshed: stryMutAct_9fa48("38") ? classes.every(c => c.meshed) : (stryCov_9fa48("38"), classes.some(stryMutAct_9fa48("39") ? () => undefined : (stryCov_9fa48("39"), c => c.meshed))),
            namedPorts: stryMutAct_9fa48("40") ? [] : (stryCov_9fa48("40"), [...first.namedPorts])
          });
        }
      });
      this.externals = this.engine.space.ranges;
      this.byId = new Map(this.workloads.map(stryMutAct_9fa48("41") ? () => undefined : (stryCov_9fa48("41"), (w, i) => stryMutAct_9fa48("42") ? [] : (stryCov_9fa48("42"), [w.id, i]))));
    }
  }
  private resolve(p: Peer): Resolved {
    if (stryMutAct_9fa48("43")) {
      {}
    } else {
      stryCov_9fa48("43");
      if (stryMutAct_9fa48("46") ? p.kind !== "workload" : stryMutAct_9fa48("45") ? false : stryMutAct_9fa48("44") ? true : (stryCov_9fa48("44", "45", "46"), p.kind === (stryMutAct_9fa48("47") ? "" : (stryCov_9fa48("47"), "workload")))) {
        if (stryMutAct_9fa48("48")) {
          {}
        } else {
          stryCov_9fa48("48");
          const i = this.byId.get(p.id);
          if (stryMutAct_9fa48("51") ? i !== undefined : stryMutAct_9fa48("50") ? false : stryMutAct_9fa48("49") ? true : (stryCov_9fa48("49", "50", "51"), i === undefined)) {
            if (stryMutAct_9fa48("52")) {
              {}
            } else {
              stryCov_9fa48("52");
              const near = stryMutAct_9fa48("54") ? [...this.byId.keys()].slice(0, 5) : stryMutAct_9fa48("53") ? [...this.byId.keys()].filter(k => k.includes(p.id) || p.id.includes(k.split("[")[0]!)) : (stryCov_9fa48("53", "54"), (stryMutAct_9fa48("55") ? [] : (stryCov_9fa48("55"), [...this.byId.keys()])).filter(stryMutAct_9fa48("56") ? () => undefined : (stryCov_9fa48("56"), k => stryMutAct_9fa48("59") ? k.includes(p.id) && p.id.includes(k.split("[")[0]!) : stryMutAct_9fa48("58") ? false : stryMutAct_9fa48("57") ? true : (stryCov_9fa48("57", "58", "59"), k.includes(p.id) || p.id.includes(k.split(stryMutAct_9fa48("60") ? "" : (stryCov_9fa48("60"), "["))[0]!)))).slice(0, 5));
              throw new UnknownPeerError(stryMutAct_9fa48("61") ? `` : (stryCov_9fa48("61"), `no workload ${JSON.stringify(p.id)}`), near);
            }
          }
          return stryMutAct_9fa48("62") ? {} : (stryCov_9fa48("62"), {
            kind: stryMutAct_9fa48("63") ? "" : (stryCov_9fa48("63"), "workload"),
            index: i,
            id: p.id,
            classes: this.engine.classes.workloadClasses[i]!
          });
        }
      }
      const ip = parseIp(stryMutAct_9fa48("64") ? p.address : (stryCov_9fa48("64"), p.address.trim()));
      if (stryMutAct_9fa48("67") ? false : stryMutAct_9fa48("66") ? true : stryMutAct_9fa48("65") ? ip : (stryCov_9fa48("65", "66", "67"), !ip)) throw new UnknownPeerError(stryMutAct_9fa48("68") ? `` : (stryCov_9fa48("68"), `not an IP address: ${JSON.stringify(p.address)}`));
      const index = this.engine.space.indexOf(ip.version, ip.value);
      return stryMutAct_9fa48("69") ? {} : (stryCov_9fa48("69"), {
        kind: stryMutAct_9fa48("70") ? "" : (stryCov_9fa48("70"), "range"),
        index,
        id: this.externals[index]!.id
      });
    }
  }
  private endpoints(r: Resolved): Endpoint[] {
    if (stryMutAct_9fa48("71")) {
      {}
    } else {
      stryCov_9fa48("71");
      return (stryMutAct_9fa48("74") ? r.kind !== "workload" : stryMutAct_9fa48("73") ? false : stryMutAct_9fa48("72") ? true : (stryCov_9fa48("72", "73", "74"), r.kind === (stryMutAct_9fa48("75") ? "" : (stryCov_9fa48("75"), "workload")))) ? r.classes.map(stryMutAct_9fa48("76") ? () => undefined : (stryCov_9fa48("76"), index => stryMutAct_9fa48("77") ? {} : (stryCov_9fa48("77"), {
        kind: stryMutAct_9fa48("78") ? "" : (stryCov_9fa48("78"), "class"),
        index
      }))) : stryMutAct_9fa48("79") ? [] : (stryCov_9fa48("79"), [stryMutAct_9fa48("80") ? {} : (stryCov_9fa48("80"), {
        kind: stryMutAct_9fa48("81") ? "" : (stryCov_9fa48("81"), "range"),
        index: r.index
      })]);
    }
  }
  private between(a: Resolved, b: Resolved): ConnSet {
    if (stryMutAct_9fa48("82")) {
      {}
    } else {
      stryCov_9fa48("82");
      if (stryMutAct_9fa48("85") ? a.kind === "range" || b.kind === "range" : stryMutAct_9fa48("84") ? false : stryMutAct_9fa48("83") ? true : (stryCov_9fa48("83", "84", "85"), (stryMutAct_9fa48("87") ? a.kind !== "range" : stryMutAct_9fa48("86") ? true : (stryCov_9fa48("86", "87"), a.kind === (stryMutAct_9fa48("88") ? "" : (stryCov_9fa48("88"), "range")))) && (stryMutAct_9fa48("90") ? b.kind !== "range" : stryMutAct_9fa48("89") ? true : (stryCov_9fa48("89", "90"), b.kind === (stryMutAct_9fa48("91") ? "" : (stryCov_9fa48("91"), "range")))))) return ConnSet.empty;
      let out = ConnSet.empty;
      for (const s of this.endpoints(a)) for (const d of this.endpoints(b)) out = out.union(this.engine.pair(s, d));
      return out;
    }
  }
  connections(src: Peer, dst: Peer): ConnSet {
    if (stryMutAct_9fa48("92")) {
      {}
    } else {
      stryCov_9fa48("92");
      return this.between(this.resolve(src), this.resolve(dst));
    }
  }
  allows(src: Peer, dst: Peer, protocol: Protocol, port: number): boolean {
    if (stryMutAct_9fa48("93")) {
      {}
    } else {
      stryCov_9fa48("93");
      return this.connections(src, dst).has(protocol, port);
    }
  }
  edges(): readonly Edge[] {
    if (stryMutAct_9fa48("94")) {
      {}
    } else {
      stryCov_9fa48("94");
      if (stryMutAct_9fa48("97") ? false : stryMutAct_9fa48("96") ? true : stryMutAct_9fa48("95") ? this.edgeCache : (stryCov_9fa48("95", "96", "97"), !this.edgeCache)) {
        if (stryMutAct_9fa48("98")) {
          {}
        } else {
          stryCov_9fa48("98");
          const {
            nodes,
            adj,
            count
          } = this.fullRelation();
          const out = stryMutAct_9fa48("99") ? new Array() : (stryCov_9fa48("99"), new Array<Edge>(count));
          let k = 0;
          for (let i = 0; stryMutAct_9fa48("102") ? i >= nodes.length : stryMutAct_9fa48("101") ? i <= nodes.length : stryMutAct_9fa48("100") ? false : (stryCov_9fa48("100", "101", "102"), i < nodes.length); stryMutAct_9fa48("103") ? i-- : (stryCov_9fa48("103"), i++)) for (const e of this.edgesOf(nodes[i]!, adj[i]!)) out[stryMutAct_9fa48("104") ? k-- : (stryCov_9fa48("104"), k++)] = e;
          this.edgeCache = out;
        }
      }
      return this.edgeCache;
    }
  }
  forEachEdge(fn: (src: Node, dst: Node, conns: ConnSet) => void): void {
    if (stryMutAct_9fa48("105")) {
      {}
    } else {
      stryCov_9fa48("105");
      const {
        nodes: ranked,
        adj
      } = this.fullRelation();
      const {
        nodes
      } = this.ranking;
      for (let i = 0; stryMutAct_9fa48("108") ? i >= ranked.length : stryMutAct_9fa48("107") ? i <= ranked.length : stryMutAct_9fa48("106") ? false : (stryCov_9fa48("106", "107", "108"), i < ranked.length); stryMutAct_9fa48("109") ? i-- : (stryCov_9fa48("109"), i++)) {
        if (stryMutAct_9fa48("110")) {
          {}
        } else {
          stryCov_9fa48("110");
          const src = nodes[ranked[i]!]!;
          const {
            to,
            conns
          } = adj[i]!;
          for (let j = 0; stryMutAct_9fa48("113") ? j >= to.length : stryMutAct_9fa48("112") ? j <= to.length : stryMutAct_9fa48("111") ? false : (stryCov_9fa48("111", "112", "113"), j < to.length); stryMutAct_9fa48("114") ? j-- : (stryCov_9fa48("114"), j++)) fn(src, nodes[to[j]!]!, conns[j]!);
        }
      }
    }
  }
  edgeCount(): number {
    if (stryMutAct_9fa48("115")) {
      {}
    } else {
      stryCov_9fa48("115");
      return this.fullRelation().count;
    }
  }

  /** A node's adjacency as Edge objects (built once, shared by edges() and reach()). */
  private edgesOf(n: number, adj: Adjacent): Edge[] {
    if (stryMutAct_9fa48("116")) {
      {}
    } else {
      stryCov_9fa48("116");
      if (stryMutAct_9fa48("119") ? false : stryMutAct_9fa48("118") ? true : stryMutAct_9fa48("117") ? adj.edges : (stryCov_9fa48("117", "118", "119"), !adj.edges)) {
        if (stryMutAct_9fa48("120")) {
          {}
        } else {
          stryCov_9fa48("120");
          const {
            nodes
          } = this.ranking;
          const src = nodes[n]!;
          const {
            to,
            conns
          } = adj;
          const out = stryMutAct_9fa48("121") ? new Array() : (stryCov_9fa48("121"), new Array<Edge>(to.length));
          for (let i = 0; stryMutAct_9fa48("124") ? i >= to.length : stryMutAct_9fa48("123") ? i <= to.length : stryMutAct_9fa48("122") ? false : (stryCov_9fa48("122", "123", "124"), i < to.length); stryMutAct_9fa48("125") ? i-- : (stryCov_9fa48("125"), i++)) out[i] = stryMutAct_9fa48("126") ? {} : (stryCov_9fa48("126"), {
            src,
            dst: nodes[to[i]!]!,
            conns: conns[i]!
          });
          adj.edges = out;
        }
      }
      return adj.edges;
    }
  }

  /** Node ids in output order: workloads 0..W-1, externals W..W+X-1, ranked by id. */
  private get ranking(): Ranking {
    if (stryMutAct_9fa48("127")) {
      {}
    } else {
      stryCov_9fa48("127");
      if (stryMutAct_9fa48("130") ? false : stryMutAct_9fa48("129") ? true : stryMutAct_9fa48("128") ? this.rankCache : (stryCov_9fa48("128", "129", "130"), !this.rankCache)) {
        if (stryMutAct_9fa48("131")) {
          {}
        } else {
          stryCov_9fa48("131");
          const ids = stryMutAct_9fa48("132") ? [] : (stryCov_9fa48("132"), [...this.workloads.map(stryMutAct_9fa48("133") ? () => undefined : (stryCov_9fa48("133"), w => w.id)), ...this.externals.map(stryMutAct_9fa48("134") ? () => undefined : (stryCov_9fa48("134"), r => r.id))]);
          const order = stryMutAct_9fa48("135") ? ids.map((_, i) => i) : (stryCov_9fa48("135"), ids.map(stryMutAct_9fa48("136") ? () => undefined : (stryCov_9fa48("136"), (_, i) => i)).sort(stryMutAct_9fa48("137") ? () => undefined : (stryCov_9fa48("137"), (a, b) => (stryMutAct_9fa48("141") ? ids[a]! >= ids[b]! : stryMutAct_9fa48("140") ? ids[a]! <= ids[b]! : stryMutAct_9fa48("139") ? false : stryMutAct_9fa48("138") ? true : (stryCov_9fa48("138", "139", "140", "141"), ids[a]! < ids[b]!)) ? stryMutAct_9fa48("142") ? +1 : (stryCov_9fa48("142"), -1) : (stryMutAct_9fa48("146") ? ids[a]! <= ids[b]! : stryMutAct_9fa48("145") ? ids[a]! >= ids[b]! : stryMutAct_9fa48("144") ? false : stryMutAct_9fa48("143") ? true : (stryCov_9fa48("143", "144", "145", "146"), ids[a]! > ids[b]!)) ? 1 : 0)));
          const rank = new Int32Array(ids.length);
          order.forEach(stryMutAct_9fa48("147") ? () => undefined : (stryCov_9fa48("147"), (n, r) => rank[n] = r));
          const nodes: Node[] = stryMutAct_9fa48("148") ? [] : (stryCov_9fa48("148"), [...this.workloads.map(stryMutAct_9fa48("149") ? () => undefined : (stryCov_9fa48("149"), (w): Node => stryMutAct_9fa48("150") ? {} : (stryCov_9fa48("150"), {
            kind: stryMutAct_9fa48("151") ? "" : (stryCov_9fa48("151"), "workload"),
            id: w.id
          }))), ...this.externals.map(stryMutAct_9fa48("152") ? () => undefined : (stryCov_9fa48("152"), (range): Node => stryMutAct_9fa48("153") ? {} : (stryCov_9fa48("153"), {
            kind: stryMutAct_9fa48("154") ? "" : (stryCov_9fa48("154"), "external"),
            range
          })))]);
          const classEnds: Endpoint[] = Array.from(stryMutAct_9fa48("155") ? {} : (stryCov_9fa48("155"), {
            length: this.engine.classes.size
          }), stryMutAct_9fa48("156") ? () => undefined : (stryCov_9fa48("156"), (_, index) => stryMutAct_9fa48("157") ? {} : (stryCov_9fa48("157"), {
            kind: stryMutAct_9fa48("158") ? "" : (stryCov_9fa48("158"), "class"),
            index
          })));
          const rangeEnds: Endpoint[] = this.externals.map(stryMutAct_9fa48("159") ? () => undefined : (stryCov_9fa48("159"), (_, index) => stryMutAct_9fa48("160") ? {} : (stryCov_9fa48("160"), {
            kind: stryMutAct_9fa48("161") ? "" : (stryCov_9fa48("161"), "range"),
            index
          })));
          this.rankCache = stryMutAct_9fa48("162") ? {} : (stryCov_9fa48("162"), {
            ids,
            order,
            rank,
            nodes,
            classEnds,
            rangeEnds
          });
        }
      }
      return this.rankCache;
    }
  }

  /** Per class: the workloads made of it. */
  private get workloadsOf(): readonly (readonly number[])[] {
    if (stryMutAct_9fa48("163")) {
      {}
    } else {
      stryCov_9fa48("163");
      if (stryMutAct_9fa48("166") ? false : stryMutAct_9fa48("165") ? true : stryMutAct_9fa48("164") ? this.workloadsOfCache : (stryCov_9fa48("164", "165", "166"), !this.workloadsOfCache)) {
        if (stryMutAct_9fa48("167")) {
          {}
        } else {
          stryCov_9fa48("167");
          const out: number[][] = Array.from(stryMutAct_9fa48("168") ? {} : (stryCov_9fa48("168"), {
            length: this.engine.classes.size
          }), stryMutAct_9fa48("169") ? () => undefined : (stryCov_9fa48("169"), () => stryMutAct_9fa48("170") ? ["Stryker was here"] : (stryCov_9fa48("170"), [])));
          this.engine.classes.workloadClasses.forEach(stryMutAct_9fa48("171") ? () => undefined : (stryCov_9fa48("171"), (cs, w) => cs.forEach(stryMutAct_9fa48("172") ? () => undefined : (stryCov_9fa48("172"), c => out[c]!.push(w)))));
          this.workloadsOfCache = out;
        }
      }
      return this.workloadsOfCache;
    }
  }

  /** Per class, the destinations worth evaluating (egress reach pruned by ingress reach); built once. */
  private candidatesCache: readonly Bitset[] | undefined;
  private get candidates(): readonly Bitset[] {
    if (stryMutAct_9fa48("173")) {
      {}
    } else {
      stryCov_9fa48("173");
      return stryMutAct_9fa48("174") ? this.candidatesCache &&= this.engine.candidateDestinations() : (stryCov_9fa48("174"), this.candidatesCache ??= this.engine.candidateDestinations());
    }
  }
  private restrictScratch: Bitset | undefined;
  /** s's candidate destinations within `only` (a scratch bitset, valid until the next call). */
  private restricted(s: number, only: Bitset): Bitset {
    if (stryMutAct_9fa48("175")) {
      {}
    } else {
      stryCov_9fa48("175");
      const b = stryMutAct_9fa48("176") ? this.restrictScratch &&= this.engine.classes.empty() : (stryCov_9fa48("176"), this.restrictScratch ??= this.engine.classes.empty());
      b.words.set(this.candidates[s]!.words);
      return b.and(only);
    }
  }

  /** One class's non-empty one-hop relation to classes, from its candidate destinations. */
  private classRow(s: number): ClassRow {
    if (stryMutAct_9fa48("177")) {
      {}
    } else {
      stryCov_9fa48("177");
      let row = this.classRows[s];
      if (stryMutAct_9fa48("180") ? false : stryMutAct_9fa48("179") ? true : stryMutAct_9fa48("178") ? row : (stryCov_9fa48("178", "179", "180"), !row)) this.classRows[s] = row = this.engine.row(s, this.candidates[s]);
      return row;
    }
  }

  /** A class's verdicts towards (egress) or from (ingress) every external range, one per range atom. */
  private externalVerdicts(c: number, dir: "egress" | "ingress"): ExternalVerdicts {
    if (stryMutAct_9fa48("181")) {
      {}
    } else {
      stryCov_9fa48("181");
      const cache = (stryMutAct_9fa48("184") ? dir !== "egress" : stryMutAct_9fa48("183") ? false : stryMutAct_9fa48("182") ? true : (stryCov_9fa48("182", "183", "184"), dir === (stryMutAct_9fa48("185") ? "" : (stryCov_9fa48("185"), "egress")))) ? this.extOut : this.extIn;
      let v = cache[c];
      if (stryMutAct_9fa48("188") ? false : stryMutAct_9fa48("187") ? true : stryMutAct_9fa48("186") ? v : (stryCov_9fa48("186", "187", "188"), !v)) {
        if (stryMutAct_9fa48("189")) {
          {}
        } else {
          stryCov_9fa48("189");
          const eng = this.engine;
          const {
            classEnds,
            rangeEnds
          } = this.ranking;
          const cls = classEnds[c]!;
          const atoms = eng.rangeAtoms(c, dir);
          const conns = atoms.members.map(xs => {
            if (stryMutAct_9fa48("190")) {
              {}
            } else {
              stryCov_9fa48("190");
              const x = xs[0]!;
              return (stryMutAct_9fa48("193") ? dir !== "egress" : stryMutAct_9fa48("192") ? false : stryMutAct_9fa48("191") ? true : (stryCov_9fa48("191", "192", "193"), dir === (stryMutAct_9fa48("194") ? "" : (stryCov_9fa48("194"), "egress")))) ? eng.pair(cls, rangeEnds[x]!) : eng.pair(rangeEnds[x]!, cls);
            }
          });
          cache[c] = v = stryMutAct_9fa48("195") ? {} : (stryCov_9fa48("195"), {
            atoms,
            conns
          });
        }
      }
      return v;
    }
  }

  /** Range indices in id order (ranges' place among all nodes' ids is given by ranking.rank). */
  private rangeOrderCache: Int32Array | undefined;
  private get rangeOrder(): Int32Array {
    if (stryMutAct_9fa48("196")) {
      {}
    } else {
      stryCov_9fa48("196");
      if (stryMutAct_9fa48("199") ? false : stryMutAct_9fa48("198") ? true : stryMutAct_9fa48("197") ? this.rangeOrderCache : (stryCov_9fa48("197", "198", "199"), !this.rangeOrderCache)) {
        if (stryMutAct_9fa48("200")) {
          {}
        } else {
          stryCov_9fa48("200");
          const W = this.workloads.length;
          this.rangeOrderCache = Int32Array.from(stryMutAct_9fa48("201") ? this.ranking.order.map(n => n - W) : (stryCov_9fa48("201"), this.ranking.order.filter(stryMutAct_9fa48("202") ? () => undefined : (stryCov_9fa48("202"), n => stryMutAct_9fa48("206") ? n < W : stryMutAct_9fa48("205") ? n > W : stryMutAct_9fa48("204") ? false : stryMutAct_9fa48("203") ? true : (stryCov_9fa48("203", "204", "205", "206"), n >= W))).map(stryMutAct_9fa48("207") ? () => undefined : (stryCov_9fa48("207"), n => stryMutAct_9fa48("208") ? n + W : (stryCov_9fa48("208"), n - W)))));
        }
      }
      return this.rangeOrderCache;
    }
  }

  /** Per class and direction: the ranges with a non-empty verdict, in id order (shared by every workload of one class). */
  private readonly rangeLists: Record<"egress" | "ingress", (Adjacent | undefined)[]> = stryMutAct_9fa48("209") ? {} : (stryCov_9fa48("209"), {
    egress: stryMutAct_9fa48("210") ? ["Stryker was here"] : (stryCov_9fa48("210"), []),
    ingress: stryMutAct_9fa48("211") ? ["Stryker was here"] : (stryCov_9fa48("211"), [])
  });
  /** The same lists by content (atoms and their verdicts): classes under the same policies share one. */
  private readonly rangeListsByKey = new Map<string, Adjacent>();
  private readonly objectIds = new Map<object, number>();
  private objectId(o: object): number {
    if (stryMutAct_9fa48("212")) {
      {}
    } else {
      stryCov_9fa48("212");
      let id = this.objectIds.get(o);
      if (stryMutAct_9fa48("215") ? id !== undefined : stryMutAct_9fa48("214") ? false : stryMutAct_9fa48("213") ? true : (stryCov_9fa48("213", "214", "215"), id === undefined)) this.objectIds.set(o, id = this.objectIds.size);
      return id;
    }
  }
  private rangeList(c: number, dir: "egress" | "ingress"): Adjacent {
    if (stryMutAct_9fa48("216")) {
      {}
    } else {
      stryCov_9fa48("216");
      let list = this.rangeLists[dir][c];
      if (stryMutAct_9fa48("219") ? false : stryMutAct_9fa48("218") ? true : stryMutAct_9fa48("217") ? list : (stryCov_9fa48("217", "218", "219"), !list)) {
        if (stryMutAct_9fa48("220")) {
          {}
        } else {
          stryCov_9fa48("220");
          const v = this.externalVerdicts(c, dir);
          // Verdicts are interned by the engine, so equal content means equal objects.
          let key = stryMutAct_9fa48("221") ? `` : (stryCov_9fa48("221"), `${this.objectId(v.atoms)}`);
          for (const cs of v.conns) key += stryMutAct_9fa48("222") ? `` : (stryCov_9fa48("222"), `,${this.objectId(cs)}`);
          list = this.rangeListsByKey.get(key);
          if (stryMutAct_9fa48("224") ? false : stryMutAct_9fa48("223") ? true : (stryCov_9fa48("223", "224"), list)) {
            if (stryMutAct_9fa48("225")) {
              {}
            } else {
              stryCov_9fa48("225");
              this.rangeLists[dir][c] = list;
              return list;
            }
          }
          const to: number[] = stryMutAct_9fa48("226") ? ["Stryker was here"] : (stryCov_9fa48("226"), []);
          const conns: ConnSet[] = stryMutAct_9fa48("227") ? ["Stryker was here"] : (stryCov_9fa48("227"), []);
          for (const x of this.rangeOrder) {
            if (stryMutAct_9fa48("228")) {
              {}
            } else {
              stryCov_9fa48("228");
              const cs = v.conns[v.atoms.atomOf[x]!]!;
              if (stryMutAct_9fa48("230") ? false : stryMutAct_9fa48("229") ? true : (stryCov_9fa48("229", "230"), cs.isEmpty())) continue;
              to.push(x);
              conns.push(cs);
            }
          }
          this.rangeLists[dir][c] = list = stryMutAct_9fa48("231") ? {} : (stryCov_9fa48("231"), {
            to: Int32Array.from(to),
            conns
          });
          this.rangeListsByKey.set(key, list);
        }
      }
      return list;
    }
  }

  /** A workload's non-empty verdicts towards (egress) or from (ingress) every range, in range id order: the union over its classes. */
  private workloadRanges(classes: readonly number[], dir: "egress" | "ingress"): Adjacent {
    if (stryMutAct_9fa48("232")) {
      {}
    } else {
      stryCov_9fa48("232");
      if (stryMutAct_9fa48("235") ? classes.length !== 1 : stryMutAct_9fa48("234") ? false : stryMutAct_9fa48("233") ? true : (stryCov_9fa48("233", "234", "235"), classes.length === 1)) return this.rangeList(classes[0]!, dir);
      // Shared lists stand for their content, so workloads made of the same lists get the same union.
      let key = dir;
      for (const c of classes) key += stryMutAct_9fa48("236") ? `` : (stryCov_9fa48("236"), `,${this.objectId(this.rangeList(c, dir))}`);
      const hit = this.rangeListsByKey.get(key);
      if (stryMutAct_9fa48("238") ? false : stryMutAct_9fa48("237") ? true : (stryCov_9fa48("237", "238"), hit)) return hit;
      const verdicts = classes.map(stryMutAct_9fa48("239") ? () => undefined : (stryCov_9fa48("239"), c => this.externalVerdicts(c, dir)));
      const to: number[] = stryMutAct_9fa48("240") ? ["Stryker was here"] : (stryCov_9fa48("240"), []);
      const conns: ConnSet[] = stryMutAct_9fa48("241") ? ["Stryker was here"] : (stryCov_9fa48("241"), []);
      for (const x of this.rangeOrder) {
        if (stryMutAct_9fa48("242")) {
          {}
        } else {
          stryCov_9fa48("242");
          let acc = ConnSet.empty;
          for (const v of verdicts) acc = this.engine.join(acc, v.conns[v.atoms.atomOf[x]!]!);
          if (stryMutAct_9fa48("244") ? false : stryMutAct_9fa48("243") ? true : (stryCov_9fa48("243", "244"), acc.isEmpty())) continue;
          to.push(x);
          conns.push(acc);
        }
      }
      const list = stryMutAct_9fa48("245") ? {} : (stryCov_9fa48("245"), {
        to: Int32Array.from(to),
        conns
      });
      this.rangeListsByKey.set(key, list);
      return list;
    }
  }

  /** Scratch accumulators indexed by workload, reused across workloads (always left cleared). */
  private scratch: {
    acc: (ConnSet | undefined)[];
    touched: number[];
  } | undefined;

  /**
   * A workload's outgoing edges (to workloads and ranges), sorted by
   * destination id. With `only`, class rows are evaluated on those classes
   * alone and not cached: edges to workloads made only of those classes are
   * exact, others may be missing or partial (reach() asks only about the
   * former).
   */
  private outgoing(w: number, only?: Bitset): Adjacent {
    if (stryMutAct_9fa48("246")) {
      {}
    } else {
      stryCov_9fa48("246");
      const W = this.workloads.length;
      const X = this.externals.length;
      const {
        rank
      } = this.ranking;
      const workloadsOf = this.workloadsOf;
      const sc = stryMutAct_9fa48("247") ? this.scratch &&= {
        acc: new Array<ConnSet | undefined>(W),
        touched: []
      } : (stryCov_9fa48("247"), this.scratch ??= stryMutAct_9fa48("248") ? {} : (stryCov_9fa48("248"), {
        acc: stryMutAct_9fa48("249") ? new Array() : (stryCov_9fa48("249"), new Array<ConnSet | undefined>(W)),
        touched: stryMutAct_9fa48("250") ? ["Stryker was here"] : (stryCov_9fa48("250"), [])
      }));
      const {
        acc,
        touched
      } = sc;
      const eng = this.engine;
      const classes = this.engine.classes.workloadClasses[w]!;
      for (const s of classes) {
        if (stryMutAct_9fa48("251")) {
          {}
        } else {
          stryCov_9fa48("251");
          const {
            ds,
            cs
          } = only ? this.engine.row(s, this.restricted(s, only)) : this.classRow(s);
          for (let i = 0; stryMutAct_9fa48("254") ? i >= ds.length : stryMutAct_9fa48("253") ? i <= ds.length : stryMutAct_9fa48("252") ? false : (stryCov_9fa48("252", "253", "254"), i < ds.length); stryMutAct_9fa48("255") ? i-- : (stryCov_9fa48("255"), i++)) for (const w2 of workloadsOf[ds[i]!]!) {
            if (stryMutAct_9fa48("256")) {
              {}
            } else {
              stryCov_9fa48("256");
              if (stryMutAct_9fa48("259") ? w2 !== w : stryMutAct_9fa48("258") ? false : stryMutAct_9fa48("257") ? true : (stryCov_9fa48("257", "258", "259"), w2 === w)) continue;
              const prev = acc[w2];
              if (stryMutAct_9fa48("262") ? prev !== undefined : stryMutAct_9fa48("261") ? false : stryMutAct_9fa48("260") ? true : (stryCov_9fa48("260", "261", "262"), prev === undefined)) {
                if (stryMutAct_9fa48("263")) {
                  {}
                } else {
                  stryCov_9fa48("263");
                  acc[w2] = cs[i]!;
                  touched.push(w2);
                }
              } else acc[w2] = eng.join(prev, cs[i]!);
            }
          }
        }
      }
      stryMutAct_9fa48("264") ? touched : (stryCov_9fa48("264"), touched.sort(stryMutAct_9fa48("265") ? () => undefined : (stryCov_9fa48("265"), (a, b) => stryMutAct_9fa48("266") ? rank[a]! + rank[b]! : (stryCov_9fa48("266"), rank[a]! - rank[b]!))));
      const ranges = (stryMutAct_9fa48("270") ? X <= 0 : stryMutAct_9fa48("269") ? X >= 0 : stryMutAct_9fa48("268") ? false : stryMutAct_9fa48("267") ? true : (stryCov_9fa48("267", "268", "269", "270"), X > 0)) ? this.workloadRanges(classes, stryMutAct_9fa48("271") ? "" : (stryCov_9fa48("271"), "egress")) : undefined;
      // Merge the workload destinations and the range destinations, both in id order.
      const nr = ranges ? ranges.to.length : 0;
      const to = new Int32Array(stryMutAct_9fa48("272") ? touched.length - nr : (stryCov_9fa48("272"), touched.length + nr));
      const conns = stryMutAct_9fa48("273") ? new Array() : (stryCov_9fa48("273"), new Array<ConnSet>(stryMutAct_9fa48("274") ? touched.length - nr : (stryCov_9fa48("274"), touched.length + nr)));
      let i = 0;
      let j = 0;
      let k = 0;
      while (stryMutAct_9fa48("276") ? i < touched.length && j < nr : stryMutAct_9fa48("275") ? false : (stryCov_9fa48("275", "276"), (stryMutAct_9fa48("279") ? i >= touched.length : stryMutAct_9fa48("278") ? i <= touched.length : stryMutAct_9fa48("277") ? false : (stryCov_9fa48("277", "278", "279"), i < touched.length)) || (stryMutAct_9fa48("282") ? j >= nr : stryMutAct_9fa48("281") ? j <= nr : stryMutAct_9fa48("280") ? false : (stryCov_9fa48("280", "281", "282"), j < nr)))) {
        if (stryMutAct_9fa48("283")) {
          {}
        } else {
          stryCov_9fa48("283");
          const n = (stryMutAct_9fa48("287") ? i >= touched.length : stryMutAct_9fa48("286") ? i <= touched.length : stryMutAct_9fa48("285") ? false : stryMutAct_9fa48("284") ? true : (stryCov_9fa48("284", "285", "286", "287"), i < touched.length)) ? touched[i]! : stryMutAct_9fa48("288") ? +1 : (stryCov_9fa48("288"), -1);
          if (stryMutAct_9fa48("291") ? j >= nr && n >= 0 && rank[n]! < rank[W + ranges!.to[j]!]! : stryMutAct_9fa48("290") ? false : stryMutAct_9fa48("289") ? true : (stryCov_9fa48("289", "290", "291"), (stryMutAct_9fa48("294") ? j < nr : stryMutAct_9fa48("293") ? j > nr : stryMutAct_9fa48("292") ? false : (stryCov_9fa48("292", "293", "294"), j >= nr)) || (stryMutAct_9fa48("296") ? n >= 0 || rank[n]! < rank[W + ranges!.to[j]!]! : stryMutAct_9fa48("295") ? false : (stryCov_9fa48("295", "296"), (stryMutAct_9fa48("299") ? n < 0 : stryMutAct_9fa48("298") ? n > 0 : stryMutAct_9fa48("297") ? true : (stryCov_9fa48("297", "298", "299"), n >= 0)) && (stryMutAct_9fa48("302") ? rank[n]! >= rank[W + ranges!.to[j]!]! : stryMutAct_9fa48("301") ? rank[n]! <= rank[W + ranges!.to[j]!]! : stryMutAct_9fa48("300") ? true : (stryCov_9fa48("300", "301", "302"), rank[n]! < rank[stryMutAct_9fa48("303") ? W - ranges!.to[j]! : (stryCov_9fa48("303"), W + ranges!.to[j]!)]!)))))) {
            if (stryMutAct_9fa48("304")) {
              {}
            } else {
              stryCov_9fa48("304");
              to[k] = n;
              conns[stryMutAct_9fa48("305") ? k-- : (stryCov_9fa48("305"), k++)] = acc[n]!;
              acc[n] = undefined;
              stryMutAct_9fa48("306") ? i-- : (stryCov_9fa48("306"), i++);
            }
          } else {
            if (stryMutAct_9fa48("307")) {
              {}
            } else {
              stryCov_9fa48("307");
              to[k] = stryMutAct_9fa48("308") ? W - ranges!.to[j]! : (stryCov_9fa48("308"), W + ranges!.to[j]!);
              conns[stryMutAct_9fa48("309") ? k-- : (stryCov_9fa48("309"), k++)] = ranges!.conns[stryMutAct_9fa48("310") ? j-- : (stryCov_9fa48("310"), j++)]!;
            }
          }
        }
      }
      touched.length = 0;
      return stryMutAct_9fa48("311") ? {} : (stryCov_9fa48("311"), {
        to,
        conns
      });
    }
  }

  /**
   * Every range's edges into workloads, sorted by workload id: one pass over
   * the workloads (in id order) and their per-class range lists, built the
   * first time any range's edges are needed.
   */
  private inboundCache: readonly Adjacent[] | undefined;
  private get inbound(): readonly Adjacent[] {
    if (stryMutAct_9fa48("312")) {
      {}
    } else {
      stryCov_9fa48("312");
      if (stryMutAct_9fa48("315") ? false : stryMutAct_9fa48("314") ? true : stryMutAct_9fa48("313") ? this.inboundCache : (stryCov_9fa48("313", "314", "315"), !this.inboundCache)) {
        if (stryMutAct_9fa48("316")) {
          {}
        } else {
          stryCov_9fa48("316");
          const W = this.workloads.length;
          const X = this.externals.length;
          const to: number[][] = Array.from(stryMutAct_9fa48("317") ? {} : (stryCov_9fa48("317"), {
            length: X
          }), stryMutAct_9fa48("318") ? () => undefined : (stryCov_9fa48("318"), () => stryMutAct_9fa48("319") ? ["Stryker was here"] : (stryCov_9fa48("319"), [])));
          const conns: ConnSet[][] = Array.from(stryMutAct_9fa48("320") ? {} : (stryCov_9fa48("320"), {
            length: X
          }), stryMutAct_9fa48("321") ? () => undefined : (stryCov_9fa48("321"), () => stryMutAct_9fa48("322") ? ["Stryker was here"] : (stryCov_9fa48("322"), [])));
          const workloadClasses = this.engine.classes.workloadClasses;
          for (const w of this.ranking.order) {
            if (stryMutAct_9fa48("323")) {
              {}
            } else {
              stryCov_9fa48("323");
              if (stryMutAct_9fa48("327") ? w < W : stryMutAct_9fa48("326") ? w > W : stryMutAct_9fa48("325") ? false : stryMutAct_9fa48("324") ? true : (stryCov_9fa48("324", "325", "326", "327"), w >= W)) continue;
              const into = this.workloadRanges(workloadClasses[w]!, stryMutAct_9fa48("328") ? "" : (stryCov_9fa48("328"), "ingress"));
              for (let i = 0; stryMutAct_9fa48("331") ? i >= into.to.length : stryMutAct_9fa48("330") ? i <= into.to.length : stryMutAct_9fa48("329") ? false : (stryCov_9fa48("329", "330", "331"), i < into.to.length); stryMutAct_9fa48("332") ? i-- : (stryCov_9fa48("332"), i++)) {
                if (stryMutAct_9fa48("333")) {
                  {}
                } else {
                  stryCov_9fa48("333");
                  const x = into.to[i]!;
                  to[x]!.push(w);
                  conns[x]!.push(into.conns[i]!);
                }
              }
            }
          }
          this.inboundCache = to.map(stryMutAct_9fa48("334") ? () => undefined : (stryCov_9fa48("334"), (t, x) => stryMutAct_9fa48("335") ? {} : (stryCov_9fa48("335"), {
            to: Int32Array.from(t),
            conns: conns[x]!
          })));
        }
      }
      return this.inboundCache;
    }
  }

  /** Outgoing edges of node n (0..W-1 workloads, then ranges), sorted by destination id, with their destination indices; cached. */
  private successors(n: number): Adjacent {
    if (stryMutAct_9fa48("336")) {
      {}
    } else {
      stryCov_9fa48("336");
      let adj = this.adjacency[n];
      if (stryMutAct_9fa48("339") ? false : stryMutAct_9fa48("338") ? true : stryMutAct_9fa48("337") ? adj : (stryCov_9fa48("337", "338", "339"), !adj)) {
        if (stryMutAct_9fa48("340")) {
          {}
        } else {
          stryCov_9fa48("340");
          const W = this.workloads.length;
          adj = (stryMutAct_9fa48("344") ? n >= W : stryMutAct_9fa48("343") ? n <= W : stryMutAct_9fa48("342") ? false : stryMutAct_9fa48("341") ? true : (stryCov_9fa48("341", "342", "343", "344"), n < W)) ? this.outgoing(n) : this.inbound[stryMutAct_9fa48("345") ? n + W : (stryCov_9fa48("345"), n - W)]!;
          this.adjacency[n] = adj;
        }
      }
      return adj;
    }
  }

  /**
   * Every node's non-empty one-hop edges, sources in id order, each list in
   * destination id order. The class relation is evaluated only on candidate
   * pairs, lifted to workloads, and emitted in order, so no global sort is
   * needed.
   */
  private fullRelation(): {
    readonly nodes: readonly number[];
    readonly adj: readonly Adjacent[];
    readonly count: number;
  } {
    if (stryMutAct_9fa48("346")) {
      {}
    } else {
      stryCov_9fa48("346");
      if (stryMutAct_9fa48("348") ? false : stryMutAct_9fa48("347") ? true : (stryCov_9fa48("347", "348"), this.allAdjacency)) return this.allAdjacency;
      const {
        order
      } = this.ranking;
      const adjs: Adjacent[] = stryMutAct_9fa48("349") ? ["Stryker was here"] : (stryCov_9fa48("349"), []);
      let count = 0;
      for (const n of order) {
        if (stryMutAct_9fa48("350")) {
          {}
        } else {
          stryCov_9fa48("350");
          // successors() keeps an adjacency reach() already built (and the Edge objects it may have handed out).
          const adj = this.successors(n);
          adjs.push(adj);
          stryMutAct_9fa48("351") ? count -= adj.to.length : (stryCov_9fa48("351"), count += adj.to.length);
        }
      }
      this.allAdjacency = stryMutAct_9fa48("352") ? {} : (stryCov_9fa48("352"), {
        nodes: order,
        adj: adjs,
        count
      });
      return this.allAdjacency;
    }
  }
  reach(sources: readonly Peer[] | ((node: Node) => boolean), options: ReachOptions = {}): ReachResult {
    if (stryMutAct_9fa48("353")) {
      {}
    } else {
      stryCov_9fa48("353");
      const {
        nodes
      } = this.ranking;
      const N = nodes.length;
      const W = this.workloads.length;
      const indexOfPeer = (p: Peer): number => {
        if (stryMutAct_9fa48("354")) {
          {}
        } else {
          stryCov_9fa48("354");
          const r = this.resolve(p);
          return (stryMutAct_9fa48("357") ? r.kind !== "workload" : stryMutAct_9fa48("356") ? false : stryMutAct_9fa48("355") ? true : (stryCov_9fa48("355", "356", "357"), r.kind === (stryMutAct_9fa48("358") ? "" : (stryCov_9fa48("358"), "workload")))) ? r.index : stryMutAct_9fa48("359") ? W - r.index : (stryCov_9fa48("359"), W + r.index);
        }
      };
      const start = new Uint8Array(N);
      if (stryMutAct_9fa48("362") ? typeof sources !== "function" : stryMutAct_9fa48("361") ? false : stryMutAct_9fa48("360") ? true : (stryCov_9fa48("360", "361", "362"), typeof sources === (stryMutAct_9fa48("363") ? "" : (stryCov_9fa48("363"), "function")))) {
        if (stryMutAct_9fa48("364")) {
          {}
        } else {
          stryCov_9fa48("364");
          for (let n = 0; stryMutAct_9fa48("367") ? n >= N : stryMutAct_9fa48("366") ? n <= N : stryMutAct_9fa48("365") ? false : (stryCov_9fa48("365", "366", "367"), n < N); stryMutAct_9fa48("368") ? n-- : (stryCov_9fa48("368"), n++)) if (stryMutAct_9fa48("370") ? false : stryMutAct_9fa48("369") ? true : (stryCov_9fa48("369", "370"), sources(nodes[n]!))) start[n] = 1;
        }
      } else for (const p of sources) start[indexOfPeer(p)] = 1;
      // Node predicates are evaluated once per node, so the search loop itself is integer work.
      const flags = (f: ((node: Node) => boolean) | undefined, unset: 0 | 1): Uint8Array => {
        if (stryMutAct_9fa48("371")) {
          {}
        } else {
          stryCov_9fa48("371");
          const out = new Uint8Array(N);
          for (let n = 0; stryMutAct_9fa48("374") ? n >= N : stryMutAct_9fa48("373") ? n <= N : stryMutAct_9fa48("372") ? false : (stryCov_9fa48("372", "373", "374"), n < N); stryMutAct_9fa48("375") ? n-- : (stryCov_9fa48("375"), n++)) out[n] = (stryMutAct_9fa48("378") ? f !== undefined : stryMutAct_9fa48("377") ? false : stryMutAct_9fa48("376") ? true : (stryCov_9fa48("376", "377", "378"), f === undefined)) ? unset : f(nodes[n]!) ? 1 : 0;
          return out;
        }
      };
      return this.search(start, flags(options.through, 1), flags(options.enter, 1), flags(options.targets, 0), options.usable, stryMutAct_9fa48("381") ? options.untilTargets !== true : stryMutAct_9fa48("380") ? false : stryMutAct_9fa48("379") ? true : (stryCov_9fa48("379", "380", "381"), options.untilTargets === (stryMutAct_9fa48("382") ? false : (stryCov_9fa48("382"), true))));
    }
  }

  /** reach() on node flags (evaluated once by the caller; `targetFlags` is not modified). */
  private search(start: Uint8Array, through: Uint8Array, enter: Uint8Array, targetFlags: Uint8Array, usable: ((edge: Edge) => boolean) | undefined, stop: boolean): ReachResult {
    if (stryMutAct_9fa48("383")) {
      {}
    } else {
      stryCov_9fa48("383");
      const {
        order,
        nodes
      } = this.ranking;
      const N = nodes.length;
      const W = this.workloads.length;
      const target = stryMutAct_9fa48("384") ? targetFlags : (stryCov_9fa48("384"), targetFlags.slice());
      let open = 0;
      for (let n = 0; stryMutAct_9fa48("387") ? n >= N : stryMutAct_9fa48("386") ? n <= N : stryMutAct_9fa48("385") ? false : (stryCov_9fa48("385", "386", "387"), n < N); stryMutAct_9fa48("388") ? n-- : (stryCov_9fa48("388"), n++)) stryMutAct_9fa48("389") ? open -= target[n]! : (stryCov_9fa48("389"), open += target[n]!);
      const depth = new Int32Array(N).fill(stryMutAct_9fa48("390") ? +1 : (stryCov_9fa48("390"), -1));
      const via: (Edge | undefined)[] = stryMutAct_9fa48("391") ? new Array() : (stryCov_9fa48("391"), new Array<Edge | undefined>(N));
      const from = new Int32Array(N).fill(stryMutAct_9fa48("392") ? +1 : (stryCov_9fa48("392"), -1));
      const queue = new Int32Array(N);
      let tail = 0;
      // Sources in id order, so the search (and the path it keeps per target) is deterministic.
      for (const n of order) {
        if (stryMutAct_9fa48("393")) {
          {}
        } else {
          stryCov_9fa48("393");
          if (stryMutAct_9fa48("396") ? start[n] !== 0 : stryMutAct_9fa48("395") ? false : stryMutAct_9fa48("394") ? true : (stryCov_9fa48("394", "395", "396"), start[n] === 0)) continue;
          depth[n] = 0;
          queue[stryMutAct_9fa48("397") ? tail-- : (stryCov_9fa48("397"), tail++)] = n;
        }
      }
      const found: number[] = stryMutAct_9fa48("398") ? ["Stryker was here"] : (stryCov_9fa48("398"), []);
      const foundVia: Edge[] = stryMutAct_9fa48("399") ? ["Stryker was here"] : (stryCov_9fa48("399"), []);
      const foundFrom: number[] = stryMutAct_9fa48("400") ? ["Stryker was here"] : (stryCov_9fa48("400"), []);
      // Workloads still worth an edge: not reached yet, or a source that is an unrecorded target.
      const pending = stryMutAct_9fa48("401") ? () => undefined : (stryCov_9fa48("401"), (() => {
        const pending = (m: number): boolean => stryMutAct_9fa48("404") ? enter[m] === 1 || depth[m] === -1 || target[m] === 1 && start[m] === 1 : stryMutAct_9fa48("403") ? false : stryMutAct_9fa48("402") ? true : (stryCov_9fa48("402", "403", "404"), (stryMutAct_9fa48("406") ? enter[m] !== 1 : stryMutAct_9fa48("405") ? true : (stryCov_9fa48("405", "406"), enter[m] === 1)) && (stryMutAct_9fa48("408") ? depth[m] === -1 && target[m] === 1 && start[m] === 1 : stryMutAct_9fa48("407") ? true : (stryCov_9fa48("407", "408"), (stryMutAct_9fa48("410") ? depth[m] !== -1 : stryMutAct_9fa48("409") ? false : (stryCov_9fa48("409", "410"), depth[m] === (stryMutAct_9fa48("411") ? +1 : (stryCov_9fa48("411"), -1)))) || (stryMutAct_9fa48("413") ? target[m] === 1 || start[m] === 1 : stryMutAct_9fa48("412") ? false : (stryCov_9fa48("412", "413"), (stryMutAct_9fa48("415") ? target[m] !== 1 : stryMutAct_9fa48("414") ? true : (stryCov_9fa48("414", "415"), target[m] === 1)) && (stryMutAct_9fa48("417") ? start[m] !== 1 : stryMutAct_9fa48("416") ? true : (stryCov_9fa48("416", "417"), start[m] === 1)))))));
        return pending;
      })());
      // Classes of pending workloads: an expansion whose adjacency is not cached evaluates only these
      // (exact for every pending workload, since all its classes stay in the set), so a search that has
      // reached most of a dense layer no longer pays for rows it would skip.
      const interest = this.engine.classes.empty();
      const pendingOf = new Int32Array(this.engine.classes.size);
      const workloadClasses = this.engine.classes.workloadClasses;
      for (let w = 0; stryMutAct_9fa48("420") ? w >= W : stryMutAct_9fa48("419") ? w <= W : stryMutAct_9fa48("418") ? false : (stryCov_9fa48("418", "419", "420"), w < W); stryMutAct_9fa48("421") ? w-- : (stryCov_9fa48("421"), w++)) if (stryMutAct_9fa48("423") ? false : stryMutAct_9fa48("422") ? true : (stryCov_9fa48("422", "423"), pending(w))) for (const c of workloadClasses[w]!) {
        if (stryMutAct_9fa48("424")) {
          {}
        } else {
          stryCov_9fa48("424");
          if (stryMutAct_9fa48("427") ? pendingOf[c]!++ !== 0 : stryMutAct_9fa48("426") ? false : stryMutAct_9fa48("425") ? true : (stryCov_9fa48("425", "426", "427"), (stryMutAct_9fa48("428") ? pendingOf[c]! -- : (stryCov_9fa48("428"), pendingOf[c]!++)) === 0)) interest.add(c);
        }
      }
      const settle = (m: number): void => {
        if (stryMutAct_9fa48("429")) {
          {}
        } else {
          stryCov_9fa48("429");
          if (stryMutAct_9fa48("432") ? m >= W && pending(m) : stryMutAct_9fa48("431") ? false : stryMutAct_9fa48("430") ? true : (stryCov_9fa48("430", "431", "432"), (stryMutAct_9fa48("435") ? m < W : stryMutAct_9fa48("434") ? m > W : stryMutAct_9fa48("433") ? false : (stryCov_9fa48("433", "434", "435"), m >= W)) || pending(m))) return;
          for (const c of workloadClasses[m]!) if (stryMutAct_9fa48("438") ? --pendingOf[c]! !== 0 : stryMutAct_9fa48("437") ? false : stryMutAct_9fa48("436") ? true : (stryCov_9fa48("436", "437", "438"), (stryMutAct_9fa48("439") ? ++pendingOf[c]! : (stryCov_9fa48("439"), --pendingOf[c]!)) === 0)) stryMutAct_9fa48("440") ? interest.words[c >>> 5]! |= ~(1 << (c & 31)) : (stryCov_9fa48("440"), interest.words[c >>> 5]! &= stryMutAct_9fa48("441") ? 1 << (c & 31) : (stryCov_9fa48("441"), ~(1 << (c & 31))));
        }
      };
      for (let head = 0; stryMutAct_9fa48("443") ? head < tail || !(stop && open === 0) : stryMutAct_9fa48("442") ? false : (stryCov_9fa48("442", "443"), (stryMutAct_9fa48("446") ? head >= tail : stryMutAct_9fa48("445") ? head <= tail : stryMutAct_9fa48("444") ? true : (stryCov_9fa48("444", "445", "446"), head < tail)) && (stryMutAct_9fa48("447") ? stop && open === 0 : (stryCov_9fa48("447"), !(stryMutAct_9fa48("450") ? stop || open === 0 : stryMutAct_9fa48("449") ? false : stryMutAct_9fa48("448") ? true : (stryCov_9fa48("448", "449", "450"), stop && (stryMutAct_9fa48("452") ? open !== 0 : stryMutAct_9fa48("451") ? true : (stryCov_9fa48("451", "452"), open === 0))))))); stryMutAct_9fa48("453") ? head-- : (stryCov_9fa48("453"), head++)) {
        if (stryMutAct_9fa48("454")) {
          {}
        } else {
          stryCov_9fa48("454");
          const n = queue[head]!;
          if (stryMutAct_9fa48("457") ? depth[n]! > 0 || through[n] === 0 : stryMutAct_9fa48("456") ? false : stryMutAct_9fa48("455") ? true : (stryCov_9fa48("455", "456", "457"), (stryMutAct_9fa48("460") ? depth[n]! <= 0 : stryMutAct_9fa48("459") ? depth[n]! >= 0 : stryMutAct_9fa48("458") ? true : (stryCov_9fa48("458", "459", "460"), depth[n]! > 0)) && (stryMutAct_9fa48("462") ? through[n] !== 0 : stryMutAct_9fa48("461") ? true : (stryCov_9fa48("461", "462"), through[n] === 0)))) continue;
          const cached = this.adjacency[n];
          const adj = stryMutAct_9fa48("463") ? cached && (n < W ? this.outgoing(n, interest) : this.successors(n)) : (stryCov_9fa48("463"), cached ?? ((stryMutAct_9fa48("467") ? n >= W : stryMutAct_9fa48("466") ? n <= W : stryMutAct_9fa48("465") ? false : stryMutAct_9fa48("464") ? true : (stryCov_9fa48("464", "465", "466", "467"), n < W)) ? this.outgoing(n, interest) : this.successors(n)));
          const to = adj.to;
          // Edge objects only when a hop is tested or recorded (cached adjacencies share theirs).
          const edgeAt = stryMutAct_9fa48("468") ? () => undefined : (stryCov_9fa48("468"), (() => {
            const edgeAt = (i: number): Edge => (stryMutAct_9fa48("471") ? cached && n >= W : stryMutAct_9fa48("470") ? false : stryMutAct_9fa48("469") ? true : (stryCov_9fa48("469", "470", "471"), cached || (stryMutAct_9fa48("474") ? n < W : stryMutAct_9fa48("473") ? n > W : stryMutAct_9fa48("472") ? false : (stryCov_9fa48("472", "473", "474"), n >= W)))) ? this.edgesOf(n, adj)[i]! : stryMutAct_9fa48("475") ? {} : (stryCov_9fa48("475"), {
              src: nodes[n]!,
              dst: nodes[to[i]!]!,
              conns: adj.conns[i]!
            });
            return edgeAt;
          })());
          for (let i = 0; stryMutAct_9fa48("478") ? i >= to.length : stryMutAct_9fa48("477") ? i <= to.length : stryMutAct_9fa48("476") ? false : (stryCov_9fa48("476", "477", "478"), i < to.length); stryMutAct_9fa48("479") ? i-- : (stryCov_9fa48("479"), i++)) {
            if (stryMutAct_9fa48("480")) {
              {}
            } else {
              stryCov_9fa48("480");
              const m = to[i]!;
              // Nothing left to learn about m: already reached and not an unrecorded target.
              if (stryMutAct_9fa48("483") ? false : stryMutAct_9fa48("482") ? true : stryMutAct_9fa48("481") ? pending(m) : (stryCov_9fa48("481", "482", "483"), !pending(m))) continue;
              const edge = (stryMutAct_9fa48("486") ? (usable || target[m] === 1) && depth[m] === -1 : stryMutAct_9fa48("485") ? false : stryMutAct_9fa48("484") ? true : (stryCov_9fa48("484", "485", "486"), (stryMutAct_9fa48("488") ? usable && target[m] === 1 : stryMutAct_9fa48("487") ? false : (stryCov_9fa48("487", "488"), usable || (stryMutAct_9fa48("490") ? target[m] !== 1 : stryMutAct_9fa48("489") ? false : (stryCov_9fa48("489", "490"), target[m] === 1)))) || (stryMutAct_9fa48("492") ? depth[m] !== -1 : stryMutAct_9fa48("491") ? false : (stryCov_9fa48("491", "492"), depth[m] === (stryMutAct_9fa48("493") ? +1 : (stryCov_9fa48("493"), -1)))))) ? edgeAt(i) : undefined;
              if (stryMutAct_9fa48("496") ? usable || !usable(edge!) : stryMutAct_9fa48("495") ? false : stryMutAct_9fa48("494") ? true : (stryCov_9fa48("494", "495", "496"), usable && (stryMutAct_9fa48("497") ? usable(edge!) : (stryCov_9fa48("497"), !usable(edge!))))) continue;
              // A target is recorded when first reached, so its path is a shortest one (a source only through a hop).
              if (stryMutAct_9fa48("500") ? target[m] !== 1 : stryMutAct_9fa48("499") ? false : stryMutAct_9fa48("498") ? true : (stryCov_9fa48("498", "499", "500"), target[m] === 1)) {
                if (stryMutAct_9fa48("501")) {
                  {}
                } else {
                  stryCov_9fa48("501");
                  target[m] = 2;
                  stryMutAct_9fa48("502") ? open++ : (stryCov_9fa48("502"), open--);
                  found.push(m);
                  foundVia.push(edge!);
                  foundFrom.push(n);
                }
              }
              if (stryMutAct_9fa48("505") ? depth[m] !== -1 : stryMutAct_9fa48("504") ? false : stryMutAct_9fa48("503") ? true : (stryCov_9fa48("503", "504", "505"), depth[m] === (stryMutAct_9fa48("506") ? +1 : (stryCov_9fa48("506"), -1)))) {
                if (stryMutAct_9fa48("507")) {
                  {}
                } else {
                  stryCov_9fa48("507");
                  depth[m] = stryMutAct_9fa48("508") ? depth[n]! - 1 : (stryCov_9fa48("508"), depth[n]! + 1);
                  via[m] = edge!;
                  from[m] = n;
                  queue[stryMutAct_9fa48("509") ? tail-- : (stryCov_9fa48("509"), tail++)] = m;
                }
              }
              settle(m);
            }
          }
        }
      }
      const pathTo = (n: number): Edge[] => {
        if (stryMutAct_9fa48("510")) {
          {}
        } else {
          stryCov_9fa48("510");
          const path: Edge[] = stryMutAct_9fa48("511") ? ["Stryker was here"] : (stryCov_9fa48("511"), []);
          for (let cur = n; stryMutAct_9fa48("514") ? depth[cur]! <= 0 : stryMutAct_9fa48("513") ? depth[cur]! >= 0 : stryMutAct_9fa48("512") ? false : (stryCov_9fa48("512", "513", "514"), depth[cur]! > 0); cur = from[cur]!) path.push(via[cur]!);
          return stryMutAct_9fa48("515") ? path : (stryCov_9fa48("515"), path.reverse());
        }
      };
      const paths = new Map<string, readonly Edge[]>();
      found.forEach(stryMutAct_9fa48("516") ? () => undefined : (stryCov_9fa48("516"), (m, i) => paths.set(nodeKey(nodes[m]!), stryMutAct_9fa48("517") ? [] : (stryCov_9fa48("517"), [...pathTo(foundFrom[i]!), foundVia[i]!]))));
      let reached: Map<string, Reached> | undefined;
      return stryMutAct_9fa48("518") ? {} : (stryCov_9fa48("518"), {
        paths,
        // Built on first use: a path check needs only `paths`.
        get nodes() {
          if (stryMutAct_9fa48("519")) {
            {}
          } else {
            stryCov_9fa48("519");
            if (stryMutAct_9fa48("522") ? false : stryMutAct_9fa48("521") ? true : stryMutAct_9fa48("520") ? reached : (stryCov_9fa48("520", "521", "522"), !reached)) {
              if (stryMutAct_9fa48("523")) {
                {}
              } else {
                stryCov_9fa48("523");
                reached = new Map();
                for (let i = 0; stryMutAct_9fa48("526") ? i >= tail : stryMutAct_9fa48("525") ? i <= tail : stryMutAct_9fa48("524") ? false : (stryCov_9fa48("524", "525", "526"), i < tail); stryMutAct_9fa48("527") ? i-- : (stryCov_9fa48("527"), i++)) {
                  if (stryMutAct_9fa48("528")) {
                    {}
                  } else {
                    stryCov_9fa48("528");
                    const n = queue[i]!;
                    const e = via[n];
                    reached.set(nodeKey(nodes[n]!), e ? stryMutAct_9fa48("529") ? {} : (stryCov_9fa48("529"), {
                      depth: depth[n]!,
                      via: e
                    }) : stryMutAct_9fa48("530") ? {} : (stryCov_9fa48("530"), {
                      depth: 0
                    }));
                  }
                }
              }
            }
            return reached;
          }
        }
      });
    }
  }
  pathsFromEach(groups: readonly (readonly Peer[])[], options: PathsOptions): ReadonlyMap<string, readonly Edge[]>[] {
    if (stryMutAct_9fa48("531")) {
      {}
    } else {
      stryCov_9fa48("531");
      const {
        nodes
      } = this.ranking;
      const N = nodes.length;
      const W = this.workloads.length;
      const through = new Uint8Array(N);
      const target = new Uint8Array(N);
      const enter = new Uint8Array(N);
      for (let n = 0; stryMutAct_9fa48("534") ? n >= N : stryMutAct_9fa48("533") ? n <= N : stryMutAct_9fa48("532") ? false : (stryCov_9fa48("532", "533", "534"), n < N); stryMutAct_9fa48("535") ? n-- : (stryCov_9fa48("535"), n++)) {
        if (stryMutAct_9fa48("536")) {
          {}
        } else {
          stryCov_9fa48("536");
          through[n] = (stryMutAct_9fa48("539") ? options.through === undefined && options.through(nodes[n]!) : stryMutAct_9fa48("538") ? false : stryMutAct_9fa48("537") ? true : (stryCov_9fa48("537", "538", "539"), (stryMutAct_9fa48("541") ? options.through !== undefined : stryMutAct_9fa48("540") ? false : (stryCov_9fa48("540", "541"), options.through === undefined)) || options.through(nodes[n]!))) ? 1 : 0;
          target[n] = options.targets(nodes[n]!) ? 1 : 0;
          enter[n] = (stryMutAct_9fa48("544") ? options.enter === undefined && options.enter(nodes[n]!) : stryMutAct_9fa48("543") ? false : stryMutAct_9fa48("542") ? true : (stryCov_9fa48("542", "543", "544"), (stryMutAct_9fa48("546") ? options.enter !== undefined : stryMutAct_9fa48("545") ? false : (stryCov_9fa48("545", "546"), options.enter === undefined)) || options.enter(nodes[n]!))) ? 1 : 0;
        }
      }
      const useful = this.reachingTargets(target, through, enter);
      const searchFrom = (group: readonly Resolved[]): ReadonlyMap<string, readonly Edge[]> => {
        if (stryMutAct_9fa48("547")) {
          {}
        } else {
          stryCov_9fa48("547");
          const start = new Uint8Array(N);
          for (const r of group) start[(stryMutAct_9fa48("550") ? r.kind !== "workload" : stryMutAct_9fa48("549") ? false : stryMutAct_9fa48("548") ? true : (stryCov_9fa48("548", "549", "550"), r.kind === (stryMutAct_9fa48("551") ? "" : (stryCov_9fa48("551"), "workload")))) ? r.index : stryMutAct_9fa48("552") ? W - r.index : (stryCov_9fa48("552"), W + r.index)] = 1;
          return this.search(start, through, enter, target, options.usable, stryMutAct_9fa48("553") ? false : (stryCov_9fa48("553"), true)).paths;
        }
      };
      // Searches from a lone range, by a hash of its adjacency; entries are compared exactly before sharing.
      const shared = new Map<number, {
        readonly root: number;
        readonly adj: Adjacent;
        readonly paths: ReadonlyMap<string, readonly Edge[]>;
      }[]>();
      return groups.map(group => {
        if (stryMutAct_9fa48("554")) {
          {}
        } else {
          stryCov_9fa48("554");
          const resolved = group.map(stryMutAct_9fa48("555") ? () => undefined : (stryCov_9fa48("555"), p => this.resolve(p)));
          const index = stryMutAct_9fa48("556") ? () => undefined : (stryCov_9fa48("556"), (() => {
            const index = (r: Resolved): number => (stryMutAct_9fa48("559") ? r.kind !== "workload" : stryMutAct_9fa48("558") ? false : stryMutAct_9fa48("557") ? true : (stryCov_9fa48("557", "558", "559"), r.kind === (stryMutAct_9fa48("560") ? "" : (stryCov_9fa48("560"), "workload")))) ? r.index : stryMutAct_9fa48("561") ? W - r.index : (stryCov_9fa48("561"), W + r.index);
            return index;
          })());
          if (stryMutAct_9fa48("564") ? false : stryMutAct_9fa48("563") ? true : stryMutAct_9fa48("562") ? resolved.some(r => useful[index(r)] === 1) : (stryCov_9fa48("562", "563", "564"), !(stryMutAct_9fa48("565") ? resolved.every(r => useful[index(r)] === 1) : (stryCov_9fa48("565"), resolved.some(stryMutAct_9fa48("566") ? () => undefined : (stryCov_9fa48("566"), r => stryMutAct_9fa48("569") ? useful[index(r)] !== 1 : stryMutAct_9fa48("568") ? false : stryMutAct_9fa48("567") ? true : (stryCov_9fa48("567", "568", "569"), useful[index(r)] === 1))))))) return new Map();
          const lone = (stryMutAct_9fa48("572") ? resolved.length === 1 || resolved[0]!.kind === "range" : stryMutAct_9fa48("571") ? false : stryMutAct_9fa48("570") ? true : (stryCov_9fa48("570", "571", "572"), (stryMutAct_9fa48("574") ? resolved.length !== 1 : stryMutAct_9fa48("573") ? true : (stryCov_9fa48("573", "574"), resolved.length === 1)) && (stryMutAct_9fa48("576") ? resolved[0]!.kind !== "range" : stryMutAct_9fa48("575") ? true : (stryCov_9fa48("575", "576"), resolved[0]!.kind === (stryMutAct_9fa48("577") ? "" : (stryCov_9fa48("577"), "range")))))) ? index(resolved[0]!) : stryMutAct_9fa48("578") ? +1 : (stryCov_9fa48("578"), -1);
          // Sharing is exact only when the root is nothing but a starting point: not a target, not passed through again, every hop usable.
          if (stryMutAct_9fa48("581") ? (lone < 0 || options.usable !== undefined || target[lone] === 1) && through[lone] === 1 : stryMutAct_9fa48("580") ? false : stryMutAct_9fa48("579") ? true : (stryCov_9fa48("579", "580", "581"), (stryMutAct_9fa48("583") ? (lone < 0 || options.usable !== undefined) && target[lone] === 1 : stryMutAct_9fa48("582") ? false : (stryCov_9fa48("582", "583"), (stryMutAct_9fa48("585") ? lone < 0 && options.usable !== undefined : stryMutAct_9fa48("584") ? false : (stryCov_9fa48("584", "585"), (stryMutAct_9fa48("588") ? lone >= 0 : stryMutAct_9fa48("587") ? lone <= 0 : stryMutAct_9fa48("586") ? false : (stryCov_9fa48("586", "587", "588"), lone < 0)) || (stryMutAct_9fa48("590") ? options.usable === undefined : stryMutAct_9fa48("589") ? false : (stryCov_9fa48("589", "590"), options.usable !== undefined)))) || (stryMutAct_9fa48("592") ? target[lone] !== 1 : stryMutAct_9fa48("591") ? false : (stryCov_9fa48("591", "592"), target[lone] === 1)))) || (stryMutAct_9fa48("594") ? through[lone] !== 1 : stryMutAct_9fa48("593") ? false : (stryCov_9fa48("593", "594"), through[lone] === 1)))) return searchFrom(resolved);
          const adj = this.successors(lone);
          const h = this.adjacencyHash(adj);
          const bucket = stryMutAct_9fa48("595") ? shared.get(h) && [] : (stryCov_9fa48("595"), shared.get(h) ?? (stryMutAct_9fa48("596") ? ["Stryker was here"] : (stryCov_9fa48("596"), [])));
          const twin = bucket.find(stryMutAct_9fa48("597") ? () => undefined : (stryCov_9fa48("597"), b => sameAdjacency(b.adj, adj)));
          if (stryMutAct_9fa48("600") ? false : stryMutAct_9fa48("599") ? true : stryMutAct_9fa48("598") ? twin : (stryCov_9fa48("598", "599", "600"), !twin)) {
            if (stryMutAct_9fa48("601")) {
              {}
            } else {
              stryCov_9fa48("601");
              const paths = searchFrom(resolved);
              bucket.push(stryMutAct_9fa48("602") ? {} : (stryCov_9fa48("602"), {
                root: lone,
                adj,
                paths
              }));
              shared.set(h, bucket);
              return paths;
            }
          }
          const root = nodes[lone]!;
          return new Map((stryMutAct_9fa48("603") ? [] : (stryCov_9fa48("603"), [...twin.paths])).map(stryMutAct_9fa48("604") ? () => undefined : (stryCov_9fa48("604"), ([t, path]) => stryMutAct_9fa48("605") ? [] : (stryCov_9fa48("605"), [t, stryMutAct_9fa48("606") ? [] : (stryCov_9fa48("606"), [stryMutAct_9fa48("607") ? {} : (stryCov_9fa48("607"), {
            src: root,
            dst: path[0]!.dst,
            conns: path[0]!.conns
          }), ...(stryMutAct_9fa48("608") ? path : (stryCov_9fa48("608"), path.slice(1)))])]))));
        }
      });
    }
  }

  /** Per node, 1 when some target can be reached from it (a target itself only through a hop), passing only through `through` nodes. */
  private reachingTargets(target: Uint8Array, through: Uint8Array, enter: Uint8Array): Uint8Array {
    if (stryMutAct_9fa48("609")) {
      {}
    } else {
      stryCov_9fa48("609");
      const {
        nodes: order,
        adj
      } = this.fullRelation();
      const N = target.length;
      // The reverse relation as compressed rows.
      const start = new Int32Array(stryMutAct_9fa48("610") ? N - 1 : (stryCov_9fa48("610"), N + 1));
      for (let i = 0; stryMutAct_9fa48("613") ? i >= order.length : stryMutAct_9fa48("612") ? i <= order.length : stryMutAct_9fa48("611") ? false : (stryCov_9fa48("611", "612", "613"), i < order.length); stryMutAct_9fa48("614") ? i-- : (stryCov_9fa48("614"), i++)) {
        if (stryMutAct_9fa48("615")) {
          {}
        } else {
          stryCov_9fa48("615");
          const to = adj[i]!.to;
          for (let j = 0; stryMutAct_9fa48("618") ? j >= to.length : stryMutAct_9fa48("617") ? j <= to.length : stryMutAct_9fa48("616") ? false : (stryCov_9fa48("616", "617", "618"), j < to.length); stryMutAct_9fa48("619") ? j-- : (stryCov_9fa48("619"), j++)) stryMutAct_9fa48("620") ? start[to[j]! + 1]! -- : (stryCov_9fa48("620"), start[stryMutAct_9fa48("621") ? to[j]! - 1 : (stryCov_9fa48("621"), to[j]! + 1)]!++);
        }
      }
      for (let n = 0; stryMutAct_9fa48("624") ? n >= N : stryMutAct_9fa48("623") ? n <= N : stryMutAct_9fa48("622") ? false : (stryCov_9fa48("622", "623", "624"), n < N); stryMutAct_9fa48("625") ? n-- : (stryCov_9fa48("625"), n++)) stryMutAct_9fa48("626") ? start[n + 1]! -= start[n]! : (stryCov_9fa48("626"), start[stryMutAct_9fa48("627") ? n - 1 : (stryCov_9fa48("627"), n + 1)]! += start[n]!);
      const fill = stryMutAct_9fa48("628") ? start : (stryCov_9fa48("628"), start.slice(0, N));
      const preds = new Int32Array(start[N]!);
      for (let i = 0; stryMutAct_9fa48("631") ? i >= order.length : stryMutAct_9fa48("630") ? i <= order.length : stryMutAct_9fa48("629") ? false : (stryCov_9fa48("629", "630", "631"), i < order.length); stryMutAct_9fa48("632") ? i-- : (stryCov_9fa48("632"), i++)) {
        if (stryMutAct_9fa48("633")) {
          {}
        } else {
          stryCov_9fa48("633");
          const from = order[i]!;
          const to = adj[i]!.to;
          for (let j = 0; stryMutAct_9fa48("636") ? j >= to.length : stryMutAct_9fa48("635") ? j <= to.length : stryMutAct_9fa48("634") ? false : (stryCov_9fa48("634", "635", "636"), j < to.length); stryMutAct_9fa48("637") ? j-- : (stryCov_9fa48("637"), j++)) preds[stryMutAct_9fa48("638") ? fill[to[j]!]! -- : (stryCov_9fa48("638"), fill[to[j]!]!++)] = from;
        }
      }
      const found = new Uint8Array(N);
      const queue = new Int32Array(N);
      let tail = 0;
      for (let n = 0; stryMutAct_9fa48("641") ? n >= N : stryMutAct_9fa48("640") ? n <= N : stryMutAct_9fa48("639") ? false : (stryCov_9fa48("639", "640", "641"), n < N); stryMutAct_9fa48("642") ? n-- : (stryCov_9fa48("642"), n++)) if (stryMutAct_9fa48("645") ? target[n] === 1 || enter[n] === 1 : stryMutAct_9fa48("644") ? false : stryMutAct_9fa48("643") ? true : (stryCov_9fa48("643", "644", "645"), (stryMutAct_9fa48("647") ? target[n] !== 1 : stryMutAct_9fa48("646") ? true : (stryCov_9fa48("646", "647"), target[n] === 1)) && (stryMutAct_9fa48("649") ? enter[n] !== 1 : stryMutAct_9fa48("648") ? true : (stryCov_9fa48("648", "649"), enter[n] === 1)))) queue[stryMutAct_9fa48("650") ? tail-- : (stryCov_9fa48("650"), tail++)] = n;
      const queued = new Uint8Array(N);
      for (let i = 0; stryMutAct_9fa48("653") ? i >= tail : stryMutAct_9fa48("652") ? i <= tail : stryMutAct_9fa48("651") ? false : (stryCov_9fa48("651", "652", "653"), i < tail); stryMutAct_9fa48("654") ? i-- : (stryCov_9fa48("654"), i++)) queued[queue[i]!] = 1;
      for (let head = 0; stryMutAct_9fa48("657") ? head >= tail : stryMutAct_9fa48("656") ? head <= tail : stryMutAct_9fa48("655") ? false : (stryCov_9fa48("655", "656", "657"), head < tail); stryMutAct_9fa48("658") ? head-- : (stryCov_9fa48("658"), head++)) {
        if (stryMutAct_9fa48("659")) {
          {}
        } else {
          stryCov_9fa48("659");
          const q = queue[head]!;
          for (let k = start[q]!; stryMutAct_9fa48("662") ? k >= start[q + 1]! : stryMutAct_9fa48("661") ? k <= start[q + 1]! : stryMutAct_9fa48("660") ? false : (stryCov_9fa48("660", "661", "662"), k < start[stryMutAct_9fa48("663") ? q - 1 : (stryCov_9fa48("663"), q + 1)]!); stryMutAct_9fa48("664") ? k-- : (stryCov_9fa48("664"), k++)) {
            if (stryMutAct_9fa48("665")) {
              {}
            } else {
              stryCov_9fa48("665");
              const p = preds[k]!;
              found[p] = 1;
              if (stryMutAct_9fa48("668") ? through[p] === 1 && enter[p] === 1 || queued[p] === 0 : stryMutAct_9fa48("667") ? false : stryMutAct_9fa48("666") ? true : (stryCov_9fa48("666", "667", "668"), (stryMutAct_9fa48("670") ? through[p] === 1 || enter[p] === 1 : stryMutAct_9fa48("669") ? true : (stryCov_9fa48("669", "670"), (stryMutAct_9fa48("672") ? through[p] !== 1 : stryMutAct_9fa48("671") ? true : (stryCov_9fa48("671", "672"), through[p] === 1)) && (stryMutAct_9fa48("674") ? enter[p] !== 1 : stryMutAct_9fa48("673") ? true : (stryCov_9fa48("673", "674"), enter[p] === 1)))) && (stryMutAct_9fa48("676") ? queued[p] !== 0 : stryMutAct_9fa48("675") ? true : (stryCov_9fa48("675", "676"), queued[p] === 0)))) {
                if (stryMutAct_9fa48("677")) {
                  {}
                } else {
                  stryCov_9fa48("677");
                  queued[p] = 1;
                  queue[stryMutAct_9fa48("678") ? tail-- : (stryCov_9fa48("678"), tail++)] = p;
                }
              }
            }
          }
        }
      }
      return found;
    }
  }
  private adjacencyHash(adj: Adjacent): number {
    if (stryMutAct_9fa48("679")) {
      {}
    } else {
      stryCov_9fa48("679");
      let h = adj.to.length | 0;
      for (let i = 0; stryMutAct_9fa48("682") ? i >= adj.to.length : stryMutAct_9fa48("681") ? i <= adj.to.length : stryMutAct_9fa48("680") ? false : (stryCov_9fa48("680", "681", "682"), i < adj.to.length); stryMutAct_9fa48("683") ? i-- : (stryCov_9fa48("683"), i++)) {
        if (stryMutAct_9fa48("684")) {
          {}
        } else {
          stryCov_9fa48("684");
          h = Math.imul(h ^ adj.to[i]!, 0x01000193);
          h = Math.imul(h ^ this.objectId(adj.conns[i]!), 0x01000193);
        }
      }
      return h;
    }
  }

  /** Index of a node object of this analysis (workloads first, then ranges). */
  private get nodeIndex(): (n: Node) => number {
    if (stryMutAct_9fa48("685")) {
      {}
    } else {
      stryCov_9fa48("685");
      if (stryMutAct_9fa48("688") ? false : stryMutAct_9fa48("687") ? true : stryMutAct_9fa48("686") ? this.nodeIndexCache : (stryCov_9fa48("686", "687", "688"), !this.nodeIndexCache)) {
        if (stryMutAct_9fa48("689")) {
          {}
        } else {
          stryCov_9fa48("689");
          const W = this.workloads.length;
          const byRange = new Map(this.externals.map(stryMutAct_9fa48("690") ? () => undefined : (stryCov_9fa48("690"), (r, i) => stryMutAct_9fa48("691") ? [] : (stryCov_9fa48("691"), [r, stryMutAct_9fa48("692") ? W - i : (stryCov_9fa48("692"), W + i)]))));
          this.nodeIndexCache = stryMutAct_9fa48("693") ? () => undefined : (stryCov_9fa48("693"), n => (stryMutAct_9fa48("696") ? n.kind !== "workload" : stryMutAct_9fa48("695") ? false : stryMutAct_9fa48("694") ? true : (stryCov_9fa48("694", "695", "696"), n.kind === (stryMutAct_9fa48("697") ? "" : (stryCov_9fa48("697"), "workload")))) ? this.byId.get(n.id)! : byRange.get(n.range)!);
        }
      }
      return this.nodeIndexCache;
    }
  }
  lines(): string[] {
    if (stryMutAct_9fa48("698")) {
      {}
    } else {
      stryCov_9fa48("698");
      const name = stryMutAct_9fa48("699") ? () => undefined : (stryCov_9fa48("699"), (() => {
        const name = (n: Node): string => (stryMutAct_9fa48("702") ? n.kind !== "workload" : stryMutAct_9fa48("701") ? false : stryMutAct_9fa48("700") ? true : (stryCov_9fa48("700", "701", "702"), n.kind === (stryMutAct_9fa48("703") ? "" : (stryCov_9fa48("703"), "workload")))) ? n.id : n.range.id;
        return name;
      })());
      const out: string[] = stryMutAct_9fa48("704") ? ["Stryker was here"] : (stryCov_9fa48("704"), []);
      this.forEachEdge(stryMutAct_9fa48("705") ? () => undefined : (stryCov_9fa48("705"), (src, dst, conns) => out.push(stryMutAct_9fa48("706") ? `` : (stryCov_9fa48("706"), `${name(src)} => ${name(dst)} : ${conns.toString()}`))));
      return stryMutAct_9fa48("707") ? out : (stryCov_9fa48("707"), out.sort());
    }
  }
  explain(src: Peer, dst: Peer, query?: {
    protocol: Protocol;
    port: number;
  }): Explanation {
    if (stryMutAct_9fa48("708")) {
      {}
    } else {
      stryCov_9fa48("708");
      const a = this.resolve(src);
      const b = this.resolve(dst);
      // Path reports explain the same hops again and again (chains share their first hops).
      const key = stryMutAct_9fa48("709") ? `` : (stryCov_9fa48("709"), `${a.id}\u0000${b.id}\u0000${query ? stryMutAct_9fa48("710") ? `` : (stryCov_9fa48("710"), `${query.protocol}/${query.port}`) : stryMutAct_9fa48("711") ? "Stryker was here!" : (stryCov_9fa48("711"), "")}`);
      let hit = this.explained.get(key);
      if (stryMutAct_9fa48("714") ? false : stryMutAct_9fa48("713") ? true : stryMutAct_9fa48("712") ? hit : (stryCov_9fa48("712", "713", "714"), !hit)) this.explained.set(key, hit = this.explainResolved(a, b, query));
      return hit;
    }
  }
  private explainResolved(a: Resolved, b: Resolved, query?: {
    protocol: Protocol;
    port: number;
  }): Explanation {
    if (stryMutAct_9fa48("715")) {
      {}
    } else {
      stryCov_9fa48("715");
      const eng = this.engine;
      const parts: ClassExplanation[] = stryMutAct_9fa48("716") ? ["Stryker was here"] : (stryCov_9fa48("716"), []);
      if (stryMutAct_9fa48("719") ? false : stryMutAct_9fa48("718") ? true : stryMutAct_9fa48("717") ? a.kind === "range" && b.kind === "range" : (stryCov_9fa48("717", "718", "719"), !(stryMutAct_9fa48("722") ? a.kind === "range" || b.kind === "range" : stryMutAct_9fa48("721") ? false : stryMutAct_9fa48("720") ? true : (stryCov_9fa48("720", "721", "722"), (stryMutAct_9fa48("724") ? a.kind !== "range" : stryMutAct_9fa48("723") ? true : (stryCov_9fa48("723", "724"), a.kind === (stryMutAct_9fa48("725") ? "" : (stryCov_9fa48("725"), "range")))) && (stryMutAct_9fa48("727") ? b.kind !== "range" : stryMutAct_9fa48("726") ? true : (stryCov_9fa48("726", "727"), b.kind === (stryMutAct_9fa48("728") ? "" : (stryCov_9fa48("728"), "range")))))))) {
        if (stryMutAct_9fa48("729")) {
          {}
        } else {
          stryCov_9fa48("729");
          const label = (r: Resolved, e: Endpoint): string => {
            if (stryMutAct_9fa48("730")) {
              {}
            } else {
              stryCov_9fa48("730");
              if (stryMutAct_9fa48("733") ? e.kind !== "range" : stryMutAct_9fa48("732") ? false : stryMutAct_9fa48("731") ? true : (stryCov_9fa48("731", "732", "733"), e.kind === (stryMutAct_9fa48("734") ? "" : (stryCov_9fa48("734"), "range")))) return r.id;
              const c = eng.classes.classes[e.index]!;
              return stryMutAct_9fa48("735") ? `` : (stryCov_9fa48("735"), `pods labelled {${Object.entries(c.labels).map(stryMutAct_9fa48("736") ? () => undefined : (stryCov_9fa48("736"), ([k, v]) => stryMutAct_9fa48("737") ? `` : (stryCov_9fa48("737"), `${k}=${v}`))).join(stryMutAct_9fa48("738") ? "" : (stryCov_9fa48("738"), ","))}}`);
            }
          };
          for (const s of this.endpoints(a)) for (const d of this.endpoints(b)) {
            if (stryMutAct_9fa48("739")) {
              {}
            } else {
              stryCov_9fa48("739");
              const egress: SideTrace | undefined = (stryMutAct_9fa48("742") ? s.kind !== "class" : stryMutAct_9fa48("741") ? false : stryMutAct_9fa48("740") ? true : (stryCov_9fa48("740", "741", "742"), s.kind === (stryMutAct_9fa48("743") ? "" : (stryCov_9fa48("743"), "class")))) ? stryMutAct_9fa48("744") ? {} : (stryCov_9fa48("744"), {
                direction: stryMutAct_9fa48("745") ? "" : (stryCov_9fa48("745"), "egress"),
                tiers: stryMutAct_9fa48("746") ? ["Stryker was here"] : (stryCov_9fa48("746"), []),
                allowed: ConnSet.all
              }) : undefined;
              const ingress: SideTrace | undefined = (stryMutAct_9fa48("749") ? d.kind !== "class" : stryMutAct_9fa48("748") ? false : stryMutAct_9fa48("747") ? true : (stryCov_9fa48("747", "748", "749"), d.kind === (stryMutAct_9fa48("750") ? "" : (stryCov_9fa48("750"), "class")))) ? stryMutAct_9fa48("751") ? {} : (stryCov_9fa48("751"), {
                direction: stryMutAct_9fa48("752") ? "" : (stryCov_9fa48("752"), "ingress"),
                tiers: stryMutAct_9fa48("753") ? ["Stryker was here"] : (stryCov_9fa48("753"), []),
                allowed: ConnSet.all
              }) : undefined;
              if (stryMutAct_9fa48("756") ? egress || s.kind === "class" : stryMutAct_9fa48("755") ? false : stryMutAct_9fa48("754") ? true : (stryCov_9fa48("754", "755", "756"), egress && (stryMutAct_9fa48("758") ? s.kind !== "class" : stryMutAct_9fa48("757") ? true : (stryCov_9fa48("757", "758"), s.kind === (stryMutAct_9fa48("759") ? "" : (stryCov_9fa48("759"), "class")))))) eng.side(stryMutAct_9fa48("760") ? "" : (stryCov_9fa48("760"), "egress"), s.index, d, egress);
              if (stryMutAct_9fa48("763") ? ingress || d.kind === "class" : stryMutAct_9fa48("762") ? false : stryMutAct_9fa48("761") ? true : (stryCov_9fa48("761", "762", "763"), ingress && (stryMutAct_9fa48("765") ? d.kind !== "class" : stryMutAct_9fa48("764") ? true : (stryCov_9fa48("764", "765"), d.kind === (stryMutAct_9fa48("766") ? "" : (stryCov_9fa48("766"), "class")))))) eng.side(stryMutAct_9fa48("767") ? "" : (stryCov_9fa48("767"), "ingress"), d.index, s, ingress);
              let istio: IstioTrace | undefined;
              if (stryMutAct_9fa48("770") ? d.kind !== "class" : stryMutAct_9fa48("769") ? false : stryMutAct_9fa48("768") ? true : (stryCov_9fa48("768", "769", "770"), d.kind === (stryMutAct_9fa48("771") ? "" : (stryCov_9fa48("771"), "class")))) {
                if (stryMutAct_9fa48("772")) {
                  {}
                } else {
                  stryCov_9fa48("772");
                  const info = eng.istioApplies(d.index);
                  istio = stryMutAct_9fa48("773") ? {} : (stryCov_9fa48("773"), {
                    enabled: stryMutAct_9fa48("776") ? this.layers.istio === "off" : stryMutAct_9fa48("775") ? false : stryMutAct_9fa48("774") ? true : (stryCov_9fa48("774", "775", "776"), this.layers.istio !== (stryMutAct_9fa48("777") ? "" : (stryCov_9fa48("777"), "off"))),
                    meshed: info.meshed,
                    modes: stryMutAct_9fa48("778") ? ["Stryker was here"] : (stryCov_9fa48("778"), []),
                    hits: stryMutAct_9fa48("779") ? ["Stryker was here"] : (stryCov_9fa48("779"), []),
                    allowPoliciesApply: info.allowPoliciesApply,
                    allowed: ConnSet.all
                  });
                  eng.istio(s, d.index, istio);
                }
              }
              parts.push(stryMutAct_9fa48("780") ? {} : (stryCov_9fa48("780"), {
                srcPods: label(a, s),
                dstPods: label(b, d),
                ...(egress ? stryMutAct_9fa48("781") ? {} : (stryCov_9fa48("781"), {
                  egress
                }) : {}),
                ...(ingress ? stryMutAct_9fa48("782") ? {} : (stryCov_9fa48("782"), {
                  ingress
                }) : {}),
                ...(istio ? stryMutAct_9fa48("783") ? {} : (stryCov_9fa48("783"), {
                  istio
                }) : {}),
                allowed: eng.pair(s, d)
              }));
            }
          }
        }
      }
      const allowed = parts.reduce(stryMutAct_9fa48("784") ? () => undefined : (stryCov_9fa48("784"), (acc, p) => acc.union(p.allowed)), ConnSet.empty);
      return stryMutAct_9fa48("785") ? {} : (stryCov_9fa48("785"), {
        src: a.id,
        dst: b.id,
        ...(query ? stryMutAct_9fa48("786") ? {} : (stryCov_9fa48("786"), {
          query,
          verdict: allowed.has(query.protocol, query.port)
        }) : {}),
        layers: this.layers,
        allowed,
        parts
      });
    }
  }
}