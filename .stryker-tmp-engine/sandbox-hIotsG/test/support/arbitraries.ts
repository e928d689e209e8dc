/**
 * fast-check arbitraries for small random clusters that exercise every
 * connectivity feature: namespace and pod labels from tiny alphabets (so
 * selectors actually match), named container ports on three protocols,
 * NetworkPolicies in both directions with every selector operator, named and
 * unmatched ports, ranges and ipBlocks (IPv4 and IPv6, with except),
 * AdminNetworkPolicies, a BaselineAdminNetworkPolicy, and Istio
 * PeerAuthentication and AuthorizationPolicies.
 */
// @ts-nocheck

import fc from "fast-check";

export const NAMESPACES = ["ns-a", "ns-b", "ns-c", "ns-d"] as const;
export const ISTIO_ROOT = "istio-system";
const NS_KEYS = ["env", "team"];
const POD_KEYS = ["app", "tier"];
const VALUES = ["x", "y"];
const PORT_NAMES = ["http", "dns", "metrics"];
const UNMATCHED_PORT_NAME = "nope";
export const PORT_NUMBERS = [53, 80, 443, 8080] as const;
const PROTOCOLS = ["TCP", "UDP", "SCTP"] as const;
const SERVICE_ACCOUNTS = ["default", "sa1"];

/** External addresses the property test probes: inside, outside and at the edges of the CIDRs below. */
export const SAMPLE_ADDRESSES = ["10.1.2.3", "10.2.0.1", "10.0.0.0", "192.0.2.1", "2001:db8:1::1", "2001:db8:2::1"] as const;
const IPV4_BLOCKS = [
  { cidr: "10.0.0.0/8" },
  { cidr: "10.1.0.0/16", except: ["10.1.2.0/24"] },
  { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] },
  { cidr: "192.0.2.0/24" },
];
const IPV6_BLOCKS = [{ cidr: "2001:db8::/32", except: ["2001:db8:1::/48"] }, { cidr: "::/0" }];
const NETWORKS = ["10.0.0.0/8", "10.1.2.0/24", "0.0.0.0/0", "2001:db8::/32", "192.0.2.0/25"];

type Json = Record<string, unknown>;

/** Drops keys whose value is `undefined`, so "missing" and "present" fields stay distinct. */
function compact(record: Json): Json {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

function labelsArb(keys: readonly string[]): fc.Arbitrary<Record<string, string>> {
  return fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...VALUES), { maxKeys: keys.length });
}

function selectorArb(keys: readonly string[], values: readonly string[] = VALUES): fc.Arbitrary<Json> {
  const expression = fc.oneof(
    fc.record({ key: fc.constantFrom(...keys), operator: fc.constantFrom("In", "NotIn"), values: fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 2 }) }),
    fc.record({ key: fc.constantFrom(...keys), operator: fc.constantFrom("Exists", "DoesNotExist") }),
  );
  return fc
    .record({
      matchLabels: optional(fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...values), { maxKeys: 1 })),
      matchExpressions: optional(fc.array(expression, { maxLength: 2 })),
    })
    .map(compact);
}

const podSelectorArb = selectorArb(POD_KEYS);
const namespaceSelectorArb = fc.oneof(
  selectorArb(NS_KEYS),
  selectorArb(["kubernetes.io/metadata.name"], NAMESPACES),
);

const containerPortArb = fc
  .record({
    name: optional(fc.constantFrom(...PORT_NAMES)),
    containerPort: fc.constantFrom(...PORT_NUMBERS),
    protocol: optional(fc.constantFrom(...PROTOCOLS)),
  })
  .map(compact);

const injectArb = optional(fc.constantFrom("true", "false"));

const podTemplateArb = fc.record({
  labels: labelsArb(POD_KEYS),
  ports: fc.array(containerPortArb, { maxLength: 3 }),
  serviceAccount: optional(fc.constantFrom(...SERVICE_ACCOUNTS)),
  injectLabel: injectArb,
  injectAnnotation: injectArb,
});

function podBody(t: PodTemplate): Json {
  const labels = { ...t.labels, ...(t.injectLabel ? { "sidecar.istio.io/inject": t.injectLabel } : {}) };
  return {
    metadata: compact({ labels, annotations: t.injectAnnotation ? { "sidecar.istio.io/inject": t.injectAnnotation } : undefined }),
    spec: compact({ serviceAccountName: t.serviceAccount, containers: [{ name: "main", image: "app", ports: t.ports }] }),
  };
}
type PodTemplate = {
  labels: Record<string, string>;
  ports: Json[];
  serviceAccount: string | undefined;
  injectLabel: string | undefined;
  injectAnnotation: string | undefined;
};

