/**
 * The class-level connectivity engine. Every policy rule is compiled once to
 * (peer classes as a bitset, peer external ranges as a bitset, ports); each
 * pod class gets the ordered rule lists that apply to it per direction and
 * tier. A (source, destination) verdict is then a short walk over those lists
 * with O(1) peer tests, and the set of candidate pairs is pruned with
 * bitsets, so the work follows the allowed relation rather than pods squared.
 */
import type { IpRange } from "../../model/cidr";
import { Bitset, BitsetSlab } from "./bitset";
import { Int32Store } from "./int32-store";
import { innerMap } from "./inner-map";
import { invertLists } from "./invert-lists";
import { RangeAtoms } from "./range-atoms";
import { type CompiledRule, NO_RULES, PolicyCompiler, type SideRules, type Tier } from "./policy-compiler";
import { HASH_SEED, hashInts, hashStep, sameElements } from "./int-hash";
import { ClassIndex, type PodClass } from "./classes";
import { ConnSet } from "./connset";
import { AddressSpace } from "./externals";
import type {
  AdminAction,
  AuthorizationPolicy,
  AuthzOperation,
  AuthzRule,
  AuthzSource,
  Cluster,
  MtlsMode,
  PeerAuthentication,
  PolicyRef,
  PortSpec,
} from "./model";
import { matchPattern } from "./parse";
import { matches } from "./selector";

export interface LayerSelection {
  adminNetworkPolicy: boolean;
  networkPolicy: boolean;
  baselineAdminNetworkPolicy: boolean;
  istio: "full" | "denyOnly" | "off";
}

export const ALL_LAYERS: LayerSelection = Object.freeze({
  adminNetworkPolicy: true,
  networkPolicy: true,
  baselineAdminNetworkPolicy: true,
  istio: "full",
});

/** A class or an external range: the unit the engine reasons about. */
export type Endpoint = { readonly kind: "class"; readonly index: number } | { readonly kind: "range"; readonly index: number };

export type { Tier } from "./policy-compiler";

/** A node of the trie of rule lists by shape: the id of the list that ends here (-1: none yet). */
interface ListNode {
  id: number;
  readonly next: Map<number, ListNode>;
}

export interface RuleHit {
  readonly tier: Tier;
  readonly policy: PolicyRef;
  readonly rule: string;
  readonly action: AdminAction;
  /** The connections this rule decided (first match wins in admin tiers). */
  readonly decided: ConnSet;
}

export interface TierTrace {
  readonly tier: Tier;
  readonly enabled: boolean;
  /** Whether any policy of this tier selects the subject pod in this direction. */
  readonly selects: boolean;
  readonly hits: RuleHit[];
  /** Connections this tier allowed, denied, and handed to the next tier. */
  allowed: ConnSet;
  denied: ConnSet;
  passed: ConnSet;
}

export interface SideTrace {
  readonly direction: "egress" | "ingress";
  readonly tiers: TierTrace[];
  allowed: ConnSet;
}

export interface IstioHit {
  readonly policy: PolicyRef;
  readonly rule: number;
  readonly action: "ALLOW" | "DENY";
  readonly ports: ConnSet;
}

export interface IstioTrace {
  readonly enabled: boolean;
  readonly meshed: boolean;
  /** Per distinct mTLS mode on the destination's ports. */
  readonly modes: { mode: MtlsMode; ports: ConnSet; caller: "mtls" | "plaintext"; refused: boolean }[];
  readonly hits: IstioHit[];
  readonly allowPoliciesApply: boolean;
  allowed: ConnSet;
}

const TCP = ConnSet.protocol("TCP");

function resolvePorts(spec: PortSpec, fixed: ConnSet, dst: PodClass | undefined, tier: Tier): ConnSet {
  if (spec === "all") return ConnSet.all;
  let out = fixed;
  if (!dst) return out;
  for (const item of spec) {
    if (item.kind !== "named") continue;
    for (const np of dst.namedPorts) {
      if (np.name !== item.name) continue;
      // NetworkPolicy names carry a protocol (default TCP); AdminNetworkPolicy's namedPort takes the container's.
      if (tier === "NetworkPolicy" && item.protocol !== undefined && item.protocol !== np.protocol) continue;
      out = out.union(ConnSet.ports(np.protocol, np.port));
    }
  }
  return out;
}

/** A verdict per range atom (see Engine.rangeVerdicts). */
export interface RangeVerdicts {
  readonly atoms: RangeAtoms;
  readonly conns: readonly ConnSet[];
}

interface Applicable {
  readonly rules: readonly CompiledRule[];
  /** No tier has anything to say: everything passes. */
  readonly open: boolean;
  /** Some rule names ports, resolved on the destination (the peer for egress, the subject for ingress). */
  readonly named: boolean;
  /**
   * Subjects whose rules have the same shapes in the same order (and the same
   * NetworkPolicy isolation) in one direction share this id. Given which
   * rules match the peer (the mask) and the destination's named ports, a
   * verdict depends on nothing but those shapes, so such subjects share one
   * memo even when their rules name different peers.
   */
  readonly listId: number;
}

export class Engine {
  readonly classes: ClassIndex;
  readonly space: AddressSpace;
  private readonly ingress: SideRules;
  private readonly egress: SideRules;
  /** Istio verdicts per destination class, keyed by the caller's identity (see callerKey). */
  private readonly istioCache: (Map<number, ConnSet> | undefined)[] = [];
  private readonly callerIds = new Map<string, number>();
  /**
   * Memoised one-side verdicts, per direction and rule list (subjects under
   * the same rules share one), keyed by which of the rules match the peer and,
   * when rules name ports, the named-port profile of the destination. The
   * verdict depends on nothing else, so one evaluation serves every such
   * (subject, peer). See verdictId.
   */
  private readonly memos: Record<"ingress" | "egress", (ListMemo | undefined)[]> = { ingress: [], egress: [] };
  /** Rule lists by their shapes (see Applicable.listId), as tries keyed by shape. */
  private readonly isolatedLists: ListNode = { id: -1, next: new Map() };
  private readonly openLists: ListNode = { id: -1, next: new Map() };
  private listCount = 0;
  private readonly applicableCache: Record<"ingress" | "egress", (Applicable | undefined)[]> = { ingress: [], egress: [] };
  private readonly policies: PolicyCompiler;
  /** Candidate rows: one per source class, so allocated in bulk. */
  private readonly classSlab: BitsetSlab;

  constructor(
    readonly cluster: Cluster,
    readonly layers: LayerSelection = ALL_LAYERS,
  ) {
    const shared = sharedIndexes(cluster);
    this.classes = shared.classes;
    this.space = shared.space;
    this.classSlab = new BitsetSlab(this.classes.size);
    this.policies = shared.policies;
    this.ingress = shared.policies.side("ingress", layers);
    this.egress = shared.policies.side("egress", layers);
  }

  private static tierTrace(trace: SideTrace | undefined, tier: Tier, enabled: boolean, selects: boolean): TierTrace | undefined {
    if (!trace) return undefined;
    const t: TierTrace = { tier, enabled, selects, hits: [], allowed: ConnSet.empty, denied: ConnSet.empty, passed: ConnSet.empty };
    trace.tiers.push(t);
    return t;
  }

