/**
 * Service identity (Istio security.istio.io/v1): mTLS STRICT and an
 * allow-nothing policy per meshed namespace, then per destination service an
 * ALLOW policy with one rule per flow: the source's principal, the ports and
 * the flow's HTTP narrowing.
 *
 * Sources without a mesh identity:
 * - externals are matched by `ipBlocks` (with `notIpBlocks` for the written
 *   `except`), and the destination's ports they use are made PERMISSIVE at
 *   port level, because STRICT refuses their plaintext. Only positive matches
 *   are used, so a plaintext caller on such a port matches the external's
 *   addresses or nothing (the 2021-004 bulletin concerns negative matches).
 * - services of non-meshed zones are refused: a pod IP is no identity, and
 *   admitting plaintext on the port would admit any pod in the cluster.
 * UDP and SCTP do not pass through the sidecar; NetworkPolicy alone
 * enforces them, so they are left out of mesh rules.
 */
import type { ResolvedFlow } from "../../model";
import { type Ctx, MAX_EXPANDED_RANGE, endpointText, flowsInto, meta, tcpPortStrings, zoneOf } from "./context";
import { API, type AuthorizationPolicyObject, type IstioRule, type IstioSource, type PeerAuthenticationObject } from "./types";

type IstioObject = PeerAuthenticationObject | AuthorizationPolicyObject;

export function externalSources(flow: ResolvedFlow): { source: IstioSource }[] {
  if (flow.from.kind !== "external") return [];
  return [...flow.from.external.blocks]
    .sort((a, b) => (a.cidr.text < b.cidr.text ? -1 : a.cidr.text > b.cidr.text ? 1 : 0))
    .map((b) => ({ source: { ipBlocks: [b.cidr.text], ...(b.except.length > 0 ? { notIpBlocks: b.except.map((x) => x.text).sort() } : {}) } }));
}

export function istioObjects(ctx: Ctx): IstioObject[] {
  const out: IstioObject[] = [];
  for (const zone of ctx.policy.zones) {
    if (!zone.mesh) continue;
    out.push({
      ...API.peerAuthentication,
      metadata: meta(ctx, "default", zone.namespace, `Workloads in namespace ${zone.namespace} accept only mutual TLS, so every caller has a verified identity.`),
      spec: { mtls: { mode: "STRICT" } },
    });
    out.push({
      ...API.authorizationPolicy,
      metadata: meta(ctx, "allow-nothing", zone.namespace, `No request reaches a workload in namespace ${zone.namespace} unless an ALLOW policy names its source.`),
      spec: {},
    });
  }
  for (const s of ctx.policy.services) {
    if (!zoneOf(ctx, s).mesh) continue;
    const inbound = flowsInto(ctx, s.id);
    const rules: IstioRule[] = [];
    const ruleFlows: ResolvedFlow[] = [];
    const plaintextPorts = new Set<string>();
    const plaintextFlows: ResolvedFlow[] = [];
    for (const f of inbound) {
      const ports = tcpPortStrings(f.ports);
      if (ports === undefined) {
        ctx.diagnostics.push({
          code: "range-too-wide-for-mesh",
          severity: "error",
          path: `${f.origin}.ports`,
          message: `flow "${f.id}" uses a port range wider than ${MAX_EXPANDED_RANGE} ports into meshed service ${s.id}; Istio rules list single ports`,
          hint: "narrow the range, or move the destination out of the mesh",
        });
        continue;
      }
      if (ports.length === 0) continue; // UDP/SCTP only: enforced by NetworkPolicy.
      let from: { source: IstioSource }[];
      if (f.from.kind === "external") {
        from = externalSources(f);
        ports.forEach((p) => plaintextPorts.add(p));
        plaintextFlows.push(f);
      } else if (zoneOf(ctx, f.from.service).mesh) {
        from = [{ source: { principals: [f.from.service.principal] } }];
      } else {
        ctx.diagnostics.push({
          code: "plaintext-into-mesh",
          severity: "error",
          path: `${f.origin}.from`,
          message: `flow "${f.id}" comes from ${endpointText(f.from)} outside the mesh into meshed service ${s.id}: mTLS STRICT refuses it, and without an identity the mesh cannot tell this caller from any other pod`,
          hint: `set mesh: true on zone "${f.from.service.zone}", or mesh: false on zone "${s.zone}"`,
        });
        continue;
      }
      const operation = { ports, ...(f.http?.methods ? { methods: [...f.http.methods].sort() } : {}), ...(f.http?.paths ? { paths: [...f.http.paths].sort() } : {}) };
      rules.push({ from, to: [{ operation }] });
      ruleFlows.push(f);
    }
    const selector = { matchLabels: { ...s.labels } };
    if (rules.length > 0) {
      out.push({
        ...API.authorizationPolicy,
        metadata: meta(ctx, `${s.name}-allow`, s.namespace, `Service ${s.id} serves only ${ruleFlows.map((f) => endpointText(f.from)).join(", ")}, on the ports (and HTTP methods and paths) of each flow.`, ruleFlows),
        spec: { selector, action: "ALLOW", rules },
      });
    }
    if (plaintextPorts.size > 0) {
      const portLevelMtls = Object.fromEntries([...plaintextPorts].sort((a, b) => Number(a) - Number(b)).map((p) => [p, { mode: "PERMISSIVE" as const }]));
      out.push({
        ...API.peerAuthentication,
        metadata: meta(
          ctx,
          `${s.name}-external-ports`,
          s.namespace,
          `Service ${s.id} accepts plaintext on port${plaintextPorts.size === 1 ? "" : "s"} ${[...plaintextPorts].join(", ")} only, for callers outside the cluster; its ALLOW policy admits there only their address blocks.`,
          plaintextFlows,
        ),
        spec: { selector, mtls: { mode: "STRICT" }, portLevelMtls },
      });
    }
  }
  return out;
}
