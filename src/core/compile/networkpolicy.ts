/**
 * NetworkPolicy (networking.k8s.io/v1): a default deny and DNS egress per
 * namespace, then one policy per service and direction holding one rule per
 * flow, so each object maps to exactly the flows named in its annotation.
 */
import { type Cidr, parseCidr, rangeContains } from "../../model/cidr";
import type { Endpoint, ResolvedFlow, ResolvedPort, ResolvedService } from "../../model/resolved";
import { LABELS } from "../k8s/object";
import { type Ctx, endpointText, flowsFrom, flowsInto, meta } from "./context";
import { API, type NetworkPolicyObject, type NetworkPolicyPeer, type NetworkPolicyPort } from "./types";

/** Cluster DNS as deployed by kubeadm and most distributions (CoreDNS keeps the kube-dns label). */
export const DNS = { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" }, port: 53 } as const;
/** The Istio control plane a sidecar must reach for configuration and certificates (xDS and CA on 15012). */
export const ISTIOD = { namespace: "istio-system", podLabels: { app: "istiod" }, port: 15012 } as const;

function podPeer(namespace: string, labels: Readonly<Record<string, string>>): NetworkPolicyPeer {
  return { namespaceSelector: { matchLabels: { [LABELS.nsName]: namespace } }, podSelector: { matchLabels: { ...labels } } };
}

/**
 * The address blocks of quarantined vendors, carved out of every wider ipBlock
 * (an "internet" block, the DNS pods' upstream block) as `except` entries, so a
 * quarantine holds in the NetworkPolicy layer too and not only in the guardrails.
 */
function quarantinedCidrs(ctx: Ctx): Cidr[] {
  return ctx.policy.externals.filter((x) => x.vendor !== undefined && ctx.quarantined.has(x.vendor)).flatMap((x) => x.blocks.map((b) => b.cidr));
}

export function ipBlockPeer(ctx: Ctx, cidr: Cidr, except: readonly Cidr[]): NetworkPolicyPeer {
  const strictlyInside = (c: Cidr) => rangeContains(cidr, c) && (c.start !== cidr.start || c.end !== cidr.end);
  const carved = quarantinedCidrs(ctx).filter(strictlyInside);
  const all = [...new Set([...except, ...carved].map((x) => x.text))].sort();
  return { ipBlock: { cidr: cidr.text, ...(all.length > 0 ? { except: all } : {}) } };
}

export function peersOf(ctx: Ctx, e: Endpoint): NetworkPolicyPeer[] {
  if (e.kind === "service") return [podPeer(e.service.namespace, e.service.labels)];
  return [...e.external.blocks].sort((a, b) => (a.cidr.text < b.cidr.text ? -1 : a.cidr.text > b.cidr.text ? 1 : 0)).map((b) => ipBlockPeer(ctx, b.cidr, b.except));
}

/**
 * Named ports are resolved by the CNI against the destination pod, so they
 * are used only for service destinations, only when the target supports
 * them, and never for ranges.
 */
export function npPorts(ctx: Ctx, ports: readonly ResolvedPort[], to: Endpoint): NetworkPolicyPort[] {
  return ports.map((p) =>
    to.kind === "service" && ctx.caps.namedPorts && p.name !== undefined && p.endPort === undefined
      ? { protocol: p.protocol, port: p.name }
      : { protocol: p.protocol, port: p.port, ...(p.endPort !== undefined ? { endPort: p.endPort } : {}) },
  );
}

function baseline(ctx: Ctx): NetworkPolicyObject[] {
  const out: NetworkPolicyObject[] = [];
  for (const zone of ctx.policy.zones) {
    const ns = zone.namespace;
    // A quarantined vendor's namespace keeps only its default deny: DNS and istiod are ways out too.
    const quarantined = zone.vendor !== undefined && ctx.quarantined.has(zone.vendor);
    out.push({
      ...API.networkPolicy,
      metadata: meta(ctx, "default-deny", ns, `Default deny: pods in namespace ${ns} accept and open no connections that another policy does not allow.`),
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    });
    if (quarantined) continue;
    out.push({
      ...API.networkPolicy,
      metadata: meta(ctx, "allow-dns", ns, `Pods in namespace ${ns} may resolve names with the cluster DNS pods in ${DNS.namespace}, port ${DNS.port} UDP and TCP only.`),
      spec: {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [{ to: [podPeer(DNS.namespace, DNS.podLabels)], ports: [{ protocol: "UDP", port: DNS.port }, { protocol: "TCP", port: DNS.port }] }],
      },
    });
    if (zone.mesh && ctx.caps.istio) {
      out.push({
        ...API.networkPolicy,
        metadata: meta(ctx, "allow-istiod", ns, `Sidecars in namespace ${ns} may fetch configuration and certificates from istiod in ${ISTIOD.namespace}, port ${ISTIOD.port}/TCP only.`),
        spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [podPeer(ISTIOD.namespace, ISTIOD.podLabels)], ports: [{ protocol: "TCP", port: ISTIOD.port }] }] },
      });
    }
  }
  return out;
}