  private static peerMatches(rule: CompiledRule, peer: Endpoint): boolean {
    if (peer.kind === "class") return rule.classes === undefined || rule.classes.has(peer.index);
    return rule.ranges === undefined || rule.ranges.has(peer.index);
  }

  /**
   * What `subject` lets through in one direction, tier by tier. `peer` is the
   * other end; named ports resolve on the destination (the subject for
   * ingress, the peer for egress).
   */
  side(direction: "ingress" | "egress", subject: number, peer: Endpoint, trace?: SideTrace): ConnSet {
    const rules = direction === "ingress" ? this.ingress : this.egress;
    // Fast path: no tier has anything to say about this pod in this direction.
    if (!trace && rules.anp[subject]!.length === 0 && !rules.npIsolated[subject]! && rules.banp[subject]!.length === 0) return ConnSet.all;
    const dstClass = direction === "ingress" ? this.classes.classes[subject] : peer.kind === "class" ? this.classes.classes[peer.index] : undefined;
    let allowed = ConnSet.empty;
    let undecided = ConnSet.all;
    const tierTrace = Engine.tierTrace;

    // AdminNetworkPolicy: first match by priority, then rule order; Pass hands over to NetworkPolicy.
    const anp = rules.anp[subject]!;
    const anpT = tierTrace(trace, "AdminNetworkPolicy", this.layers.adminNetworkPolicy, anp.length > 0);
    let passed = ConnSet.empty;
    for (const rule of anp) {
      if (undecided.isEmpty()) break;
      if (!Engine.peerMatches(rule, peer)) continue;
      const m = undecided.intersect(resolvePorts(rule.ports, rule.fixed, dstClass, rule.tier));
      if (m.isEmpty()) continue;
      if (rule.action === "Allow") allowed = allowed.union(m);
      else if (rule.action === "Pass") passed = passed.union(m);
      undecided = undecided.subtract(m);
      anpT?.hits.push({ tier: rule.tier, policy: rule.policy, rule: rule.label, action: rule.action, decided: m });
    }
    if (anpT) {
      anpT.allowed = allowed;
      anpT.passed = undecided.union(passed);
      anpT.denied = ConnSet.all.subtract(allowed).subtract(anpT.passed);
    }
    undecided = undecided.union(passed);

    // NetworkPolicy: an isolated pod gets exactly the union of its rules; otherwise on to the baseline.
    const npT = tierTrace(trace, "NetworkPolicy", this.layers.networkPolicy, rules.npIsolated[subject]!);
    if (rules.npIsolated[subject]!) {
      let npAllowed = ConnSet.empty;
      for (const rule of rules.np[subject]!) {
        if (!Engine.peerMatches(rule, peer)) continue;
        const m = undecided.intersect(resolvePorts(rule.ports, rule.fixed, dstClass, rule.tier));
        if (!m.isEmpty() && npT) npT.hits.push({ tier: rule.tier, policy: rule.policy, rule: rule.label, action: "Allow", decided: m });
        npAllowed = npAllowed.union(m);
      }
      if (npT) {
        npT.allowed = npAllowed;
        npT.denied = undecided.subtract(npAllowed);
      }
      allowed = allowed.union(npAllowed);
      undecided = ConnSet.empty;
    } else if (npT) npT.passed = undecided;

    // BaselineAdminNetworkPolicy: first match; whatever no tier decided is allowed.
    const banp = rules.banp[subject]!;
    const banpT = tierTrace(trace, "BaselineAdminNetworkPolicy", this.layers.baselineAdminNetworkPolicy, banp.length > 0);
    const before = allowed;
    for (const rule of banp) {
      if (undecided.isEmpty()) break;
      if (!Engine.peerMatches(rule, peer)) continue;
      const m = undecided.intersect(resolvePorts(rule.ports, rule.fixed, dstClass, rule.tier));
      if (m.isEmpty()) continue;
      if (rule.action === "Allow") allowed = allowed.union(m);
      undecided = undecided.subtract(m);
      banpT?.hits.push({ tier: rule.tier, policy: rule.policy, rule: rule.label, action: rule.action, decided: m });
    }
    if (banpT) {
      banpT.passed = undecided;
      banpT.allowed = allowed.subtract(before);
      banpT.denied = banpT.hits.filter((h) => h.action === "Deny").reduce((a, h) => a.union(h.decided), ConnSet.empty);
    }
    allowed = allowed.union(undecided);
    if (trace) trace.allowed = allowed;
    return allowed;
  }

  /** Whether the pair can be non-empty at all (cheap bitset test). */
  private candidate(src: Endpoint, dst: Endpoint): boolean {
    if (src.kind === "class") {
      const e = this.egress;
      if (!e.reachAll[src.index]! && (dst.kind === "range" || !inReach(e.reachParts[src.index]!, dst.index))) {
        // Egress-isolated and no class rule names dst; ranges are checked in side().
        if (dst.kind === "class") return false;
      }
    }
    if (dst.kind === "class" && src.kind === "class") {
      const i = this.ingress;
      if (!i.reachAll[dst.index]! && !inReach(i.reachParts[dst.index]!, src.index)) return false;
    }
    return true;
  }

  /** The connections src may open to dst (at least one end is a class). */
  pair(src: Endpoint, dst: Endpoint): ConnSet {
    if (src.kind === "range" && dst.kind === "range") return ConnSet.empty;
    if (!this.candidate(src, dst)) return ConnSet.empty;
    const out = src.kind === "class" ? this.verdict("egress", src.index, dst) : ConnSet.all;
    if (dst.kind !== "class" || out.isEmpty()) return out;
    const both = this.meet(out, this.verdict("ingress", dst.index, src));
    if (both.isEmpty()) return both;
    return this.meet(both, this.istio(src, dst.index));
  }

  /** The rules that can decide for a subject in one direction, in evaluation order. */
  private applicable(direction: "ingress" | "egress", subject: number): Applicable {
    const cache = this.applicableCache[direction];
    let a = cache[subject];
    if (!a) {
      const side = direction === "ingress" ? this.ingress : this.egress;
      const isolated = side.npIsolated[subject]!;
      const anp = side.anp[subject]!;
      const np = isolated ? side.np[subject]! : NO_RULES;
      const banp = side.banp[subject]!;
      // Subjects with the same three lists (shared objects, see RuleLists) and isolation share one answer.
      const byAnp = this.applicableByLists[direction][isolated ? 1 : 0]!;
      const byBanp = innerMap(innerMap(byAnp, anp), np);
      a = byBanp.get(banp);
      if (a === undefined) {
        a = this.makeApplicable(isolated, anp, np, banp);
        byBanp.set(banp, a);
      }
      cache[subject] = a;
    }
    return a;
  }
  private readonly applicableByLists: Record<"ingress" | "egress", Map<readonly CompiledRule[], Map<readonly CompiledRule[], Map<readonly CompiledRule[], Applicable>>>[]> = {
    ingress: [new Map(), new Map()],
    egress: [new Map(), new Map()],
  };

