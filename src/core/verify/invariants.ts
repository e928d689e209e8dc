/**
 * The invariant checks, each on analysed manifests (never on intent alone):
 * what the cluster would enforce is what is proven.
 */
import type { ResolvedInvariant } from "../../model/resolved";
import type { Selector } from "../../model/schema";
import { ALL_LAYERS, type Cluster, ConnSet, type Edge, type LayerSelection, type Node } from "../analyze";
import { matches } from "../analyze/selector";
import { attributeRange, type Classification, type NodeInfo, selects } from "./classify";
import { type Hop, hopKey, shortestPaths } from "./paths";
import type { InvariantResult, LayerName, LayerResult, PathHop, PathViolation, Violation } from "./report";
import { type LayerView, nodeId } from "./view";

/** A hop that a declared, unexpired exception accounts for. */
export interface ExceptionHop {
  readonly from: string;
  readonly to: string;
  readonly id: string;
  readonly ticket: string;
  readonly expires: string;
  readonly owner: string;
}

export interface CheckContext {
  readonly classification: Classification;
  /** The combined view first, then one view per single layer. */
  readonly views: ReadonlyMap<LayerName, LayerView>;
  readonly exceptions: readonly ExceptionHop[];
  /** Replaces selector matching (jest matchers select explicit nodes). */
  readonly select?: (sel: Selector, node: NodeInfo) => boolean;
}

/**
 * A path as reported. Explaining a hop (which rules let it through) costs more
 * than finding the path, and a gate that only asks whether the invariant holds
 * never reads it (nor, with hundreds of paths, their hops): with `lazy` the hops
 * are built, and each hop's rules computed, on first read. A lazy path
 * keeps its view's analysis alive, so only views held anyway (the combined
 * layer's) are lazy; single-layer analyses are dropped after their search.
 */
function toPathViolation(view: LayerView, hops: readonly Hop<Edge>[], exceptions: ReadonlyMap<string, ExceptionHop>, lazy: boolean): PathViolation {
  const build = (): PathHop[] =>
    hops.map((h) => {
      const ex = exceptions.size > 0 ? exceptions.get(hopKey(h.from, h.to)) : undefined;
      let rules: readonly string[] | undefined = lazy ? undefined : view.rulesFor(h.from, h.to);
      return {
        from: h.from,
        to: h.to,
        connections: h.edge.conns.toDisplayString(),
        get rules() {
          return (rules ??= view.rulesFor(h.from, h.to));
        },
        ...(ex ? { exception: { id: ex.id, ticket: ex.ticket, expires: ex.expires, owner: ex.owner } } : {}),
      };
    });
  const from = hops[0]!.from;
  const to = hops[hops.length - 1]!.to;
  if (!lazy) return { kind: "path", from, to, hops: build() };
  let built: PathHop[] | undefined;
  return {
    kind: "path",
    from,
    to,
    get hops() {
      return (built ??= build());
    },
  };
}

/**
 * What a single layer can enforce at all. Istio sees only TCP into meshed
 * workloads (no sidecar, no policy; UDP and SCTP bypass the proxy);
 * AdminNetworkPolicy v1alpha1 has no ingress peers outside the cluster. A
 * layer's verdict is given within its scope, and the scope is reported.
 */
export const LAYER_SCOPES: Readonly<Record<LayerName, string>> = {
  combined: "every connection",
  networkpolicy: "every connection",
  istio: "TCP connections into meshed workloads",
  guardrails: "connections opened by workloads in the cluster",
};

/** Meshed workload ids per view, so the Istio scope test is a set lookup. */
const meshedIds = new WeakMap<LayerView, ReadonlySet<string>>();

function meshedSet(view: LayerView): ReadonlySet<string> {
  let meshed = meshedIds.get(view);
  if (!meshed) meshedIds.set(view, (meshed = new Set(view.conn.workloads.filter((w) => w.meshed).map((w) => w.id))));
  return meshed;
}

function inScope(layer: LayerName, view: LayerView, hop: Hop<Edge>): boolean {
  if (layer === "istio") return meshedSet(view).has(hop.to) && !hop.edge.conns.intersect(TCP).isEmpty();
  if (layer === "guardrails") return view.nodes.get(hop.from)?.kind === "workload";
  return true;
}

const TCP = ConnSet.protocol("TCP");

/** Layers whose every hop is in scope (see inScope): their searches need not look at hops one by one. */
const everyHopInScope = (layer: LayerName): boolean => layer === "combined" || layer === "networkpolicy";

/** The selector test of a check: the classification's, or a custom one (jest matchers select explicit nodes). */
interface Select {
  readonly fn: (sel: Selector, node: NodeInfo) => boolean;
  readonly custom: boolean;
}

