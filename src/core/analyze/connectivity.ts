/**
 * The analyzer's answer for one cluster: workloads, the external ranges, and
 * the one-hop relation between them, queried pairwise or listed in full.
 * Workload results are unions over the workload's pod classes.
 */
import { parseIp } from "../../model";
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
    if (this.edgeCache) return this.edgeCache;
    const eng = this.engine;
    const C = eng.classes.size;
    // Class-level relation first, then lifted to workloads.
    const classOut: Map<number, ConnSet>[] = [];
    const candidates = eng.candidateDestinations();
    for (let s = 0; s < C; s++) {
      const m = new Map<number, ConnSet>();
      candidates[s]!.forEach((d) => {
        const c = eng.pair({ kind: "class", index: s }, { kind: "class", index: d });
        if (!c.isEmpty()) m.set(d, c);
      });
      classOut.push(m);
    }
    const wc = eng.classes.workloadClasses;
    const nodes: Node[] = this.workloads.map((w) => ({ kind: "workload", id: w.id }));
    const ext: Node[] = this.externals.map((range) => ({ kind: "external", range }));
    const workloadsOf = new Map<number, number[]>();
    wc.forEach((cs, w) =>
      cs.forEach((c) => {
        const list = workloadsOf.get(c);
        if (list) list.push(w);
        else workloadsOf.set(c, [w]);
      }),
    );
    const edges: Edge[] = [];
    for (let w = 0; w < this.workloads.length; w++) {
      const acc = new Map<number, ConnSet>();
      for (const s of wc[w]!)
        for (const [d, conns] of classOut[s]!)
          for (const w2 of workloadsOf.get(d) ?? []) if (w2 !== w) acc.set(w2, (acc.get(w2) ?? ConnSet.empty).union(conns));
      for (const [w2, conns] of acc) edges.push({ src: nodes[w]!, dst: nodes[w2]!, conns });
      const X = this.externals.length;
      const out: ConnSet[] = new Array<ConnSet>(X).fill(ConnSet.empty);
      const inn: ConnSet[] = new Array<ConnSet>(X).fill(ConnSet.empty);
      for (const c of wc[w]!) {
        const cls: Endpoint = { kind: "class", index: c };
        for (const [dir, acc] of [["egress", out], ["ingress", inn]] as const) {
          // Ranges this class's rules do not tell apart share one verdict.
          const significant = eng.significantRanges(c, dir);
          const verdict = (x: number): ConnSet =>
            dir === "egress" ? eng.pair(cls, { kind: "range", index: x }) : eng.pair({ kind: "range", index: x }, cls);
          let rest: ConnSet | undefined;
          for (let x = 0; x < X; x++) {
            let v: ConnSet;
            if (significant.has(x)) v = verdict(x);
            else v = rest ??= verdict(x);
            if (!v.isEmpty()) acc[x] = acc[x]!.union(v);
          }
        }
      }
      for (let x = 0; x < X; x++) {
        if (!out[x]!.isEmpty()) edges.push({ src: nodes[w]!, dst: ext[x]!, conns: out[x]! });
        if (!inn[x]!.isEmpty()) edges.push({ src: ext[x]!, dst: nodes[w]!, conns: inn[x]! });
      }
    }
    const key = (n: Node): string => (n.kind === "workload" ? n.id : n.range.id);
    const order = (e: Edge): [string, string] => [key(e.src), key(e.dst)];
    edges.sort((a, b) => {
      const [as, ad] = order(a);
      const [bs, bd] = order(b);
      return as < bs ? -1 : as > bs ? 1 : ad < bd ? -1 : ad > bd ? 1 : 0;
    });
    this.edgeCache = edges;
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