  private makeApplicable(isolated: boolean, anp: readonly CompiledRule[], np: readonly CompiledRule[], banp: readonly CompiledRule[]): Applicable {
    // The tier lists are never changed once compiled, so a subject with one non-empty list reads it as it is.
    const rules = anp.length + banp.length === 0 ? np : np.length + banp.length === 0 ? anp : [...anp, ...np, ...banp];
    const open = rules.length === 0 && !isolated;
    let named = false;
    // The list's id: a path down a trie of rule shapes, one trie per isolation (ids in order of first use).
    let node = isolated ? this.isolatedLists : this.openLists;
    for (const r of rules) {
      if (r.named) named = true;
      let next = node.next.get(r.shape);
      if (next === undefined) node.next.set(r.shape, (next = { id: -1, next: new Map() }));
      node = next;
    }
    if (node.id < 0) node.id = this.listCount++;
    return { rules, open, named, listId: node.id };
  }

  /** side() without a trace, memoised by the set of the subject's rules that match the peer. */
  verdict(direction: "ingress" | "egress", subject: number, peer: Endpoint): ConnSet {
    return this.sets[this.verdictId(direction, subject, peer.kind === "class", peer.index)]!;
  }

  /**
   * verdict() as an interned id, with the peer as (is it a class, its index),
   * so the hot loops allocate nothing and compare small integers. The memo is
   * per rule list (subjects under the same policies share it) and peer kind:
   * a table indexed by the mask of matching rules, or a map for long lists.
   */
  private verdictId(direction: "ingress" | "egress", subject: number, peerIsClass: boolean, p: number): number {
    const { rules, open, named } = this.applicable(direction, subject);
    if (open) return ALL_ID;
    const peer = (): Endpoint => ({ kind: peerIsClass ? "class" : "range", index: p });
    // A mask needs one bit per rule; subjects with more rules are evaluated directly.
    if (rules.length > 30) return this.idOf(this.side(direction, subject, peer()));
    let mask = 0;
    const word = p >>> 5;
    const bit = 1 << (p & 31);
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i]!;
      const b = peerIsClass ? r.classes : r.ranges;
      if (b === undefined || (b.words[word]! & bit) !== 0) mask |= 1 << i;
    }
    // Named ports resolve on the destination: the peer for egress (when it is a class), the subject for ingress.
    const namedOn = !named ? -1 : direction === "ingress" ? subject : peerIsClass ? p : -1;
    const t = this.memoTable(direction, subject, peerIsClass, namedOn);
    let v = t instanceof Int32Array ? t[mask]! : (t.get(mask) ?? -1);
    if (v < 0) {
      v = this.idOf(this.side(direction, subject, peer()));
      if (t instanceof Int32Array) t[mask] = v;
      else t.set(mask, v);
    }
    return v;
  }

  /** The memo verdictId() reads for this subject's rule list, peer kind and (when rules name ports) destination's port profile. */
  private memoTable(direction: "ingress" | "egress", subject: number, peerIsClass: boolean, namedOn: number): MemoTable {
    const { rules, listId } = this.applicable(direction, subject);
    const lm = (this.memos[direction][listId] ??= {});
    if (namedOn >= 0) {
      const perProfile = peerIsClass ? (lm.namedClass ??= []) : (lm.namedRange ??= []);
      return (perProfile[this.classes.classes[namedOn]!.portProfile] ??= this.newMemoTable(rules.length));
    }
    if (peerIsClass) return (lm.cls ??= this.newMemoTable(rules.length));
    return (lm.range ??= this.newMemoTable(rules.length));
  }

  /**
   * What row() needs of a class's rules in one direction toward class peers:
   * the peer sets' words in rule order (undefined: every class) and, when the
   * memo is a table, the table. Built once per class and direction.
   */
  private fastSide(direction: "ingress" | "egress", c: number): FastSide {
    const cache = this.fastCache[direction];
    let f = cache[c];
    if (!f) {
      const { rules, open, named } = this.applicable(direction, c);
      const tabled = !open && rules.length <= 12;
      // Ingress ports resolve on the subject itself, so its one table is known here; egress tables vary with the peer.
      const table = tabled && (!named || direction === "ingress") ? (this.memoTable(direction, c, true, named ? c : -1) as Int32Array) : undefined;
      // Classes selected by the same policies share their rule list, and so its peer sets' words.
      let words = this.wordsOfList.get(rules);
      if (words === undefined) this.wordsOfList.set(rules, (words = rules.map((r) => r.classes?.words)));
      cache[c] = f = { open, tabled, table, words };
    }
    return f;
  }
  private readonly fastCache: Record<"ingress" | "egress", (FastSide | undefined)[]> = { ingress: [], egress: [] };
  private readonly wordsOfList = new Map<readonly CompiledRule[], readonly (Uint32Array | undefined)[]>();

  /**
   * pair(class s, class d) for every d in `candidates` (default: s's egress
   * reach), keeping the non-empty ones in class order. The same verdicts as
   * pair(): the rule masks and memo tables of verdictId() read directly, the
   * per-source work (its rules, the caller's Istio identity) done once per
   * row, and no object allocated per pair. Verdicts are given as ids
   * (setOf() gives the set): a row is two integer arrays, which the garbage
   * collector never scans. With `transient`, both are views of scratch space,
   * valid until the next call.
   */
  row(s: number, candidates?: Bitset, transient = false): { readonly ds: Int32Array; readonly vs: Int32Array } {
    const cand = candidates ?? this.reachableClasses(s);
    // Given candidates are evaluated as they are: candidatesInto() already pruned them by both reaches, and the
    // reaches only prune (a destination outside either gets the empty verdict either way). The default, s's egress
    // reach, is pruned by ingress reach here.
    const pruneIngress = candidates === undefined;
    const profiles = this.classes.portProfiles;
    const ing = this.ingress;
    const src: Endpoint = { kind: "class", index: s };
    const srcClass = this.classes.classes[s]!;
    const callerKey = this.callerKey(src, srcClass);
    const out = this.fastSide("egress", s);
    const ingressSide = this.ingressFlat();
    const { start: inStart, sets: inSets, tableOf: inTableOf, tables: inTables, holds } = ingressSide;
    // holds[set] === stamp: the ingress peer set holds s.
    const stamp = ++ingressSide.stamp;
    {
      const { start: hStart, list: hList } = this.ingressHolders();
      for (let k = hStart[s]!, end = hStart[s + 1]!; k < end; k++) holds[hList[k]!] = stamp;
    }
    const istioOn = this.istioFlags();
    // Egress rules that name ports resolve them on the destination: one table per destination port profile.
    const outByProfile: (Int32Array | undefined)[] = [];
    // Destinations and verdict ids gather in scratch space reused by every row, then are copied at their final size.
    let n = 0;
    let ds = this.rowScratch.ds;
    let vs = this.rowScratch.vs;
    const words = cand.words;
    for (let w = 0; w < words.length; w++) {
      let word = words[w]!;
      while (word !== 0) {
        const low = word & -word;
        word ^= low;
        const d = (w << 5) + (31 - Math.clz32(low));
        // candidate(): d's ingress rules must be able to name s.
        if (pruneIngress && !ing.reachAll[d]! && !inReach(ing.reachParts[d]!, s)) continue;
        let o: number;
        if (out.open) o = ALL_ID;
        else if (out.tabled) {
          const mask = ruleMask(out.words, w, low);
          let t = out.table;
          if (t === undefined) {
            const profile = profiles[d]!;
            t = outByProfile[profile] ??= this.memoTable("egress", s, true, d) as Int32Array;
          }
          o = t[mask]!;
          if (o < 0) o = this.verdictId("egress", s, true, d);
        } else o = this.verdictId("egress", s, true, d);
        if (o === EMPTY_ID) continue;
        const td = inTableOf[d]!;
        let i: number;
        if (td === OPEN_SIDE) i = ALL_ID;
        else if (td >= 0) {
          let mask = 0;
          for (let k = inStart[d]!, end = inStart[d + 1]!, bit = 1; k < end; k++, bit <<= 1) {
            const set = inSets[k]!;
            if (set < 0 || holds[set] === stamp) mask |= bit;
          }
          i = inTables[td]![mask]!;
          if (i < 0) i = this.verdictId("ingress", d, true, s);
        } else i = this.verdictId("ingress", d, true, s);
        let both = this.meetId(o, i);
        if (both === EMPTY_ID) continue;
        if (istioOn[d] === 1) {
          both = this.meetId(both, this.idOf(this.istioFor(src, srcClass, callerKey, d)));
          if (both === EMPTY_ID) continue;
        }
        if (n === ds.length) {
          this.rowScratch = { ds: grow(ds), vs: grow(vs) };
          ({ ds, vs } = this.rowScratch);
        }
        ds[n] = d;
        vs[n++] = both;
      }
    }
    return transient ? { ds: ds.subarray(0, n), vs: vs.subarray(0, n) } : { ds: this.store.copy(ds, n), vs: this.store.copy(vs, n) };
  }

  /** Where kept rows, range atoms and memo tables live (see Int32Store). */
  readonly store = new Int32Store();

  /** An empty verdict memo for a list of this many rules: a table by rule mask, or a map for long lists. */
  private newMemoTable(rules: number): MemoTable {
    return rules <= 12 ? this.store.alloc(1 << rules).fill(-1) : new Map();
  }

  /** The interned set with this id (row() gives verdicts as ids). */
  setOf(id: number): ConnSet {
    return this.sets[id]!;
  }
  private rowScratch: { ds: Int32Array; vs: Int32Array } = { ds: new Int32Array(1024), vs: new Int32Array(1024) };

  /**
   * Interned sets: equal content, one object and one id (EMPTY_ID and ALL_ID
   * are ConnSet.empty and ConnSet.all), so the caches below key on small
   * integers and see few distinct operands.
   */
  private readonly sets: ConnSet[] = [ConnSet.empty, ConnSet.all];
  private readonly idByContent = new Map<string, number>();
  private readonly idByObject = new Map<ConnSet, number>([
    [ConnSet.empty, EMPTY_ID],
    [ConnSet.all, ALL_ID],
  ]);

  private idOf(c: ConnSet): number {
    let id = this.idByObject.get(c);
    if (id === undefined) {
      if (c.isEmpty()) id = EMPTY_ID;
      else if (c.isAll()) id = ALL_ID;
      else {
        const k = c.toString();
        id = this.idByContent.get(k);
        if (id === undefined) {
          this.idByContent.set(k, (id = this.sets.length));
          // Shared with every other analysis (see ConnSet.canonical): equal verdicts of two analyses compare as one object.
          this.sets.push(ConnSet.canonical(c, k));
        }
      }
      this.idByObject.set(c, id);
    }
    return id;
  }

  private intern(c: ConnSet): ConnSet {
    return this.sets[this.idOf(c)]!;
  }

  /**
   * Intersections by id, a <= b (intersection is commutative): a flat table
   * while both ids are small (clusters have tens of distinct verdicts, and
   * row() meets once or twice per pair), maps beyond.
   */
  private readonly meetTable = new Int32Array(MEET_TABLE * MEET_TABLE).fill(-1);
  private readonly meets: (Map<number, number> | undefined)[] = [];
  private meetId(a: number, b: number): number {
    if (a === b || b === ALL_ID || a === EMPTY_ID) return a;
    if (a === ALL_ID || b === EMPTY_ID) return b;
    if (a > b) [a, b] = [b, a];
    if (b < MEET_TABLE) {
      let r = this.meetTable[a * MEET_TABLE + b]!;
      if (r < 0) this.meetTable[a * MEET_TABLE + b] = r = this.idOf(this.sets[a]!.intersect(this.sets[b]!));
      return r;
    }
    const row = (this.meets[a] ??= new Map());
    let r = row.get(b);
    if (r === undefined) row.set(b, (r = this.idOf(this.sets[a]!.intersect(this.sets[b]!))));
    return r;
  }

  /** Intersection, cached by interned operands (verdicts are shared objects, so few distinct pairs occur). */
  meet(a: ConnSet, b: ConnSet): ConnSet {
    if (a === b || b === ConnSet.all || a.isEmpty()) return a;
    if (a === ConnSet.all || b.isEmpty()) return b;
    return this.sets[this.meetId(this.idOf(a), this.idOf(b))]!;
  }

  private readonly joins: (Map<number, number> | undefined)[] = [];
  /** Union, cached like meet() (workloads of several classes join the same verdicts again and again). */
  join(a: ConnSet, b: ConnSet): ConnSet {
    if (a === b || a === ConnSet.all || b.isEmpty()) return a;
    if (b === ConnSet.all || a.isEmpty()) return b;
    return this.sets[this.joinId(this.idOf(a), this.idOf(b))]!;
  }

  /** join() by interned ids. */
  joinId(a: number, b: number): number {
    if (a === b || a === ALL_ID || b === EMPTY_ID) return a;
    if (b === ALL_ID || a === EMPTY_ID) return b;
    if (a > b) [a, b] = [b, a];
    const row = (this.joins[a] ??= new Map());
    let r = row.get(b);
    if (r === undefined) row.set(b, (r = this.idOf(this.sets[a]!.union(this.sets[b]!))));
    return r;
  }

  private sourceRepsCache: Int32Array | undefined;
  /**
   * Per class, the lowest class with the same row (see row()): classes that
   * agree on everything row() reads of a source are one representative.
   * row() reads of the source only its egress rules (the same rules in the
   * same order, and NetworkPolicy isolation), which ingress rules' peer sets
   * hold it (they decide both the candidates and the ingress verdicts), and
   * what Istio sees of it (callerKey). Classes differ mostly in labels that no
   * policy names (a version, a pod-template hash), so several share a row:
   * at 4,379 classes, 1,600 representatives. The key is exact (no hash), so
   * two classes share a row only when every input of row() is equal.
   */
  sourceRepresentatives(): Int32Array {
    if (this.sourceRepsCache) return this.sourceRepsCache;
    const n = this.classes.size;
    const { start, list } = this.ingressHolders();
    const reps = new Int32Array(n);
    const classes = this.classes.classes;
    // Subjects with equal rule lists mostly share one Applicable (see applicable()); one that does not, though its
    // rules are equal, merely gets a row of its own.
    const egressIds = new Map<Applicable, number>();
    const egressId = new Int32Array(n);
    const caller = new Int32Array(n);
    // Classes by a hash of their key (isolation, egress rules, holders, caller), compared in full within a bucket.
    const byHash = new Map<number, number[]>();
    const sameKey = (a: number, b: number): boolean => {
      if (egressId[a] !== egressId[b] || caller[a] !== caller[b] || this.egress.npIsolated[a] !== this.egress.npIsolated[b]) return false;
      if (start[a + 1]! - start[a]! !== start[b + 1]! - start[b]!) return false;
      for (let i = start[a]!, j = start[b]!; i < start[a + 1]!; i++, j++) if (list[i] !== list[j]) return false;
      return true;
    };
    for (let s = 0; s < n; s++) {
      const egress = this.applicable("egress", s);
      let id = egressIds.get(egress);
      if (id === undefined) egressIds.set(egress, (id = egressIds.size));
      egressId[s] = id;
      caller[s] = this.callerKey({ kind: "class", index: s }, classes[s]!);
      const h = hashInts(list, hashStep(hashStep(hashStep(HASH_SEED, id), caller[s]!), this.egress.npIsolated[s]! ? 1 : 0), start[s]!, start[s + 1]!);
      const bucket = byHash.get(h);
      const rep = bucket?.find((r) => sameKey(r, s));
      if (rep !== undefined) reps[s] = rep;
      else {
        reps[s] = s;
        if (bucket) bucket.push(s);
        else byHash.set(h, [s]);
      }
    }
    return (this.sourceRepsCache = reps);
  }

  /**
   * Which distinct ingress peer sets hold each class, as compressed rows
   * (class c's set ids are list[start[c]] to list[start[c + 1] - 1]),
   * ascending; set ids follow first use over the classes' rule lists.
   */
  private ingressHolders(): IngressHolders {
    return (this.holdersCache ??= this.findIngressHolders());
  }
  private holdersCache: IngressHolders | undefined;
  private findIngressHolders(): IngressHolders {
    const n = this.classes.size;
    const ing = this.ingress;
    const sets = new Set<Bitset>();
    const note = (rules: readonly CompiledRule[]): void => {
      for (const r of rules) if (r.classes !== undefined) sets.add(r.classes);
    };
    for (let d = 0; d < n; d++) {
      note(ing.anp[d]!);
      note(ing.np[d]!);
      note(ing.banp[d]!);
    }
    // Set ids in order of first use (a Set iterates in insertion order).
    const start = new Int32Array(n + 1);
    for (const b of sets) b.forEach((c) => start[c + 1]!++);
    for (let c = 0; c < n; c++) start[c + 1]! += start[c]!;
    const fill = start.slice(0, n);
    const list = new Int32Array(start[n]!);
    const ids = new Map<Bitset, number>();
    for (const b of sets) {
      const id = ids.size;
      ids.set(b, id);
      b.forEach((c) => (list[fill[c]!++] = id));
    }
    return { start, list, ids };
  }

  /**
   * Every class's ingress side as row() reads it, in flat arrays: its rules'
   * peer sets as set ids (see ingressHolders; -1 for every class) and its
   * memo table. row() marks the sets holding its source once, so a
   * destination's rule mask reads a small array instead of each rule's peer
   * bitset at the source's word: at 15,000 workloads the rules' bitsets
   * (about 5,000 distinct, 2 KiB each) exceed the cache, and those scattered
   * reads were most of row()'s time.
   */
  private ingressFlat(): IngressFlat {
    if (this.ingressFlatCache) return this.ingressFlatCache;
    const n = this.classes.size;
    const { ids } = this.ingressHolders();
    const start = new Int32Array(n + 1);
    const tableOf = new Int32Array(n);
    const tables: Int32Array[] = [];
    const tableIds = new Map<Int32Array, number>();
    const sets: number[] = [];
    for (let d = 0; d < n; d++) {
      const f = this.fastSide("ingress", d);
      if (f.open) tableOf[d] = OPEN_SIDE;
      else if (!f.tabled) tableOf[d] = UNTABLED_SIDE;
      else {
        // fastSide's words are its rules' peer sets in rule order; ingressHolders numbers the same sets.
        for (const r of this.applicable("ingress", d).rules) sets.push(r.classes === undefined ? -1 : ingressSetId(ids, r.classes));
        const table = f.table!;
        let t = tableIds.get(table);
        if (t === undefined) tableIds.set(table, (t = tables.push(table) - 1));
        tableOf[d] = t;
      }
      start[d + 1] = sets.length;
    }
    return (this.ingressFlatCache = { start, sets: Int32Array.from(sets), tableOf, tables, holds: new Int32Array(ids.size), stamp: 0 });
  }
  private ingressFlatCache: IngressFlat | undefined;

  /** Per class, 1 where istio() can restrict traffic into it (istioRestricts() for row()'s loop: no class object read per pair). */
  private istioFlags(): Uint8Array {
    if (this.istioFlagCache === undefined) {
      const flags = new Uint8Array(this.classes.size);
      for (let c = 0; c < flags.length; c++) if (this.istioRestricts(c)) flags[c] = 1;
      this.istioFlagCache = flags;
    }
    return this.istioFlagCache;
  }
  private istioFlagCache: Uint8Array | undefined;

  /** Whether istio() can restrict anything into this class. */
  istioRestricts(dst: number): boolean {
    return this.layers.istio !== "off" && this.classes.classes[dst]!.meshed;
  }

  /** Destination classes a source class may reach, as a bitset (for iteration). */
  reachableClasses(src: number): Bitset {
    const e = this.egress;
    if (e.reachAll[src]!) return Bitset.full(this.classes.size);
    const out = this.classes.empty();
    for (const part of e.reachParts[src]!) out.or(part);
    return out;
  }

  /**
   * Per source class, the destination classes worth evaluating (see
   * candidatesInto); only the sources in `wanted` get a set, the others are
   * undefined.
   */
  candidateDestinations(wanted: (s: number) => boolean = () => true): (Bitset | undefined)[] {
    const out = new Array<Bitset | undefined>(this.classes.size).fill(undefined);
    for (let s = 0; s < out.length; s++) if (wanted(s)) out[s] = this.candidatesInto(s, this.classSlab.take());
    return out;
  }

  /**
   * The destination classes worth evaluating for source s, written into
   * `into` (returned): its egress reach AND the destinations whose ingress
   * reach names it. A destination's ingress reach is the union of some of its
   * rules' peer sets (SideRules.reachParts), so the destinations whose reach
   * holds s are those with a part among the few sets holding s
   * (ingressHolders): the set is filled from their destination lists, with
   * writes within one row. (Transposing every reach set at once, for every
   * source, wrote across all the sources' rows and cost several times more
   * at 15,000 workloads.)
   */
  candidatesInto(s: number, into: Bitset): Bitset {
    const { open, dStart, dList } = this.candidateIndex();
    const { start: hStart, list: hList } = this.ingressHolders();
    const words = into.words;
    words.set(open.words);
    for (let k = hStart[s]!, end = hStart[s + 1]!; k < end; k++) {
      const j = hList[k]!;
      for (let m = dStart[j]!, last = dStart[j + 1]!; m < last; m++) {
        const d = dList[m]!;
        words[d >>> 5]! |= 1 << (d & 31);
      }
    }
    return this.egress.reachAll[s]! ? into : andUnion(into, this.egress.reachParts[s]!);
  }

  /**
   * What candidatesInto reads: the destinations open to every class, and per
   * ingress peer set (ingressHolders' ids) the other destinations it is a
   * reach part of, in class order: dList[dStart[set]] to dList[dStart[set + 1] - 1].
   */
  private candidateIndex(): CandidateIndex {
    if (this.candidateIndexCache) return this.candidateIndexCache;
    const n = this.classes.size;
    const ing = this.ingress;
    const { ids } = this.ingressHolders();
    const open = this.classes.empty();
    // Per destination, the ids of its reach parts (ingress rules' peer sets, which ingressHolders numbers); none
    // for destinations open to every class.
    const partIds = Array.from({ length: n }, (_, d): readonly number[] => {
      if (!ing.reachAll[d]!) return ing.reachParts[d]!.map((part) => ingressSetId(ids, part));
      open.add(d);
      return [];
    });
    const { start: dStart, list: dList } = invertLists(ids.size, partIds);
    return (this.candidateIndexCache = { open, dStart, dList });
  }
  private candidateIndexCache: CandidateIndex | undefined;

  /**
   * The external ranges grouped by the verdict they must get for this class
   * in one direction: ranges that the class's rules (and, into a meshed
   * class, Istio's IP conditions) do not tell apart form one atom. Cached
   * per distinct rule list, since many classes share their policies.
   */
  rangeAtoms(cls: number, direction: "ingress" | "egress"): RangeAtoms {
    const { rules } = this.applicable(direction, cls);
    // Only the distinct non-empty range sets partition the ranges (rule order and repeats do not), so classes share atoms widely.
    const sets: number[] = [];
    const distinguishing: CompiledRule[] = [];
    for (const r of rules) {
      if (r.ranges === undefined) continue;
      const id = this.rangeSetId(r);
      if (id < 0 || sets.includes(id)) continue;
      sets.push(id);
      distinguishing.push(r);
    }
    const istio = direction === "ingress" && this.istioRestricts(cls);
    let key = istio ? "i" : "";
    for (const id of sets.sort((a, b) => a - b)) key += `,${id}`;
    let atoms = this.atomCache.get(key);
    if (!atoms) {
      const sets = distinguishing.map((r) => r.ranges!);
      const scratch = (): Int32Array => (this.maskScratch ??= new Int32Array(this.space.size));
      this.atomCache.set(key, (atoms = RangeAtoms.of(sets, this.space.size, this.store, istio ? this.istioRanges() : undefined, scratch)));
    }
    return atoms;
  }

  /**
   * The verdict of each atom of rangeAtoms(cls, direction): traffic from the
   * class to the atom's ranges (egress) or from them into the class
   * (ingress). A verdict toward a range depends on the rule shapes, which
   * rules hold the range (each rule's range set, in rule order) and, into a
   * class whose rules name ports, its named ports; so classes sharing those
   * share one evaluation (and their atoms), except where Istio can restrict
   * traffic into the class.
   */
  rangeVerdicts(cls: number, direction: "ingress" | "egress"): RangeVerdicts {
    const { rules, listId, named } = this.applicable(direction, cls);
    // The verdicts depend on the rules, NetworkPolicy isolation (a class isolated by a policy with no rules in
    // this direction has the same list as an open one) and, when rules name ports into this class, its port
    // profile; unless Istio can restrict traffic into it. Classes that share their rule list itself find them
    // without building a key.
    const shareable = direction === "egress" || !this.istioRestricts(cls);
    const profile = named && direction === "ingress" ? this.classes.classes[cls]!.portProfile : -1;
    const slot = (profile + 1) * 2 + (this.sideOf(direction).npIsolated[cls]! ? 1 : 0);
    let bySlot: (RangeVerdicts | undefined)[] | undefined;
    if (shareable) {
      const byList = this.rangeVerdictsByList[direction];
      bySlot = byList.get(rules);
      if (bySlot === undefined) byList.set(rules, (bySlot = []));
      const known = bySlot[slot];
      if (known) return known;
    }
    const found = this.rangeVerdictsByKey(cls, direction, rules, listId, profile, shareable);
    if (bySlot) bySlot[slot] = found;
    return found;
  }
  private sideOf(direction: "ingress" | "egress"): SideRules {
    return direction === "ingress" ? this.ingress : this.egress;
  }
  private readonly rangeVerdictsByList: Record<"ingress" | "egress", Map<readonly CompiledRule[], (RangeVerdicts | undefined)[]>> = { ingress: new Map(), egress: new Map() };

  private rangeVerdictsByKey(cls: number, direction: "ingress" | "egress", rules: readonly CompiledRule[], listId: number, profile: number, shareable: boolean): RangeVerdicts {
    // The key: list id, port profile, then each rule's range set id (-2: every range), since equal shapes and
    // atoms with the range sets swapped between rules give other verdicts. Found by its hash, then compared.
    let bucket: { readonly key: Int32Array; readonly verdicts: RangeVerdicts }[] | undefined;
    let key: Int32Array | undefined;
    if (shareable) {
      if (this.keyScratch.length < rules.length + 2) this.keyScratch = new Int32Array(2 * (rules.length + 2));
      key = this.keyScratch.subarray(0, rules.length + 2);
      key[0] = listId;
      key[1] = profile;
      for (let i = 0; i < rules.length; i++) key[i + 2] = rules[i]!.ranges === undefined ? -2 : this.rangeSetId(rules[i]!);
      const h = hashInts(key);
      const byHash = this.rangeVerdictCache[direction];
      bucket = byHash.get(h);
      if (bucket === undefined) byHash.set(h, (bucket = []));
      for (const known of bucket) if (sameElements(known.key, key)) return known.verdicts;
    }
    // On a miss only: a hit's key fixes the range sets, hence the atoms.
    const atoms = this.rangeAtoms(cls, direction);
    const me: Endpoint = { kind: "class", index: cls };
    const conns = Array.from(atoms.first, (x) => {
      const range: Endpoint = { kind: "range", index: x };
      return direction === "egress" ? this.pair(me, range) : this.pair(range, me);
    });
    const out = { atoms, conns };
    if (key !== undefined) bucket?.push({ key: key.slice(), verdicts: out });
    return out;
  }
  private readonly rangeVerdictCache: Record<"ingress" | "egress", Map<number, { readonly key: Int32Array; readonly verdicts: RangeVerdicts }[]>> = { ingress: new Map(), egress: new Map() };
  private keyScratch = new Int32Array(64);

  private readonly atomCache = new Map<string, RangeAtoms>();
  /** RangeAtoms.of's per-range masks, all zero between calls. */
  private maskScratch: Int32Array | undefined;
  /** Per rule: an id of its range set's content, -1 when it holds no range (the same for every analysis of the cluster). */
  private rangeSetId(r: CompiledRule): number {
    return this.policies.rangeSetId(r);
  }

  private istioRangeCache: Bitset | undefined;
  private istioRanges(): Bitset {
    if (!this.istioRangeCache) {
      const b = new Bitset(this.space.size);
      for (const ap of this.cluster.authorizationPolicies)
        for (const r of ap.rules) for (const src of r.from ?? []) for (const x of [...(src.ipBlocks ?? []), ...(src.notIpBlocks ?? [])]) this.space.within(x, b);
      this.istioRangeCache = b;
    }
    return this.istioRangeCache;
  }

  // ---------------------------------------------------------------- Istio

  private mtlsModes(dst: PodClass): { mode: MtlsMode; ports: ConnSet }[] {
    const root = this.cluster.istioRootNamespace;
    const pas = this.cluster.peerAuthentications;
    const pick = (list: PeerAuthentication[]): PeerAuthentication | undefined => list[0]; // sorted by name already
    const mesh = pick(pas.filter((p) => p.namespace === root && !p.selector));
    const nsWide = pick(pas.filter((p) => p.namespace === dst.namespace && !p.selector));
    const wl = pick(pas.filter((p) => p.namespace === dst.namespace && p.selector && matches(p.selector, dst.labels)));
    let base: MtlsMode = "PERMISSIVE";
    for (const p of [mesh, nsWide, wl]) if (p?.mode) base = p.mode;
    const out = new Map<MtlsMode, ConnSet>();
    let rest = TCP;
    for (const [port, mode] of wl?.portLevel ?? []) {
      const s = ConnSet.ports("TCP", port);
      out.set(mode, (out.get(mode) ?? ConnSet.empty).union(s));
      rest = rest.subtract(s);
    }
    out.set(base, (out.get(base) ?? ConnSet.empty).union(rest));
    return [...out.entries()].filter(([, p]) => !p.isEmpty()).map(([mode, ports]) => ({ mode, ports }));
  }

  private applicableAuthz(dst: PodClass): AuthorizationPolicy[] {
    const root = this.cluster.istioRootNamespace;
    return this.cluster.authorizationPolicies.filter(
      (p) => (p.namespace === dst.namespace || p.namespace === root) && (!p.selector || matches(p.selector, dst.labels)),
    );
  }

  /** TCP ports matched by one authorization rule for a caller; `forDeny` drops what L4 cannot decide. */
  private rulePorts(rule: AuthzRule, caller: Caller, forDeny: boolean): ConnSet {
    if (forDeny && rule.hasWhen) return ConnSet.empty;
    if (rule.from && rule.from.length > 0 && !rule.from.some((s) => this.sourceMatches(s, caller, forDeny))) return ConnSet.empty;
    if (!rule.to || rule.to.length === 0) return TCP;
    let out = ConnSet.empty;
    for (const op of rule.to) out = out.union(operationPorts(op, forDeny));
    return out;
  }

  private sourceMatches(s: AuthzSource, caller: Caller, forDeny: boolean): boolean {
    if (forDeny && s.requestLevel) return false;
    const id = caller.identity;
    if (s.principals && !(id && s.principals.some((p) => matchPattern(p, id.principal)))) return false;
    if (s.notPrincipals && id && s.notPrincipals.some((p) => matchPattern(p, id.principal))) return false;
    if (s.namespaces && !(id && s.namespaces.some((p) => matchPattern(p, id.namespace)))) return false;
    if (s.notNamespaces && id && s.notNamespaces.some((p) => matchPattern(p, id.namespace))) return false;
    // Pod addresses are outside every block (the same choice as for ipBlock); a range is wholly in or out.
    const inside = (blocks: readonly IpRange[]): boolean => {
      if (caller.range === undefined) return false;
      const r = this.space.span(caller.range);
      return blocks.some((b) => b.version === r.version && b.start <= r.start && r.end <= b.end);
    };
    if (s.ipBlocks && !inside(s.ipBlocks)) return false;
    if (s.notIpBlocks && inside(s.notIpBlocks)) return false;
    return true;
  }

  /** Istio's verdict for src -> dst; all of UDP and SCTP always pass (the sidecar handles TCP). */
  istio(src: Endpoint, dst: number, trace?: IstioTrace): ConnSet {
    const d = this.classes.classes[dst]!;
    if (this.layers.istio === "off" || !d.meshed) {
      if (trace) trace.allowed = ConnSet.all;
      return ConnSet.all;
    }
    const s = src.kind === "class" ? this.classes.classes[src.index]! : undefined;
    return this.istioFor(src, s, this.callerKey(src, s), dst, trace);
  }

  /** istio() with the caller's class and key already looked up (row() does it once per source). */
  private istioFor(src: Endpoint, s: PodClass | undefined, key: number, dst: number, trace?: IstioTrace): ConnSet {
    const d = this.classes.classes[dst]!;
    let cache = this.istioCache[dst];
    if (!cache) this.istioCache[dst] = cache = new Map();
    if (!trace) {
      const hit = cache.get(key);
      if (hit) return hit;
    }
    const full = this.layers.istio === "full";
    const policies = this.applicableAuthz(d);
    const allows = full ? policies.filter((p) => p.action === "ALLOW") : [];
    const denies = policies.filter((p) => p.action === "DENY");
    let tcp = ConnSet.empty;
    for (const { mode, ports } of full ? this.mtlsModes(d) : [{ mode: "PERMISSIVE" as MtlsMode, ports: TCP }]) {
      const mtls = s !== undefined && s.meshed && mode !== "DISABLE";
      const refused = full && mode === "STRICT" && !mtls;
      trace?.modes.push({ mode, ports, caller: mtls ? "mtls" : "plaintext", refused });
      if (refused) continue;
      const caller: Caller = {
        ...(mtls && s ? { identity: { principal: `${this.cluster.trustDomain}/ns/${s.namespace}/sa/${s.serviceAccount}`, namespace: s.namespace } } : {}),
        ...(src.kind === "range" ? { range: src.index } : {}),
      };
      let ok = allows.length > 0 ? ConnSet.empty : ports;
      for (const p of allows)
        for (const r of p.rules) {
          const m = ports.intersect(this.rulePorts(r, caller, false));
          if (m.isEmpty()) continue;
          ok = ok.union(m);
          trace?.hits.push({ policy: p.ref, rule: r.index, action: "ALLOW", ports: m });
        }
      for (const p of denies)
        for (const r of p.rules) {
          const m = ok.intersect(this.rulePorts(r, caller, true));
          if (m.isEmpty()) continue;
          ok = ok.subtract(m);
          trace?.hits.push({ policy: p.ref, rule: r.index, action: "DENY", ports: m });
        }
      tcp = tcp.union(ok);
    }
    const out = this.intern(ConnSet.all.subtract(TCP).union(tcp));
    cache.set(key, out);
    if (trace) trace.allowed = out;
    return out;
  }

  /** What Istio sees of a caller: its identity when meshed, else plaintext (0), or its external range (negative). */
  private callerKey(src: Endpoint, s: PodClass | undefined): number {
    if (!s) return -1 - src.index;
    if (!s.meshed) return 0;
    // JSON: a namespace or account with a slash (refused by the API server, possible in hand-written YAML) must not collide.
    const k = JSON.stringify([s.namespace, s.serviceAccount]);
    let id = this.callerIds.get(k);
    if (id === undefined) this.callerIds.set(k, (id = this.callerIds.size + 1));
    return id;
  }

  istioApplies(dst: number): { meshed: boolean; allowPoliciesApply: boolean } {
    const d = this.classes.classes[dst]!;
    return { meshed: d.meshed, allowPoliciesApply: this.applicableAuthz(d).some((p) => p.action === "ALLOW") };
  }
}