/** A Deployment, a bare Pod, or a Pod controlled by a ReplicaSet (pods sharing an owner become one workload). */
function workloadArb(namespaces: readonly string[], index: number): fc.Arbitrary<Json> {
  return fc
    .record({
      kind: fc.constantFrom("Deployment", "Pod", "OwnedPod", "StatefulSet"),
      namespace: fc.constantFrom(...namespaces),
      template: podTemplateArb,
      owner: fc.constantFrom("rs-1", "rs-2"),
    })
    .map(({ kind, namespace, template, owner }) => {
      const body = podBody(template);
      const meta = body.metadata as Json;
      if (kind === "Deployment" || kind === "StatefulSet") {
        return {
          apiVersion: "apps/v1",
          kind,
          metadata: { name: `w${index}`, namespace },
          spec: { selector: { matchLabels: template.labels }, template: body },
        };
      }
      const ownerReferences = kind === "OwnedPod" ? [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: owner, uid: owner, controller: true }] : undefined;
      return { apiVersion: "v1", kind: "Pod", metadata: compact({ name: `p${index}`, namespace, ...meta, ownerReferences }), spec: body.spec };
    });
}

const npPortArb = fc.oneof(
  fc.record({ protocol: optional(fc.constantFrom(...PROTOCOLS)) }).map(compact),
  fc
    .record({ protocol: optional(fc.constantFrom(...PROTOCOLS)), port: fc.constantFrom(...PORT_NUMBERS), span: optional(fc.constantFrom(0, 10, 400)) })
    .map(({ protocol, port, span }) => compact({ protocol, port, endPort: span === undefined ? undefined : port + span })),
  fc
    .record({ protocol: optional(fc.constantFrom(...PROTOCOLS)), port: fc.constantFrom(...PORT_NAMES, UNMATCHED_PORT_NAME) })
    .map(compact),
);

const npPeerArb = fc.oneof(
  podSelectorArb.map((podSelector) => ({ podSelector })),
  namespaceSelectorArb.map((namespaceSelector) => ({ namespaceSelector })),
  fc.record({ namespaceSelector: namespaceSelectorArb, podSelector: podSelectorArb }),
  fc.constantFrom(...IPV4_BLOCKS, ...IPV6_BLOCKS).map((ipBlock) => ({ ipBlock })),
);

/** Missing, empty, or a short list: the three mean different things in NetworkPolicy. */
function listField<T>(arb: fc.Arbitrary<T>, maxLength = 2): fc.Arbitrary<T[] | undefined> {
  return fc.oneof(fc.constant(undefined), fc.constant<T[]>([]), fc.array(arb, { minLength: 1, maxLength }));
}

function npRuleArb(peerKey: "from" | "to"): fc.Arbitrary<Json> {
  return fc.record({ peers: listField(npPeerArb), ports: listField(npPortArb) }).map(({ peers, ports }) => compact({ [peerKey]: peers, ports }));
}

function networkPolicyArb(namespaces: readonly string[], index: number): fc.Arbitrary<Json> {
  return fc
    .record({
      namespace: fc.constantFrom(...namespaces),
      podSelector: podSelectorArb,
      policyTypes: fc.constantFrom(undefined, ["Ingress"], ["Egress"], ["Ingress", "Egress"]),
      ingress: listField(npRuleArb("from")),
      egress: listField(npRuleArb("to")),
    })
    .map(({ namespace, podSelector, policyTypes, ingress, egress }) => ({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: `np${index}`, namespace },
      spec: compact({ podSelector, policyTypes, ingress, egress }),
    }));
}

const anpPodPeerArb = fc.oneof(
  namespaceSelectorArb.map((namespaces) => ({ namespaces })),
  fc.record({ namespaceSelector: namespaceSelectorArb, podSelector: podSelectorArb }).map((pods) => ({ pods })),
);

const anpPortArb = fc.oneof(
  fc.record({ protocol: fc.constantFrom(...PROTOCOLS), port: fc.constantFrom(...PORT_NUMBERS) }).map((portNumber) => ({ portNumber })),
  fc
    .record({ protocol: fc.constantFrom(...PROTOCOLS), start: fc.constantFrom(...PORT_NUMBERS), span: fc.constantFrom(0, 30, 8000) })
    .map(({ protocol, start, span }) => ({ portRange: { protocol, start, end: start + span } })),
  fc.constantFrom(...PORT_NAMES, UNMATCHED_PORT_NAME).map((namedPort) => ({ namedPort })),
);