function servicePolicies(ctx: Ctx, s: ResolvedService): NetworkPolicyObject[] {
  const inbound = flowsInto(ctx, s.id);
  const outbound = flowsFrom(ctx, s.id);
  const out: NetworkPolicyObject[] = [];
  const podSelector = { matchLabels: { ...s.labels } };
  const list = (flows: readonly ResolvedFlow[], side: "from" | "to") => flows.map((f) => endpointText(f[side])).join(", ");
  if (inbound.length > 0) {
    out.push({
      ...API.networkPolicy,
      metadata: meta(ctx, `${s.name}-ingress`, s.namespace, `Service ${s.id} accepts connections only from ${list(inbound, "from")}, on the ports of each flow.`, inbound),
      spec: { podSelector, policyTypes: ["Ingress"], ingress: inbound.map((f) => ({ from: peersOf(ctx, f.from), ports: npPorts(ctx, f.ports, f.to) })) },
    });
  }
  if (outbound.length > 0) {
    out.push({
      ...API.networkPolicy,
      metadata: meta(ctx, `${s.name}-egress`, s.namespace, `Service ${s.id} opens connections only to ${list(outbound, "to")}, on the ports of each flow.`, outbound),
      spec: { podSelector, policyTypes: ["Egress"], egress: outbound.map((f) => ({ to: peersOf(ctx, f.to), ports: npPorts(ctx, f.ports, f.to) })) },
    });
  }
  return out;
}

/** Ports the cluster DNS pods need outwards: upstream resolvers, and the API server CoreDNS watches. */
const DNS_UPSTREAM_PORTS: readonly NetworkPolicyPort[] = [
  { protocol: "UDP", port: DNS.port },
  { protocol: "TCP", port: DNS.port },
  { protocol: "TCP", port: 443 },
  { protocol: "TCP", port: 6443 },
];

/**
 * Every zone may talk to the cluster DNS pods, so an unrestricted DNS pod
 * would be a hub through which any zone reaches any other. This policy keeps
 * them to answering on port 53 and talking to addresses outside the cluster
 * (ipBlocks never match pods). Emitted unless kube-system is a zone of its own.
 */
function dnsLockdown(ctx: Ctx): NetworkPolicyObject[] {
  if (ctx.policy.zones.some((z) => z.namespace === DNS.namespace)) return [];
  return [
    {
      ...API.networkPolicy,
      metadata: meta(
        ctx,
        "ztseg-kube-dns",
        DNS.namespace,
        `The cluster DNS pods answer queries on port ${DNS.port} UDP and TCP from any pod, and open connections only outside the cluster (upstream resolvers, the API server): they cannot relay a connection between zones.`,
      ),
      spec: {
        podSelector: { matchLabels: { ...DNS.podLabels } },
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ protocol: "UDP", port: DNS.port }, { protocol: "TCP", port: DNS.port }] }],
        egress: [{ to: [ipBlockPeer(ctx, parseCidr("0.0.0.0/0")!, []), ipBlockPeer(ctx, parseCidr("::/0")!, [])], ports: [...DNS_UPSTREAM_PORTS] }],
      },
    },
  ];
}

export function networkPolicies(ctx: Ctx): NetworkPolicyObject[] {
  return [...baseline(ctx), ...dnsLockdown(ctx), ...ctx.policy.services.flatMap((s) => servicePolicies(ctx, s))];
}