const EMPTY_ID = 0;
const ALL_ID = 1;
/** Verdict ids below this meet through a flat table (128² entries, 64 KiB). */
const MEET_TABLE = 128;

/** ingressHolders(): per class, the ids of the distinct ingress peer sets holding it (list[start[c]] to list[start[c + 1] - 1]). */
interface IngressHolders {
  readonly start: Int32Array;
  readonly list: Int32Array;
  readonly ids: ReadonlyMap<Bitset, number>;
}

/** Engine.ingressFlat(): class d's rules' set ids are sets[start[d]] to sets[start[d + 1] - 1]; tableOf[d] indexes tables, or is OPEN_SIDE or UNTABLED_SIDE. */
interface IngressFlat {
  readonly start: Int32Array;
  readonly sets: Int32Array;
  readonly tableOf: Int32Array;
  readonly tables: readonly Int32Array[];
  /** Scratch for row(): holds[set] equals the row's stamp when the set holds the row's source. */
  readonly holds: Int32Array;
  stamp: number;
}
/** Engine.candidateIndex(). */
interface CandidateIndex {
  readonly open: Bitset;
  readonly dStart: Int32Array;
  readonly dList: Int32Array;
}

/** tableOf values: no rule applies (every connection), or too many rules for a table (verdictId decides). */
const OPEN_SIDE = -1;
const UNTABLED_SIDE = -2;

