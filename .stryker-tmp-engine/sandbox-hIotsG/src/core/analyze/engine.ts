/**
 * The class-level connectivity engine. Every policy rule is compiled once to
 * (peer classes as a bitset, peer external ranges as a bitset, ports); each
 * pod class gets the ordered rule lists that apply to it per direction and
 * tier. A (source, destination) verdict is then a short walk over those lists
 * with O(1) peer tests, and the set of candidate pairs is pruned with
 * bitsets, so the work follows the allowed relation rather than pods squared.
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
import type { IpRange } from "../../model";
import { Bitset } from "./bitset";
import { ClassIndex, type PodClass } from "./classes";
import { ConnSet } from "./connset";
import { AddressSpace } from "./externals";
import type { AdminAction, AdminPolicy, AuthorizationPolicy, AuthzOperation, AuthzRule, AuthzSource, Cluster, MtlsMode, PeerAuthentication, PodGroupSelector, PolicyRef, PortSpec } from "./model";
import { matchPattern } from "./parse";
import { matches } from "./selector";
export interface LayerSelection {
  adminNetworkPolicy: boolean;
  networkPolicy: boolean;
  baselineAdminNetworkPolicy: boolean;
  istio: "full" | "denyOnly" | "off";
}
export const ALL_LAYERS: LayerSelection = Object.freeze(stryMutAct_9fa48("787") ? {} : (stryCov_9fa48("787"), {
  adminNetworkPolicy: stryMutAct_9fa48("788") ? false : (stryCov_9fa48("788"), true),
  networkPolicy: stryMutAct_9fa48("789") ? false : (stryCov_9fa48("789"), true),
  baselineAdminNetworkPolicy: stryMutAct_9fa48("790") ? false : (stryCov_9fa48("790"), true),
  istio: stryMutAct_9fa48("791") ? "" : (stryCov_9fa48("791"), "full")
}));

/** A class or an external range: the unit the engine reasons about. */
export type Endpoint = {
  readonly kind: "class";
  readonly index: number;
} | {
  readonly kind: "range";
  readonly index: number;
};
export type Tier = "AdminNetworkPolicy" | "NetworkPolicy" | "BaselineAdminNetworkPolicy";

/** One compiled rule: who it matches and on which ports. */
interface CompiledRule {
  /** Unique per engine: rule lists are told apart by their rules' ids. */
  readonly id: number;
  readonly tier: Tier;
  readonly policy: PolicyRef;
  /** e.g. `ingress[0]` or `egress[2] "deny-all"`. */
  readonly label: string;
  readonly action: AdminAction;
  /** undefined: every class (and `anyRange` says whether every range too). */
  readonly classes: Bitset | undefined;
  readonly ranges: Bitset | undefined;
  readonly ports: PortSpec;
  /** AdminNetworkPolicy namedPort ignores protocol; NetworkPolicy names carry one. */
  readonly fixed: ConnSet;
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
  readonly modes: {
    mode: MtlsMode;
    ports: ConnSet;
    caller: "mtls" | "plaintext";
    refused: boolean;
  }[];
  readonly hits: IstioHit[];
  readonly allowPoliciesApply: boolean;
  allowed: ConnSet;
}
const TCP = ConnSet.protocol(stryMutAct_9fa48("792") ? "" : (stryCov_9fa48("792"), "TCP"));
function resolvePorts(spec: PortSpec, fixed: ConnSet, dst: PodClass | undefined, tier: Tier): ConnSet {
  if (stryMutAct_9fa48("793")) {
    {}
  } else {
    stryCov_9fa48("793");
    if (stryMutAct_9fa48("796") ? spec !== "all" : stryMutAct_9fa48("795") ? false : stryMutAct_9fa48("794") ? true : (stryCov_9fa48("794", "795", "796"), spec === (stryMutAct_9fa48("797") ? "" : (stryCov_9fa48("797"), "all")))) return ConnSet.all;
    let out = fixed;
    if (stryMutAct_9fa48("800") ? false : stryMutAct_9fa48("799") ? true : stryMutAct_9fa48("798") ? dst : (stryCov_9fa48("798", "799", "800"), !dst)) return out;
    for (const item of spec) {
      if (stryMutAct_9fa48("801")) {
        {}
      } else {
        stryCov_9fa48("801");
        if (stryMutAct_9fa48("804") ? item.kind === "named" : stryMutAct_9fa48("803") ? false : stryMutAct_9fa48("802") ? true : (stryCov_9fa48("802", "803", "804"), item.kind !== (stryMutAct_9fa48("805") ? "" : (stryCov_9fa48("805"), "named")))) continue;
        for (const np of dst.namedPorts) {
          if (stryMutAct_9fa48("806")) {
            {}
          } else {
            stryCov_9fa48("806");
            if (stryMutAct_9fa48("809") ? np.name === item.name : stryMutAct_9fa48("808") ? false : stryMutAct_9fa48("807") ? true : (stryCov_9fa48("807", "808", "809"), np.name !== item.name)) continue;
            // NetworkPolicy names carry a protocol (default TCP); AdminNetworkPolicy's namedPort takes the container's.
            if (stryMutAct_9fa48("812") ? tier === "NetworkPolicy" && item.protocol !== undefined || item.protocol !== np.protocol : stryMutAct_9fa48("811") ? false : stryMutAct_9fa48("810") ? true : (stryCov_9fa48("810", "811", "812"), (stryMutAct_9fa48("814") ? tier === "NetworkPolicy" || item.protocol !== undefined : stryMutAct_9fa48("813") ? true : (stryCov_9fa48("813", "814"), (stryMutAct_9fa48("816") ? tier !== "NetworkPolicy" : stryMutAct_9fa48("815") ? true : (stryCov_9fa48("815", "816"), tier === (stryMutAct_9fa48("817") ? "" : (stryCov_9fa48("817"), "NetworkPolicy")))) && (stryMutAct_9fa48("819") ? item.protocol === undefined : stryMutAct_9fa48("818") ? true : (stryCov_9fa48("818", "819"), item.protocol !== undefined)))) && (stryMutAct_9fa48("821") ? item.protocol === np.protocol : stryMutAct_9fa48("820") ? true : (stryCov_9fa48("820", "821"), item.protocol !== np.protocol)))) continue;
            out = out.union(ConnSet.ports(np.protocol, np.port));
          }
        }
      }
    }
    return out;
  }
}
function fixedPorts(spec: PortSpec): ConnSet {
  if (stryMutAct_9fa48("822")) {
    {}
  } else {
    stryCov_9fa48("822");
    if (stryMutAct_9fa48("825") ? spec !== "all" : stryMutAct_9fa48("824") ? false : stryMutAct_9fa48("823") ? true : (stryCov_9fa48("823", "824", "825"), spec === (stryMutAct_9fa48("826") ? "" : (stryCov_9fa48("826"), "all")))) return ConnSet.all;
    let out = ConnSet.empty;
    for (const item of spec) if (stryMutAct_9fa48("829") ? item.kind !== "range" : stryMutAct_9fa48("828") ? false : stryMutAct_9fa48("827") ? true : (stryCov_9fa48("827", "828", "829"), item.kind === (stryMutAct_9fa48("830") ? "" : (stryCov_9fa48("830"), "range")))) out = out.union(ConnSet.ports(item.protocol, item.from, item.to));
    return out;
  }
}

