/**
 * Seeded generator of operator-shaped clusters for the benchmark: plain
 * Kubernetes manifests (Namespaces, Pods, NetworkPolicies) with planted
 * vendor -> ... -> sensitive chains and decoys whose answer is known.
 *
 * Pure and deterministic: the same size and seed give byte-identical output.
 * Pods are emitted one per replica (with an ownerReference to their
 * ReplicaSet) so the analyzer sees the real pod count, not a template.
 *
 * Shape of every namespace: ten NetworkPolicies (default deny, DNS, same
 * namespace, three per-workload allows, internal egress, integration egress,
 * SaaS egress, integration ingress). Planted chain hops and decoys are extra
 * rules inside the integration egress/ingress policies, so the policy count
 * stays exactly ten per namespace.
 *
 * Reachability by construction: vendor namespaces have no egress into the
 * cluster except planted rules, and sensitive namespaces admit ingress from
 * outside themselves only through planted rules. So the vendors that reach a
 * sensitive namespace are exactly the chain vendors; decoy vendors reach no
 * other namespace at all.
 */
import { derive, mulberry32, type Rng } from "./random";

export type SizeName = "S" | "M" | "L" | "XL";
export type Protocol = "TCP" | "UDP" | "SCTP";

export interface SizeParams {
  readonly namespaces: number;
  /** At least 4: gateway, api, store and integration. */
  readonly workloadsPerNamespace: number;
  readonly replicas: number;
  readonly vendorNamespaces: number;
  readonly sensitiveNamespaces: number;
}

export const POLICIES_PER_NAMESPACE = 10;

/** The size table of the benchmark (issue 9). */
export const SIZES: Readonly<Record<SizeName, SizeParams>> = {
  S: { namespaces: 40, workloadsPerNamespace: 10, replicas: 5, vendorNamespaces: 8, sensitiveNamespaces: 2 },
  M: { namespaces: 400, workloadsPerNamespace: 10, replicas: 5, vendorNamespaces: 40, sensitiveNamespaces: 20 },
  L: { namespaces: 1500, workloadsPerNamespace: 10, replicas: 10, vendorNamespaces: 150, sensitiveNamespaces: 75 },
  XL: { namespaces: 10000, workloadsPerNamespace: 4, replicas: 5, vendorNamespaces: 500, sensitiveNamespaces: 500 },
};

export interface ExpectedCounts {
  readonly namespaces: number;
  readonly workloads: number;
  readonly pods: number;
  readonly networkPolicies: number;
  readonly vendorNamespaces: number;
  readonly sensitiveNamespaces: number;
  readonly chains: number;
  readonly decoys: number;
}

/** What a size produces, computed from its parameters without generating. */
export function expectedCounts(p: SizeParams): ExpectedCounts {
  const workloads = p.namespaces * p.workloadsPerNamespace;
  const chains = Math.floor(p.vendorNamespaces / 2);
  return {
    namespaces: p.namespaces,
    workloads,
    pods: workloads * p.replicas,
    networkPolicies: p.namespaces * POLICIES_PER_NAMESPACE,
    vendorNamespaces: p.vendorNamespaces,
    sensitiveNamespaces: p.sensitiveNamespaces,
    chains,
    decoys: p.vendorNamespaces - chains,
  };
}

/** A plain manifest as it would appear in YAML. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly ownerReferences?: readonly unknown[];
  };
  readonly spec?: unknown;
  readonly status?: unknown;
}

/** One connection the analyzer must allow (a chain hop) or deny (a decoy). */
export interface Probe {
  /** Workload ids as the analyzer names them: `namespace/replicaset[ReplicaSet]`. */
  readonly from: string;
  readonly to: string;
  readonly protocol: Protocol;
  readonly port: number;
}

export interface PlantedChain {
  readonly vendorWorkload: string;
  /** Intermediate workload ids, in order (depth - 1 of them). */
  readonly hops: readonly string[];
  readonly sensitiveWorkload: string;
  /** Number of connections from vendor to sensitive workload (2 to 4). */
  readonly depth: number;
  /** Each connection of the chain, every one allowed. */
  readonly connections: readonly Probe[];
}

