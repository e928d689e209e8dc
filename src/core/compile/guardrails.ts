/**
 * Guardrails: cluster-level rules that enforce the vendor/sensitive
 * boundary by namespace labels, whatever namespace-level policy says later.
 *
 * - AdminNetworkPolicy (policy.networking.k8s.io/v1alpha1), evaluated before
 *   any NetworkPolicy: sensitive namespaces deny ingress from vendor and
 *   external-trust namespaces and egress to vendor and external-trust address
 *   sets; vendor and external-trust namespaces deny egress to sensitive ones.
 * - Declared exceptions (and, for the egress to address sets, declared flows)
 *   are carved out by rules placed before the Deny whose action is `Pass`,
 *   not `Allow`: `Allow` would skip NetworkPolicy, and since an ANP subject is
 *   the whole namespace it would admit the source to every pod of it on that
 *   port. `Pass` hands exactly that traffic to the NetworkPolicies, which
 *   allow only the written flow.
 * - Istio DENY per sensitive meshed service for sources in vendor and
 *   external-trust namespaces, always scoped to the service's declared TCP
 *   ports, minus the ports an exception from that namespace uses.
 * - The protected side of every noPath invariant: per service that can lead
 *   into protected data, an ANP admitting in-cluster callers only as its
 *   flows say, so the guardrails alone hold the invariant.
 * - Quarantined vendors: an ANP at the highest priority denies their
 *   namespaces every ingress and egress and every namespace egress to their
 *   address sets; Istio DENY policies refuse them in every meshed namespace.
 */
import type { ResolvedFlow, ResolvedPort, ResolvedService } from "../../model";
import { LABELS } from "../k8s/object";
import { type Ctx, UNTRUSTED, endpointTrustOf, flowsInto, groupBy, meta, tcpPortStrings, zoneOf } from "./context";
import { cidrsMinusExcepts } from "./cidr-set";
import { selects } from "./intent-invariants";
import { objectName } from "./names";
import {
  API,
  type AdminNetworkPolicyObject,
  type AnpEgressPeer,
  type AnpEgressRule,
  type AnpIngressRule,
  type AnpPort,
  type AuthorizationPolicyObject,
  type IstioRule,
  type LabelSelector,
} from "./types";

/** ANP priorities: lower wins. Quarantine outranks everything, including exceptions. */
export const PRIORITY = { quarantine: 1, quarantineNetworks: 2, protectSensitive: 10, containUntrusted: 11, protectSide: 20 } as const;
/** v1alpha1 limits: at most 25 CIDRs per `networks` peer, 100 rules per direction, rule names of 100 characters. */
const MAX_NETWORKS = 25;
/** v1alpha1 priorities run from 0 to 1000. */
const MAX_PRIORITY = 1000;
const MAX_RULES = 100;
const MAX_RULE_NAME = 100;

const untrustedNamespaces: LabelSelector = { matchExpressions: [{ key: LABELS.trust, operator: "In", values: [...UNTRUSTED] }] };
const sensitiveNamespaces: LabelSelector = { matchLabels: { [LABELS.sensitive]: "true" } };

function anpPorts(ports: readonly ResolvedPort[]): AnpPort[] {
  return ports.map((p) =>
    p.endPort !== undefined ? { portRange: { protocol: p.protocol, start: p.port, end: p.endPort } } : { portNumber: { protocol: p.protocol, port: p.port } },
  );
}

function networksPeers(cidrs: readonly string[]): AnpEgressPeer[] {
  const out: AnpEgressPeer[] = [];
  for (let i = 0; i < cidrs.length; i += MAX_NETWORKS) out.push({ networks: cidrs.slice(i, i + MAX_NETWORKS) });
  return out;
}

function ruleName(text: string): string {
  return text.length <= MAX_RULE_NAME ? text : `${text.slice(0, MAX_RULE_NAME - 9)}-${objectName(text).slice(-8)}`;
}