/** External ranges partitioned so that one verdict per atom is exact. */
export interface RangeAtoms {
  /** Atom of each range. */
  readonly atomOf: Int32Array;
  /** Ranges of each atom, ascending. */
  readonly members: readonly (readonly number[])[];
}
interface Applicable {
  readonly rules: readonly CompiledRule[];
  /** No tier has anything to say: everything passes. */
  readonly open: boolean;
  /** Some rule names ports, resolved on the destination (the peer for egress, the subject for ingress). */
  readonly named: boolean;
  /**
   * Subjects with the same rules (and NetworkPolicy isolation) in one
   * direction share this id: their verdicts differ only through the mask and
   * the destination's named ports, so they share one memo.
   */
  readonly listId: number;
}
interface SideRules {
  readonly anp: CompiledRule[][];
  readonly np: CompiledRule[][];
  readonly npIsolated: boolean[];
  readonly banp: CompiledRule[][];
  /** Peers some rule could allow even when the pod is isolated: for pruning. */
  readonly reach: Bitset[];
  readonly reachAll: boolean[];
}
export class Engine {
  readonly classes: ClassIndex;
  readonly space: AddressSpace;
  private readonly ingress: SideRules;
  private readonly egress: SideRules;
  /** Istio verdicts per destination class, keyed by the caller's identity (see callerKey). */
  private readonly istioCache: (Map<number, ConnSet> | undefined)[] = stryMutAct_9fa48("831") ? ["Stryker was here"] : (stryCov_9fa48("831"), []);
  private readonly callerIds = new Map<string, number>();
  /**
   * Memoised one-side verdicts: per direction and subject class, keyed by
   * which of the subject's rules match the peer (and, for egress with named
   * ports, the peer's named-port profile). The verdict depends on nothing
   * else, so one evaluation serves every peer with the same key.
   */
  /** Per direction and rule list: its memo tables (see verdictId). */
  private readonly memos: Record<"ingress" | "egress", (ListMemo | undefined)[]> = stryMutAct_9fa48("832") ? {} : (stryCov_9fa48("832"), {
    ingress: stryMutAct_9fa48("833") ? ["Stryker was here"] : (stryCov_9fa48("833"), []),
    egress: stryMutAct_9fa48("834") ? ["Stryker was here"] : (stryCov_9fa48("834"), [])
  });
  private ruleIds = 0;
  private readonly listIds = new Map<string, number>();
  private readonly applicableCache: Record<"ingress" | "egress", (Applicable | undefined)[]> = stryMutAct_9fa48("835") ? {} : (stryCov_9fa48("835"), {
    ingress: stryMutAct_9fa48("836") ? ["Stryker was here"] : (stryCov_9fa48("836"), []),
    egress: stryMutAct_9fa48("837") ? ["Stryker was here"] : (stryCov_9fa48("837"), [])
  });
  constructor(readonly cluster: Cluster, readonly layers: LayerSelection = ALL_LAYERS) {
    if (stryMutAct_9fa48("838")) {
      {}
    } else {
      stryCov_9fa48("838");
      const shared = sharedIndexes(cluster);
      this.classes = shared.classes;
      this.space = shared.space;
      this.ingress = this.emptySide();
      this.egress = this.emptySide();
      this.compileNetworkPolicies();
      this.compileAdmin(cluster.adminPolicies, stryMutAct_9fa48("839") ? "" : (stryCov_9fa48("839"), "AdminNetworkPolicy"), layers.adminNetworkPolicy);
      if (stryMutAct_9fa48("841") ? false : stryMutAct_9fa48("840") ? true : (stryCov_9fa48("840", "841"), cluster.baselinePolicy)) this.compileAdmin(stryMutAct_9fa48("842") ? [] : (stryCov_9fa48("842"), [cluster.baselinePolicy]), stryMutAct_9fa48("843") ? "" : (stryCov_9fa48("843"), "BaselineAdminNetworkPolicy"), layers.baselineAdminNetworkPolicy);
      this.computeReach(this.ingress);
      this.computeReach(this.egress);
    }
  }
  private emptySide(): SideRules {
    if (stryMutAct_9fa48("844")) {
      {}
    } else {
      stryCov_9fa48("844");
      const n = this.classes.size;
      const lists = stryMutAct_9fa48("845") ? () => undefined : (stryCov_9fa48("845"), (() => {
        const lists = (): CompiledRule[][] => Array.from(stryMutAct_9fa48("846") ? {} : (stryCov_9fa48("846"), {
          length: n
        }), stryMutAct_9fa48("847") ? () => undefined : (stryCov_9fa48("847"), () => stryMutAct_9fa48("848") ? ["Stryker was here"] : (stryCov_9fa48("848"), [])));
        return lists;
      })());
      return stryMutAct_9fa48("849") ? {} : (stryCov_9fa48("849"), {
        anp: lists(),
        np: lists(),
        npIsolated: (stryMutAct_9fa48("850") ? new Array() : (stryCov_9fa48("850"), new Array<boolean>(n))).fill(stryMutAct_9fa48("851") ? true : (stryCov_9fa48("851"), false)),
        banp: lists(),
        reach: stryMutAct_9fa48("852") ? ["Stryker was here"] : (stryCov_9fa48("852"), []),
        reachAll: stryMutAct_9fa48("853") ? ["Stryker was here"] : (stryCov_9fa48("853"), [])
      });
    }
  }
  private groupClasses(g: PodGroupSelector): Bitset {
    if (stryMutAct_9fa48("854")) {
      {}
    } else {
      stryCov_9fa48("854");
      return this.classes.select(g.podSelector, stryMutAct_9fa48("855") ? {} : (stryCov_9fa48("855"), {
        selector: g.namespaceSelector
      }));
    }
  }
  private rangesOf(ranges: readonly IpRange[], except: readonly IpRange[] = stryMutAct_9fa48("856") ? ["Stryker was here"] : (stryCov_9fa48("856"), [])): Bitset {
    if (stryMutAct_9fa48("857")) {
      {}
    } else {
      stryCov_9fa48("857");
      const b = new Bitset(this.space.size);
      for (const r of ranges) this.space.within(r, b);
      if (stryMutAct_9fa48("861") ? except.length <= 0 : stryMutAct_9fa48("860") ? except.length >= 0 : stryMutAct_9fa48("859") ? false : stryMutAct_9fa48("858") ? true : (stryCov_9fa48("858", "859", "860", "861"), except.length > 0)) {
        if (stryMutAct_9fa48("862")) {
          {}
        } else {
          stryCov_9fa48("862");
          const ex = new Bitset(this.space.size);
          for (const r of except) this.space.within(r, ex);
          b.andNot(ex);
        }
      }
      return b;
    }
  }
  private compileNetworkPolicies(): void {
    if (stryMutAct_9fa48("863")) {
      {}
    } else {
      stryCov_9fa48("863");
      if (stryMutAct_9fa48("866") ? false : stryMutAct_9fa48("865") ? true : stryMutAct_9fa48("864") ? this.layers.networkPolicy : (stryCov_9fa48("864", "865", "866"), !this.layers.networkPolicy)) return;
      for (const np of this.cluster.networkPolicies) {
        if (stryMutAct_9fa48("867")) {
          {}
        } else {
          stryCov_9fa48("867");
          const selected = this.classes.select(np.podSelector, stryMutAct_9fa48("868") ? {} : (stryCov_9fa48("868"), {
            name: np.namespace
          }));
          for (const [dir, rules] of [["ingress", np.ingress], ["egress", np.egress]] as const) {
            if (stryMutAct_9fa48("869")) {
              {}
            } else {
              stryCov_9fa48("869");
              if (stryMutAct_9fa48("872") ? rules !== undefined : stryMutAct_9fa48("871") ? false : stryMutAct_9fa48("870") ? true : (stryCov_9fa48("870", "871", "872"), rules === undefined)) continue;
              const side = (stryMutAct_9fa48("875") ? dir !== "ingress" : stryMutAct_9fa48("874") ? false : stryMutAct_9fa48("873") ? true : (stryCov_9fa48("873", "874", "875"), dir === (stryMutAct_9fa48("876") ? "" : (stryCov_9fa48("876"), "ingress")))) ? this.ingress : this.egress;
              const compiled = rules.map((rule, i): CompiledRule => {
                if (stryMutAct_9fa48("877")) {
                  {}
                } else {
                  stryCov_9fa48("877");
                  let classes: Bitset | undefined;
                  let ranges: Bitset | undefined;
                  if (stryMutAct_9fa48("880") ? rule.peers === "any" : stryMutAct_9fa48("879") ? false : stryMutAct_9fa48("878") ? true : (stryCov_9fa48("878", "879", "880"), rule.peers !== (stryMutAct_9fa48("881") ? "" : (stryCov_9fa48("881"), "any")))) {
                    if (stryMutAct_9fa48("882")) {
                      {}
                    } else {
                      stryCov_9fa48("882");
                      classes = this.classes.empty();
                      ranges = new Bitset(this.space.size);
                      for (const peer of rule.peers) {
                        if (stryMutAct_9fa48("883")) {
                          {}
                        } else {
                          stryCov_9fa48("883");
                          if (stryMutAct_9fa48("886") ? peer.kind !== "pods" : stryMutAct_9fa48("885") ? false : stryMutAct_9fa48("884") ? true : (stryCov_9fa48("884", "885", "886"), peer.kind === (stryMutAct_9fa48("887") ? "" : (stryCov_9fa48("887"), "pods")))) {
                            if (stryMutAct_9fa48("888")) {
                              {}
                            } else {
                              stryCov_9fa48("888");
                              const ns = peer.namespaceSelector ? stryMutAct_9fa48("889") ? {} : (stryCov_9fa48("889"), {
                                selector: peer.namespaceSelector
                              }) : stryMutAct_9fa48("890") ? {} : (stryCov_9fa48("890"), {
                                name: np.namespace
                              });
                              classes.or(this.classes.select(peer.podSelector, ns));
                            }
                          } else if (stryMutAct_9fa48("893") ? peer.kind !== "ipBlock" : stryMutAct_9fa48("892") ? false : stryMutAct_9fa48("891") ? true : (stryCov_9fa48("891", "892", "893"), peer.kind === (stryMutAct_9fa48("894") ? "" : (stryCov_9fa48("894"), "ipBlock")))) {
                            if (stryMutAct_9fa48("895")) {
                              {}
                            } else {
                              stryCov_9fa48("895");
                              ranges.or(this.rangesOf(stryMutAct_9fa48("896") ? [] : (stryCov_9fa48("896"), [peer.block.cidr]), peer.block.except));
                            }
                          }
                        }
                      }
                    }
                  }
                  return stryMutAct_9fa48("897") ? {} : (stryCov_9fa48("897"), {
                    id: stryMutAct_9fa48("898") ? this.ruleIds-- : (stryCov_9fa48("898"), this.ruleIds++),
                    tier: stryMutAct_9fa48("899") ? "" : (stryCov_9fa48("899"), "NetworkPolicy"),
                    policy: np.ref,
                    label: stryMutAct_9fa48("900") ? `` : (stryCov_9fa48("900"), `${dir}[${i}]`),
                    action: stryMutAct_9fa48("901") ? "" : (stryCov_9fa48("901"), "Allow"),
                    classes,
                    ranges,
                    ports: rule.ports,
                    fixed: fixedPorts(rule.ports)
                  });
                }
              });
              selected.forEach(c => {
                if (stryMutAct_9fa48("902")) {
                  {}
                } else {
                  stryCov_9fa48("902");
                  side.npIsolated[c] = stryMutAct_9fa48("903") ? false : (stryCov_9fa48("903"), true);
                  side.np[c]!.push(...compiled);
                }
              });
            }
          }
        }
      }
    }
  }
  private compileAdmin(policies: readonly AdminPolicy[], tier: Tier, enabled: boolean): void {
    if (stryMutAct_9fa48("904")) {
      {}
    } else {
      stryCov_9fa48("904");
      if (stryMutAct_9fa48("907") ? false : stryMutAct_9fa48("906") ? true : stryMutAct_9fa48("905") ? enabled : (stryCov_9fa48("905", "906", "907"), !enabled)) return;
      for (const p of policies) {
        if (stryMutAct_9fa48("908")) {
          {}
        } else {
          stryCov_9fa48("908");
          const subject = this.groupClasses(p.subject);
          for (const dir of ["ingress", "egress"] as const) {
            if (stryMutAct_9fa48("909")) {
              {}
            } else {
              stryCov_9fa48("909");
              const side = (stryMutAct_9fa48("912") ? dir !== "ingress" : stryMutAct_9fa48("911") ? false : stryMutAct_9fa48("910") ? true : (stryCov_9fa48("910", "911", "912"), dir === (stryMutAct_9fa48("913") ? "" : (stryCov_9fa48("913"), "ingress")))) ? this.ingress : this.egress;
              const compiled = p[dir].map((rule): CompiledRule => {
                if (stryMutAct_9fa48("914")) {
                  {}
                } else {
                  stryCov_9fa48("914");
                  const classes = this.classes.empty();
                  const ranges = new Bitset(this.space.size);
                  for (const peer of rule.peers) {
                    if (stryMutAct_9fa48("915")) {
                      {}
                    } else {
                      stryCov_9fa48("915");
                      if (stryMutAct_9fa48("918") ? peer.kind !== "pods" : stryMutAct_9fa48("917") ? false : stryMutAct_9fa48("916") ? true : (stryCov_9fa48("916", "917", "918"), peer.kind === (stryMutAct_9fa48("919") ? "" : (stryCov_9fa48("919"), "pods")))) classes.or(this.groupClasses(peer.select));else if (stryMutAct_9fa48("922") ? peer.kind !== "networks" : stryMutAct_9fa48("921") ? false : stryMutAct_9fa48("920") ? true : (stryCov_9fa48("920", "921", "922"), peer.kind === (stryMutAct_9fa48("923") ? "" : (stryCov_9fa48("923"), "networks")))) ranges.or(this.rangesOf(peer.ranges));
                    }
                  }
                  const label = stryMutAct_9fa48("924") ? `` : (stryCov_9fa48("924"), `${dir}[${rule.index}]${rule.name ? stryMutAct_9fa48("925") ? `` : (stryCov_9fa48("925"), ` "${rule.name}"`) : stryMutAct_9fa48("926") ? "Stryker was here!" : (stryCov_9fa48("926"), "")}`);
                  return stryMutAct_9fa48("927") ? {} : (stryCov_9fa48("927"), {
                    id: stryMutAct_9fa48("928") ? this.ruleIds-- : (stryCov_9fa48("928"), this.ruleIds++),
                    tier,
                    policy: p.ref,
                    label,
                    action: rule.action,
                    classes,
                    ranges,
                    ports: rule.ports,
                    fixed: fixedPorts(rule.ports)
                  });
                }
              });
              subject.forEach(stryMutAct_9fa48("929") ? () => undefined : (stryCov_9fa48("929"), c => ((stryMutAct_9fa48("932") ? tier !== "AdminNetworkPolicy" : stryMutAct_9fa48("931") ? false : stryMutAct_9fa48("930") ? true : (stryCov_9fa48("930", "931", "932"), tier === (stryMutAct_9fa48("933") ? "" : (stryCov_9fa48("933"), "AdminNetworkPolicy")))) ? side.anp : side.banp)[c]!.push(...compiled)));
            }
          }
        }
      }
    }
  }
  private computeReach(side: SideRules): void {
    if (stryMutAct_9fa48("934")) {
      {}
    } else {
      stryCov_9fa48("934");
      for (let c = 0; stryMutAct_9fa48("937") ? c >= this.classes.size : stryMutAct_9fa48("936") ? c <= this.classes.size : stryMutAct_9fa48("935") ? false : (stryCov_9fa48("935", "936", "937"), c < this.classes.size); stryMutAct_9fa48("938") ? c-- : (stryCov_9fa48("938"), c++)) {
        if (stryMutAct_9fa48("939")) {
          {}
        } else {
          stryCov_9fa48("939");
          const isolated = side.npIsolated[c]!;
          let all = stryMutAct_9fa48("940") ? isolated : (stryCov_9fa48("940"), !isolated);
          const reach = this.classes.empty();
          for (const r of stryMutAct_9fa48("941") ? [] : (stryCov_9fa48("941"), [...side.anp[c]!, ...(isolated ? side.np[c]! : stryMutAct_9fa48("942") ? ["Stryker was here"] : (stryCov_9fa48("942"), []))])) {
            if (stryMutAct_9fa48("943")) {
              {}
            } else {
              stryCov_9fa48("943");
              if (stryMutAct_9fa48("946") ? r.action !== "Deny" : stryMutAct_9fa48("945") ? false : stryMutAct_9fa48("944") ? true : (stryCov_9fa48("944", "945", "946"), r.action === (stryMutAct_9fa48("947") ? "" : (stryCov_9fa48("947"), "Deny")))) continue;
              if (stryMutAct_9fa48("950") ? r.classes !== undefined : stryMutAct_9fa48("949") ? false : stryMutAct_9fa48("948") ? true : (stryCov_9fa48("948", "949", "950"), r.classes === undefined)) all = stryMutAct_9fa48("951") ? false : (stryCov_9fa48("951"), true);else reach.or(r.classes);
            }
          }
          side.reach.push(reach);
          side.reachAll.push(all);
        }
      }
    }
  }
  private static tierTrace(trace: SideTrace | undefined, tier: Tier, enabled: boolean, selects: boolean): TierTrace | undefined {
    if (stryMutAct_9fa48("952")) {
      {}
    } else {
      stryCov_9fa48("952");
      if (stryMutAct_9fa48("955") ? false : stryMutAct_9fa48("954") ? true : stryMutAct_9fa48("953") ? trace : (stryCov_9fa48("953", "954", "955"), !trace)) return undefined;
      const t: TierTrace = stryMutAct_9fa48("956") ? {} : (stryCov_9fa48("956"), {
        tier,
        enabled,
        selects,
        hits: stryMutAct_9fa48("957") ? ["Stryker was here"] : (stryCov_9fa48("957"), []),
        allowed: ConnSet.empty,
        denied: ConnSet.empty,
        passed: ConnSet.empty
      });
      trace.tiers.push(t);
      return t;
    }
  }
  private static peerMatches(rule: CompiledRule, peer: Endpoint): boolean {
    if (stryMutAct_9fa48("958")) {
      {}
    } else {
      stryCov_9fa48("958");
      if (stryMutAct_9fa48("961") ? peer.kind !== "class" : stryMutAct_9fa48("960") ? false : stryMutAct_9fa48("959") ? true : (stryCov_9fa48("959", "960", "961"), peer.kind === (stryMutAct_9fa48("962") ? "" : (stryCov_9fa48("962"), "class")))) return stryMutAct_9fa48("965") ? rule.classes === undefined && rule.classes.has(peer.index) : stryMutAct_9fa48("964") ? false : stryMutAct_9fa48("963") ? true : (stryCov_9fa48("963", "964", "965"), (stryMutAct_9fa48("967") ? rule.classes !== undefined : stryMutAct_9fa48("966") ? false : (stryCov_9fa48("966", "967"), rule.classes === undefined)) || rule.classes.has(peer.index));
      return stryMutAct_9fa48("970") ? rule.ranges === undefined && rule.ranges.has(peer.index) : stryMutAct_9fa48("969") ? false : stryMutAct_9fa48("968") ? true : (stryCov_9fa48("968", "969", "970"), (stryMutAct_9fa48("972") ? rule.ranges !== undefined : stryMutAct_9fa48("971") ? false : (stryCov_9fa48("971", "972"), rule.ranges === undefined)) || rule.ranges.has(peer.index));
    }
  }