export interface PlantedDecoy extends Probe {
  /**
   * "port": the source's egress allows this port but the destination admits
   * the source only on another port. "egress": the destination admits this
   * exact connection but the source's egress does not.
   */
  readonly blockedBy: "port" | "egress";
}

export interface Planted {
  readonly chains: readonly PlantedChain[];
  readonly decoys: readonly PlantedDecoy[];
  /** Vendor namespaces from which a sensitive namespace is reachable (sorted). */
  readonly vendorNamespacesReachingSensitive: readonly string[];
}

export interface GeneratedCluster {
  readonly objects: readonly Manifest[];
  readonly planted: Planted;
}

export const TRUST_LABEL = "ztseg.dev/trust";
export const SENSITIVE_LABEL = "ztseg.dev/sensitive";
export const VENDOR_LABEL = "ztseg.dev/vendor";
const NS_NAME_LABEL = "kubernetes.io/metadata.name";

const TEAMS = ["billing", "care", "network", "provisioning", "analytics", "portal", "messaging", "identity", "observability", "charging"] as const;
const ENVS = ["prod", "prod", "staging", "dev"] as const;
const VENDORS = ["fieldops", "callcenter", "martech", "smsagg", "mailer", "netops"] as const;
const OTHER_TIERS = ["api", "worker", "batch"] as const;

type NamespaceKind = "internal" | "vendor" | "sensitive";

interface PortDecl {
  readonly name: string;
  readonly containerPort: number;
  readonly protocol: Protocol;
}

interface WorkloadInfo {
  readonly name: string;
  readonly tier: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly PortDecl[];
  readonly hash: string;
  readonly canary: boolean;
}

interface NamespaceInfo {
  readonly name: string;
  readonly kind: NamespaceKind;
  readonly team: string;
  readonly env: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly workloads: readonly WorkloadInfo[];
  readonly vendor?: string;
}