function pathsInLayer(layer: LayerName, view: LayerView, select: Select, from: Selector, to: Selector, exceptions: ReadonlyMap<string, ExceptionHop>) {
  const sources: string[] = [];
  const targets = new Set<string>();
  const isSource = byNamespace(select, from);
  const isTarget = byNamespace(select, to);
  for (const node of view.nodes.values()) {
    if (isSource(node)) sources.push(node.id);
    if (node.kind === "workload" && isTarget(node)) targets.add(node.id);
  }
  // Hosts outside the cluster are not modelled one by one: a path may start at an external range, never pass through one.
  const transit = (n: string) => view.nodes.get(n)?.kind === "workload";
  const scoped = (h: Hop<Edge>) => inScope(layer, view, h);
  // The guardrails see connections opened by workloads: a hop from a range is out of their scope, and since a path
  // passes only through workloads, such a hop is a first hop from a range source. Searching from the workload
  // sources alone leaves every remaining hop in scope.
  const starts = layer === "guardrails" ? sources.filter(transit) : sources;
  const allInScope = everyHopInScope(layer) || layer === "guardrails";
  const search = (usable: (h: Hop<Edge>) => boolean, everyHop: boolean): Map<string, Hop<Edge>[]> => {
    // Fast path: the analysis searches its own relation and computes only the adjacency the search expands.
    // The graph search stays for views without reach(): the equivalence test checks both give the same paths.
    if (typeof view.conn.reach !== "function") return shortestPaths(view.graph, starts, (n) => targets.has(n), usable, transit);
    const asHop = (e: Edge): Hop<Edge> => ({ from: nodeId(e.src), to: nodeId(e.dst), edge: e });
    // Sources and targets by id: the analysis looks each up once instead of asking about every node.
    const { paths } = view.conn.reach(new Set(starts), {
      // transit() on the analysis's own nodes, whose kinds the view's nodes share.
      through: (n) => n.kind === "workload",
      ...(everyHop ? {} : { usable: (e: Edge) => usable(asHop(e)) }),
      // Istio's scope ends at meshed workloads: said per node, the search skips the rest outright.
      ...(layer === "istio" ? { enter: (n: Node) => n.kind === "workload" && meshedSet(view).has(n.id) } : {}),
      targets,
      untilTargets: true,
    });
    return new Map([...paths].map(([t, p]) => [t, p.map(asHop)]));
  };
  const strict = search((h) => scoped(h) && !exceptions.has(hopKey(h.from, h.to)), allInScope && exceptions.size === 0);
  // Without exceptions both searches use the same hops.
  const withExceptions = exceptions.size === 0 ? strict : search(scoped, allInScope);
  const lazy = layer === "combined";
  const violations = [...strict.values()].map((p) => toPathViolation(view, p, exceptions, lazy));
  const reported = [...withExceptions.entries()].filter(([t]) => !strict.has(t)).map(([, p]) => toPathViolation(view, p, exceptions, lazy));
  return { violations, reported, picked: { sources: sources.length, targets: targets.size } };
}

/**
 * select(sel, ·) for every node of a view, asked once per run of workloads in
 * one namespace: without `services`, a selector picks workloads by their
 * namespace alone (see selects()), and views list workloads namespace by
 * namespace. A custom select (jest matchers) is asked for every node.
 */
function byNamespace(select: Select, sel: Selector): (node: NodeInfo) => boolean {
  if (select.custom || sel.services) return (node) => select.fn(sel, node);
  let last: { readonly namespace: string; readonly selected: boolean } | undefined;
  return (node) => {
    if (node.kind !== "workload" || node.namespace === undefined) return select.fn(sel, node);
    if (last?.namespace !== node.namespace) last = { namespace: node.namespace, selected: select.fn(sel, node) };
    return last.selected;
  };
}