  /**
   * What `subject` lets through in one direction, tier by tier. `peer` is the
   * other end; named ports resolve on the destination (the subject for
   * ingress, the peer for egress).
   */
  side(direction: "ingress" | "egress", subject: number, peer: Endpoint, trace?: SideTrace): ConnSet {
    if (stryMutAct_9fa48("973")) {
      {}
    } else {
      stryCov_9fa48("973");
      const rules = (stryMutAct_9fa48("976") ? direction !== "ingress" : stryMutAct_9fa48("975") ? false : stryMutAct_9fa48("974") ? true : (stryCov_9fa48("974", "975", "976"), direction === (stryMutAct_9fa48("977") ? "" : (stryCov_9fa48("977"), "ingress")))) ? this.ingress : this.egress;
      // Fast path: no tier has anything to say about this pod in this direction.
      if (stryMutAct_9fa48("980") ? !trace && rules.anp[subject]!.length === 0 && !rules.npIsolated[subject]! || rules.banp[subject]!.length === 0 : stryMutAct_9fa48("979") ? false : stryMutAct_9fa48("978") ? true : (stryCov_9fa48("978", "979", "980"), (stryMutAct_9fa48("982") ? !trace && rules.anp[subject]!.length === 0 || !rules.npIsolated[subject]! : stryMutAct_9fa48("981") ? true : (stryCov_9fa48("981", "982"), (stryMutAct_9fa48("984") ? !trace || rules.anp[subject]!.length === 0 : stryMutAct_9fa48("983") ? true : (stryCov_9fa48("983", "984"), (stryMutAct_9fa48("985") ? trace : (stryCov_9fa48("985"), !trace)) && (stryMutAct_9fa48("987") ? rules.anp[subject]!.length !== 0 : stryMutAct_9fa48("986") ? true : (stryCov_9fa48("986", "987"), rules.anp[subject]!.length === 0)))) && (stryMutAct_9fa48("988") ? rules.npIsolated[subject]! : (stryCov_9fa48("988"), !rules.npIsolated[subject]!)))) && (stryMutAct_9fa48("990") ? rules.banp[subject]!.length !== 0 : stryMutAct_9fa48("989") ? true : (stryCov_9fa48("989", "990"), rules.banp[subject]!.length === 0)))) return ConnSet.all;
      const dstClass = (stryMutAct_9fa48("993") ? direction !== "ingress" : stryMutAct_9fa48("992") ? false : stryMutAct_9fa48("991") ? true : (stryCov_9fa48("991", "992", "993"), direction === (stryMutAct_9fa48("994") ? "" : (stryCov_9fa48("994"), "ingress")))) ? this.classes.classes[subject] : (stryMutAct_9fa48("997") ? peer.kind !== "class" : stryMutAct_9fa48("996") ? false : stryMutAct_9fa48("995") ? true : (stryCov_9fa48("995", "996", "997"), peer.kind === (stryMutAct_9fa48("998") ? "" : (stryCov_9fa48("998"), "class")))) ? this.classes.classes[peer.index] : undefined;
      let allowed = ConnSet.empty;
      let undecided = ConnSet.all;
      const tierTrace = Engine.tierTrace;

      // AdminNetworkPolicy: first match by priority, then rule order; Pass hands over to NetworkPolicy.
      const anp = rules.anp[subject]!;
      const anpT = tierTrace(trace, stryMutAct_9fa48("999") ? "" : (stryCov_9fa48("999"), "AdminNetworkPolicy"), this.layers.adminNetworkPolicy, stryMutAct_9fa48("1003") ? anp.length <= 0 : stryMutAct_9fa48("1002") ? anp.length >= 0 : stryMutAct_9fa48("1001") ? false : stryMutAct_9fa48("1000") ? true : (stryCov_9fa48("1000", "1001", "1002", "1003"), anp.length > 0));
      let passed = ConnSet.empty;
      for (const rule of anp) {
        if (stryMutAct_9fa48("1004")) {
          {}
        } else {
          stryCov_9fa48("1004");
          if (stryMutAct_9fa48("1006") ? false : stryMutAct_9fa48("1005") ? true : (stryCov_9fa48("1005", "1006"), undecided.isEmpty())) break;
          if (stryMutAct_9fa48("1009") ? false : stryMutAct_9fa48("1008") ? true : stryMutAct_9fa48("1007") ? Engine.peerMatches(rule, peer) : (stryCov_9fa48("1007", "1008", "1009"), !Engine.peerMatches(rule, peer))) continue;
          const m = undecided.intersect(resolvePorts(rule.ports, rule.fixed, dstClass, rule.tier));
          if (stryMutAct_9fa48("1011") ? false : stryMutAct_9fa48("1010") ? true : (stryCov_9fa48("1010", "1011"), m.isEmpty())) continue;
          if (stryMutAct_9fa48("1014") ? rule.action !== "Allow" : stryMutAct_9fa48("1013") ? false : stryMutAct_9fa48("1012") ? true : (stryCov_9fa48("1012", "1013", "1014"), rule.action === (stryMutAct_9fa48("1015") ? "" : (stryCov_9fa48("1015"), "Allow")))) allowed = allowed.union(m);else if (stryMutAct_9fa48("1018") ? rule.action !== "Pass" : stryMutAct_9fa48("1017") ? false : stryMutAct_9fa48("1016") ? true : (stryCov_9fa48("1016", "1017", "1018"), rule.action === (stryMutAct_9fa48("1019") ? "" : (stryCov_9fa48("1019"), "Pass")))) passed = passed.union(m);
          undecided = undecided.subtract(m);
          stryMutAct_9fa48("1020") ? anpT.hits.push({
            tier: rule.tier,
            policy: rule.policy,
            rule: rule.label,
            action: rule.action,
            decided: m
          }) : (stryCov_9fa48("1020"), anpT?.hits.push(stryMutAct_9fa48("1021") ? {} : (stryCov_9fa48("1021"), {
            tier: rule.tier,
            policy: rule.policy,
            rule: rule.label,
            action: rule.action,
            decided: m
          })));
        }
      }
      if (stryMutAct_9fa48("1023") ? false : stryMutAct_9fa48("1022") ? true : (stryCov_9fa48("1022", "1023"), anpT)) {
        if (stryMutAct_9fa48("1024")) {
          {}
        } else {
          stryCov_9fa48("1024");
          anpT.allowed = allowed;
          anpT.passed = undecided.union(passed);
          anpT.denied = ConnSet.all.subtract(allowed).subtract(anpT.passed);
        }
      }
      undecided = undecided.union(passed);

      // NetworkPolicy: an isolated pod gets exactly the union of its rules; otherwise on to the baseline.
      const npT = tierTrace(trace, stryMutAct_9fa48("1025") ? "" : (stryCov_9fa48("1025"), "NetworkPolicy"), this.layers.networkPolicy, rules.npIsolated[subject]!);
      if (stryMutAct_9fa48("1027") ? false : stryMutAct_9fa48("1026") ? true : (stryCov_9fa48("1026", "1027"), rules.npIsolated[subject]!)) {
        if (stryMutAct_9fa48("1028")) {
          {}
        } else {
          stryCov_9fa48("1028");
          let npAllowed = ConnSet.empty;
          for (const rule of rules.np[subject]!) {
            if (stryMutAct_9fa48("1029")) {
              {}
            } else {
              stryCov_9fa48("1029");
              if (stryMutAct_9fa48("1032") ? false : stryMutAct_9fa48("1031") ? true : stryMutAct_9fa48("1030") ? Engine.peerMatches(rule, peer) : (stryCov_9fa48("1030", "1031", "1032"), !Engine.peerMatches(rule, peer))) continue;
              const m = undecided.intersect(resolvePorts(rule.ports, rule.fixed, dstClass, rule.tier));
              if (stryMutAct_9fa48("1035") ? !m.isEmpty() || npT : stryMutAct_9fa48("1034") ? false : stryMutAct_9fa48("1033") ? true : (stryCov_9fa48("1033", "1034", "1035"), (stryMutAct_9fa48("1036") ? m.isEmpty() : (stryCov_9fa48("1036"), !m.isEmpty())) && npT)) npT.hits.push(stryMutAct_9fa48("1037") ? {} : (stryCov_9fa48("1037"), {
                tier: rule.tier,
                policy: rule.policy,
                rule: rule.label,
                action: stryMutAct_9fa48("1038") ? "" : (stryCov_9fa48("1038"), "Allow"),
                decided: m
              }));
              npAllowed = npAllowed.union(m);
            }
          }
          if (stryMutAct_9fa48("1040") ? false : stryMutAct_9fa48("1039") ? true : (stryCov_9fa48("1039", "1040"), npT)) {
            if (stryMutAct_9fa48("1041")) {
              {}
            } else {
              stryCov_9fa48("1041");
              npT.allowed = npAllowed;
              npT.denied = undecided.subtract(npAllowed);
            }
          }
          allowed = allowed.union(npAllowed);
          undecided = ConnSet.empty;
        }
      } else if (stryMutAct_9fa48("1043") ? false : stryMutAct_9fa48("1042") ? true : (stryCov_9fa48("1042", "1043"), npT)) npT.passed = undecided;

      // BaselineAdminNetworkPolicy: first match; whatever no tier decided is allowed.
      const banp = rules.banp[subject]!;
      const banpT = tierTrace(trace, stryMutAct_9fa48("1044") ? "" : (stryCov_9fa48("1044"), "BaselineAdminNetworkPolicy"), this.layers.baselineAdminNetworkPolicy, stryMutAct_9fa48("1048") ? banp.length <= 0 : stryMutAct_9fa48("1047") ? banp.length >= 0 : stryMutAct_9fa48("1046") ? false : stryMutAct_9fa48("1045") ? true : (stryCov_9fa48("1045", "1046", "1047", "1048"), banp.length > 0));
      const before = allowed;
      for (const rule of banp) {
        if (stryMutAct_9fa48("1049")) {
          {}
        } else {
          stryCov_9fa48("1049");
          if (stryMutAct_9fa48("1051") ? false : stryMutAct_9fa48("1050") ? true : (stryCov_9fa48("1050", "1051"), undecided.isEmpty())) break;
          if (stryMutAct_9fa48("1054") ? false : stryMutAct_9fa48("1053") ? true : stryMutAct_9fa48("1052") ? Engine.peerMatches(rule, peer) : (stryCov_9fa48("1052", "1053", "1054"), !Engine.peerMatches(rule, peer))) continue;
          const m = undecided.intersect(resolvePorts(rule.ports, rule.fixed, dstClass, rule.tier));
          if (stryMutAct_9fa48("1056") ? false : stryMutAct_9fa48("1055") ? true : (stryCov_9fa48("1055", "1056"), m.isEmpty())) continue;
          if (stryMutAct_9fa48("1059") ? rule.action !== "Allow" : stryMutAct_9fa48("1058") ? false : stryMutAct_9fa48("1057") ? true : (stryCov_9fa48("1057", "1058", "1059"), rule.action === (stryMutAct_9fa48("1060") ? "" : (stryCov_9fa48("1060"), "Allow")))) allowed = allowed.union(m);
          undecided = undecided.subtract(m);
          stryMutAct_9fa48("1061") ? banpT.hits.push({
            tier: rule.tier,
            policy: rule.policy,
            rule: rule.label,
            action: rule.action,
            decided: m
          }) : (stryCov_9fa48("1061"), banpT?.hits.push(stryMutAct_9fa48("1062") ? {} : (stryCov_9fa48("1062"), {
            tier: rule.tier,
            policy: rule.policy,
            rule: rule.label,
            action: rule.action,
            decided: m
          })));
        }
      }
      if (stryMutAct_9fa48("1064") ? false : stryMutAct_9fa48("1063") ? true : (stryCov_9fa48("1063", "1064"), banpT)) {
        if (stryMutAct_9fa48("1065")) {
          {}
        } else {
          stryCov_9fa48("1065");
          banpT.passed = undecided;
          banpT.allowed = allowed.subtract(before);
          banpT.denied = stryMutAct_9fa48("1066") ? banpT.hits.reduce((a, h) => a.union(h.decided), ConnSet.empty) : (stryCov_9fa48("1066"), banpT.hits.filter(stryMutAct_9fa48("1067") ? () => undefined : (stryCov_9fa48("1067"), h => stryMutAct_9fa48("1070") ? h.action !== "Deny" : stryMutAct_9fa48("1069") ? false : stryMutAct_9fa48("1068") ? true : (stryCov_9fa48("1068", "1069", "1070"), h.action === (stryMutAct_9fa48("1071") ? "" : (stryCov_9fa48("1071"), "Deny"))))).reduce(stryMutAct_9fa48("1072") ? () => undefined : (stryCov_9fa48("1072"), (a, h) => a.union(h.decided)), ConnSet.empty));
        }
      }
      allowed = allowed.union(undecided);
      if (stryMutAct_9fa48("1074") ? false : stryMutAct_9fa48("1073") ? true : (stryCov_9fa48("1073", "1074"), trace)) trace.allowed = allowed;
      return allowed;
    }
  }

  /** Whether the pair can be non-empty at all (cheap bitset test). */
  private candidate(src: Endpoint, dst: Endpoint): boolean {
    if (stryMutAct_9fa48("1075")) {
      {}
    } else {
      stryCov_9fa48("1075");
      if (stryMutAct_9fa48("1078") ? src.kind !== "class" : stryMutAct_9fa48("1077") ? false : stryMutAct_9fa48("1076") ? true : (stryCov_9fa48("1076", "1077", "1078"), src.kind === (stryMutAct_9fa48("1079") ? "" : (stryCov_9fa48("1079"), "class")))) {
        if (stryMutAct_9fa48("1080")) {
          {}
        } else {
          stryCov_9fa48("1080");
          const e = this.egress;
          if (stryMutAct_9fa48("1083") ? !e.reachAll[src.index]! || dst.kind === "range" || !e.reach[src.index]!.has(dst.index) : stryMutAct_9fa48("1082") ? false : stryMutAct_9fa48("1081") ? true : (stryCov_9fa48("1081", "1082", "1083"), (stryMutAct_9fa48("1084") ? e.reachAll[src.index]! : (stryCov_9fa48("1084"), !e.reachAll[src.index]!)) && (stryMutAct_9fa48("1086") ? dst.kind === "range" && !e.reach[src.index]!.has(dst.index) : stryMutAct_9fa48("1085") ? true : (stryCov_9fa48("1085", "1086"), (stryMutAct_9fa48("1088") ? dst.kind !== "range" : stryMutAct_9fa48("1087") ? false : (stryCov_9fa48("1087", "1088"), dst.kind === (stryMutAct_9fa48("1089") ? "" : (stryCov_9fa48("1089"), "range")))) || (stryMutAct_9fa48("1090") ? e.reach[src.index]!.has(dst.index) : (stryCov_9fa48("1090"), !e.reach[src.index]!.has(dst.index))))))) {
            if (stryMutAct_9fa48("1091")) {
              {}
            } else {
              stryCov_9fa48("1091");
              // Egress-isolated and no class rule names dst; ranges are checked in side().
              if (stryMutAct_9fa48("1094") ? dst.kind !== "class" : stryMutAct_9fa48("1093") ? false : stryMutAct_9fa48("1092") ? true : (stryCov_9fa48("1092", "1093", "1094"), dst.kind === (stryMutAct_9fa48("1095") ? "" : (stryCov_9fa48("1095"), "class")))) return stryMutAct_9fa48("1096") ? true : (stryCov_9fa48("1096"), false);
            }
          }
        }
      }
      if (stryMutAct_9fa48("1099") ? dst.kind === "class" || src.kind === "class" : stryMutAct_9fa48("1098") ? false : stryMutAct_9fa48("1097") ? true : (stryCov_9fa48("1097", "1098", "1099"), (stryMutAct_9fa48("1101") ? dst.kind !== "class" : stryMutAct_9fa48("1100") ? true : (stryCov_9fa48("1100", "1101"), dst.kind === (stryMutAct_9fa48("1102") ? "" : (stryCov_9fa48("1102"), "class")))) && (stryMutAct_9fa48("1104") ? src.kind !== "class" : stryMutAct_9fa48("1103") ? true : (stryCov_9fa48("1103", "1104"), src.kind === (stryMutAct_9fa48("1105") ? "" : (stryCov_9fa48("1105"), "class")))))) {
        if (stryMutAct_9fa48("1106")) {
          {}
        } else {
          stryCov_9fa48("1106");
          const i = this.ingress;
          if (stryMutAct_9fa48("1109") ? !i.reachAll[dst.index]! || !i.reach[dst.index]!.has(src.index) : stryMutAct_9fa48("1108") ? false : stryMutAct_9fa48("1107") ? true : (stryCov_9fa48("1107", "1108", "1109"), (stryMutAct_9fa48("1110") ? i.reachAll[dst.index]! : (stryCov_9fa48("1110"), !i.reachAll[dst.index]!)) && (stryMutAct_9fa48("1111") ? i.reach[dst.index]!.has(src.index) : (stryCov_9fa48("1111"), !i.reach[dst.index]!.has(src.index))))) return stryMutAct_9fa48("1112") ? true : (stryCov_9fa48("1112"), false);
        }
      }
      return stryMutAct_9fa48("1113") ? false : (stryCov_9fa48("1113"), true);
    }
  }

  /** The connections src may open to dst (at least one end is a class). */
  pair(src: Endpoint, dst: Endpoint): ConnSet {
    if (stryMutAct_9fa48("1114")) {
      {}
    } else {
      stryCov_9fa48("1114");
      if (stryMutAct_9fa48("1117") ? src.kind === "range" || dst.kind === "range" : stryMutAct_9fa48("1116") ? false : stryMutAct_9fa48("1115") ? true : (stryCov_9fa48("1115", "1116", "1117"), (stryMutAct_9fa48("1119") ? src.kind !== "range" : stryMutAct_9fa48("1118") ? true : (stryCov_9fa48("1118", "1119"), src.kind === (stryMutAct_9fa48("1120") ? "" : (stryCov_9fa48("1120"), "range")))) && (stryMutAct_9fa48("1122") ? dst.kind !== "range" : stryMutAct_9fa48("1121") ? true : (stryCov_9fa48("1121", "1122"), dst.kind === (stryMutAct_9fa48("1123") ? "" : (stryCov_9fa48("1123"), "range")))))) return ConnSet.empty;
      if (stryMutAct_9fa48("1126") ? false : stryMutAct_9fa48("1125") ? true : stryMutAct_9fa48("1124") ? this.candidate(src, dst) : (stryCov_9fa48("1124", "1125", "1126"), !this.candidate(src, dst))) return ConnSet.empty;
      const out = (stryMutAct_9fa48("1129") ? src.kind !== "class" : stryMutAct_9fa48("1128") ? false : stryMutAct_9fa48("1127") ? true : (stryCov_9fa48("1127", "1128", "1129"), src.kind === (stryMutAct_9fa48("1130") ? "" : (stryCov_9fa48("1130"), "class")))) ? this.verdict(stryMutAct_9fa48("1131") ? "" : (stryCov_9fa48("1131"), "egress"), src.index, dst) : ConnSet.all;
      if (stryMutAct_9fa48("1134") ? dst.kind !== "class" && out.isEmpty() : stryMutAct_9fa48("1133") ? false : stryMutAct_9fa48("1132") ? true : (stryCov_9fa48("1132", "1133", "1134"), (stryMutAct_9fa48("1136") ? dst.kind === "class" : stryMutAct_9fa48("1135") ? false : (stryCov_9fa48("1135", "1136"), dst.kind !== (stryMutAct_9fa48("1137") ? "" : (stryCov_9fa48("1137"), "class")))) || out.isEmpty())) return out;
      const both = this.meet(out, this.verdict(stryMutAct_9fa48("1138") ? "" : (stryCov_9fa48("1138"), "ingress"), dst.index, src));
      if (stryMutAct_9fa48("1140") ? false : stryMutAct_9fa48("1139") ? true : (stryCov_9fa48("1139", "1140"), both.isEmpty())) return both;
      return this.meet(both, this.istio(src, dst.index));
    }
  }

