/**
 * A cluster's policies compiled into rules over class and range sets, and
 * each class's ordered rule lists per direction and tier. What comes out
 * depends on the cluster and on which tiers are on, not on the analysis, so
 * it is built once per cluster (see sharedIndexes) and shared, read-only, by
 * every Engine of it: `ztseg verify` analyses one cluster under several
 * layer selections, and the combined and NetworkPolicy-only views compiled
 * the same thousands of NetworkPolicies each.
 */
import type { IpRange } from "../../model/cidr";
import { Bitset, BitsetSlab } from "./bitset";
import type { ClassIndex } from "./classes";
import { ConnSet } from "./connset";
import type { AddressSpace } from "./externals";
import { innerMap } from "./inner-map";
import { hashInts, sameElements } from "./int-hash";
import { ObjectIds } from "./object-ids";
import type { AdminAction, AdminPolicy, Cluster, IpBlock, PodGroupSelector, PolicyRef, PortSpec } from "./model";

export type Tier = "AdminNetworkPolicy" | "NetworkPolicy" | "BaselineAdminNetworkPolicy";

/** One compiled rule: who it matches and on which ports. */
export interface CompiledRule {
  /** Unique per cluster. */
  readonly id: number;
  /**
   * Equal for rules of the same tier, action and ports: what the engine reads
   * of a rule besides whether it matches the peer. Rule lists are memoised
   * by their rules' shapes.
   */
  readonly shape: number;
  readonly tier: Tier;
  readonly policy: PolicyRef;
  /** e.g. `ingress[0]` or `egress[2] "deny-all"`. */
  readonly label: string;
  readonly action: AdminAction;
  /** undefined: every class (and `anyRange` says whether every range too). Shared between rules (and reach parts): read-only. */
  readonly classes: Bitset | undefined;
  readonly ranges: Bitset | undefined;
  readonly ports: PortSpec;
  /** AdminNetworkPolicy namedPort ignores protocol; NetworkPolicy names carry one. */
  readonly fixed: ConnSet;
  /** Whether some port is named (resolved on the destination). */
  readonly named: boolean;
}

export const NO_RULES: readonly CompiledRule[] = [];

/** Per class, its rules of each tier in order, for one direction and one choice of tiers. Shared between engines: read-only. */
export interface SideRules {
  /** Lists are shared (a policy's rules serve every class it selects) and never changed. */
  readonly anp: readonly (readonly CompiledRule[])[];
  readonly np: readonly (readonly CompiledRule[])[];
  readonly npIsolated: readonly boolean[];
  readonly banp: readonly (readonly CompiledRule[])[];
  /**
   * Peers some rule could allow even when the pod is isolated, for pruning:
   * every class (reachAll), or the union of the rule peer sets in reachParts
   * (shared lists, read-only). The union is not built: the engine tests the
   * parts, or inverts them (ingress), or ANDs with them word by word (egress).
   */
  readonly reachAll: readonly boolean[];
  readonly reachParts: readonly (readonly Bitset[])[];
}

/** Which tiers an analysis evaluates (the policy tiers of a LayerSelection). */
export interface TierChoice {
  readonly adminNetworkPolicy: boolean;
  readonly networkPolicy: boolean;
  readonly baselineAdminNetworkPolicy: boolean;
}

type Direction = "ingress" | "egress";

/** One tier's lists per class, both directions; NetworkPolicy also marks the classes a policy isolates. */
interface TierLists {
  readonly ingress: readonly (readonly CompiledRule[])[];
  readonly egress: readonly (readonly CompiledRule[])[];
  readonly isolated?: { readonly ingress: readonly boolean[]; readonly egress: readonly boolean[] };
}

export class PolicyCompiler {
  /** Rule peer sets: a few per rule, so allocated in bulk. */
  private readonly classSlab: BitsetSlab;
  private readonly rangeSlab: BitsetSlab;
  private readonly noClasses: Bitset;
  private readonly noRanges: Bitset;
  private readonly none: readonly (readonly CompiledRule[])[];
  private readonly open: readonly boolean[];
  private ruleIds = 0;
  private readonly ruleLists = new RuleLists();
  private readonly tiers = new Map<Tier, TierLists>();
  private readonly sides = new Map<string, SideRules>();
  /** Reach by (isolation, ANP list, NetworkPolicy list): classes selected by the same policies share the lists themselves. */
  private readonly reachByLists = [new Map(), new Map()] as Map<readonly CompiledRule[], Map<readonly CompiledRule[], Reach>>[];