function exceptionRuleName(f: ResolvedFlow): string {
  const x = f.exception!;
  return ruleName(`pass exception ${x.id} (ticket ${x.ticket}, expires ${x.expires})`);
}

const podsOf = (s: ResolvedService) => ({ namespaceSelector: { matchLabels: { [LABELS.nsName]: s.namespace } }, podSelector: { matchLabels: { ...s.labels } } });

function checkLimits(ctx: Ctx, name: string, ingress: readonly unknown[], egress: readonly unknown[]): void {
  if (ingress.length > MAX_RULES || egress.length > MAX_RULES) {
    ctx.diagnostics.push({
      code: "guardrail-too-many-rules",
      severity: "error",
      path: "exceptions",
      message: `AdminNetworkPolicy ${name} would need more than ${MAX_RULES} rules in one direction (the v1alpha1 limit)`,
      hint: "retire expired or unneeded exceptions",
    });
  }
}

/** Exact addresses of vendor and external-trust address sets (their `except` subtracted). */
function untrustedCidrs(ctx: Ctx): string[] {
  return cidrsMinusExcepts(ctx.policy.externals.filter((e) => UNTRUSTED.includes(e.trust) && !(e.vendor !== undefined && ctx.quarantined.has(e.vendor))).flatMap((e) => e.blocks));
}

function admissionPolicies(ctx: Ctx): AdminNetworkPolicyObject[] {
  const zoneSensitive = (f: ResolvedFlow) => f.to.kind === "service" && zoneOf(ctx, f.to.service).sensitive;
  // Exceptions from untrusted in-cluster services into sensitive ones.
  const inClusterExceptions = ctx.flows.flatMap((f) =>
    f.exception && f.from.kind === "service" && f.to.kind === "service" && UNTRUSTED.includes(endpointTrustOf(ctx, f.from)) && zoneSensitive(f)
      ? [{ flow: f, from: f.from.service, to: f.to.service }]
      : [],
  );
  // Declared flows from sensitive services to any address set: the Deny below may overlap them (an
  // internal range inside a vendor's block), and a declared flow is never blocked by its own guardrail.
  const toUntrustedNetworks = ctx.flows.flatMap((f) =>
    f.from.kind === "service" && zoneOf(ctx, f.from.service).sensitive && f.to.kind === "external"
      ? [{ flow: f, cidrs: [...new Set(f.to.external.blocks.map((b) => b.cidr.text))].sort() }]
      : [],
  );

  const ingress: AnpIngressRule[] = [
    ...inClusterExceptions.map((x) => ({ name: exceptionRuleName(x.flow), action: "Pass" as const, from: [{ pods: podsOf(x.from) }], ports: anpPorts(x.flow.ports) })),
    { name: "deny-from-vendor-and-external-namespaces", action: "Deny", from: [{ namespaces: untrustedNamespaces }] },
  ];
  const cidrs = untrustedCidrs(ctx);
  const egress: AnpEgressRule[] =
    cidrs.length === 0
      ? []
      : [
          ...toUntrustedNetworks.map((x) => ({
            name: x.flow.exception ? exceptionRuleName(x.flow) : ruleName(`pass flow ${x.flow.id}`),
            action: "Pass" as const,
            to: networksPeers(x.cidrs),
            ports: anpPorts(x.flow.ports),
          })),
          // `networks` also matches pod IPs; in-cluster traffic is handed to the other rules and NetworkPolicy first.
          { name: "pass-in-cluster-pods", action: "Pass", to: [{ namespaces: {} }] },
          { name: "deny-to-vendor-and-external-networks", action: "Deny", to: networksPeers(cidrs) },
        ];
  const protect: AdminNetworkPolicyObject = {
    ...API.adminNetworkPolicy,
    metadata: meta(
      ctx,
      "ztseg-protect-sensitive",
      undefined,
      "Guardrail: namespaces holding sensitive data accept no connection from vendor or external-trust namespaces and open none to vendor or external-trust address sets, except the declared flows and exceptions passed to NetworkPolicy.",
      [...inClusterExceptions.map((x) => x.flow), ...toUntrustedNetworks.map((x) => x.flow)],
    ),
    spec: { priority: PRIORITY.protectSensitive, subject: { namespaces: sensitiveNamespaces }, ingress, ...(egress.length > 0 ? { egress } : {}) },
  };
  checkLimits(ctx, protect.metadata.name, ingress, egress);

  const containEgress: AnpEgressRule[] = [
    ...inClusterExceptions.map((x) => ({ name: exceptionRuleName(x.flow), action: "Pass" as const, to: [{ pods: podsOf(x.to) }], ports: anpPorts(x.flow.ports) })),
    { name: "deny-to-sensitive-namespaces", action: "Deny", to: [{ namespaces: sensitiveNamespaces }] },
  ];
  const contain: AdminNetworkPolicyObject = {
    ...API.adminNetworkPolicy,
    metadata: meta(
      ctx,
      "ztseg-contain-untrusted",
      undefined,
      "Guardrail: vendor and external-trust namespaces open no connection to namespaces holding sensitive data, except the declared exceptions passed to NetworkPolicy.",
      inClusterExceptions.map((x) => x.flow),
    ),
    spec: { priority: PRIORITY.containUntrusted, subject: { namespaces: untrustedNamespaces }, egress: containEgress },
  };
  checkLimits(ctx, contain.metadata.name, [], containEgress);
  return [protect, contain];
}