  /** The rules that can decide for a subject in one direction, in evaluation order. */
  private applicable(direction: "ingress" | "egress", subject: number): Applicable {
    if (stryMutAct_9fa48("1141")) {
      {}
    } else {
      stryCov_9fa48("1141");
      const cache = this.applicableCache[direction];
      let a = cache[subject];
      if (stryMutAct_9fa48("1144") ? false : stryMutAct_9fa48("1143") ? true : stryMutAct_9fa48("1142") ? a : (stryCov_9fa48("1142", "1143", "1144"), !a)) {
        if (stryMutAct_9fa48("1145")) {
          {}
        } else {
          stryCov_9fa48("1145");
          const side = (stryMutAct_9fa48("1148") ? direction !== "ingress" : stryMutAct_9fa48("1147") ? false : stryMutAct_9fa48("1146") ? true : (stryCov_9fa48("1146", "1147", "1148"), direction === (stryMutAct_9fa48("1149") ? "" : (stryCov_9fa48("1149"), "ingress")))) ? this.ingress : this.egress;
          const rules = stryMutAct_9fa48("1150") ? [] : (stryCov_9fa48("1150"), [...side.anp[subject]!, ...(side.npIsolated[subject]! ? side.np[subject]! : stryMutAct_9fa48("1151") ? ["Stryker was here"] : (stryCov_9fa48("1151"), [])), ...side.banp[subject]!]);
          const open = stryMutAct_9fa48("1154") ? rules.length === 0 || !side.npIsolated[subject]! : stryMutAct_9fa48("1153") ? false : stryMutAct_9fa48("1152") ? true : (stryCov_9fa48("1152", "1153", "1154"), (stryMutAct_9fa48("1156") ? rules.length !== 0 : stryMutAct_9fa48("1155") ? true : (stryCov_9fa48("1155", "1156"), rules.length === 0)) && (stryMutAct_9fa48("1157") ? side.npIsolated[subject]! : (stryCov_9fa48("1157"), !side.npIsolated[subject]!)));
          const named = stryMutAct_9fa48("1158") ? rules.every(r => r.ports !== "all" && r.ports.some(p => p.kind === "named")) : (stryCov_9fa48("1158"), rules.some(stryMutAct_9fa48("1159") ? () => undefined : (stryCov_9fa48("1159"), r => stryMutAct_9fa48("1162") ? r.ports !== "all" || r.ports.some(p => p.kind === "named") : stryMutAct_9fa48("1161") ? false : stryMutAct_9fa48("1160") ? true : (stryCov_9fa48("1160", "1161", "1162"), (stryMutAct_9fa48("1164") ? r.ports === "all" : stryMutAct_9fa48("1163") ? true : (stryCov_9fa48("1163", "1164"), r.ports !== (stryMutAct_9fa48("1165") ? "" : (stryCov_9fa48("1165"), "all")))) && (stryMutAct_9fa48("1166") ? r.ports.every(p => p.kind === "named") : (stryCov_9fa48("1166"), r.ports.some(stryMutAct_9fa48("1167") ? () => undefined : (stryCov_9fa48("1167"), p => stryMutAct_9fa48("1170") ? p.kind !== "named" : stryMutAct_9fa48("1169") ? false : stryMutAct_9fa48("1168") ? true : (stryCov_9fa48("1168", "1169", "1170"), p.kind === (stryMutAct_9fa48("1171") ? "" : (stryCov_9fa48("1171"), "named")))))))))));
          let key = side.npIsolated[subject]! ? stryMutAct_9fa48("1172") ? "" : (stryCov_9fa48("1172"), "i") : stryMutAct_9fa48("1173") ? "" : (stryCov_9fa48("1173"), "o");
          for (const r of rules) key += stryMutAct_9fa48("1174") ? `` : (stryCov_9fa48("1174"), `,${r.id}`);
          let listId = this.listIds.get(key);
          if (stryMutAct_9fa48("1177") ? listId !== undefined : stryMutAct_9fa48("1176") ? false : stryMutAct_9fa48("1175") ? true : (stryCov_9fa48("1175", "1176", "1177"), listId === undefined)) this.listIds.set(key, listId = this.listIds.size);
          cache[subject] = a = stryMutAct_9fa48("1178") ? {} : (stryCov_9fa48("1178"), {
            rules,
            open,
            named,
            listId
          });
        }
      }
      return a;
    }
  }

  /** side() without a trace, memoised by the set of the subject's rules that match the peer. */
  verdict(direction: "ingress" | "egress", subject: number, peer: Endpoint): ConnSet {
    if (stryMutAct_9fa48("1179")) {
      {}
    } else {
      stryCov_9fa48("1179");
      return this.sets[this.verdictId(direction, subject, stryMutAct_9fa48("1182") ? peer.kind !== "class" : stryMutAct_9fa48("1181") ? false : stryMutAct_9fa48("1180") ? true : (stryCov_9fa48("1180", "1181", "1182"), peer.kind === (stryMutAct_9fa48("1183") ? "" : (stryCov_9fa48("1183"), "class"))), peer.index)]!;
    }
  }

  /**
   * verdict() as an interned id, with the peer as (is it a class, its index),
   * so the hot loops allocate nothing and compare small integers. The memo is
   * per rule list (subjects under the same policies share it) and peer kind:
   * a table indexed by the mask of matching rules, or a map for long lists.
   */
  private verdictId(direction: "ingress" | "egress", subject: number, peerIsClass: boolean, p: number): number {
    if (stryMutAct_9fa48("1184")) {
      {}
    } else {
      stryCov_9fa48("1184");
      const {
        rules,
        open,
        named,
        listId
      } = this.applicable(direction, subject);
      if (stryMutAct_9fa48("1186") ? false : stryMutAct_9fa48("1185") ? true : (stryCov_9fa48("1185", "1186"), open)) return ALL_ID;
      const peer = stryMutAct_9fa48("1187") ? () => undefined : (stryCov_9fa48("1187"), (() => {
        const peer = (): Endpoint => stryMutAct_9fa48("1188") ? {} : (stryCov_9fa48("1188"), {
          kind: peerIsClass ? stryMutAct_9fa48("1189") ? "" : (stryCov_9fa48("1189"), "class") : stryMutAct_9fa48("1190") ? "" : (stryCov_9fa48("1190"), "range"),
          index: p
        });
        return peer;
      })());
      // A mask needs one bit per rule; subjects with more rules are evaluated directly.
      if (stryMutAct_9fa48("1194") ? rules.length <= 30 : stryMutAct_9fa48("1193") ? rules.length >= 30 : stryMutAct_9fa48("1192") ? false : stryMutAct_9fa48("1191") ? true : (stryCov_9fa48("1191", "1192", "1193", "1194"), rules.length > 30)) return this.idOf(this.side(direction, subject, peer()));
      let mask = 0;
      const word = p >>> 5;
      const bit = 1 << (p & 31);
      for (let i = 0; stryMutAct_9fa48("1197") ? i >= rules.length : stryMutAct_9fa48("1196") ? i <= rules.length : stryMutAct_9fa48("1195") ? false : (stryCov_9fa48("1195", "1196", "1197"), i < rules.length); stryMutAct_9fa48("1198") ? i-- : (stryCov_9fa48("1198"), i++)) {
        if (stryMutAct_9fa48("1199")) {
          {}
        } else {
          stryCov_9fa48("1199");
          const r = rules[i]!;
          const b = peerIsClass ? r.classes : r.ranges;
          if (stryMutAct_9fa48("1202") ? b === undefined && (b.words[word]! & bit) !== 0 : stryMutAct_9fa48("1201") ? false : stryMutAct_9fa48("1200") ? true : (stryCov_9fa48("1200", "1201", "1202"), (stryMutAct_9fa48("1204") ? b !== undefined : stryMutAct_9fa48("1203") ? false : (stryCov_9fa48("1203", "1204"), b === undefined)) || (stryMutAct_9fa48("1206") ? (b.words[word]! & bit) === 0 : stryMutAct_9fa48("1205") ? false : (stryCov_9fa48("1205", "1206"), (b.words[word]! & bit) !== 0)))) stryMutAct_9fa48("1207") ? mask &= 1 << i : (stryCov_9fa48("1207"), mask |= 1 << i);
        }
      }
      // Named ports resolve on the destination: the peer for egress (when it is a class), the subject for ingress.
      const namedOn = (stryMutAct_9fa48("1208") ? named : (stryCov_9fa48("1208"), !named)) ? stryMutAct_9fa48("1209") ? +1 : (stryCov_9fa48("1209"), -1) : (stryMutAct_9fa48("1212") ? direction !== "ingress" : stryMutAct_9fa48("1211") ? false : stryMutAct_9fa48("1210") ? true : (stryCov_9fa48("1210", "1211", "1212"), direction === (stryMutAct_9fa48("1213") ? "" : (stryCov_9fa48("1213"), "ingress")))) ? subject : peerIsClass ? p : stryMutAct_9fa48("1214") ? +1 : (stryCov_9fa48("1214"), -1);
      const lm = stryMutAct_9fa48("1215") ? this.memos[direction][listId] &&= {} : (stryCov_9fa48("1215"), this.memos[direction][listId] ??= {});
      let t: MemoTable;
      if (stryMutAct_9fa48("1219") ? namedOn < 0 : stryMutAct_9fa48("1218") ? namedOn > 0 : stryMutAct_9fa48("1217") ? false : stryMutAct_9fa48("1216") ? true : (stryCov_9fa48("1216", "1217", "1218", "1219"), namedOn >= 0)) {
        if (stryMutAct_9fa48("1220")) {
          {}
        } else {
          stryCov_9fa48("1220");
          const perProfile = peerIsClass ? stryMutAct_9fa48("1221") ? lm.namedClass &&= [] : (stryCov_9fa48("1221"), lm.namedClass ??= stryMutAct_9fa48("1222") ? ["Stryker was here"] : (stryCov_9fa48("1222"), [])) : stryMutAct_9fa48("1223") ? lm.namedRange &&= [] : (stryCov_9fa48("1223"), lm.namedRange ??= stryMutAct_9fa48("1224") ? ["Stryker was here"] : (stryCov_9fa48("1224"), []));
          t = stryMutAct_9fa48("1225") ? perProfile[this.classes.classes[namedOn]!.portProfile] &&= memoTable(rules.length) : (stryCov_9fa48("1225"), perProfile[this.classes.classes[namedOn]!.portProfile] ??= memoTable(rules.length));
        }
      } else if (stryMutAct_9fa48("1227") ? false : stryMutAct_9fa48("1226") ? true : (stryCov_9fa48("1226", "1227"), peerIsClass)) t = stryMutAct_9fa48("1228") ? lm.cls &&= memoTable(rules.length) : (stryCov_9fa48("1228"), lm.cls ??= memoTable(rules.length));else t = stryMutAct_9fa48("1229") ? lm.range &&= memoTable(rules.length) : (stryCov_9fa48("1229"), lm.range ??= memoTable(rules.length));
      let v = t instanceof Int32Array ? t[mask]! : stryMutAct_9fa48("1230") ? t.get(mask) && -1 : (stryCov_9fa48("1230"), t.get(mask) ?? (stryMutAct_9fa48("1231") ? +1 : (stryCov_9fa48("1231"), -1)));
      if (stryMutAct_9fa48("1235") ? v >= 0 : stryMutAct_9fa48("1234") ? v <= 0 : stryMutAct_9fa48("1233") ? false : stryMutAct_9fa48("1232") ? true : (stryCov_9fa48("1232", "1233", "1234", "1235"), v < 0)) {
        if (stryMutAct_9fa48("1236")) {
          {}
        } else {
          stryCov_9fa48("1236");
          v = this.idOf(this.side(direction, subject, peer()));
          if (stryMutAct_9fa48("1238") ? false : stryMutAct_9fa48("1237") ? true : (stryCov_9fa48("1237", "1238"), t instanceof Int32Array)) t[mask] = v;else t.set(mask, v);
        }
      }
      return v;
    }
  }

  /**
   * pair(class s, class d) for every d in `candidates` (default: s's egress
   * reach), keeping the non-empty ones in class order. The same verdicts as
   * pair(), with the per-source work (the caller's Istio identity) done once
   * per row and no object allocated per pair.
   */
  row(s: number, candidates?: Bitset): {
    readonly ds: Int32Array;
    readonly cs: readonly ConnSet[];
  } {
    if (stryMutAct_9fa48("1239")) {
      {}
    } else {
      stryCov_9fa48("1239");
      const cand = stryMutAct_9fa48("1240") ? candidates && this.reachableClasses(s) : (stryCov_9fa48("1240"), candidates ?? this.reachableClasses(s));
      const ing = this.ingress;
      const eg = this.egress;
      const sWord = s >>> 5;
      const sBit = 1 << (s & 31);
      const src: Endpoint = stryMutAct_9fa48("1241") ? {} : (stryCov_9fa48("1241"), {
        kind: stryMutAct_9fa48("1242") ? "" : (stryCov_9fa48("1242"), "class"),
        index: s
      });
      const srcClass = this.classes.classes[s]!;
      const callerKey = this.callerKey(src, srcClass);
      const egressAll = eg.reachAll[s]!;
      const egressReach = eg.reach[s]!.words;
      const ds: number[] = stryMutAct_9fa48("1243") ? ["Stryker was here"] : (stryCov_9fa48("1243"), []);
      const cs: ConnSet[] = stryMutAct_9fa48("1244") ? ["Stryker was here"] : (stryCov_9fa48("1244"), []);
      const words = cand.words;
      for (let w = 0; stryMutAct_9fa48("1247") ? w >= words.length : stryMutAct_9fa48("1246") ? w <= words.length : stryMutAct_9fa48("1245") ? false : (stryCov_9fa48("1245", "1246", "1247"), w < words.length); stryMutAct_9fa48("1248") ? w-- : (stryCov_9fa48("1248"), w++)) {
        if (stryMutAct_9fa48("1249")) {
          {}
        } else {
          stryCov_9fa48("1249");
          let word = words[w]!;
          if (stryMutAct_9fa48("1252") ? false : stryMutAct_9fa48("1251") ? true : stryMutAct_9fa48("1250") ? egressAll : (stryCov_9fa48("1250", "1251", "1252"), !egressAll)) stryMutAct_9fa48("1253") ? word |= egressReach[w]! : (stryCov_9fa48("1253"), word &= egressReach[w]!);
          while (stryMutAct_9fa48("1255") ? word === 0 : stryMutAct_9fa48("1254") ? false : (stryCov_9fa48("1254", "1255"), word !== 0)) {
            if (stryMutAct_9fa48("1256")) {
              {}
            } else {
              stryCov_9fa48("1256");
              const low = word & (stryMutAct_9fa48("1257") ? +word : (stryCov_9fa48("1257"), -word));
              word ^= low;
              const d = stryMutAct_9fa48("1258") ? (w << 5) - (31 - Math.clz32(low)) : (stryCov_9fa48("1258"), (w << 5) + (stryMutAct_9fa48("1259") ? 31 + Math.clz32(low) : (stryCov_9fa48("1259"), 31 - Math.clz32(low))));
              // candidate(): d's ingress rules must be able to name s.
              if (stryMutAct_9fa48("1262") ? !ing.reachAll[d]! || (ing.reach[d]!.words[sWord]! & sBit) === 0 : stryMutAct_9fa48("1261") ? false : stryMutAct_9fa48("1260") ? true : (stryCov_9fa48("1260", "1261", "1262"), (stryMutAct_9fa48("1263") ? ing.reachAll[d]! : (stryCov_9fa48("1263"), !ing.reachAll[d]!)) && (stryMutAct_9fa48("1265") ? (ing.reach[d]!.words[sWord]! & sBit) !== 0 : stryMutAct_9fa48("1264") ? true : (stryCov_9fa48("1264", "1265"), (ing.reach[d]!.words[sWord]! & sBit) === 0)))) continue;
              const out = this.verdictId(stryMutAct_9fa48("1266") ? "" : (stryCov_9fa48("1266"), "egress"), s, stryMutAct_9fa48("1267") ? false : (stryCov_9fa48("1267"), true), d);
              if (stryMutAct_9fa48("1270") ? out !== EMPTY_ID : stryMutAct_9fa48("1269") ? false : stryMutAct_9fa48("1268") ? true : (stryCov_9fa48("1268", "1269", "1270"), out === EMPTY_ID)) continue;
              let both = this.meetId(out, this.verdictId(stryMutAct_9fa48("1271") ? "" : (stryCov_9fa48("1271"), "ingress"), d, stryMutAct_9fa48("1272") ? false : (stryCov_9fa48("1272"), true), s));
              if (stryMutAct_9fa48("1275") ? both !== EMPTY_ID : stryMutAct_9fa48("1274") ? false : stryMutAct_9fa48("1273") ? true : (stryCov_9fa48("1273", "1274", "1275"), both === EMPTY_ID)) continue;
              if (stryMutAct_9fa48("1277") ? false : stryMutAct_9fa48("1276") ? true : (stryCov_9fa48("1276", "1277"), this.istioRestricts(d))) {
                if (stryMutAct_9fa48("1278")) {
                  {}
                } else {
                  stryCov_9fa48("1278");
                  both = this.meetId(both, this.idOf(this.istioFor(src, srcClass, callerKey, d)));
                  if (stryMutAct_9fa48("1281") ? both !== EMPTY_ID : stryMutAct_9fa48("1280") ? false : stryMutAct_9fa48("1279") ? true : (stryCov_9fa48("1279", "1280", "1281"), both === EMPTY_ID)) continue;
                }
              }
              ds.push(d);
              cs.push(this.sets[both]!);
            }
          }
        }
      }
      return stryMutAct_9fa48("1282") ? {} : (stryCov_9fa48("1282"), {
        ds: Int32Array.from(ds),
        cs
      });
    }
  }