// NetworkPolicy building blocks, as plain objects.
type LabelSelector = { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
type Peer = { podSelector?: LabelSelector; namespaceSelector?: LabelSelector; ipBlock?: { cidr: string; except?: string[] } };
type PolicyPort = { protocol?: Protocol; port?: number | string; endPort?: number };
type IngressRule = { from?: Peer[]; ports?: PolicyPort[] };
type EgressRule = { to?: Peer[]; ports?: PolicyPort[] };
interface PolicySpec {
  podSelector: LabelSelector;
  policyTypes?: ("Ingress" | "Egress")[];
  ingress?: IngressRule[];
  egress?: EgressRule[];
}

/** The id both engines give a pod's controlling owner: `namespace/replicaset[ReplicaSet]`. */
const replicaSetName = (w: WorkloadInfo): string => `${w.name}-${w.hash}`;
const workloadId = (ns: NamespaceInfo, w: WorkloadInfo): string => `${ns.name}/${replicaSetName(w)}[ReplicaSet]`;
const integrationOf = (ns: NamespaceInfo): WorkloadInfo => ns.workloads[ns.workloads.length - 1]!;
const portOf = (w: WorkloadInfo, name: string): PortDecl => {
  const p = w.ports.find((x) => x.name === name);
  if (!p) throw new Error(`workload ${w.name} declares no port ${name}`);
  return p;
};
const hex = (rng: Rng, n: number): string => {
  let s = "";
  for (let i = 0; i < n; i++) s += "0123456789abcdef"[rng.int(0, 15)];
  return s;
};
const exactPeer = (ns: NamespaceInfo, w: WorkloadInfo): Peer => ({
  namespaceSelector: { matchLabels: { [NS_NAME_LABEL]: ns.name } },
  podSelector: { matchLabels: { app: w.name } },
});

function makeWorkloads(rng: Rng, count: number, team: string): WorkloadInfo[] {
  const out: WorkloadInfo[] = [];
  for (let j = 0; j < count; j++) {
    const isLast = j === count - 1;
    const [name, tier] =
      isLast ? ["integration", "integration"] : j === 0 ? ["gateway", "web"] : j === 1 ? ["api", "api"] : j === 2 ? ["store", "data"] : [`svc-${j}`, rng.pick(OTHER_TIERS)];
    const hash = hex(rng, 10);
    const ports: PortDecl[] = [
      { name: "http", containerPort: rng.pick([8080, 8081, 8443]), protocol: "TCP" },
      { name: "grpc", containerPort: rng.pick([9090, 50051]), protocol: "TCP" },
      { name: "metrics", containerPort: 9102, protocol: "TCP" },
    ];
    if (isLast) {
      ports.push({ name: "diameter", containerPort: 3868, protocol: "SCTP" }, { name: "sip", containerPort: 5060, protocol: "UDP" });
    }
    out.push({
      name,
      tier,
      hash,
      ports,
      canary: rng.chance(0.1),
      labels: { app: name, tier, team, version: `v${rng.int(1, 40)}` },
    });
  }
  return out;
}

function makeNamespaces(rng: Rng, p: SizeParams): NamespaceInfo[] {
  if (p.workloadsPerNamespace < 4) throw new Error("workloadsPerNamespace must be at least 4");
  if (p.vendorNamespaces + p.sensitiveNamespaces > p.namespaces) throw new Error("more vendor and sensitive namespaces than namespaces");
  if (p.sensitiveNamespaces < 1 && p.vendorNamespaces > 0) throw new Error("chains and decoys need a sensitive namespace");
  const kinds: NamespaceKind[] = [];
  for (let i = 0; i < p.namespaces; i++) kinds.push(i < p.sensitiveNamespaces ? "sensitive" : i < p.sensitiveNamespaces + p.vendorNamespaces ? "vendor" : "internal");
  const order = rng.sample(kinds, kinds.length);
  return order.map((kind, i) => {
    if (kind === "vendor") {
      const vendor = rng.pick(VENDORS);
      const name = `vendor-${vendor}-${i}`;
      return {
        name,
        kind,
        team: vendor,
        env: "prod",
        vendor,
        labels: { [NS_NAME_LABEL]: name, team: vendor, env: "prod", [TRUST_LABEL]: "vendor", [VENDOR_LABEL]: vendor },
        workloads: makeWorkloads(rng, p.workloadsPerNamespace, vendor),
      };
    }
    if (kind === "sensitive") {
      const crm = rng.chance(0.5);
      const name = `${crm ? "crm" : "subscriber-data"}-${i}`;
      const team = crm ? "crm" : "subscriber";
      return {
        name,
        kind,
        team,
        env: "prod",
        labels: {
          [NS_NAME_LABEL]: name,
          team,
          env: "prod",
          [TRUST_LABEL]: "internal",
          [SENSITIVE_LABEL]: "true",
          [`data.ztseg.dev/${crm ? "crm" : "subscriber"}`]: "true",
        },
        workloads: makeWorkloads(rng, p.workloadsPerNamespace, team),
      };
    }
    const team = rng.pick(TEAMS);
    const env = rng.pick(ENVS);
    const name = `${team}-${env}-${i}`;
    return {
      name,
      kind,
      team,
      env,
      labels: { [NS_NAME_LABEL]: name, team, env, [TRUST_LABEL]: "internal" },
      workloads: makeWorkloads(rng, p.workloadsPerNamespace, team),
    };
  });
}

/** Extra rules planted into a namespace's integration policies. */
interface PlantedRules {
  readonly egress: Map<string, EgressRule[]>;
  readonly ingress: Map<string, IngressRule[]>;
}

function push<T>(m: Map<string, T[]>, key: string, v: T): void {
  const list = m.get(key);
  if (list) list.push(v);
  else m.set(key, [v]);
}

function plant(rng: Rng, namespaces: readonly NamespaceInfo[]): { planted: Planted; rules: PlantedRules } {
  const vendors = namespaces.filter((n) => n.kind === "vendor");
  const internal = namespaces.filter((n) => n.kind === "internal");
  const sensitive = namespaces.filter((n) => n.kind === "sensitive");
  const rules: PlantedRules = { egress: new Map(), ingress: new Map() };
  const chainCount = Math.floor(vendors.length / 2);
  const chains: PlantedChain[] = [];
  const decoys: PlantedDecoy[] = [];
  for (let c = 0; c < chainCount; c++) {
    const vendor = vendors[c]!;
    const wanted = 2 + (c % 3);
    const middle = rng.sample(internal, wanted - 1);
    const target = rng.pick(sensitive);
    const path = [vendor, ...middle, target];
    const connections: Probe[] = [];
    for (let k = 0; k + 1 < path.length; k++) {
      const src = path[k]!;
      const dst = path[k + 1]!;
      const sw = integrationOf(src);
      const dw = integrationOf(dst);
      // A quarter of the hops ride Diameter over SCTP as a port range; the rest use the named http port.
      const sctp = rng.chance(0.25);
      const ports: PolicyPort[] = sctp ? [{ protocol: "SCTP", port: 3860, endPort: 3870 }] : [{ protocol: "TCP", port: "http" }];
      push(rules.egress, src.name, { to: [exactPeer(dst, dw)], ports });
      push(rules.ingress, dst.name, { from: [exactPeer(src, sw)], ports });
      connections.push({
        from: workloadId(src, sw),
        to: workloadId(dst, dw),
        protocol: sctp ? "SCTP" : "TCP",
        port: sctp ? portOf(dw, "diameter").containerPort : portOf(dw, "http").containerPort,
      });
    }
    chains.push({
      vendorWorkload: workloadId(vendor, integrationOf(vendor)),
      hops: middle.map((n) => workloadId(n, integrationOf(n))),
      sensitiveWorkload: workloadId(target, integrationOf(target)),
      depth: connections.length,
      connections,
    });
  }
  vendors.slice(chainCount).forEach((vendor, d) => {
    const target = rng.pick(sensitive);
    const sw = integrationOf(vendor);
    const dw = integrationOf(target);
    const blockedBy = d % 2 === 0 ? "port" : "egress";
    // The destination admits the vendor on http only.
    push(rules.ingress, target.name, { from: [exactPeer(vendor, sw)], ports: [{ protocol: "TCP", port: "http" }] });
    if (blockedBy === "port") push(rules.egress, vendor.name, { to: [exactPeer(target, dw)], ports: [{ protocol: "TCP", port: "grpc" }] });
    decoys.push({
      from: workloadId(vendor, sw),
      to: workloadId(target, dw),
      protocol: "TCP",
      port: portOf(dw, blockedBy === "port" ? "grpc" : "http").containerPort,
      blockedBy,
    });
  });
  const reaching = [...new Set(chains.map((c) => c.vendorWorkload.split("/")[0]!))].sort();
  return { planted: { chains, decoys, vendorNamespacesReachingSensitive: reaching }, rules };
}

function policy(ns: NamespaceInfo, name: string, spec: PolicySpec): Manifest {
  return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace: ns.name }, spec };
}