function quarantinePolicies(ctx: Ctx): AdminNetworkPolicyObject[] {
  if (ctx.quarantined.size === 0) return [];
  const vendors = [...ctx.quarantined].sort();
  const out: AdminNetworkPolicyObject[] = [];
  const quarantinedNs: LabelSelector = { matchLabels: { [LABELS.quarantined]: "true" } };
  out.push({
    ...API.adminNetworkPolicy,
    metadata: meta(ctx, "ztseg-quarantine", undefined, `Quarantine of vendor ${vendors.join(", ")}: its namespaces reach nothing and are reached by nothing, whatever any other policy allows.`),
    spec: {
      priority: PRIORITY.quarantine,
      subject: { namespaces: quarantinedNs },
      ingress: [{ name: "deny-all-ingress", action: "Deny", from: [{ namespaces: {} }] }],
      egress: [{ name: "deny-all-egress", action: "Deny", to: [{ namespaces: {} }, { networks: ["0.0.0.0/0", "::/0"] }] }],
    },
  });
  const cidrs = [
    ...cidrsMinusExcepts(ctx.policy.externals.filter((e) => e.vendor !== undefined && ctx.quarantined.has(e.vendor)).flatMap((e) => e.blocks)),
  ];
  if (cidrs.length > 0) {
    out.push({
      ...API.adminNetworkPolicy,
      metadata: meta(ctx, "ztseg-quarantine-networks", undefined, `Quarantine of vendor ${vendors.join(", ")}: no namespace opens a connection to its address sets.`),
      spec: { priority: PRIORITY.quarantineNetworks, subject: { namespaces: {} }, egress: [{ name: "deny-to-quarantined-networks", action: "Deny", to: networksPeers(cidrs) }] },
    });
  }
  return out;
}