  /**
   * Interned sets: equal content, one object and one id (EMPTY_ID and ALL_ID
   * are ConnSet.empty and ConnSet.all), so the caches below key on small
   * integers and see few distinct operands.
   */
  private readonly sets: ConnSet[] = stryMutAct_9fa48("1283") ? [] : (stryCov_9fa48("1283"), [ConnSet.empty, ConnSet.all]);
  private readonly idByContent = new Map<string, number>();
  private readonly idByObject = new Map<ConnSet, number>(stryMutAct_9fa48("1284") ? [] : (stryCov_9fa48("1284"), [stryMutAct_9fa48("1285") ? [] : (stryCov_9fa48("1285"), [ConnSet.empty, EMPTY_ID]), stryMutAct_9fa48("1286") ? [] : (stryCov_9fa48("1286"), [ConnSet.all, ALL_ID])]));
  private idOf(c: ConnSet): number {
    if (stryMutAct_9fa48("1287")) {
      {}
    } else {
      stryCov_9fa48("1287");
      let id = this.idByObject.get(c);
      if (stryMutAct_9fa48("1290") ? id !== undefined : stryMutAct_9fa48("1289") ? false : stryMutAct_9fa48("1288") ? true : (stryCov_9fa48("1288", "1289", "1290"), id === undefined)) {
        if (stryMutAct_9fa48("1291")) {
          {}
        } else {
          stryCov_9fa48("1291");
          if (stryMutAct_9fa48("1293") ? false : stryMutAct_9fa48("1292") ? true : (stryCov_9fa48("1292", "1293"), c.isEmpty())) id = EMPTY_ID;else if (stryMutAct_9fa48("1295") ? false : stryMutAct_9fa48("1294") ? true : (stryCov_9fa48("1294", "1295"), c.isAll())) id = ALL_ID;else {
            if (stryMutAct_9fa48("1296")) {
              {}
            } else {
              stryCov_9fa48("1296");
              const k = c.toString();
              id = this.idByContent.get(k);
              if (stryMutAct_9fa48("1299") ? id !== undefined : stryMutAct_9fa48("1298") ? false : stryMutAct_9fa48("1297") ? true : (stryCov_9fa48("1297", "1298", "1299"), id === undefined)) {
                if (stryMutAct_9fa48("1300")) {
                  {}
                } else {
                  stryCov_9fa48("1300");
                  this.idByContent.set(k, id = this.sets.length);
                  this.sets.push(c);
                }
              }
            }
          }
          this.idByObject.set(c, id);
        }
      }
      return id;
    }
  }
  private intern(c: ConnSet): ConnSet {
    if (stryMutAct_9fa48("1301")) {
      {}
    } else {
      stryCov_9fa48("1301");
      return this.sets[this.idOf(c)]!;
    }
  }

  /** meets[a].get(b) with a <= b: intersection is commutative. */
  private readonly meets: (Map<number, number> | undefined)[] = stryMutAct_9fa48("1302") ? ["Stryker was here"] : (stryCov_9fa48("1302"), []);
  private meetId(a: number, b: number): number {
    if (stryMutAct_9fa48("1303")) {
      {}
    } else {
      stryCov_9fa48("1303");
      if (stryMutAct_9fa48("1306") ? (a === b || b === ALL_ID) && a === EMPTY_ID : stryMutAct_9fa48("1305") ? false : stryMutAct_9fa48("1304") ? true : (stryCov_9fa48("1304", "1305", "1306"), (stryMutAct_9fa48("1308") ? a === b && b === ALL_ID : stryMutAct_9fa48("1307") ? false : (stryCov_9fa48("1307", "1308"), (stryMutAct_9fa48("1310") ? a !== b : stryMutAct_9fa48("1309") ? false : (stryCov_9fa48("1309", "1310"), a === b)) || (stryMutAct_9fa48("1312") ? b !== ALL_ID : stryMutAct_9fa48("1311") ? false : (stryCov_9fa48("1311", "1312"), b === ALL_ID)))) || (stryMutAct_9fa48("1314") ? a !== EMPTY_ID : stryMutAct_9fa48("1313") ? false : (stryCov_9fa48("1313", "1314"), a === EMPTY_ID)))) return a;
      if (stryMutAct_9fa48("1317") ? a === ALL_ID && b === EMPTY_ID : stryMutAct_9fa48("1316") ? false : stryMutAct_9fa48("1315") ? true : (stryCov_9fa48("1315", "1316", "1317"), (stryMutAct_9fa48("1319") ? a !== ALL_ID : stryMutAct_9fa48("1318") ? false : (stryCov_9fa48("1318", "1319"), a === ALL_ID)) || (stryMutAct_9fa48("1321") ? b !== EMPTY_ID : stryMutAct_9fa48("1320") ? false : (stryCov_9fa48("1320", "1321"), b === EMPTY_ID)))) return b;
      if (stryMutAct_9fa48("1325") ? a <= b : stryMutAct_9fa48("1324") ? a >= b : stryMutAct_9fa48("1323") ? false : stryMutAct_9fa48("1322") ? true : (stryCov_9fa48("1322", "1323", "1324", "1325"), a > b)) [a, b] = stryMutAct_9fa48("1326") ? [] : (stryCov_9fa48("1326"), [b, a]);
      const row = stryMutAct_9fa48("1327") ? this.meets[a] &&= new Map() : (stryCov_9fa48("1327"), this.meets[a] ??= new Map());
      let r = row.get(b);
      if (stryMutAct_9fa48("1330") ? r !== undefined : stryMutAct_9fa48("1329") ? false : stryMutAct_9fa48("1328") ? true : (stryCov_9fa48("1328", "1329", "1330"), r === undefined)) row.set(b, r = this.idOf(this.sets[a]!.intersect(this.sets[b]!)));
      return r;
    }
  }

  /** Intersection, cached by interned operands (verdicts are shared objects, so few distinct pairs occur). */
  meet(a: ConnSet, b: ConnSet): ConnSet {
    if (stryMutAct_9fa48("1331")) {
      {}
    } else {
      stryCov_9fa48("1331");
      if (stryMutAct_9fa48("1334") ? (a === b || b === ConnSet.all) && a.isEmpty() : stryMutAct_9fa48("1333") ? false : stryMutAct_9fa48("1332") ? true : (stryCov_9fa48("1332", "1333", "1334"), (stryMutAct_9fa48("1336") ? a === b && b === ConnSet.all : stryMutAct_9fa48("1335") ? false : (stryCov_9fa48("1335", "1336"), (stryMutAct_9fa48("1338") ? a !== b : stryMutAct_9fa48("1337") ? false : (stryCov_9fa48("1337", "1338"), a === b)) || (stryMutAct_9fa48("1340") ? b !== ConnSet.all : stryMutAct_9fa48("1339") ? false : (stryCov_9fa48("1339", "1340"), b === ConnSet.all)))) || a.isEmpty())) return a;
      if (stryMutAct_9fa48("1343") ? a === ConnSet.all && b.isEmpty() : stryMutAct_9fa48("1342") ? false : stryMutAct_9fa48("1341") ? true : (stryCov_9fa48("1341", "1342", "1343"), (stryMutAct_9fa48("1345") ? a !== ConnSet.all : stryMutAct_9fa48("1344") ? false : (stryCov_9fa48("1344", "1345"), a === ConnSet.all)) || b.isEmpty())) return b;
      return this.sets[this.meetId(this.idOf(a), this.idOf(b))]!;
    }
  }
  private readonly joins: (Map<number, number> | undefined)[] = stryMutAct_9fa48("1346") ? ["Stryker was here"] : (stryCov_9fa48("1346"), []);
  /** Union, cached like meet() (workloads of several classes join the same verdicts again and again). */
  join(a: ConnSet, b: ConnSet): ConnSet {
    if (stryMutAct_9fa48("1347")) {
      {}
    } else {
      stryCov_9fa48("1347");
      if (stryMutAct_9fa48("1350") ? (a === b || a === ConnSet.all) && b.isEmpty() : stryMutAct_9fa48("1349") ? false : stryMutAct_9fa48("1348") ? true : (stryCov_9fa48("1348", "1349", "1350"), (stryMutAct_9fa48("1352") ? a === b && a === ConnSet.all : stryMutAct_9fa48("1351") ? false : (stryCov_9fa48("1351", "1352"), (stryMutAct_9fa48("1354") ? a !== b : stryMutAct_9fa48("1353") ? false : (stryCov_9fa48("1353", "1354"), a === b)) || (stryMutAct_9fa48("1356") ? a !== ConnSet.all : stryMutAct_9fa48("1355") ? false : (stryCov_9fa48("1355", "1356"), a === ConnSet.all)))) || b.isEmpty())) return a;
      if (stryMutAct_9fa48("1359") ? b === ConnSet.all && a.isEmpty() : stryMutAct_9fa48("1358") ? false : stryMutAct_9fa48("1357") ? true : (stryCov_9fa48("1357", "1358", "1359"), (stryMutAct_9fa48("1361") ? b !== ConnSet.all : stryMutAct_9fa48("1360") ? false : (stryCov_9fa48("1360", "1361"), b === ConnSet.all)) || a.isEmpty())) return b;
      let ia = this.idOf(a);
      let ib = this.idOf(b);
      if (stryMutAct_9fa48("1365") ? ia <= ib : stryMutAct_9fa48("1364") ? ia >= ib : stryMutAct_9fa48("1363") ? false : stryMutAct_9fa48("1362") ? true : (stryCov_9fa48("1362", "1363", "1364", "1365"), ia > ib)) [ia, ib] = stryMutAct_9fa48("1366") ? [] : (stryCov_9fa48("1366"), [ib, ia]);
      const row = stryMutAct_9fa48("1367") ? this.joins[ia] &&= new Map() : (stryCov_9fa48("1367"), this.joins[ia] ??= new Map());
      let r = row.get(ib);
      if (stryMutAct_9fa48("1370") ? r !== undefined : stryMutAct_9fa48("1369") ? false : stryMutAct_9fa48("1368") ? true : (stryCov_9fa48("1368", "1369", "1370"), r === undefined)) row.set(ib, r = this.idOf(this.sets[ia]!.union(this.sets[ib]!)));
      return this.sets[r]!;
    }
  }

  /** Whether istio() can restrict anything into this class. */
  istioRestricts(dst: number): boolean {
    if (stryMutAct_9fa48("1371")) {
      {}
    } else {
      stryCov_9fa48("1371");
      return stryMutAct_9fa48("1374") ? this.layers.istio !== "off" || this.classes.classes[dst]!.meshed : stryMutAct_9fa48("1373") ? false : stryMutAct_9fa48("1372") ? true : (stryCov_9fa48("1372", "1373", "1374"), (stryMutAct_9fa48("1376") ? this.layers.istio === "off" : stryMutAct_9fa48("1375") ? true : (stryCov_9fa48("1375", "1376"), this.layers.istio !== (stryMutAct_9fa48("1377") ? "" : (stryCov_9fa48("1377"), "off")))) && this.classes.classes[dst]!.meshed);
    }
  }

  /** Destination classes a source class may reach, as a bitset (for iteration). */
  reachableClasses(src: number): Bitset {
    if (stryMutAct_9fa48("1378")) {
      {}
    } else {
      stryCov_9fa48("1378");
      const e = this.egress;
      return e.reachAll[src]! ? Bitset.full(this.classes.size) : e.reach[src]!.clone();
    }
  }

  /**
   * Per source class, the destination classes worth evaluating: its egress
   * reach AND the destinations whose ingress reach names it. Built by
   * transposing the ingress reach once, so pruning is word-parallel.
   */
  candidateDestinations(): Bitset[] {
    if (stryMutAct_9fa48("1379")) {
      {}
    } else {
      stryCov_9fa48("1379");
      const n = this.classes.size;
      const open = this.classes.empty();
      const transposed = Array.from(stryMutAct_9fa48("1380") ? {} : (stryCov_9fa48("1380"), {
        length: n
      }), stryMutAct_9fa48("1381") ? () => undefined : (stryCov_9fa48("1381"), () => this.classes.empty()));
      for (let d = 0; stryMutAct_9fa48("1384") ? d >= n : stryMutAct_9fa48("1383") ? d <= n : stryMutAct_9fa48("1382") ? false : (stryCov_9fa48("1382", "1383", "1384"), d < n); stryMutAct_9fa48("1385") ? d-- : (stryCov_9fa48("1385"), d++)) {
        if (stryMutAct_9fa48("1386")) {
          {}
        } else {
          stryCov_9fa48("1386");
          if (stryMutAct_9fa48("1388") ? false : stryMutAct_9fa48("1387") ? true : (stryCov_9fa48("1387", "1388"), this.ingress.reachAll[d]!)) open.add(d);else this.ingress.reach[d]!.forEach(stryMutAct_9fa48("1389") ? () => undefined : (stryCov_9fa48("1389"), s => transposed[s]!.add(d)));
        }
      }
      return transposed.map(stryMutAct_9fa48("1390") ? () => undefined : (stryCov_9fa48("1390"), (t, s) => t.or(open).and(this.reachableClasses(s))));
    }
  }