export function checkNoPath(inv: ResolvedInvariant & { kind: "noPath" }, ctx: CheckContext): InvariantResult {
  const exceptions = new Map(ctx.exceptions.map((e) => [hopKey(e.from, e.to), e]));
  const select: Select = ctx.select
    ? { fn: ctx.select, custom: true }
    : { fn: (sel: Selector, node: NodeInfo) => selects(ctx.classification, sel, node), custom: false };
  const layers: LayerResult[] = [];
  let combined: { violations: PathViolation[]; reported: PathViolation[] } = { violations: [], reported: [] };
  // What the selectors pick in the view that names the nodes (the combined one), for the note on empty selections.
  let picked: { readonly sources: number; readonly targets: number } | undefined;
  const anyView = ctx.views.get("combined") ?? [...ctx.views.values()][0];
  // Layers whose every hop is in scope search alike; when they share one analysis (a cluster with NetworkPolicies
  // alone analyses the NetworkPolicy layer as the combined one), the search is made once.
  const everyHopSearched = new Map<LayerView, ReturnType<typeof pathsInLayer>>();
  for (const [layer, view] of ctx.views) {
    const everyHop = everyHopInScope(layer);
    const r = (everyHop ? everyHopSearched.get(view) : undefined) ?? pathsInLayer(layer, view, select, inv.from, inv.to, exceptions);
    if (everyHop) everyHopSearched.set(view, r);
    if (layer === "combined") combined = r;
    if (view === anyView) picked ??= r.picked;
    layers.push({ layer, scope: LAYER_SCOPES[layer], status: r.violations.length === 0 ? "holds" : "fails", violations: r.violations });
  }
  // A selector that picks nothing makes "no path" trivially true: say so instead of claiming it holds.
  const empty = [
    ...((picked?.sources ?? 0) > 0 ? [] : [`nothing is selected by from (${describeSelector(inv.from)})`]),
    ...((picked?.targets ?? 0) > 0 ? [] : [`no workload is selected by to (${describeSelector(inv.to)})`]),
  ];
  const vacuous = empty.length > 0 && layers.every((l) => l.status === "holds");
  return {
    id: inv.id,
    kind: "noPath",
    title: inv.description ?? `no path from ${describeSelector(inv.from)} to ${describeSelector(inv.to)}`,
    // Defence in depth: the invariant fails when any single layer, within its scope, lets a path through.
    status: vacuous ? "not-applicable" : layers.every((l) => l.status === "holds") ? "holds" : "fails",
    ...(vacuous ? { notes: [...empty, "label namespaces with ztseg.dev/trust and ztseg.dev/sensitive, or pass --classification"] } : {}),
    violations: combined.violations,
    reported: combined.reported,
    layers,
  };
}

export function describeSelector(s: Selector): string {
  const parts: string[] = [];
  if (s.trust) parts.push(`trust ${s.trust.join("/")}`);
  if (s.sensitive !== undefined) parts.push(s.sensitive ? "sensitive zones" : "non-sensitive zones");
  if (s.dataClasses) parts.push(`zones holding ${s.dataClasses.join(", ")}`);
  if (s.zones) parts.push(`zones ${s.zones.join(", ")}`);
  if (s.services) parts.push(`services ${s.services.join(", ")}`);
  if (s.externals) parts.push(`externals ${s.externals.join(", ")}`);
  if (s.vendors) parts.push(`vendors ${s.vendors.join(", ")}`);
  return parts.join(" or ");
}

/**
 * Every pod isolated for ingress and egress by a NetworkPolicy: a pod is
 * isolated in a direction when a NetworkPolicy of its namespace selects it
 * and has rules for that direction (the analyzer's own normalisation), so
 * no connection needs to be traced.
 */
export function checkDefaultDeny(inv: ResolvedInvariant, view: LayerView, cluster: Cluster, layers: LayerSelection = ALL_LAYERS): InvariantResult {
  const byNamespace = new Map<string, Cluster["networkPolicies"][number][]>();
  for (const np of cluster.networkPolicies) {
    let list = byNamespace.get(np.namespace);
    if (!list) byNamespace.set(np.namespace, (list = []));
    list.push(np);
  }
  const isolated = (dir: "ingress" | "egress", namespace: string, labels: Readonly<Record<string, string>>) =>
    layers.networkPolicy && (byNamespace.get(namespace) ?? []).some((np) => np[dir] !== undefined && matches(np.podSelector, labels));
  const violations: Violation[] = [];
  for (const w of view.conn.workloads) {
    const missing = new Set<string>();
    for (const labels of w.podLabels) {
      if (!isolated("egress", w.namespace, labels)) missing.add("egress");
      if (!isolated("ingress", w.namespace, labels)) missing.add("ingress");
    }
    if (missing.size > 0) {
      violations.push({ kind: "item", subject: w.id, message: `not isolated for ${[...missing].sort().join(" and ")}: no NetworkPolicy selects it` });
    }
  }
  return itemResult(inv, "every pod is isolated for ingress and egress (default deny)", violations);
}

/**
 * mTLS for every meshed workload. A port may accept plaintext only where the
 * traffic cannot carry an identity anyway (callers outside the mesh, scoped
 * by ipBlocks); it fails when no ALLOW policy guards that port, or when an
 * identity-based rule (principals, namespaces or their negations) applies to
 * it: a plaintext caller has no identity, so a negated rule admits it
 * (Istio security bulletin 2021-004).
 */
