/**
 * The analyzer's answer for one cluster: workloads, the external ranges, and
 * the one-hop relation between them, queried pairwise or listed in full.
 * Workload results are unions over the workload's pod classes.
 */
import { parseIp } from "../../model";
import type { Bitset } from "./bitset";
import { ConnSet, type Protocol } from "./connset";
import { ALL_LAYERS, type Endpoint, Engine, type IstioTrace, type LayerSelection, type SideTrace } from "./engine";
import type { ExternalRange } from "./externals";
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
  lines(): string[];
  explain(src: Peer, dst: Peer, query?: { protocol: Protocol; port: number }): Explanation;
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

export function analyze(cluster: Cluster, options: AnalyzeOptions = {}): Connectivity {
  return new ClusterConnectivity(cluster, options.layers ?? ALL_LAYERS);
}

interface ExternalVerdicts {
  /** Ranges with a verdict of their own, and those verdicts. */
  readonly significant: Bitset;
  readonly at: readonly number[];
  readonly conns: readonly ConnSet[];
  /** The verdict every other range shares. */
  readonly rest: ConnSet;
}

type Resolved = { kind: "workload"; index: number; id: string; classes: readonly number[] } | { kind: "range"; index: number; id: string };

class ClusterConnectivity implements Connectivity {
  readonly workloads: readonly Workload[];
  readonly externals: readonly ExternalRange[];
  private readonly engine: Engine;
  private readonly byId: Map<string, number>;
  private edgeCache: Edge[] | undefined;