  /**
   * The external ranges grouped by the verdict they must get for this class
   * in one direction: ranges that the class's rules (and, into a meshed
   * class, Istio's IP conditions) do not tell apart form one atom. Cached
   * per distinct rule list, since many classes share their policies.
   */
  rangeAtoms(cls: number, direction: "ingress" | "egress"): RangeAtoms {
    if (stryMutAct_9fa48("1391")) {
      {}
    } else {
      stryCov_9fa48("1391");
      const {
        rules
      } = this.applicable(direction, cls);
      // Only the distinct non-empty range sets partition the ranges (rule order and repeats do not), so classes share atoms widely.
      const sets: number[] = stryMutAct_9fa48("1392") ? ["Stryker was here"] : (stryCov_9fa48("1392"), []);
      const distinguishing: CompiledRule[] = stryMutAct_9fa48("1393") ? ["Stryker was here"] : (stryCov_9fa48("1393"), []);
      for (const r of rules) {
        if (stryMutAct_9fa48("1394")) {
          {}
        } else {
          stryCov_9fa48("1394");
          if (stryMutAct_9fa48("1397") ? r.ranges !== undefined : stryMutAct_9fa48("1396") ? false : stryMutAct_9fa48("1395") ? true : (stryCov_9fa48("1395", "1396", "1397"), r.ranges === undefined)) continue;
          const id = this.rangeSetId(r);
          if (stryMutAct_9fa48("1400") ? id < 0 && sets.includes(id) : stryMutAct_9fa48("1399") ? false : stryMutAct_9fa48("1398") ? true : (stryCov_9fa48("1398", "1399", "1400"), (stryMutAct_9fa48("1403") ? id >= 0 : stryMutAct_9fa48("1402") ? id <= 0 : stryMutAct_9fa48("1401") ? false : (stryCov_9fa48("1401", "1402", "1403"), id < 0)) || sets.includes(id))) continue;
          sets.push(id);
          distinguishing.push(r);
        }
      }
      const istio = stryMutAct_9fa48("1406") ? direction === "ingress" || this.istioRestricts(cls) : stryMutAct_9fa48("1405") ? false : stryMutAct_9fa48("1404") ? true : (stryCov_9fa48("1404", "1405", "1406"), (stryMutAct_9fa48("1408") ? direction !== "ingress" : stryMutAct_9fa48("1407") ? true : (stryCov_9fa48("1407", "1408"), direction === (stryMutAct_9fa48("1409") ? "" : (stryCov_9fa48("1409"), "ingress")))) && this.istioRestricts(cls));
      let key = istio ? stryMutAct_9fa48("1410") ? "" : (stryCov_9fa48("1410"), "i") : stryMutAct_9fa48("1411") ? "Stryker was here!" : (stryCov_9fa48("1411"), "");
      for (const id of stryMutAct_9fa48("1412") ? sets : (stryCov_9fa48("1412"), sets.sort(stryMutAct_9fa48("1413") ? () => undefined : (stryCov_9fa48("1413"), (a, b) => stryMutAct_9fa48("1414") ? a + b : (stryCov_9fa48("1414"), a - b))))) key += stryMutAct_9fa48("1415") ? `` : (stryCov_9fa48("1415"), `,${id}`);
      let atoms = this.atomCache.get(key);
      if (stryMutAct_9fa48("1418") ? false : stryMutAct_9fa48("1417") ? true : stryMutAct_9fa48("1416") ? atoms : (stryCov_9fa48("1416", "1417", "1418"), !atoms)) {
        if (stryMutAct_9fa48("1419")) {
          {}
        } else {
          stryCov_9fa48("1419");
          const X = this.space.size;
          const istioRanges = istio ? this.istioRanges() : undefined;
          const atomOf = new Int32Array(X);
          const members: number[][] = stryMutAct_9fa48("1420") ? ["Stryker was here"] : (stryCov_9fa48("1420"), []);
          const byKey = new Map<number | string, number>();
          const small = stryMutAct_9fa48("1424") ? distinguishing.length > 30 : stryMutAct_9fa48("1423") ? distinguishing.length < 30 : stryMutAct_9fa48("1422") ? false : stryMutAct_9fa48("1421") ? true : (stryCov_9fa48("1421", "1422", "1423", "1424"), distinguishing.length <= 30);
          // Which distinguishing rules hold each range, as bit masks set from the rules' (sparse) range sets.
          const masks = new Int32Array(small ? X : 0);
          if (stryMutAct_9fa48("1426") ? false : stryMutAct_9fa48("1425") ? true : (stryCov_9fa48("1425", "1426"), small)) distinguishing.forEach(stryMutAct_9fa48("1427") ? () => undefined : (stryCov_9fa48("1427"), (r, i) => r.ranges!.forEach(stryMutAct_9fa48("1428") ? () => undefined : (stryCov_9fa48("1428"), x => stryMutAct_9fa48("1429") ? masks[x]! &= 1 << i : (stryCov_9fa48("1429"), masks[x]! |= 1 << i)))));
          let lastKey: number | string | undefined;
          let lastAtom = stryMutAct_9fa48("1430") ? +1 : (stryCov_9fa48("1430"), -1);
          for (let x = 0; stryMutAct_9fa48("1433") ? x >= X : stryMutAct_9fa48("1432") ? x <= X : stryMutAct_9fa48("1431") ? false : (stryCov_9fa48("1431", "1432", "1433"), x < X); stryMutAct_9fa48("1434") ? x-- : (stryCov_9fa48("1434"), x++)) {
            if (stryMutAct_9fa48("1435")) {
              {}
            } else {
              stryCov_9fa48("1435");
              // A bit mask, or text for very long rule lists.
              let k: number | string;
              if (stryMutAct_9fa48("1438") ? istioRanges.has(x) : stryMutAct_9fa48("1437") ? false : stryMutAct_9fa48("1436") ? true : (stryCov_9fa48("1436", "1437", "1438"), istioRanges?.has(x))) k = stryMutAct_9fa48("1439") ? -1 + x : (stryCov_9fa48("1439"), (stryMutAct_9fa48("1440") ? +1 : (stryCov_9fa48("1440"), -1)) - x);else if (stryMutAct_9fa48("1442") ? false : stryMutAct_9fa48("1441") ? true : (stryCov_9fa48("1441", "1442"), small)) k = masks[x]!;else {
                if (stryMutAct_9fa48("1443")) {
                  {}
                } else {
                  stryCov_9fa48("1443");
                  k = stryMutAct_9fa48("1444") ? "Stryker was here!" : (stryCov_9fa48("1444"), "");
                  for (const r of distinguishing) stryMutAct_9fa48("1445") ? k -= r.ranges!.has(x) ? "1" : "0" : (stryCov_9fa48("1445"), k += r.ranges!.has(x) ? stryMutAct_9fa48("1446") ? "" : (stryCov_9fa48("1446"), "1") : stryMutAct_9fa48("1447") ? "" : (stryCov_9fa48("1447"), "0"));
                }
              }
              // Neighbouring ranges mostly share their key: skip the map then.
              let a = (stryMutAct_9fa48("1450") ? k !== lastKey : stryMutAct_9fa48("1449") ? false : stryMutAct_9fa48("1448") ? true : (stryCov_9fa48("1448", "1449", "1450"), k === lastKey)) ? lastAtom : byKey.get(k);
              if (stryMutAct_9fa48("1453") ? a !== undefined : stryMutAct_9fa48("1452") ? false : stryMutAct_9fa48("1451") ? true : (stryCov_9fa48("1451", "1452", "1453"), a === undefined)) {
                if (stryMutAct_9fa48("1454")) {
                  {}
                } else {
                  stryCov_9fa48("1454");
                  byKey.set(k, a = members.length);
                  members.push(stryMutAct_9fa48("1455") ? ["Stryker was here"] : (stryCov_9fa48("1455"), []));
                }
              }
              lastKey = k;
              lastAtom = a;
              atomOf[x] = a;
              members[a]!.push(x);
            }
          }
          this.atomCache.set(key, atoms = stryMutAct_9fa48("1456") ? {} : (stryCov_9fa48("1456"), {
            atomOf,
            members
          }));
        }
      }
      return atoms;
    }
  }
  private readonly atomCache = new Map<string, RangeAtoms>();
  /** Per rule: an id of its range set's content, -1 when it holds no range. */
  private readonly rangeSetIds = new Map<CompiledRule, number>();
  private readonly rangeSetByContent = new Map<string, number>();
  private rangeSetId(r: CompiledRule): number {
    if (stryMutAct_9fa48("1457")) {
      {}
    } else {
      stryCov_9fa48("1457");
      let id = this.rangeSetIds.get(r);
      if (stryMutAct_9fa48("1460") ? id !== undefined : stryMutAct_9fa48("1459") ? false : stryMutAct_9fa48("1458") ? true : (stryCov_9fa48("1458", "1459", "1460"), id === undefined)) {
        if (stryMutAct_9fa48("1461")) {
          {}
        } else {
          stryCov_9fa48("1461");
          const b = r.ranges!;
          if (stryMutAct_9fa48("1463") ? false : stryMutAct_9fa48("1462") ? true : (stryCov_9fa48("1462", "1463"), b.isEmpty())) id = stryMutAct_9fa48("1464") ? +1 : (stryCov_9fa48("1464"), -1);else {
            if (stryMutAct_9fa48("1465")) {
              {}
            } else {
              stryCov_9fa48("1465");
              const content = b.words.join(stryMutAct_9fa48("1466") ? "" : (stryCov_9fa48("1466"), ","));
              id = this.rangeSetByContent.get(content);
              if (stryMutAct_9fa48("1469") ? id !== undefined : stryMutAct_9fa48("1468") ? false : stryMutAct_9fa48("1467") ? true : (stryCov_9fa48("1467", "1468", "1469"), id === undefined)) this.rangeSetByContent.set(content, id = this.rangeSetByContent.size);
            }
          }
          this.rangeSetIds.set(r, id);
        }
      }
      return id;
    }
  }
  private istioRangeCache: Bitset | undefined;
  private istioRanges(): Bitset {
    if (stryMutAct_9fa48("1470")) {
      {}
    } else {
      stryCov_9fa48("1470");
      if (stryMutAct_9fa48("1473") ? false : stryMutAct_9fa48("1472") ? true : stryMutAct_9fa48("1471") ? this.istioRangeCache : (stryCov_9fa48("1471", "1472", "1473"), !this.istioRangeCache)) {
        if (stryMutAct_9fa48("1474")) {
          {}
        } else {
          stryCov_9fa48("1474");
          const b = new Bitset(this.space.size);
          for (const ap of this.cluster.authorizationPolicies) for (const r of ap.rules) for (const src of stryMutAct_9fa48("1475") ? r.from && [] : (stryCov_9fa48("1475"), r.from ?? (stryMutAct_9fa48("1476") ? ["Stryker was here"] : (stryCov_9fa48("1476"), [])))) for (const x of stryMutAct_9fa48("1477") ? [] : (stryCov_9fa48("1477"), [...(stryMutAct_9fa48("1478") ? src.ipBlocks && [] : (stryCov_9fa48("1478"), src.ipBlocks ?? (stryMutAct_9fa48("1479") ? ["Stryker was here"] : (stryCov_9fa48("1479"), [])))), ...(stryMutAct_9fa48("1480") ? src.notIpBlocks && [] : (stryCov_9fa48("1480"), src.notIpBlocks ?? (stryMutAct_9fa48("1481") ? ["Stryker was here"] : (stryCov_9fa48("1481"), []))))])) this.space.within(x, b);
          this.istioRangeCache = b;
        }
      }
      return this.istioRangeCache;
    }
  }

  // ---------------------------------------------------------------- Istio

  private mtlsModes(dst: PodClass): {
    mode: MtlsMode;
    ports: ConnSet;
  }[] {
    if (stryMutAct_9fa48("1482")) {
      {}
    } else {
      stryCov_9fa48("1482");
      const root = this.cluster.istioRootNamespace;
      const pas = this.cluster.peerAuthentications;
      const pick = stryMutAct_9fa48("1483") ? () => undefined : (stryCov_9fa48("1483"), (() => {
        const pick = (list: PeerAuthentication[]): PeerAuthentication | undefined => list[0];
        return pick;
      })()); // sorted by name already
      const mesh = pick(stryMutAct_9fa48("1484") ? pas : (stryCov_9fa48("1484"), pas.filter(stryMutAct_9fa48("1485") ? () => undefined : (stryCov_9fa48("1485"), p => stryMutAct_9fa48("1488") ? p.namespace === root || !p.selector : stryMutAct_9fa48("1487") ? false : stryMutAct_9fa48("1486") ? true : (stryCov_9fa48("1486", "1487", "1488"), (stryMutAct_9fa48("1490") ? p.namespace !== root : stryMutAct_9fa48("1489") ? true : (stryCov_9fa48("1489", "1490"), p.namespace === root)) && (stryMutAct_9fa48("1491") ? p.selector : (stryCov_9fa48("1491"), !p.selector)))))));
      const nsWide = pick(stryMutAct_9fa48("1492") ? pas : (stryCov_9fa48("1492"), pas.filter(stryMutAct_9fa48("1493") ? () => undefined : (stryCov_9fa48("1493"), p => stryMutAct_9fa48("1496") ? p.namespace === dst.namespace || !p.selector : stryMutAct_9fa48("1495") ? false : stryMutAct_9fa48("1494") ? true : (stryCov_9fa48("1494", "1495", "1496"), (stryMutAct_9fa48("1498") ? p.namespace !== dst.namespace : stryMutAct_9fa48("1497") ? true : (stryCov_9fa48("1497", "1498"), p.namespace === dst.namespace)) && (stryMutAct_9fa48("1499") ? p.selector : (stryCov_9fa48("1499"), !p.selector)))))));
      const wl = pick(stryMutAct_9fa48("1500") ? pas : (stryCov_9fa48("1500"), pas.filter(stryMutAct_9fa48("1501") ? () => undefined : (stryCov_9fa48("1501"), p => stryMutAct_9fa48("1504") ? p.namespace === dst.namespace && p.selector || matches(p.selector, dst.labels) : stryMutAct_9fa48("1503") ? false : stryMutAct_9fa48("1502") ? true : (stryCov_9fa48("1502", "1503", "1504"), (stryMutAct_9fa48("1506") ? p.namespace === dst.namespace || p.selector : stryMutAct_9fa48("1505") ? true : (stryCov_9fa48("1505", "1506"), (stryMutAct_9fa48("1508") ? p.namespace !== dst.namespace : stryMutAct_9fa48("1507") ? true : (stryCov_9fa48("1507", "1508"), p.namespace === dst.namespace)) && p.selector)) && matches(p.selector, dst.labels))))));
      let base: MtlsMode = stryMutAct_9fa48("1509") ? "" : (stryCov_9fa48("1509"), "PERMISSIVE");
      for (const p of stryMutAct_9fa48("1510") ? [] : (stryCov_9fa48("1510"), [mesh, nsWide, wl])) if (stryMutAct_9fa48("1513") ? p.mode : stryMutAct_9fa48("1512") ? false : stryMutAct_9fa48("1511") ? true : (stryCov_9fa48("1511", "1512", "1513"), p?.mode)) base = p.mode;
      const out = new Map<MtlsMode, ConnSet>();
      let rest = TCP;
      for (const [port, mode] of stryMutAct_9fa48("1514") ? wl?.portLevel && [] : (stryCov_9fa48("1514"), (stryMutAct_9fa48("1515") ? wl.portLevel : (stryCov_9fa48("1515"), wl?.portLevel)) ?? (stryMutAct_9fa48("1516") ? ["Stryker was here"] : (stryCov_9fa48("1516"), [])))) {
        if (stryMutAct_9fa48("1517")) {
          {}
        } else {
          stryCov_9fa48("1517");
          const s = ConnSet.ports(stryMutAct_9fa48("1518") ? "" : (stryCov_9fa48("1518"), "TCP"), port);
          out.set(mode, (stryMutAct_9fa48("1519") ? out.get(mode) && ConnSet.empty : (stryCov_9fa48("1519"), out.get(mode) ?? ConnSet.empty)).union(s));
          rest = rest.subtract(s);
        }
      }
      out.set(base, (stryMutAct_9fa48("1520") ? out.get(base) && ConnSet.empty : (stryCov_9fa48("1520"), out.get(base) ?? ConnSet.empty)).union(rest));
      return stryMutAct_9fa48("1521") ? [...out.entries()].map(([mode, ports]) => ({
        mode,
        ports
      })) : (stryCov_9fa48("1521"), (stryMutAct_9fa48("1522") ? [] : (stryCov_9fa48("1522"), [...out.entries()])).filter(stryMutAct_9fa48("1523") ? () => undefined : (stryCov_9fa48("1523"), ([, p]) => stryMutAct_9fa48("1524") ? p.isEmpty() : (stryCov_9fa48("1524"), !p.isEmpty()))).map(stryMutAct_9fa48("1525") ? () => undefined : (stryCov_9fa48("1525"), ([mode, ports]) => stryMutAct_9fa48("1526") ? {} : (stryCov_9fa48("1526"), {
        mode,
        ports
      }))));
    }
  }
  private applicableAuthz(dst: PodClass): AuthorizationPolicy[] {
    if (stryMutAct_9fa48("1527")) {
      {}
    } else {
      stryCov_9fa48("1527");
      const root = this.cluster.istioRootNamespace;
      return stryMutAct_9fa48("1528") ? this.cluster.authorizationPolicies : (stryCov_9fa48("1528"), this.cluster.authorizationPolicies.filter(stryMutAct_9fa48("1529") ? () => undefined : (stryCov_9fa48("1529"), p => stryMutAct_9fa48("1532") ? p.namespace === dst.namespace || p.namespace === root || !p.selector || matches(p.selector, dst.labels) : stryMutAct_9fa48("1531") ? false : stryMutAct_9fa48("1530") ? true : (stryCov_9fa48("1530", "1531", "1532"), (stryMutAct_9fa48("1534") ? p.namespace === dst.namespace && p.namespace === root : stryMutAct_9fa48("1533") ? true : (stryCov_9fa48("1533", "1534"), (stryMutAct_9fa48("1536") ? p.namespace !== dst.namespace : stryMutAct_9fa48("1535") ? false : (stryCov_9fa48("1535", "1536"), p.namespace === dst.namespace)) || (stryMutAct_9fa48("1538") ? p.namespace !== root : stryMutAct_9fa48("1537") ? false : (stryCov_9fa48("1537", "1538"), p.namespace === root)))) && (stryMutAct_9fa48("1540") ? !p.selector && matches(p.selector, dst.labels) : stryMutAct_9fa48("1539") ? true : (stryCov_9fa48("1539", "1540"), (stryMutAct_9fa48("1541") ? p.selector : (stryCov_9fa48("1541"), !p.selector)) || matches(p.selector, dst.labels)))))));
    }
  }