/** Istio DENY per sensitive meshed service; sources are listed by namespace (Istio cannot select namespaces by label). */
function istioDenies(ctx: Ctx): AuthorizationPolicyObject[] {
  const out: AuthorizationPolicyObject[] = [];
  const untrusted = ctx.policy.zones.filter((z) => UNTRUSTED.includes(z.trust) && !(z.vendor !== undefined && ctx.quarantined.has(z.vendor)));
  for (const s of ctx.policy.services) {
    const zone = zoneOf(ctx, s);
    if (!zone.mesh || !zone.sensitive || untrusted.length === 0) continue;
    const declared = tcpPortStrings(s.ports);
    if (declared === undefined) {
      ctx.diagnostics.push({
        code: "range-too-wide-for-mesh",
        severity: "error",
        path: `services["${s.id}"].ports`,
        message: `sensitive meshed service ${s.id} declares a port range too wide to list in an Istio DENY policy`,
        hint: "declare narrower ranges",
      });
      continue;
    }
    // Group source namespaces by the ports denied to them, so equal rules merge.
    const byPorts = new Map<string, { ports: string[]; namespaces: string[] }>();
    const carved: ResolvedFlow[] = [];
    // The declared exceptions into s, by the zone they come from (in flow order).
    const exceptionsByZone = groupBy(flowsInto(ctx, s.id), (f) => (f.exception && f.from.kind === "service" ? f.from.service.zone : undefined));
    for (const z of untrusted) {
      const excepted = exceptionsByZone.get(z.name) ?? [];
      carved.push(...excepted);
      const open = new Set(excepted.flatMap((f) => tcpPortStrings(f.ports) ?? []));
      const ports = declared.filter((p) => !open.has(p));
      if (ports.length === 0) continue;
      const key = ports.join(",");
      const entry = byPorts.get(key) ?? { ports, namespaces: [] };
      entry.namespaces.push(z.namespace);
      byPorts.set(key, entry);
    }
    const rules: IstioRule[] = [...byPorts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, e]) => ({ from: [{ source: { namespaces: e.namespaces.sort() } }], to: [{ operation: { ports: e.ports } }] }));
    if (rules.length === 0) continue;
    out.push({
      ...API.authorizationPolicy,
      metadata: meta(
        ctx,
        `${s.name}-deny-untrusted`,
        s.namespace,
        `Guardrail: sensitive service ${s.id} refuses callers from vendor and external-trust namespaces on its declared ports${carved.length > 0 ? ", except the ports of declared exceptions" : ""}.`,
        carved,
      ),
      spec: { selector: { matchLabels: { ...s.labels } }, action: "DENY", rules },
    });
  }
  return out;
}

/** Istio DENY in every meshed namespace for quarantined vendors' namespaces and address blocks, scoped to the declared ports there. */
function istioQuarantine(ctx: Ctx): AuthorizationPolicyObject[] {
  if (ctx.quarantined.size === 0) return [];
  const namespaces = ctx.policy.zones.filter((z) => z.vendor !== undefined && ctx.quarantined.has(z.vendor)).map((z) => z.namespace).sort();
  const blocks = cidrsMinusExcepts(ctx.policy.externals.filter((e) => e.vendor !== undefined && ctx.quarantined.has(e.vendor)).flatMap((e) => e.blocks));
  const out: AuthorizationPolicyObject[] = [];
  for (const zone of ctx.policy.zones) {
    if (!zone.mesh || (zone.vendor !== undefined && ctx.quarantined.has(zone.vendor))) continue;
    const ports = tcpPortStrings(ctx.policy.services.filter((s) => s.zone === zone.name).flatMap((s) => s.ports));
    if (ports === undefined || ports.length === 0) continue;
    const from = [...(namespaces.length > 0 ? [{ source: { namespaces } }] : []), ...(blocks.length > 0 ? [{ source: { ipBlocks: blocks } }] : [])];
    if (from.length === 0) continue;
    out.push({
      ...API.authorizationPolicy,
      metadata: meta(ctx, "quarantine-deny", zone.namespace, `Quarantine: workloads in namespace ${zone.namespace} refuse every caller of quarantined vendor ${[...ctx.quarantined].sort().join(", ")} on their declared ports.`),
      spec: { action: "DENY", rules: [{ from, to: [{ operation: { ports } }] }] },
    });
  }
  return out;
}

/**
 * The services from which a protected service can be reached by following
 * the flows in force (declared exceptions left out: they are carved out
 * explicitly), the protected services included.
 */