function adminRulesArb(actions: readonly string[], direction: "ingress" | "egress"): fc.Arbitrary<Json[]> {
  const peer = direction === "ingress" ? anpPodPeerArb : fc.oneof(anpPodPeerArb, fc.uniqueArray(fc.constantFrom(...NETWORKS), { minLength: 1, maxLength: 2 }).map((networks) => ({ networks })));
  const rule = fc.record({
    action: fc.constantFrom(...actions),
    peers: fc.array(peer, { minLength: 1, maxLength: 2 }),
    ports: optional(fc.array(anpPortArb, { minLength: 1, maxLength: 2 })),
  });
  return fc.array(rule, { maxLength: 3 }).map((rules) =>
    rules.map((r, i) => compact({ name: `${direction}-${i}`, action: r.action, [direction === "ingress" ? "from" : "to"]: r.peers, ports: r.ports })),
  );
}

function adminSpecArb(actions: readonly string[]): fc.Arbitrary<Json> {
  return fc
    .record({ subject: anpPodPeerArb, ingress: optional(adminRulesArb(actions, "ingress")), egress: optional(adminRulesArb(actions, "egress")) })
    .map(compact);
}

const adminNetworkPoliciesArb: fc.Arbitrary<Json[]> = fc
  .uniqueArray(fc.integer({ min: 1, max: 100 }), { maxLength: 2 })
  .chain((priorities) => fc.tuple(...priorities.map(() => adminSpecArb(["Allow", "Deny", "Pass"]))).map((specs) =>
    specs.map((spec, i) => ({
      apiVersion: "policy.networking.k8s.io/v1alpha1",
      kind: "AdminNetworkPolicy",
      metadata: { name: `anp${i}` },
      spec: { priority: priorities[i], ...spec },
    })),
  ));

const baselineArb: fc.Arbitrary<Json[]> = optional(adminSpecArb(["Allow", "Deny"])).map((spec) =>
  spec === undefined ? [] : [{ apiVersion: "policy.networking.k8s.io/v1alpha1", kind: "BaselineAdminNetworkPolicy", metadata: { name: "default" }, spec }],
);

const MODES = ["STRICT", "PERMISSIVE", "DISABLE", "UNSET"] as const;

/** At most one namespace-wide and one workload PeerAuthentication per namespace, so precedence is defined. */
function peerAuthenticationsArb(namespaces: readonly string[]): fc.Arbitrary<Json[]> {
  const pa = fc.record({
    namespace: fc.constantFrom(...namespaces, ISTIO_ROOT),
    selector: optional(fc.record({ key: fc.constantFrom(...POD_KEYS), value: fc.constantFrom(...VALUES) })),
    mode: fc.constantFrom(...MODES),
    portLevel: optional(fc.record({ port: fc.constantFrom(...PORT_NUMBERS), mode: fc.constantFrom(...MODES) })),
  });
  return fc.uniqueArray(pa, { maxLength: 3, selector: (p) => `${p.namespace}/${p.selector !== undefined}` }).map((list) =>
    list.map((p, i) => ({
      apiVersion: "security.istio.io/v1",
      kind: "PeerAuthentication",
      metadata: { name: `pa${i}`, namespace: p.namespace },
      spec: compact({
        selector: p.selector ? { matchLabels: { [p.selector.key]: p.selector.value } } : undefined,
        mtls: { mode: p.mode },
        portLevelMtls: p.selector && p.portLevel ? { [String(p.portLevel.port)]: { mode: p.portLevel.mode } } : undefined,
      }),
    })),
  );
}

const principalArb = fc.constantFrom(
  "cluster.local/ns/ns-a/sa/default",
  "cluster.local/ns/ns-b/sa/sa1",
  "cluster.local/ns/ns-c/*",
  "*/sa/sa1",
  "*",
);
const namespacePatternArb = fc.constantFrom("ns-a", "ns-b", "ns-*", "*", "*-c");

const sourceArb = fc
  .record({
    principals: optional(fc.array(principalArb, { minLength: 1, maxLength: 2 })),
    notPrincipals: optional(fc.array(principalArb, { minLength: 1, maxLength: 1 })),
    namespaces: optional(fc.array(namespacePatternArb, { minLength: 1, maxLength: 2 })),
    notNamespaces: optional(fc.array(namespacePatternArb, { minLength: 1, maxLength: 1 })),
    ipBlocks: optional(fc.constantFrom(["10.0.0.0/8"], ["192.0.2.1"], ["2001:db8::/32"])),
    notIpBlocks: optional(fc.constantFrom(["10.1.0.0/16"])),
    requestPrincipals: optional(fc.constant(["issuer/subject"])),
  })
  .map(compact);