/** The ten NetworkPolicies of a namespace. */
function policiesFor(ns: NamespaceInfo, index: number, rules: PlantedRules): Manifest[] {
  const [gateway, api, store] = [ns.workloads[0]!, ns.workloads[1]!, ns.workloads[2]!];
  const integration = integrationOf(ns);
  const app = (w: WorkloadInfo): LabelSelector => ({ matchLabels: { app: w.name } });
  const partnerV4 = `198.51.100.${(index % 8) * 32}/27`;
  const partnerV4Except = `198.51.100.${(index % 8) * 32 + 16}/28`;
  const partnerV6 = `2001:db8:${(index % 65535).toString(16)}::/48`;
  const out: Manifest[] = [];
  out.push(policy(ns, "default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }));
  out.push(
    policy(ns, "allow-dns", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { [NS_NAME_LABEL]: "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
      ],
    }),
  );
  out.push(
    policy(ns, "allow-same-namespace", {
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
      ingress: [{ from: [{ podSelector: {} }], ports: [{ port: "http" }, { port: "metrics" }] }],
      egress: [{ to: [{ podSelector: {} }] }],
    }),
  );
  // Per-workload allows; who may reach the gateway depends on the namespace kind.
  const gatewayFrom: Peer[] =
    ns.kind === "internal"
      ? [{ namespaceSelector: { matchLabels: { env: ns.env }, matchExpressions: [{ key: TRUST_LABEL, operator: "NotIn", values: ["vendor"] }, { key: SENSITIVE_LABEL, operator: "DoesNotExist" }] } }]
      : ns.kind === "vendor"
        ? [{ ipBlock: { cidr: "192.0.2.0/24", except: ["192.0.2.128/25"] } }]
        : [{ podSelector: { matchExpressions: [{ key: "tier", operator: "In", values: ["web", "api"] }] } }];
  out.push(policy(ns, `allow-${gateway.name}-ingress`, { podSelector: app(gateway), ingress: [{ from: gatewayFrom, ports: [{ port: "http" }, { protocol: "TCP", port: 443 }] }] }));
  out.push(policy(ns, `allow-${api.name}-from-${gateway.name}`, { podSelector: app(api), ingress: [{ from: [{ podSelector: app(gateway) }], ports: [{ port: "grpc" }] }] }));
  out.push(
    policy(ns, `allow-${store.name}-from-tiers`, {
      podSelector: app(store),
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [{ podSelector: { matchExpressions: [{ key: "tier", operator: "In", values: ["web", "api"] }, { key: "version", operator: "Exists" }] } }],
          ports: [{ protocol: "TCP", port: 5432 }],
        },
      ],
    }),
  );
  // Internal egress: never towards vendor or sensitive namespaces. Vendors only reach their own API range.
  out.push(
    ns.kind === "vendor"
      ? policy(ns, "allow-egress-vendor-api", {
          podSelector: {},
          policyTypes: ["Egress"],
          egress: [{ to: [{ ipBlock: { cidr: `203.0.113.${(index % 16) * 16}/28` } }], ports: [{ protocol: "TCP", port: 443 }] }],
        })
      : policy(ns, "allow-egress-internal", {
          podSelector: {},
          policyTypes: ["Egress"],
          egress: [
            {
              to: [
                {
                  namespaceSelector: {
                    matchExpressions: [
                      { key: "env", operator: "In", values: ["prod", "staging"] },
                      { key: TRUST_LABEL, operator: "NotIn", values: ["vendor"] },
                      { key: SENSITIVE_LABEL, operator: "DoesNotExist" },
                    ],
                  },
                },
              ],
              ports: [{ protocol: "TCP", port: 8000, endPort: 8099 }, { port: "grpc" }],
            },
          ],
        }),
  );
  const integrationEgress: EgressRule[] = [
    {
      to: [{ ipBlock: { cidr: partnerV4, except: [partnerV4Except] } }, { ipBlock: { cidr: partnerV6, except: [partnerV6.replace("::/48", ":ff::/64")] } }],
      ports: [
        { protocol: "TCP", port: 443 },
        { protocol: "SCTP", port: 3868 },
        { protocol: "SCTP", port: 36412, endPort: 36422 },
      ],
    },
  ];
  if (ns.kind !== "vendor") {
    integrationEgress.push({ to: [{ namespaceSelector: { matchLabels: { team: ns.team } }, podSelector: { matchLabels: { tier: "integration" } } }], ports: [{ protocol: "UDP", port: "sip" }] });
  }
  integrationEgress.push(...(rules.egress.get(ns.name) ?? []));
  out.push(policy(ns, `allow-${integration.name}-egress`, { podSelector: app(integration), policyTypes: ["Egress"], egress: integrationEgress }));
  out.push(
    policy(ns, "allow-egress-saas", {
      podSelector: { matchLabels: { tier: "web" } },
      policyTypes: ["Egress"],
      egress: [
        {
          to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] } }, { ipBlock: { cidr: "::/0", except: ["fc00::/7"] } }],
          ports: [{ protocol: "TCP", port: 443 }],
        },
      ],
    }),
  );
  const integrationIngress: IngressRule[] =
    ns.kind === "vendor"
      ? [{ from: [{ ipBlock: { cidr: "192.0.2.0/24", except: ["192.0.2.0/28"] } }], ports: [{ protocol: "TCP", port: 443 }] }]
      : [{ from: [{ namespaceSelector: { matchLabels: { team: ns.team } }, podSelector: { matchExpressions: [{ key: "tier", operator: "In", values: ["integration"] }] } }], ports: [{ protocol: "UDP", port: "sip" }] }];
  integrationIngress.push(...(rules.ingress.get(ns.name) ?? []));
  out.push(policy(ns, `allow-${integration.name}-ingress`, { podSelector: app(integration), policyTypes: ["Ingress"], ingress: integrationIngress }));
  return out;
}