export function checkMtlsStrict(inv: ResolvedInvariant, view: LayerView, cluster: Cluster): InvariantResult {
  const violations: Violation[] = [];
  const reported: string[] = [];
  for (const w of view.conn.workloads) {
    if (!w.meshed) continue;
    const ex = view.conn.explain({ kind: "workload", id: w.id }, { kind: "workload", id: w.id });
    let plaintext = ConnSet.empty;
    for (const part of ex.parts) for (const m of part.istio?.modes ?? []) if (m.mode !== "STRICT") plaintext = plaintext.union(m.ports.intersect(TCP));
    if (plaintext.isEmpty()) continue;
    const applying = cluster.authorizationPolicies.filter(
      (p) =>
        p.action === "ALLOW" &&
        (p.namespace === cluster.istioRootNamespace || p.namespace === w.namespace) &&
        (p.selector === undefined || w.podLabels.some((l) => matches(p.selector!, l))),
    );
    if (applying.length === 0) {
      violations.push({ kind: "item", subject: w.id, message: `accepts plaintext on ${plaintext.toDisplayString()} and no ALLOW policy guards it` });
      continue;
    }
    for (const p of applying) {
      for (const rule of p.rules) {
        const identity = rule.from?.some((s) => s.principals || s.notPrincipals || s.namespaces || s.notNamespaces) ?? false;
        if (!identity) continue;
        const ports = rule.to === undefined || rule.to.some((o) => o.ports === undefined) ? TCP : rule.to.reduce((acc, o) => (o.ports ?? []).reduce((a, n) => a.union(ConnSet.ports("TCP", n)), acc), ConnSet.empty);
        const overlap = ports.intersect(plaintext);
        if (!overlap.isEmpty()) {
          violations.push({ kind: "item", subject: w.id, message: `identity-based rule AuthorizationPolicy ${p.namespace}/${p.ref.name} rules[${rule.index}] applies to ${overlap.toDisplayString()}, where plaintext is accepted` });
        }
      }
    }
    reported.push(`${w.id}: plaintext on ${plaintext.toDisplayString()}, admitted only by address-scoped rules`);
  }
  const r = itemResult(inv, "mTLS STRICT for every meshed workload; plaintext only where no identity is relied on", violations);
  return { ...r, notes: reported };
}

/**
 * Sensitive zones open connections only inside the cluster and to declared
 * externals of trust internal or vendor; any other address (the public
 * internet, externals of trust "external", undeclared ranges) is internet
 * egress. Every workload's egress to an undeclared range also fails.
 */
export function checkNoInternetEgress(inv: ResolvedInvariant & { kind: "noInternetEgress" }, view: LayerView, c: Classification): InvariantResult {
  const violations: Violation[] = [];
  // A violation needs a workload in a zone (egress to an undeclared range) or an external of trust "external". A
  // dump with neither (no ztseg labels, no --classification) has none to find: the walk over every workload's hops
  // to ranges (tens of millions at L) is skipped.
  const managedAny = [...c.namespaces.values()].some((n) => n.zone !== undefined);
  if (!managedAny && !c.externals.some((e) => e.trust === "external")) return itemResult(inv, NO_INTERNET_EGRESS, violations);
  // Only workload -> range hops matter: the pairs of workloads are never evaluated for this check.
  // Every workload meets the same ranges, and each workload's hops come together: the range's owner is looked up
  // once per range and the workload's facts once per workload (a large cluster has millions of such hops).
  const owners = new Map<string, ReturnType<typeof attributeRange>>();
  let last: { id: string; src: NodeInfo; managed: boolean; selected: boolean | undefined } | undefined;
  view.conn.forEachEgressToRange((from, to, conns) => {
    if (from.kind !== "workload" || to.kind !== "external") return;
    if (last?.id !== from.id) {
      const src = view.nodes.get(from.id)!;
      last = { id: from.id, src, managed: src.namespace !== undefined && c.namespaces.get(src.namespace)?.zone !== undefined, selected: undefined };
    }
    const rangeId = to.range.id;
    let owner = owners.get(rangeId);
    if (owner === undefined && !owners.has(rangeId)) owners.set(rangeId, (owner = attributeRange(c, view.nodes.get(rangeId)!.range!)));
    const managed = last.managed;
    const src = last.src;
    if (!owner && managed) {
      violations.push({ kind: "item", subject: from.id, message: `egress to ${to.range.id} (${conns.toDisplayString()}), which no declared external covers` });
    } else if (owner?.trust === "external" && (last.selected ??= selects(c, inv.from, src))) {
      violations.push({ kind: "item", subject: from.id, message: `may reach ${to.range.id} (${conns.toDisplayString()}) of external "${owner.name}" (trust external)` });
    }
  });
  return itemResult(inv, NO_INTERNET_EGRESS, violations);
}

const NO_INTERNET_EGRESS = "no internet egress from sensitive zones; every zone's egress goes to declared externals";

function itemResult(inv: ResolvedInvariant, title: string, violations: Violation[]): InvariantResult {
  return { id: inv.id, kind: inv.kind, title, status: violations.length === 0 ? "holds" : "fails", violations, reported: [], layers: [] };
}