  /** TCP ports matched by one authorization rule for a caller; `forDeny` drops what L4 cannot decide. */
  private rulePorts(rule: AuthzRule, caller: Caller, forDeny: boolean): ConnSet {
    if (stryMutAct_9fa48("1542")) {
      {}
    } else {
      stryCov_9fa48("1542");
      if (stryMutAct_9fa48("1545") ? forDeny || rule.hasWhen : stryMutAct_9fa48("1544") ? false : stryMutAct_9fa48("1543") ? true : (stryCov_9fa48("1543", "1544", "1545"), forDeny && rule.hasWhen)) return ConnSet.empty;
      if (stryMutAct_9fa48("1548") ? rule.from && rule.from.length > 0 || !rule.from.some(s => this.sourceMatches(s, caller, forDeny)) : stryMutAct_9fa48("1547") ? false : stryMutAct_9fa48("1546") ? true : (stryCov_9fa48("1546", "1547", "1548"), (stryMutAct_9fa48("1550") ? rule.from || rule.from.length > 0 : stryMutAct_9fa48("1549") ? true : (stryCov_9fa48("1549", "1550"), rule.from && (stryMutAct_9fa48("1553") ? rule.from.length <= 0 : stryMutAct_9fa48("1552") ? rule.from.length >= 0 : stryMutAct_9fa48("1551") ? true : (stryCov_9fa48("1551", "1552", "1553"), rule.from.length > 0)))) && (stryMutAct_9fa48("1554") ? rule.from.some(s => this.sourceMatches(s, caller, forDeny)) : (stryCov_9fa48("1554"), !(stryMutAct_9fa48("1555") ? rule.from.every(s => this.sourceMatches(s, caller, forDeny)) : (stryCov_9fa48("1555"), rule.from.some(stryMutAct_9fa48("1556") ? () => undefined : (stryCov_9fa48("1556"), s => this.sourceMatches(s, caller, forDeny))))))))) return ConnSet.empty;
      if (stryMutAct_9fa48("1559") ? !rule.to && rule.to.length === 0 : stryMutAct_9fa48("1558") ? false : stryMutAct_9fa48("1557") ? true : (stryCov_9fa48("1557", "1558", "1559"), (stryMutAct_9fa48("1560") ? rule.to : (stryCov_9fa48("1560"), !rule.to)) || (stryMutAct_9fa48("1562") ? rule.to.length !== 0 : stryMutAct_9fa48("1561") ? false : (stryCov_9fa48("1561", "1562"), rule.to.length === 0)))) return TCP;
      let out = ConnSet.empty;
      for (const op of rule.to) out = out.union(operationPorts(op, forDeny));
      return out;
    }
  }
  private sourceMatches(s: AuthzSource, caller: Caller, forDeny: boolean): boolean {
    if (stryMutAct_9fa48("1563")) {
      {}
    } else {
      stryCov_9fa48("1563");
      if (stryMutAct_9fa48("1566") ? forDeny || s.requestLevel : stryMutAct_9fa48("1565") ? false : stryMutAct_9fa48("1564") ? true : (stryCov_9fa48("1564", "1565", "1566"), forDeny && s.requestLevel)) return stryMutAct_9fa48("1567") ? true : (stryCov_9fa48("1567"), false);
      const id = caller.identity;
      if (stryMutAct_9fa48("1570") ? s.principals || !(id && s.principals.some(p => matchPattern(p, id.principal))) : stryMutAct_9fa48("1569") ? false : stryMutAct_9fa48("1568") ? true : (stryCov_9fa48("1568", "1569", "1570"), s.principals && (stryMutAct_9fa48("1571") ? id && s.principals.some(p => matchPattern(p, id.principal)) : (stryCov_9fa48("1571"), !(stryMutAct_9fa48("1574") ? id || s.principals.some(p => matchPattern(p, id.principal)) : stryMutAct_9fa48("1573") ? false : stryMutAct_9fa48("1572") ? true : (stryCov_9fa48("1572", "1573", "1574"), id && (stryMutAct_9fa48("1575") ? s.principals.every(p => matchPattern(p, id.principal)) : (stryCov_9fa48("1575"), s.principals.some(stryMutAct_9fa48("1576") ? () => undefined : (stryCov_9fa48("1576"), p => matchPattern(p, id.principal))))))))))) return stryMutAct_9fa48("1577") ? true : (stryCov_9fa48("1577"), false);
      if (stryMutAct_9fa48("1580") ? s.notPrincipals && id || s.notPrincipals.some(p => matchPattern(p, id.principal)) : stryMutAct_9fa48("1579") ? false : stryMutAct_9fa48("1578") ? true : (stryCov_9fa48("1578", "1579", "1580"), (stryMutAct_9fa48("1582") ? s.notPrincipals || id : stryMutAct_9fa48("1581") ? true : (stryCov_9fa48("1581", "1582"), s.notPrincipals && id)) && (stryMutAct_9fa48("1583") ? s.notPrincipals.every(p => matchPattern(p, id.principal)) : (stryCov_9fa48("1583"), s.notPrincipals.some(stryMutAct_9fa48("1584") ? () => undefined : (stryCov_9fa48("1584"), p => matchPattern(p, id.principal))))))) return stryMutAct_9fa48("1585") ? true : (stryCov_9fa48("1585"), false);
      if (stryMutAct_9fa48("1588") ? s.namespaces || !(id && s.namespaces.some(p => matchPattern(p, id.namespace))) : stryMutAct_9fa48("1587") ? false : stryMutAct_9fa48("1586") ? true : (stryCov_9fa48("1586", "1587", "1588"), s.namespaces && (stryMutAct_9fa48("1589") ? id && s.namespaces.some(p => matchPattern(p, id.namespace)) : (stryCov_9fa48("1589"), !(stryMutAct_9fa48("1592") ? id || s.namespaces.some(p => matchPattern(p, id.namespace)) : stryMutAct_9fa48("1591") ? false : stryMutAct_9fa48("1590") ? true : (stryCov_9fa48("1590", "1591", "1592"), id && (stryMutAct_9fa48("1593") ? s.namespaces.every(p => matchPattern(p, id.namespace)) : (stryCov_9fa48("1593"), s.namespaces.some(stryMutAct_9fa48("1594") ? () => undefined : (stryCov_9fa48("1594"), p => matchPattern(p, id.namespace))))))))))) return stryMutAct_9fa48("1595") ? true : (stryCov_9fa48("1595"), false);
      if (stryMutAct_9fa48("1598") ? s.notNamespaces && id || s.notNamespaces.some(p => matchPattern(p, id.namespace)) : stryMutAct_9fa48("1597") ? false : stryMutAct_9fa48("1596") ? true : (stryCov_9fa48("1596", "1597", "1598"), (stryMutAct_9fa48("1600") ? s.notNamespaces || id : stryMutAct_9fa48("1599") ? true : (stryCov_9fa48("1599", "1600"), s.notNamespaces && id)) && (stryMutAct_9fa48("1601") ? s.notNamespaces.every(p => matchPattern(p, id.namespace)) : (stryCov_9fa48("1601"), s.notNamespaces.some(stryMutAct_9fa48("1602") ? () => undefined : (stryCov_9fa48("1602"), p => matchPattern(p, id.namespace))))))) return stryMutAct_9fa48("1603") ? true : (stryCov_9fa48("1603"), false);
      // Pod addresses are outside every block (the same choice as for ipBlock); a range is wholly in or out.
      const inside = (blocks: readonly IpRange[]): boolean => {
        if (stryMutAct_9fa48("1604")) {
          {}
        } else {
          stryCov_9fa48("1604");
          if (stryMutAct_9fa48("1607") ? caller.range !== undefined : stryMutAct_9fa48("1606") ? false : stryMutAct_9fa48("1605") ? true : (stryCov_9fa48("1605", "1606", "1607"), caller.range === undefined)) return stryMutAct_9fa48("1608") ? true : (stryCov_9fa48("1608"), false);
          const r = this.space.span(caller.range);
          return stryMutAct_9fa48("1609") ? blocks.every(b => b.version === r.version && b.start <= r.start && r.end <= b.end) : (stryCov_9fa48("1609"), blocks.some(stryMutAct_9fa48("1610") ? () => undefined : (stryCov_9fa48("1610"), b => stryMutAct_9fa48("1613") ? b.version === r.version && b.start <= r.start || r.end <= b.end : stryMutAct_9fa48("1612") ? false : stryMutAct_9fa48("1611") ? true : (stryCov_9fa48("1611", "1612", "1613"), (stryMutAct_9fa48("1615") ? b.version === r.version || b.start <= r.start : stryMutAct_9fa48("1614") ? true : (stryCov_9fa48("1614", "1615"), (stryMutAct_9fa48("1617") ? b.version !== r.version : stryMutAct_9fa48("1616") ? true : (stryCov_9fa48("1616", "1617"), b.version === r.version)) && (stryMutAct_9fa48("1620") ? b.start > r.start : stryMutAct_9fa48("1619") ? b.start < r.start : stryMutAct_9fa48("1618") ? true : (stryCov_9fa48("1618", "1619", "1620"), b.start <= r.start)))) && (stryMutAct_9fa48("1623") ? r.end > b.end : stryMutAct_9fa48("1622") ? r.end < b.end : stryMutAct_9fa48("1621") ? true : (stryCov_9fa48("1621", "1622", "1623"), r.end <= b.end))))));
        }
      };
      if (stryMutAct_9fa48("1626") ? s.ipBlocks || !inside(s.ipBlocks) : stryMutAct_9fa48("1625") ? false : stryMutAct_9fa48("1624") ? true : (stryCov_9fa48("1624", "1625", "1626"), s.ipBlocks && (stryMutAct_9fa48("1627") ? inside(s.ipBlocks) : (stryCov_9fa48("1627"), !inside(s.ipBlocks))))) return stryMutAct_9fa48("1628") ? true : (stryCov_9fa48("1628"), false);
      if (stryMutAct_9fa48("1631") ? s.notIpBlocks || inside(s.notIpBlocks) : stryMutAct_9fa48("1630") ? false : stryMutAct_9fa48("1629") ? true : (stryCov_9fa48("1629", "1630", "1631"), s.notIpBlocks && inside(s.notIpBlocks))) return stryMutAct_9fa48("1632") ? true : (stryCov_9fa48("1632"), false);
      return stryMutAct_9fa48("1633") ? false : (stryCov_9fa48("1633"), true);
    }
  }

  /** Istio's verdict for src -> dst; all of UDP and SCTP always pass (the sidecar handles TCP). */
  istio(src: Endpoint, dst: number, trace?: IstioTrace): ConnSet {
    if (stryMutAct_9fa48("1634")) {
      {}
    } else {
      stryCov_9fa48("1634");
      const d = this.classes.classes[dst]!;
      if (stryMutAct_9fa48("1637") ? this.layers.istio === "off" && !d.meshed : stryMutAct_9fa48("1636") ? false : stryMutAct_9fa48("1635") ? true : (stryCov_9fa48("1635", "1636", "1637"), (stryMutAct_9fa48("1639") ? this.layers.istio !== "off" : stryMutAct_9fa48("1638") ? false : (stryCov_9fa48("1638", "1639"), this.layers.istio === (stryMutAct_9fa48("1640") ? "" : (stryCov_9fa48("1640"), "off")))) || (stryMutAct_9fa48("1641") ? d.meshed : (stryCov_9fa48("1641"), !d.meshed)))) {
        if (stryMutAct_9fa48("1642")) {
          {}
        } else {
          stryCov_9fa48("1642");
          if (stryMutAct_9fa48("1644") ? false : stryMutAct_9fa48("1643") ? true : (stryCov_9fa48("1643", "1644"), trace)) trace.allowed = ConnSet.all;
          return ConnSet.all;
        }
      }
      const s = (stryMutAct_9fa48("1647") ? src.kind !== "class" : stryMutAct_9fa48("1646") ? false : stryMutAct_9fa48("1645") ? true : (stryCov_9fa48("1645", "1646", "1647"), src.kind === (stryMutAct_9fa48("1648") ? "" : (stryCov_9fa48("1648"), "class")))) ? this.classes.classes[src.index]! : undefined;
      return this.istioFor(src, s, this.callerKey(src, s), dst, trace);
    }
  }