function podsFor(ns: NamespaceInfo, replicas: number, firstPod: number): Manifest[] {
  const out: Manifest[] = [];
  let n = firstPod;
  for (const w of ns.workloads) {
    const rs = replicaSetName(w);
    for (let r = 0; r < replicas; r++, n++) {
      // The last replica of a canary workload runs the next version: a second class for the workload.
      const version = w.canary && r === replicas - 1 ? `v${Number(w.labels.version!.slice(1)) + 1}` : w.labels.version!;
      const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
      out.push({
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          name: `${rs}-${r.toString(36).padStart(5, "x")}`,
          namespace: ns.name,
          labels: { ...w.labels, version, "pod-template-hash": w.hash },
          ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: rs, controller: true }],
        },
        spec: {
          serviceAccountName: w.name,
          containers: [{ name: w.name, image: `registry.example/${ns.team}/${w.name}:${version}`, ports: w.ports.map((p) => ({ ...p })) }],
        },
        status: { phase: "Running", podIP: ip, podIPs: [{ ip }] },
      });
    }
  }
  return out;
}

/** Generates a cluster from explicit parameters (tests use small ones). */
export function generateClusterWith(params: SizeParams, seed: number): GeneratedCluster {
  const rng = mulberry32(derive(seed, "cluster"));
  const namespaces = makeNamespaces(rng, params);
  const { planted, rules } = plant(mulberry32(derive(seed, "plant")), namespaces);
  const objects: Manifest[] = namespaces.map((ns) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns.name, labels: ns.labels } }));
  let pod = 0;
  namespaces.forEach((ns, i) => {
    objects.push(...podsFor(ns, params.replicas, pod));
    pod += ns.workloads.length * params.replicas;
    objects.push(...policiesFor(ns, i, rules));
  });
  return { objects, planted };
}