function reachingSide(ctx: Ctx, protectedIds: ReadonlySet<string>): Set<string> {
  const side = new Set(protectedIds);
  const queue = [...protectedIds];
  while (queue.length > 0) {
    for (const f of flowsInto(ctx, queue.pop()!)) {
      if (f.exception || f.from.kind !== "service" || side.has(f.from.service.id)) continue;
      side.add(f.from.service.id);
      queue.push(f.from.service.id);
    }
  }
  return side;
}

/**
 * Guardrails that hold every noPath invariant on their own, whatever the
 * NetworkPolicies say: each service on the protected side of an invariant
 * (the targets and every service that reaches them by the intent) accepts
 * in-cluster connections only from the sources its flows name, on their
 * ports (`Pass` hands those to NetworkPolicy), and denies every other pod.
 * By construction no intended flow enters the side from outside it, so a
 * source outside it, a vendor for one, never gets in.
 */
function sideGuardrails(ctx: Ctx): AdminNetworkPolicyObject[] {
  const protectedIds = new Set<string>();
  for (const inv of ctx.policy.invariants) {
    if (inv.kind !== "noPath") continue;
    for (const s of ctx.policy.services) if (selects(ctx, inv.to, { kind: "service", service: s })) protectedIds.add(s.id);
  }
  if (protectedIds.size === 0) return [];
  const side = reachingSide(ctx, protectedIds);
  const out: AdminNetworkPolicyObject[] = [];
  // One priority each (services are sorted by id): equal priorities leave the order to the implementation.
  let priority: number = PRIORITY.protectSide;
  for (const s of ctx.policy.services) {
    if (!side.has(s.id) || (zoneOf(ctx, s).vendor !== undefined && ctx.quarantined.has(zoneOf(ctx, s).vendor!))) continue;
    if (priority > MAX_PRIORITY) {
      ctx.diagnostics.push({
        code: "guardrail-too-many-priorities",
        severity: "error",
        path: `services["${s.id}"]`,
        message: `more than ${MAX_PRIORITY - PRIORITY.protectSide + 1} services lead into protected data: AdminNetworkPolicy v1alpha1 priorities end at ${MAX_PRIORITY}`,
        hint: "narrow the noPath invariants' targets or split the policy",
      });
      break;
    }
    const inbound = flowsInto(ctx, s.id).filter((f) => f.from.kind === "service");
    const ingress: AnpIngressRule[] = [
      ...inbound.map((f) => ({
        name: f.exception ? exceptionRuleName(f) : ruleName(`pass flow ${f.id}`),
        action: "Pass" as const,
        from: [{ pods: podsOf((f.from as { service: ResolvedService }).service) }],
        ports: anpPorts(f.ports),
      })),
      { name: "deny-other-pods", action: "Deny", from: [{ namespaces: {} }] },
    ];
    checkLimits(ctx, `ztseg-side-${s.namespace}-${s.name}`, ingress, []);
    out.push({
      ...API.adminNetworkPolicy,
      metadata: meta(
        ctx,
        `ztseg-side-${s.namespace}-${s.name}`,
        undefined,
        `Guardrail: ${s.id} can lead into protected data, so it accepts in-cluster connections only from the sources its flows name${inbound.length === 0 ? " (none)" : ""}; every other pod is denied, whatever NetworkPolicies say.`,
        inbound,
      ),
      spec: { priority: priority++, subject: { pods: podsOf(s) }, ingress },
    });
  }
  return out;
}

export function guardrails(ctx: Ctx): (AdminNetworkPolicyObject | AuthorizationPolicyObject)[] {
  return [
    ...quarantinePolicies(ctx),
    ...admissionPolicies(ctx),
    ...sideGuardrails(ctx),
    ...(ctx.caps.istio ? [...istioDenies(ctx), ...istioQuarantine(ctx)] : []),
  ];
}