const operationArb = fc
  .record({
    ports: optional(fc.array(fc.constantFrom(...PORT_NUMBERS.map(String)), { minLength: 1, maxLength: 2 })),
    notPorts: optional(fc.array(fc.constantFrom(...PORT_NUMBERS.map(String)), { minLength: 1, maxLength: 1 })),
    methods: optional(fc.constant(["GET"])),
    paths: optional(fc.constant(["/admin"])),
  })
  .map(compact);

const istioRuleArb = fc
  .record({
    from: optional(fc.array(sourceArb.map((source) => ({ source })), { minLength: 1, maxLength: 2 })),
    to: optional(fc.array(operationArb.map((operation) => ({ operation })), { minLength: 1, maxLength: 2 })),
  })
  .map(compact);

function authorizationPoliciesArb(namespaces: readonly string[]): fc.Arbitrary<Json[]> {
  const ap = fc.record({
    namespace: fc.constantFrom(...namespaces, ISTIO_ROOT),
    selector: optional(fc.record({ key: fc.constantFrom(...POD_KEYS), value: fc.constantFrom(...VALUES) })),
    action: fc.constantFrom(undefined, "ALLOW", "DENY", "CUSTOM"),
    rules: optional(fc.array(istioRuleArb, { maxLength: 2 })),
  });
  return fc.array(ap, { maxLength: 3 }).map((list) =>
    list.map((p, i) => ({
      apiVersion: "security.istio.io/v1",
      kind: "AuthorizationPolicy",
      metadata: { name: `ap${i}`, namespace: p.namespace },
      spec: compact({
        selector: p.selector ? { matchLabels: { [p.selector.key]: p.selector.value } } : undefined,
        action: p.action,
        provider: p.action === "CUSTOM" ? { name: "ext-authz" } : undefined,
        rules: p.rules,
      }),
    })),
  );
}

function namespaceObjectsArb(namespaces: readonly string[]): fc.Arbitrary<Json[]> {
  const one = (name: string) =>
    fc
      .record({ defined: fc.boolean(), labels: labelsArb(NS_KEYS), injection: optional(fc.constantFrom("enabled", "disabled")) })
      .map(({ defined, labels, injection }) =>
        defined ? [{ apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { ...labels, ...(injection ? { "istio-injection": injection } : {}) } } }] : [],
      );
  return fc.tuple(...namespaces.map(one)).map((lists) => lists.flat());
}

/** A small random cluster as a list of manifests (what a loader would read from YAML). */
export const clusterArb: fc.Arbitrary<Json[]> = fc
  .shuffledSubarray([...NAMESPACES], { minLength: 2, maxLength: 4 })
  .chain((namespaces) =>
    fc
      .record({
        namespaceObjects: namespaceObjectsArb(namespaces),
        workloads: fc.integer({ min: 2, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => workloadArb(namespaces, i)))),
        networkPolicies: fc.integer({ min: 0, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => networkPolicyArb(namespaces, i)))),
        adminNetworkPolicies: adminNetworkPoliciesArb,
        baseline: baselineArb,
        istio: fc.boolean().chain((on) =>
          on ? fc.tuple(peerAuthenticationsArb(namespaces), authorizationPoliciesArb(namespaces)).map(([a, b]) => [...a, ...b]) : fc.constant<Json[]>([]),
        ),
      })
      .map((c) => [...c.namespaceObjects, ...c.workloads, ...c.networkPolicies, ...c.adminNetworkPolicies, ...c.baseline, ...c.istio]),
  );

/** Ports worth probing in a cluster: every port-like number it mentions, each +-1, plus 1 and 65535. */
export function interestingPorts(objects: readonly unknown[]): number[] {
  const found = new Set<number>([1, 65535]);
  const walk = (value: unknown, key: string): void => {
    if (typeof value === "number" && /port|start|end/i.test(key)) {
      for (const p of [value - 1, value, value + 1]) if (p >= 1 && p <= 65535) found.add(p);
    } else if (typeof value === "string" && /^\d+$/.test(value) && /ports/i.test(key)) {
      walk(Number(value), "port");
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) walk(v, /^\d+$/.test(k) ? "port" : k);
  };
  objects.forEach((o) => walk(o, ""));
  return [...found].sort((a, b) => a - b);
}