export function generateCluster(opts: { readonly size: SizeName; readonly seed: number }): GeneratedCluster {
  return generateClusterWith(SIZES[opts.size], opts.seed);
}

const isPolicy = (o: Manifest): boolean => o.kind === "NetworkPolicy";
const policyKey = (o: Manifest): string => `${o.metadata.namespace ?? ""}/${o.metadata.name}`;
/** Policies carrying planted rules stay untouched so the planted answers hold in both versions. */
const carriesPlanted = (o: Manifest): boolean => /^allow-integration-(egress|ingress)$/.test(o.metadata.name);

export interface Mutation {
  readonly objects: readonly Manifest[];
  /** `namespace/name` of every changed policy, sorted. */
  readonly changed: readonly string[];
}

/**
 * The "next version" of a cluster for the semantic diff: `fraction` of the
 * NetworkPolicies (rounded, at least one) changed by adding a port, adding a
 * rule with a new peer, or dropping a rule. Unchanged objects are shared.
 */
export function mutateCluster(objects: readonly Manifest[], opts: { readonly fraction: number; readonly seed: number }): Mutation {
  const rng = mulberry32(derive(opts.seed, "mutate"));
  const total = objects.filter(isPolicy).length;
  const eligible = objects.map((o, i) => [o, i] as const).filter(([o]) => isPolicy(o) && !carriesPlanted(o));
  const count = Math.min(eligible.length, Math.max(1, Math.round(opts.fraction * total)));
  const chosen = rng.sample(eligible, count);
  const out = [...objects];
  const changed: string[] = [];
  for (const [o, i] of chosen) {
    const spec = structuredClone(o.spec) as PolicySpec;
    const ingress = spec.ingress !== undefined || (spec.policyTypes ?? ["Ingress"]).includes("Ingress");
    const r = rng.int(1000, 9999);
    const kind = rng.int(0, 2);
    const list: (IngressRule | EgressRule)[] | undefined = ingress ? spec.ingress : spec.egress;
    if (kind === 0 && list && list.length > 0 && list[0]!.ports) {
      list[0]!.ports.push({ protocol: "TCP", port: r });
    } else if (kind === 2 && list && list.length > 0) {
      list.pop();
    } else if (ingress) {
      (spec.ingress ??= []).push({ from: [{ podSelector: { matchLabels: { app: `client-${r}` } } }], ports: [{ protocol: "TCP", port: r }] });
    } else {
      (spec.egress ??= []).push({ to: [{ podSelector: { matchLabels: { app: `backend-${r}` } } }], ports: [{ protocol: "TCP", port: r }] });
    }
    out[i] = { ...o, spec };
    changed.push(policyKey(o));
  }
  return { objects: out, changed: changed.sort() };
}