  constructor(
    cluster: Cluster,
    private readonly layers: LayerSelection,
  ) {
    this.engine = new Engine(cluster, layers);
    const cls = this.engine.classes;
    this.workloads = cluster.workloads.map((w, i) => {
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
    this.externals = this.engine.space.ranges;
    this.byId = new Map(this.workloads.map((w, i) => [w.id, i]));
  }

  private resolve(p: Peer): Resolved {
    if (p.kind === "workload") {
      const i = this.byId.get(p.id);
      if (i === undefined) {
        const near = [...this.byId.keys()].filter((k) => k.includes(p.id) || p.id.includes(k.split("[")[0]!)).slice(0, 5);
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
    this.edgeCache ??= this.listEdges();
    return this.edgeCache;
  }

  /**
   * Every non-empty one-hop edge, sorted by (source id, destination id). The
   * class relation is evaluated only on candidate pairs, lifted to
   * workloads, and emitted in order, so no global sort is needed.
   */
  private listEdges(): Edge[] {
    const eng = this.engine;
    const W = this.workloads.length;
    const X = this.externals.length;
    const wc = eng.classes.workloadClasses;
    // Global order of node ids: workloads 0..W-1, externals W..W+X-1.
    const ids = [...this.workloads.map((w) => w.id), ...this.externals.map((r) => r.id)];
    const order = ids.map((_, i) => i).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
    const rank = new Int32Array(W + X);
    order.forEach((n, r) => (rank[n] = r));
    const nodes: Node[] = [...this.workloads.map((w): Node => ({ kind: "workload", id: w.id })), ...this.externals.map((range): Node => ({ kind: "external", range }))];

    // Class-level relation on candidate pairs only.
    const C = eng.classes.size;
    const candidates = eng.candidateDestinations();
    const classDst: number[][] = [];
    const classConns: ConnSet[][] = [];
    for (let s = 0; s < C; s++) {
      const ds: number[] = [];
      const cs: ConnSet[] = [];
      const src: Endpoint = { kind: "class", index: s };
      const dst: { kind: "class"; index: number } = { kind: "class", index: 0 };
      candidates[s]!.forEach((d) => {
        dst.index = d;
        const c = eng.pair(src, dst);
        if (!c.isEmpty()) {
          ds.push(d);
          cs.push(c);
        }
      });
      classDst.push(ds);
      classConns.push(cs);
    }
    const workloadsOf: number[][] = Array.from({ length: C }, () => []);
    wc.forEach((cs, w) => cs.forEach((c) => workloadsOf[c]!.push(w)));

    // External verdicts per class and direction: ranges a class's rules do not tell apart share one verdict (`rest`).
    const rangeEnds: Endpoint[] = this.externals.map((_, index) => ({ kind: "range", index }));
    const externalVerdicts = (c: number, dir: "egress" | "ingress"): ExternalVerdicts => {
      const cls: Endpoint = { kind: "class", index: c };
      const significant = eng.significantRanges(c, dir);
      const verdict = (x: number): ConnSet => (dir === "egress" ? eng.pair(cls, rangeEnds[x]!) : eng.pair(rangeEnds[x]!, cls));
      const at: number[] = [];
      const conns: ConnSet[] = [];
      significant.forEach((x) => {
        at.push(x);
        conns.push(verdict(x));
      });
      let rest = ConnSet.empty;
      for (let x = 0; x < X; x++)
        if (!significant.has(x)) {
          rest = verdict(x);
          break;
        }
      return { significant, at, conns, rest };
    };
    /** Calls fn(x, verdict) for every range with a non-empty verdict. */
    const eachExternal = (v: ExternalVerdicts, fn: (x: number, c: ConnSet) => void): void => {
      if (!v.rest.isEmpty()) for (let x = 0; x < X; x++) if (!v.significant.has(x)) fn(x, v.rest);
      for (let i = 0; i < v.at.length; i++) if (!v.conns[i]!.isEmpty()) fn(v.at[i]!, v.conns[i]!);
    };

    const outEdges: Edge[][] = new Array<Edge[]>(W);
    const inbound: Edge[][] = Array.from({ length: X }, () => []);
    const acc: (ConnSet | undefined)[] = new Array<ConnSet | undefined>(W + X);
    const touched: number[] = [];
    const add = (n: number, c: ConnSet): void => {
      const prev = acc[n];
      if (prev === undefined) {
        acc[n] = c;
        touched.push(n);
      } else acc[n] = prev.union(c);
    };
    const inAcc: (ConnSet | undefined)[] = new Array<ConnSet | undefined>(X);
    const inTouched: number[] = [];
    const addIn = (x: number, c: ConnSet): void => {
      const prev = inAcc[x];
      if (prev === undefined) {
        inAcc[x] = c;
        inTouched.push(x);
      } else inAcc[x] = prev.union(c);
    };
    const addOut = (x: number, c: ConnSet): void => add(W + x, c);
    for (let w = 0; w < W; w++) {
      for (const s of wc[w]!) {
        const ds = classDst[s]!;
        const cs = classConns[s]!;
        for (let i = 0; i < ds.length; i++) for (const w2 of workloadsOf[ds[i]!]!) if (w2 !== w) add(w2, cs[i]!);
        if (X > 0) {
          eachExternal(externalVerdicts(s, "egress"), addOut);
          eachExternal(externalVerdicts(s, "ingress"), addIn);
        }
      }
      touched.sort((a, b) => rank[a]! - rank[b]!);
      const list: Edge[] = new Array<Edge>(touched.length);
      for (let i = 0; i < touched.length; i++) {
        const n = touched[i]!;
        list[i] = { src: nodes[w]!, dst: nodes[n]!, conns: acc[n]! };
        acc[n] = undefined;
      }
      touched.length = 0;
      outEdges[w] = list;
      for (const x of inTouched) {
        inbound[x]!.push({ src: nodes[W + x]!, dst: nodes[w]!, conns: inAcc[x]! });
        inAcc[x] = undefined;
      }
      inTouched.length = 0;
    }
    // Workload ids sort like workload indices only if the cluster lists them so; sort each inbound list by rank to be safe.
    const edges: Edge[] = [];
    const indexOf = new Map<Node, number>(nodes.map((n, i) => [n, i]));
    for (const n of order) {
      if (n < W) for (const e of outEdges[n]!) edges.push(e);
      else {
        const list = inbound[n - W]!;
        list.sort((a, b) => rank[indexOf.get(a.dst)!]! - rank[indexOf.get(b.dst)!]!);
        for (const e of list) edges.push(e);
      }
    }
    return edges;
  }

  lines(): string[] {
    const name = (n: Node): string => (n.kind === "workload" ? n.id : n.range.id);
    return this.edges()
      .map((e) => `${name(e.src)} => ${name(e.dst)} : ${e.conns.toString()}`)
      .sort();
  }

  explain(src: Peer, dst: Peer, query?: { protocol: Protocol; port: number }): Explanation {
    const a = this.resolve(src);
    const b = this.resolve(dst);
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