  constructor(
    private readonly cluster: Cluster,
    private readonly classes: ClassIndex,
    private readonly space: AddressSpace,
  ) {
    this.classSlab = new BitsetSlab(classes.size);
    this.rangeSlab = new BitsetSlab(space.size);
    this.noClasses = new Bitset(classes.size);
    this.noRanges = new Bitset(space.size);
    this.none = new Array<readonly CompiledRule[]>(classes.size).fill(NO_RULES);
    this.open = new Array<boolean>(classes.size).fill(false);
  }

  /** The rule lists of one direction under a choice of tiers (compiled on first use, then shared). */
  side(direction: Direction, tiers: TierChoice): SideRules {
    const key = `${direction} ${tiers.adminNetworkPolicy} ${tiers.networkPolicy} ${tiers.baselineAdminNetworkPolicy}`;
    let side = this.sides.get(key);
    if (side === undefined) {
      const np = tiers.networkPolicy ? this.tier("NetworkPolicy") : undefined;
      const anp = tiers.adminNetworkPolicy ? this.tier("AdminNetworkPolicy")[direction] : this.none;
      const banp = tiers.baselineAdminNetworkPolicy ? this.tier("BaselineAdminNetworkPolicy")[direction] : this.none;
      const npIsolated = np?.isolated?.[direction] ?? this.open;
      const lists = { anp, np: np ? np[direction] : this.none, npIsolated, banp };
      side = { ...lists, ...this.reach(lists) };
      this.sides.set(key, side);
    }
    return side;
  }

  private tier(tier: Tier): TierLists {
    let lists = this.tiers.get(tier);
    if (lists === undefined) {
      if (tier === "NetworkPolicy") lists = this.compileNetworkPolicies();
      else if (tier === "AdminNetworkPolicy") lists = this.compileAdmin(this.cluster.adminPolicies, tier);
      else lists = this.compileAdmin(this.cluster.baselinePolicy ? [this.cluster.baselinePolicy] : [], tier);
      this.tiers.set(tier, lists);
    }
    return lists;
  }

  /** Scratch for Bitset.members() while policies are compiled. */
  private memberScratch: Int32Array = new Int32Array(64);

  private emptyLists(): (readonly CompiledRule[])[] {
    return new Array<readonly CompiledRule[]>(this.classes.size).fill(NO_RULES);
  }

  private compileNetworkPolicies(): TierLists {
    const lists = { ingress: this.emptyLists(), egress: this.emptyLists() };
    const isolated = { ingress: new Array<boolean>(this.classes.size).fill(false), egress: new Array<boolean>(this.classes.size).fill(false) };
    for (const np of this.cluster.networkPolicies) {
      const selected = this.classes.select(np.podSelector, { name: np.namespace });
      for (const [dir, rules] of [["ingress", np.ingress], ["egress", np.egress]] as const) {
        if (rules === undefined) continue;
        const compiled = rules.map((rule, i): CompiledRule => {
          let classes: Bitset | undefined;
          let ranges: Bitset | undefined;
          if (rule.peers !== "any") {
            const selected: Bitset[] = [];
            const blocks: IpBlock[] = [];
            for (const peer of rule.peers) {
              if (peer.kind === "pods") {
                const ns = peer.namespaceSelector ? { selector: peer.namespaceSelector } : { name: np.namespace };
                selected.push(this.classes.select(peer.podSelector, ns));
              } else if (peer.kind === "ipBlock") blocks.push(peer.block);
            }
            classes = this.unionOf(selected);
            ranges = this.noRanges;
            if (blocks.length > 0) {
              ranges = this.rangeSlab.take();
              for (const b of blocks) this.addRanges(ranges, [b.cidr], b.except);
            }
          }
          const shape = this.shapeOf("NetworkPolicy", "Allow", rule.ports);
          return { id: this.ruleIds++, shape, tier: "NetworkPolicy", policy: np.ref, label: `${dir}[${i}]`, action: "Allow", classes, ranges, ports: rule.ports, fixed: fixedPorts(rule.ports), named: namesPorts(rule.ports) };
        });
        const { list, count } = selected.members(this.memberScratch);
        this.memberScratch = list;
        for (let k = 0; k < count; k++) {
          isolated[dir][list[k]!] = true;
          this.ruleLists.append(lists[dir], list[k]!, compiled);
        }
      }
    }
    return { ...lists, isolated };
  }