/** Per class and direction: see Engine.fastSide. */
interface FastSide {
  readonly open: boolean;
  /** At most 12 rules: the memo is a table indexed by the rule mask. */
  readonly tabled: boolean;
  /** The table when it does not depend on the peer (always for ingress, for egress when no rule names ports). */
  readonly table: Int32Array | undefined;
  readonly words: readonly (Uint32Array | undefined)[];
}

/** Verdict ids by rule mask: a table for short rule lists, a map beyond 12 rules. */
type MemoTable = Int32Array | Map<number, number>;
interface ListMemo {
  cls?: MemoTable;
  range?: MemoTable;
  /** Per port profile of the class the named ports resolve on. */
  namedClass?: (MemoTable | undefined)[];
  namedRange?: (MemoTable | undefined)[];
}

/** verdictId()'s mask for a class peer at (word, bit): bit i set when rule i's peer set (undefined: every class) holds it. */
/**
 * The id ingressHolders gave an ingress rule's peer set. Every such set has
 * one; a set without one would silently read another set's membership, so it
 * fails instead.
 */
function ingressSetId(ids: ReadonlyMap<Bitset, number>, set: Bitset): number {
  const id = ids.get(set);
  if (id === undefined) throw new Error("an ingress peer set missing from ingressHolders");
  return id;
}