  /** istio() with the caller's class and key already looked up (row() does it once per source). */
  private istioFor(src: Endpoint, s: PodClass | undefined, key: number, dst: number, trace?: IstioTrace): ConnSet {
    if (stryMutAct_9fa48("1649")) {
      {}
    } else {
      stryCov_9fa48("1649");
      const d = this.classes.classes[dst]!;
      let cache = this.istioCache[dst];
      if (stryMutAct_9fa48("1652") ? false : stryMutAct_9fa48("1651") ? true : stryMutAct_9fa48("1650") ? cache : (stryCov_9fa48("1650", "1651", "1652"), !cache)) this.istioCache[dst] = cache = new Map();
      if (stryMutAct_9fa48("1655") ? false : stryMutAct_9fa48("1654") ? true : stryMutAct_9fa48("1653") ? trace : (stryCov_9fa48("1653", "1654", "1655"), !trace)) {
        if (stryMutAct_9fa48("1656")) {
          {}
        } else {
          stryCov_9fa48("1656");
          const hit = cache.get(key);
          if (stryMutAct_9fa48("1658") ? false : stryMutAct_9fa48("1657") ? true : (stryCov_9fa48("1657", "1658"), hit)) return hit;
        }
      }
      const full = stryMutAct_9fa48("1661") ? this.layers.istio !== "full" : stryMutAct_9fa48("1660") ? false : stryMutAct_9fa48("1659") ? true : (stryCov_9fa48("1659", "1660", "1661"), this.layers.istio === (stryMutAct_9fa48("1662") ? "" : (stryCov_9fa48("1662"), "full")));
      const policies = this.applicableAuthz(d);
      const allows = full ? stryMutAct_9fa48("1663") ? policies : (stryCov_9fa48("1663"), policies.filter(stryMutAct_9fa48("1664") ? () => undefined : (stryCov_9fa48("1664"), p => stryMutAct_9fa48("1667") ? p.action !== "ALLOW" : stryMutAct_9fa48("1666") ? false : stryMutAct_9fa48("1665") ? true : (stryCov_9fa48("1665", "1666", "1667"), p.action === (stryMutAct_9fa48("1668") ? "" : (stryCov_9fa48("1668"), "ALLOW")))))) : stryMutAct_9fa48("1669") ? ["Stryker was here"] : (stryCov_9fa48("1669"), []);
      const denies = stryMutAct_9fa48("1670") ? policies : (stryCov_9fa48("1670"), policies.filter(stryMutAct_9fa48("1671") ? () => undefined : (stryCov_9fa48("1671"), p => stryMutAct_9fa48("1674") ? p.action !== "DENY" : stryMutAct_9fa48("1673") ? false : stryMutAct_9fa48("1672") ? true : (stryCov_9fa48("1672", "1673", "1674"), p.action === (stryMutAct_9fa48("1675") ? "" : (stryCov_9fa48("1675"), "DENY"))))));
      let tcp = ConnSet.empty;
      for (const {
        mode,
        ports
      } of full ? this.mtlsModes(d) : stryMutAct_9fa48("1676") ? [] : (stryCov_9fa48("1676"), [stryMutAct_9fa48("1677") ? {} : (stryCov_9fa48("1677"), {
        mode: "PERMISSIVE" as MtlsMode,
        ports: TCP
      })])) {
        if (stryMutAct_9fa48("1678")) {
          {}
        } else {
          stryCov_9fa48("1678");
          const mtls = stryMutAct_9fa48("1681") ? s !== undefined && s.meshed || mode !== "DISABLE" : stryMutAct_9fa48("1680") ? false : stryMutAct_9fa48("1679") ? true : (stryCov_9fa48("1679", "1680", "1681"), (stryMutAct_9fa48("1683") ? s !== undefined || s.meshed : stryMutAct_9fa48("1682") ? true : (stryCov_9fa48("1682", "1683"), (stryMutAct_9fa48("1685") ? s === undefined : stryMutAct_9fa48("1684") ? true : (stryCov_9fa48("1684", "1685"), s !== undefined)) && s.meshed)) && (stryMutAct_9fa48("1687") ? mode === "DISABLE" : stryMutAct_9fa48("1686") ? true : (stryCov_9fa48("1686", "1687"), mode !== (stryMutAct_9fa48("1688") ? "" : (stryCov_9fa48("1688"), "DISABLE")))));
          const refused = stryMutAct_9fa48("1691") ? full && mode === "STRICT" || !mtls : stryMutAct_9fa48("1690") ? false : stryMutAct_9fa48("1689") ? true : (stryCov_9fa48("1689", "1690", "1691"), (stryMutAct_9fa48("1693") ? full || mode === "STRICT" : stryMutAct_9fa48("1692") ? true : (stryCov_9fa48("1692", "1693"), full && (stryMutAct_9fa48("1695") ? mode !== "STRICT" : stryMutAct_9fa48("1694") ? true : (stryCov_9fa48("1694", "1695"), mode === (stryMutAct_9fa48("1696") ? "" : (stryCov_9fa48("1696"), "STRICT")))))) && (stryMutAct_9fa48("1697") ? mtls : (stryCov_9fa48("1697"), !mtls)));
          stryMutAct_9fa48("1698") ? trace.modes.push({
            mode,
            ports,
            caller: mtls ? "mtls" : "plaintext",
            refused
          }) : (stryCov_9fa48("1698"), trace?.modes.push(stryMutAct_9fa48("1699") ? {} : (stryCov_9fa48("1699"), {
            mode,
            ports,
            caller: mtls ? stryMutAct_9fa48("1700") ? "" : (stryCov_9fa48("1700"), "mtls") : stryMutAct_9fa48("1701") ? "" : (stryCov_9fa48("1701"), "plaintext"),
            refused
          })));
          if (stryMutAct_9fa48("1703") ? false : stryMutAct_9fa48("1702") ? true : (stryCov_9fa48("1702", "1703"), refused)) continue;
          const caller: Caller = stryMutAct_9fa48("1704") ? {} : (stryCov_9fa48("1704"), {
            ...((stryMutAct_9fa48("1707") ? mtls || s : stryMutAct_9fa48("1706") ? false : stryMutAct_9fa48("1705") ? true : (stryCov_9fa48("1705", "1706", "1707"), mtls && s)) ? stryMutAct_9fa48("1708") ? {} : (stryCov_9fa48("1708"), {
              identity: stryMutAct_9fa48("1709") ? {} : (stryCov_9fa48("1709"), {
                principal: stryMutAct_9fa48("1710") ? `` : (stryCov_9fa48("1710"), `${this.cluster.trustDomain}/ns/${s.namespace}/sa/${s.serviceAccount}`),
                namespace: s.namespace
              })
            }) : {}),
            ...((stryMutAct_9fa48("1713") ? src.kind !== "range" : stryMutAct_9fa48("1712") ? false : stryMutAct_9fa48("1711") ? true : (stryCov_9fa48("1711", "1712", "1713"), src.kind === (stryMutAct_9fa48("1714") ? "" : (stryCov_9fa48("1714"), "range")))) ? stryMutAct_9fa48("1715") ? {} : (stryCov_9fa48("1715"), {
              range: src.index
            }) : {})
          });
          let ok = (stryMutAct_9fa48("1719") ? allows.length <= 0 : stryMutAct_9fa48("1718") ? allows.length >= 0 : stryMutAct_9fa48("1717") ? false : stryMutAct_9fa48("1716") ? true : (stryCov_9fa48("1716", "1717", "1718", "1719"), allows.length > 0)) ? ConnSet.empty : ports;
          for (const p of allows) for (const r of p.rules) {
            if (stryMutAct_9fa48("1720")) {
              {}
            } else {
              stryCov_9fa48("1720");
              const m = ports.intersect(this.rulePorts(r, caller, stryMutAct_9fa48("1721") ? true : (stryCov_9fa48("1721"), false)));
              if (stryMutAct_9fa48("1723") ? false : stryMutAct_9fa48("1722") ? true : (stryCov_9fa48("1722", "1723"), m.isEmpty())) continue;
              ok = ok.union(m);
              stryMutAct_9fa48("1724") ? trace.hits.push({
                policy: p.ref,
                rule: r.index,
                action: "ALLOW",
                ports: m
              }) : (stryCov_9fa48("1724"), trace?.hits.push(stryMutAct_9fa48("1725") ? {} : (stryCov_9fa48("1725"), {
                policy: p.ref,
                rule: r.index,
                action: stryMutAct_9fa48("1726") ? "" : (stryCov_9fa48("1726"), "ALLOW"),
                ports: m
              })));
            }
          }
          for (const p of denies) for (const r of p.rules) {
            if (stryMutAct_9fa48("1727")) {
              {}
            } else {
              stryCov_9fa48("1727");
              const m = ok.intersect(this.rulePorts(r, caller, stryMutAct_9fa48("1728") ? false : (stryCov_9fa48("1728"), true)));
              if (stryMutAct_9fa48("1730") ? false : stryMutAct_9fa48("1729") ? true : (stryCov_9fa48("1729", "1730"), m.isEmpty())) continue;
              ok = ok.subtract(m);
              stryMutAct_9fa48("1731") ? trace.hits.push({
                policy: p.ref,
                rule: r.index,
                action: "DENY",
                ports: m
              }) : (stryCov_9fa48("1731"), trace?.hits.push(stryMutAct_9fa48("1732") ? {} : (stryCov_9fa48("1732"), {
                policy: p.ref,
                rule: r.index,
                action: stryMutAct_9fa48("1733") ? "" : (stryCov_9fa48("1733"), "DENY"),
                ports: m
              })));
            }
          }
          tcp = tcp.union(ok);
        }
      }
      const out = this.intern(ConnSet.all.subtract(TCP).union(tcp));
      cache.set(key, out);
      if (stryMutAct_9fa48("1735") ? false : stryMutAct_9fa48("1734") ? true : (stryCov_9fa48("1734", "1735"), trace)) trace.allowed = out;
      return out;
    }
  }

  /** What Istio sees of a caller: its identity when meshed, else plaintext (0), or its external range (negative). */
  private callerKey(src: Endpoint, s: PodClass | undefined): number {
    if (stryMutAct_9fa48("1736")) {
      {}
    } else {
      stryCov_9fa48("1736");
      if (stryMutAct_9fa48("1739") ? false : stryMutAct_9fa48("1738") ? true : stryMutAct_9fa48("1737") ? s : (stryCov_9fa48("1737", "1738", "1739"), !s)) return stryMutAct_9fa48("1740") ? -1 + src.index : (stryCov_9fa48("1740"), (stryMutAct_9fa48("1741") ? +1 : (stryCov_9fa48("1741"), -1)) - src.index);
      if (stryMutAct_9fa48("1744") ? false : stryMutAct_9fa48("1743") ? true : stryMutAct_9fa48("1742") ? s.meshed : (stryCov_9fa48("1742", "1743", "1744"), !s.meshed)) return 0;
      const k = stryMutAct_9fa48("1745") ? `` : (stryCov_9fa48("1745"), `${s.namespace}/${s.serviceAccount}`);
      let id = this.callerIds.get(k);
      if (stryMutAct_9fa48("1748") ? id !== undefined : stryMutAct_9fa48("1747") ? false : stryMutAct_9fa48("1746") ? true : (stryCov_9fa48("1746", "1747", "1748"), id === undefined)) this.callerIds.set(k, id = stryMutAct_9fa48("1749") ? this.callerIds.size - 1 : (stryCov_9fa48("1749"), this.callerIds.size + 1));
      return id;
    }
  }
  istioApplies(dst: number): {
    meshed: boolean;
    allowPoliciesApply: boolean;
  } {
    if (stryMutAct_9fa48("1750")) {
      {}
    } else {
      stryCov_9fa48("1750");
      const d = this.classes.classes[dst]!;
      return stryMutAct_9fa48("1751") ? {} : (stryCov_9fa48("1751"), {
        meshed: d.meshed,
        allowPoliciesApply: stryMutAct_9fa48("1752") ? this.applicableAuthz(d).every(p => p.action === "ALLOW") : (stryCov_9fa48("1752"), this.applicableAuthz(d).some(stryMutAct_9fa48("1753") ? () => undefined : (stryCov_9fa48("1753"), p => stryMutAct_9fa48("1756") ? p.action !== "ALLOW" : stryMutAct_9fa48("1755") ? false : stryMutAct_9fa48("1754") ? true : (stryCov_9fa48("1754", "1755", "1756"), p.action === (stryMutAct_9fa48("1757") ? "" : (stryCov_9fa48("1757"), "ALLOW"))))))
      });
    }
  }
}
const EMPTY_ID = 0;
const ALL_ID = 1;

/** Verdict ids by rule mask: a table for short rule lists, a map beyond 12 rules. */
type MemoTable = Int32Array | Map<number, number>;
interface ListMemo {
  cls?: MemoTable;
  range?: MemoTable;
  /** Per port profile of the class the named ports resolve on. */
  namedClass?: (MemoTable | undefined)[];
  namedRange?: (MemoTable | undefined)[];
}
function memoTable(rules: number): MemoTable {
  if (stryMutAct_9fa48("1758")) {
    {}
  } else {
    stryCov_9fa48("1758");
    return (stryMutAct_9fa48("1762") ? rules > 12 : stryMutAct_9fa48("1761") ? rules < 12 : stryMutAct_9fa48("1760") ? false : stryMutAct_9fa48("1759") ? true : (stryCov_9fa48("1759", "1760", "1761", "1762"), rules <= 12)) ? new Int32Array(1 << rules).fill(stryMutAct_9fa48("1763") ? +1 : (stryCov_9fa48("1763"), -1)) : new Map();
  }
}
interface Caller {
  readonly identity?: {
    principal: string;
    namespace: string;
  };
  readonly range?: number;
}
function operationPorts(op: AuthzOperation, forDeny: boolean): ConnSet {
  if (stryMutAct_9fa48("1764")) {
    {}
  } else {
    stryCov_9fa48("1764");
    if (stryMutAct_9fa48("1767") ? forDeny || op.requestLevel : stryMutAct_9fa48("1766") ? false : stryMutAct_9fa48("1765") ? true : (stryCov_9fa48("1765", "1766", "1767"), forDeny && op.requestLevel)) return ConnSet.empty;
    let out = TCP;
    if (stryMutAct_9fa48("1769") ? false : stryMutAct_9fa48("1768") ? true : (stryCov_9fa48("1768", "1769"), op.ports)) out = op.ports.reduce(stryMutAct_9fa48("1770") ? () => undefined : (stryCov_9fa48("1770"), (a, p) => a.union(ConnSet.ports(stryMutAct_9fa48("1771") ? "" : (stryCov_9fa48("1771"), "TCP"), p))), ConnSet.empty);
    if (stryMutAct_9fa48("1773") ? false : stryMutAct_9fa48("1772") ? true : (stryCov_9fa48("1772", "1773"), op.notPorts)) for (const p of op.notPorts) out = out.subtract(ConnSet.ports(stryMutAct_9fa48("1774") ? "" : (stryCov_9fa48("1774"), "TCP"), p));
    return out;
  }
}

/**
 * The class index and address space depend on the cluster only, not on the
 * layers analysed: verification analyses one cluster four times (combined and
 * each layer alone), so they are built once per Cluster object. Both are
 * immutable once built (ClassIndex.select caches results but never changes a
 * class), and a Cluster is never mutated after buildCluster.
 */
const indexesByCluster = new WeakMap<Cluster, {
  readonly classes: ClassIndex;
  readonly space: AddressSpace;
}>();
export function sharedIndexes(cluster: Cluster): {
  readonly classes: ClassIndex;
  readonly space: AddressSpace;
} {
  if (stryMutAct_9fa48("1775")) {
    {}
  } else {
    stryCov_9fa48("1775");
    let hit = indexesByCluster.get(cluster);
    if (stryMutAct_9fa48("1778") ? false : stryMutAct_9fa48("1777") ? true : stryMutAct_9fa48("1776") ? hit : (stryCov_9fa48("1776", "1777", "1778"), !hit)) indexesByCluster.set(cluster, hit = stryMutAct_9fa48("1779") ? {} : (stryCov_9fa48("1779"), {
      classes: new ClassIndex(cluster),
      space: new AddressSpace(mentionedRanges(cluster))
    }));
    return hit;
  }
}

/** Every address range any policy mentions: the cut points of the external space. */
function mentionedRanges(cluster: Cluster): IpRange[] {
  if (stryMutAct_9fa48("1780")) {
    {}
  } else {
    stryCov_9fa48("1780");
    const out: IpRange[] = stryMutAct_9fa48("1781") ? ["Stryker was here"] : (stryCov_9fa48("1781"), []);
    const rules = (xs: readonly {
      peers: unknown;
    }[] | undefined): void => {
      if (stryMutAct_9fa48("1782")) {
        {}
      } else {
        stryCov_9fa48("1782");
        for (const r of stryMutAct_9fa48("1783") ? xs && [] : (stryCov_9fa48("1783"), xs ?? (stryMutAct_9fa48("1784") ? ["Stryker was here"] : (stryCov_9fa48("1784"), [])))) {
          if (stryMutAct_9fa48("1785")) {
            {}
          } else {
            stryCov_9fa48("1785");
            if (stryMutAct_9fa48("1788") ? false : stryMutAct_9fa48("1787") ? true : stryMutAct_9fa48("1786") ? Array.isArray(r.peers) : (stryCov_9fa48("1786", "1787", "1788"), !Array.isArray(r.peers))) continue;
            for (const p of r.peers as Array<{
              kind: string;
              block?: {
                cidr: IpRange;
                except: readonly IpRange[];
              };
              ranges?: readonly IpRange[];
            }>) {
              if (stryMutAct_9fa48("1789")) {
                {}
              } else {
                stryCov_9fa48("1789");
                if (stryMutAct_9fa48("1791") ? false : stryMutAct_9fa48("1790") ? true : (stryCov_9fa48("1790", "1791"), p.block)) out.push(p.block.cidr, ...p.block.except);
                if (stryMutAct_9fa48("1793") ? false : stryMutAct_9fa48("1792") ? true : (stryCov_9fa48("1792", "1793"), p.ranges)) out.push(...p.ranges);
              }
            }
          }
        }
      }
    };
    for (const np of cluster.networkPolicies) {
      if (stryMutAct_9fa48("1794")) {
        {}
      } else {
        stryCov_9fa48("1794");
        rules(np.ingress);
        rules(np.egress);
      }
    }
    for (const p of stryMutAct_9fa48("1795") ? [] : (stryCov_9fa48("1795"), [...cluster.adminPolicies, ...(cluster.baselinePolicy ? stryMutAct_9fa48("1796") ? [] : (stryCov_9fa48("1796"), [cluster.baselinePolicy]) : stryMutAct_9fa48("1797") ? ["Stryker was here"] : (stryCov_9fa48("1797"), []))])) {
      if (stryMutAct_9fa48("1798")) {
        {}
      } else {
        stryCov_9fa48("1798");
        rules(p.ingress);
        rules(p.egress);
      }
    }
    for (const ap of cluster.authorizationPolicies) for (const r of ap.rules) for (const s of stryMutAct_9fa48("1799") ? r.from && [] : (stryCov_9fa48("1799"), r.from ?? (stryMutAct_9fa48("1800") ? ["Stryker was here"] : (stryCov_9fa48("1800"), [])))) out.push(...(stryMutAct_9fa48("1801") ? s.ipBlocks && [] : (stryCov_9fa48("1801"), s.ipBlocks ?? (stryMutAct_9fa48("1802") ? ["Stryker was here"] : (stryCov_9fa48("1802"), [])))), ...(stryMutAct_9fa48("1803") ? s.notIpBlocks && [] : (stryCov_9fa48("1803"), s.notIpBlocks ?? (stryMutAct_9fa48("1804") ? ["Stryker was here"] : (stryCov_9fa48("1804"), [])))));
    return out;
  }
}