  private compileAdmin(policies: readonly AdminPolicy[], tier: Tier): TierLists {
    const out = { ingress: this.emptyLists(), egress: this.emptyLists() };
    for (const p of policies) {
      const subject = this.groupClasses(p.subject);
      for (const dir of ["ingress", "egress"] as const) {
        const compiled = p[dir].map((rule): CompiledRule => {
          const selected: Bitset[] = [];
          let ranges = this.noRanges;
          for (const peer of rule.peers) {
            if (peer.kind === "pods") selected.push(this.groupClasses(peer.select));
            else if (peer.kind === "networks") {
              if (ranges === this.noRanges) ranges = this.rangeSlab.take();
              this.addRanges(ranges, peer.ranges);
            }
          }
          const classes = this.unionOf(selected);
          const label = `${dir}[${rule.index}]${rule.name ? ` "${rule.name}"` : ""}`;
          const shape = this.shapeOf(tier, rule.action, rule.ports);
          return { id: this.ruleIds++, shape, tier, policy: p.ref, label, action: rule.action, classes, ranges, ports: rule.ports, fixed: fixedPorts(rule.ports), named: namesPorts(rule.ports) };
        });
        const { list, count } = subject.members(this.memberScratch);
        this.memberScratch = list;
        for (let k = 0; k < count; k++) this.ruleLists.append(out[dir], list[k]!, compiled);
      }
    }
    return out;
  }

  private groupClasses(g: PodGroupSelector): Bitset {
    return this.classes.select(g.podSelector, { selector: g.namespaceSelector });
  }

  /** Adds the ranges inside `ranges` and outside `except` to `into`. */
  private addRanges(into: Bitset, ranges: readonly IpRange[], except: readonly IpRange[] = []): void {
    if (except.length === 0) {
      for (const r of ranges) this.space.within(r, into);
      return;
    }
    // Scratch sets, cleared after use: a pair of fresh typed arrays per rule with `except` was most of this.
    const b = (this.inScratch ??= new Bitset(this.space.size));
    const ex = (this.exceptScratch ??= new Bitset(this.space.size));
    for (const r of ranges) this.space.within(r, b);
    for (const r of except) this.space.within(r, ex);
    into.or(b.andNot(ex));
    b.words.fill(0);
    ex.words.fill(0);
  }
  private inScratch: Bitset | undefined;
  private exceptScratch: Bitset | undefined;

  /** Shape ids by the ports' key, then by tier and action (see TIER_ACTION). */
  private readonly shapes = new Map<string, number[]>();
  private shapeCount = 0;
  private shapeOf(tier: Tier, action: AdminAction, ports: PortSpec): number {
    const pk = portsKey(ports);
    let byTierAction = this.shapes.get(pk);
    if (byTierAction === undefined) this.shapes.set(pk, (byTierAction = []));
    const i = TIER_ACTION[tier][action];
    return (byTierAction[i] ??= this.shapeCount++);
  }

  /**
   * Rule peer sets are read-only once built, so equal ones are
   * one object: a single selector's cached set, or a union built once per
   * distinct list of operands. At thousands of classes a fresh set each
   * (a few KiB apiece) was most of the engine's construction time.
   */
  private unionOf(sets: readonly Bitset[]): Bitset {
    if (sets.length === 0) return this.noClasses;
    if (sets.length === 1) return sets[0]!;
    let key = "";
    for (const b of sets) key += `${this.setIds.of(b)},`;
    let u = this.unions.get(key);
    if (!u) {
      u = this.classSlab.take();
      for (const b of sets) u.or(b);
      this.unions.set(key, u);
    }
    return u;
  }
  private readonly unions = new Map<string, Bitset>();
  private readonly setIds = new ObjectIds<Bitset>();

  /**
   * An id of the rule's range set by content, -1 when it holds no range:
   * rules of different policies naming the same blocks get one id. Found by
   * a hash of the words, then compared word by word.
   */
  rangeSetId(r: CompiledRule): number {
    let id = this.rangeSetIds.get(r);
    if (id === undefined) {
      const b = r.ranges!;
      if (b.isEmpty()) id = -1;
      else {
        const words = b.words;
        const h = hashInts(words);
        let bucket = this.rangeSetsByHash.get(h);
        if (bucket === undefined) this.rangeSetsByHash.set(h, (bucket = []));
        id = bucket.find((known) => sameElements(known.words, words))?.id;
        if (id === undefined) bucket.push({ words, id: (id = this.rangeSetCount++) });
      }
      this.rangeSetIds.set(r, id);
    }
    return id;
  }
  private readonly rangeSetIds = new Map<CompiledRule, number>();
  private readonly rangeSetsByHash = new Map<number, { readonly words: Uint32Array; readonly id: number }[]>();
  private rangeSetCount = 0;