/** Whether the union of `parts` (a reach, see SideRules) holds class c. */
function inReach(parts: readonly Bitset[], c: number): boolean {
  for (let i = 0; i < parts.length; i++) if (parts[i]!.has(c)) return true;
  return false;
}

/** `into` AND the union of `parts`, without building the union (returns `into`). */
function andUnion(into: Bitset, parts: readonly Bitset[]): Bitset {
  if (parts.length === 1) return into.and(parts[0]!);
  const words = into.words;
  if (parts.length === 0) words.fill(0);
  else
    for (let w = 0; w < words.length; w++) {
      let u = 0;
      for (let i = 0; i < parts.length; i++) u |= parts[i]!.words[w]!;
      words[w]! &= u;
    }
  return into;
}

function ruleMask(words: readonly (Uint32Array | undefined)[], word: number, bit: number): number {
  let mask = 0;
  for (let i = 0; i < words.length; i++) {
    const b = words[i];
    if (b === undefined || (b[word]! & bit) !== 0) mask |= 1 << i;
  }
  return mask;
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}


interface Caller {
  readonly identity?: { principal: string; namespace: string };
  readonly range?: number;
}

function operationPorts(op: AuthzOperation, forDeny: boolean): ConnSet {
  if (forDeny && op.requestLevel) return ConnSet.empty;
  let out = TCP;
  if (op.ports) out = op.ports.reduce((a, p) => a.union(ConnSet.ports("TCP", p)), ConnSet.empty);
  if (op.notPorts) for (const p of op.notPorts) out = out.subtract(ConnSet.ports("TCP", p));
  return out;
}

