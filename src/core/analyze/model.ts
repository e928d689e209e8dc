/**
 * The analyzer's validated view of a cluster: only what decides connectivity,
 * already normalised (defaults applied, selectors parsed, CIDRs as ranges).
 */
import type { IpRange } from "../../model/cidr";
import type { Protocol } from "./connset";
import type { Selector } from "./selector";

export interface Namespace {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface NamedPort {
  readonly name: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/** One pod template (or pod) as the analyzer sees it. */
export interface PodShape {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly namedPorts: readonly NamedPort[];
  readonly serviceAccount: string;
  readonly hostNetwork: boolean;
}

export interface WorkloadSource {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
  /** Every pod (template) grouped under this workload, in input order. */
  readonly pods: readonly PodShape[];
  readonly file?: string;
}

/** Where a policy came from, for explanations and diagnostics. */
export interface PolicyRef {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly file?: string;
}

export type PortItem =
  | { readonly kind: "range"; readonly protocol: Protocol; readonly from: number; readonly to: number }
  /** protocol undefined: any protocol the destination declares for that name (AdminNetworkPolicy namedPort). */
  | { readonly kind: "named"; readonly name: string; readonly protocol?: Protocol };

/** "all" when a rule does not restrict ports. */
export type PortSpec = "all" | readonly PortItem[];

export interface IpBlock {
  readonly cidr: IpRange;
  readonly except: readonly IpRange[];
  readonly text: string;
}

export type NpPeer =
  /** namespaceSelector undefined: the policy's own namespace. */
  | { readonly kind: "pods"; readonly namespaceSelector?: Selector; readonly podSelector: Selector }
  | { readonly kind: "ipBlock"; readonly block: IpBlock }
  /** A peer that can match nothing (e.g. an empty object). */
  | { readonly kind: "none" };

export interface NpRule {
  /** "any": `from`/`to` missing or empty, every source or destination, in the cluster or not. */
  readonly peers: "any" | readonly NpPeer[];
  readonly ports: PortSpec;
}

export interface NetworkPolicy {
  readonly ref: PolicyRef;
  readonly namespace: string;
  readonly podSelector: Selector;
  /** undefined: the policy does not isolate ingress. [] isolates and allows nothing. */
  readonly ingress?: readonly NpRule[];
  readonly egress?: readonly NpRule[];
}

export interface PodGroupSelector {
  readonly namespaceSelector: Selector;
  readonly podSelector: Selector;
}

export type AdminPeer =
  | { readonly kind: "pods"; readonly select: PodGroupSelector }
  | { readonly kind: "networks"; readonly ranges: readonly IpRange[]; readonly text: string }
  /** Node peers: ztseg models no nodes, so they match nothing. */
  | { readonly kind: "nodes" };

export type AdminAction = "Allow" | "Deny" | "Pass";

export interface AdminRule {
  readonly name: string;
  readonly index: number;
  readonly action: AdminAction;
  readonly peers: readonly AdminPeer[];
  readonly ports: PortSpec;
}

export interface AdminPolicy {
  readonly ref: PolicyRef;
  /** Lower first; BaselineAdminNetworkPolicy has none (it is the last tier). */
  readonly priority: number;
  readonly subject: PodGroupSelector;
  readonly ingress: readonly AdminRule[];
  readonly egress: readonly AdminRule[];
}

export type MtlsMode = "STRICT" | "PERMISSIVE" | "DISABLE";

export interface PeerAuthentication {
  readonly ref: PolicyRef;
  readonly namespace: string;
  /** undefined: namespace-wide (mesh-wide in the root namespace). */
  readonly selector?: Selector;
  /** undefined: UNSET, inherit from the enclosing scope. */
  readonly mode?: MtlsMode;
  readonly portLevel: ReadonlyMap<number, MtlsMode>;
}

/** A list of string patterns with Istio's `*` prefix/suffix wildcards. */
export type Patterns = readonly string[];

export interface AuthzSource {
  readonly principals?: Patterns;
  readonly notPrincipals?: Patterns;
  readonly namespaces?: Patterns;
  readonly notNamespaces?: Patterns;
  readonly ipBlocks?: readonly IpRange[];
  readonly notIpBlocks?: readonly IpRange[];
  /** requestPrincipals / notRequestPrincipals: request (JWT) level, not decidable at L4. */
  readonly requestLevel: boolean;
}

export interface AuthzOperation {
  readonly ports?: readonly number[];
  readonly notPorts?: readonly number[];
  /** methods, paths, hosts and their negations: HTTP level, not decidable at L4. */
  readonly requestLevel: boolean;
}

export interface AuthzRule {
  readonly index: number;
  /** undefined: any source. */
  readonly from?: readonly AuthzSource[];
  /** undefined: any operation. */
  readonly to?: readonly AuthzOperation[];
  /** `when` conditions present: not decidable at L4. */
  readonly hasWhen: boolean;
}

export type AuthzAction = "ALLOW" | "DENY" | "CUSTOM" | "AUDIT";

export interface AuthorizationPolicy {
  readonly ref: PolicyRef;
  readonly namespace: string;
  /** undefined: every workload of the namespace (mesh-wide in the root namespace). */
  readonly selector?: Selector;
  readonly action: AuthzAction;
  readonly rules: readonly AuthzRule[];
}

export interface Cluster {
  readonly trustDomain: string;
  readonly istioRootNamespace: string;
  /** Sorted by name; includes namespaces only referenced by other objects. */
  readonly namespaces: readonly Namespace[];
  /** Sorted by id. */
  readonly workloads: readonly WorkloadSource[];
  readonly networkPolicies: readonly NetworkPolicy[];
  /** Sorted by priority, then name. */
  readonly adminPolicies: readonly AdminPolicy[];
  readonly baselinePolicy?: AdminPolicy;
  readonly peerAuthentications: readonly PeerAuthentication[];
  readonly authorizationPolicies: readonly AuthorizationPolicy[];
}