  private reach(side: Pick<SideRules, "anp" | "np" | "npIsolated">): Pick<SideRules, "reachAll" | "reachParts"> {
    const reachAll: boolean[] = [];
    const reachParts: (readonly Bitset[])[] = [];
    const parts: Bitset[] = [];
    for (let c = 0; c < this.classes.size; c++) {
      const isolated = side.npIsolated[c]!;
      const anp = side.anp[c]!;
      const np = isolated ? side.np[c]! : NO_RULES;
      // Isolation is part of the key: an isolated class with no NetworkPolicy rules and an open one share their lists.
      const inner = innerMap(this.reachByLists[isolated ? 1 : 0]!, anp);
      let known = inner.get(np);
      if (known === undefined) {
        let all = !isolated;
        parts.length = 0;
        // Two passes rather than one over a spread of both lists: no array per class.
        if (addReach(anp, parts)) all = true;
        if (isolated && addReach(np, parts)) all = true;
        inner.set(np, (known = { all, parts: parts.length === 0 ? NO_PARTS : [...parts] }));
      }
      reachAll.push(known.all);
      reachParts.push(known.parts);
    }
    return { reachAll, reachParts };
  }
}

/** A reach: every class, or the union of the rule peer sets in parts. */
interface Reach {
  readonly all: boolean;
  readonly parts: readonly Bitset[];
}
const NO_PARTS: readonly Bitset[] = [];

/** Adds the peer sets of the rules that can allow to `parts` (each once); true when one of them names every class. */
function addReach(rules: readonly CompiledRule[], parts: Bitset[]): boolean {
  let all = false;
  for (const r of rules) {
    if (r.action === "Deny") continue;
    if (r.classes === undefined) all = true;
    else if (!parts.includes(r.classes)) parts.push(r.classes);
  }
  return all;
}

/**
 * Rule lists made by appending, shared: classes selected by the same policies
 * in the same order get the same list object (see append), which is what
 * lets the engine's caches find a class's work by its lists' identity.
 */
class RuleLists {
  private readonly joined = new Map<readonly CompiledRule[], Map<readonly CompiledRule[], readonly CompiledRule[]>>();
  private readonly owned = new WeakSet<readonly CompiledRule[]>();

  /**
   * Adds rules after a class's list: the added list itself when the class had
   * none; else the one list for that pair of lists. Past LONG_LIST rules a
   * class takes a copy of its own and extends it in place, so a class that
   * very many policies select is not copied again for each.
   */
  append(lists: (readonly CompiledRule[])[], c: number, rules: readonly CompiledRule[]): void {
    const list = lists[c]!;
    if (list.length === 0) lists[c] = rules;
    else if (this.owned.has(list)) (list as CompiledRule[]).push(...rules);
    else if (list.length + rules.length > LONG_LIST) {
      const copy = [...list, ...rules];
      this.owned.add(copy);
      lists[c] = copy;
    } else {
      const after = innerMap(this.joined, list);
      let both = after.get(rules);
      if (both === undefined) after.set(rules, (both = [...list, ...rules]));
      lists[c] = both;
    }
  }
}

/** Rule lists longer than this are no longer shared while they are built (see RuleLists.append). */
const LONG_LIST = 64;

/** A small number per (tier, action), indexing shapeOf's tables. */
const TIER_ACTION: Readonly<Record<Tier, Readonly<Record<AdminAction, number>>>> = {
  AdminNetworkPolicy: { Allow: 0, Deny: 1, Pass: 2 },
  NetworkPolicy: { Allow: 3, Deny: 4, Pass: 5 },
  BaselineAdminNetworkPolicy: { Allow: 6, Deny: 7, Pass: 8 },
};

/** Keys of port lists by object: the cluster's port lists are compiled again by every analysis of it. */
const portsKeys = new WeakMap<object, string>();

/** What a rule's ports say, as text: equal for equal port lists. */
function portsKey(spec: PortSpec): string {
  if (spec === "all") return "*";
  let key = portsKeys.get(spec);
  if (key === undefined) {
    key = "";
    for (const p of spec) key += p.kind === "range" ? ` ${p.protocol}:${p.from}-${p.to}` : ` ${p.protocol ?? ""}:${JSON.stringify(p.name)}`;
    portsKeys.set(spec, key);
  }
  return key;
}

function namesPorts(spec: PortSpec): boolean {
  return spec !== "all" && spec.some((p) => p.kind === "named");
}

function fixedPorts(spec: PortSpec): ConnSet {
  if (spec === "all") return ConnSet.all;
  let out = ConnSet.empty;
  for (const item of spec) if (item.kind === "range") out = out.union(ConnSet.ports(item.protocol, item.from, item.to));
  return out;
}