/**
 * The class index, address space and compiled policies depend on the cluster
 * only, not on the layers analysed (the compiler keeps one set of rule lists
 * per choice of tiers): verification analyses one cluster four times
 * (combined and each layer alone), so they are built once per Cluster
 * object. All are immutable once built (ClassIndex.select and the compiler
 * cache results but never change a class or a compiled rule list), and a
 * Cluster is never mutated after buildCluster.
 */
interface SharedIndexes {
  readonly classes: ClassIndex;
  readonly space: AddressSpace;
  /** The policies compiled over the classes and ranges (per tier on first use). */
  readonly policies: PolicyCompiler;
}
const indexesByCluster = new WeakMap<Cluster, SharedIndexes>();
export function sharedIndexes(cluster: Cluster): SharedIndexes {
  let hit = indexesByCluster.get(cluster);
  if (!hit) {
    const classes = new ClassIndex(cluster);
    const space = new AddressSpace(mentionedRanges(cluster));
    indexesByCluster.set(cluster, (hit = { classes, space, policies: new PolicyCompiler(cluster, classes, space) }));
  }
  return hit;
}

/** Every address range any policy mentions: the cut points of the external space. */
function mentionedRanges(cluster: Cluster): IpRange[] {
  const out: IpRange[] = [];
  const rules = (xs: readonly { peers: unknown }[] | undefined): void => {
    for (const r of xs ?? []) {
      if (!Array.isArray(r.peers)) continue;
      for (const p of r.peers as Array<{ kind: string; block?: { cidr: IpRange; except: readonly IpRange[] }; ranges?: readonly IpRange[] }>) {
        if (p.block) out.push(p.block.cidr, ...p.block.except);
        if (p.ranges) out.push(...p.ranges);
      }
    }
  };
  for (const np of cluster.networkPolicies) {
    rules(np.ingress);
    rules(np.egress);
  }
  for (const p of [...cluster.adminPolicies, ...(cluster.baselinePolicy ? [cluster.baselinePolicy] : [])]) {
    rules(p.ingress);
    rules(p.egress);
  }
  for (const ap of cluster.authorizationPolicies)
    for (const r of ap.rules) for (const s of r.from ?? []) out.push(...(s.ipBlocks ?? []), ...(s.notIpBlocks ?? []));
  return out;
}
