/**
 * Detection: Prometheus alerting rules (monitoring.coreos.com/v1
 * PrometheusRule, as the Prometheus Operator reads them) for access to
 * sensitive meshed services that the policy does not allow, over Istio's
 * standard metrics as the destination's sidecar reports them:
 *
 * - requests (istio_requests_total) and TCP connections
 *   (istio_tcp_connections_opened_total) whose source_principal is not one
 *   of the principals the flows in force admit; the allowed set is written
 *   literally into a `!~` regex, so a policy change changes the alert;
 * - a spike of denied requests (response code 403) at the service.
 *
 * The destination is matched by destination_workload_namespace and
 * destination_workload, assuming the workload (e.g. the Deployment) is named
 * after the ztseg service. Plaintext callers (address sets outside the
 * cluster) have no principal: Istio reports them as "unknown" and they are
 * never in the allowed set.
 */
// @ts-nocheck

import type { ResolvedFlow, ResolvedService } from "../../model";
import type { KubeObject } from "../k8s/object";
import { type Ctx, meta, zoneOf } from "./context";

export interface PrometheusRuleSpec {
  readonly groups: readonly {
    readonly name: string;
    readonly rules: readonly {
      readonly alert: string;
      readonly expr: string;
      readonly for: string;
      readonly labels: Readonly<Record<string, string>>;
      readonly annotations: Readonly<Record<string, string>>;
    }[];
  }[];
}
export type PrometheusRuleObject = KubeObject<PrometheusRuleSpec>;

export const PROMETHEUS_RULE = { apiVersion: "monitoring.coreos.com/v1", kind: "PrometheusRule" } as const;

/** Alert names (one set for every service; the labels say which service). */
export const ALERTS = { requests: "ZtsegUnexpectedCallerRequests", tcp: "ZtsegUnexpectedCallerTcp", denied: "ZtsegDeniedRequestSpike" } as const;

/** Rate window and the denied-request rate (per second, over the window) that counts as a spike. */
export const DETECTION = { window: "5m", for: "2m", deniedSpikePerSecond: 0.1 } as const;

/** RE2 (PromQL) escaping of a literal: every metacharacter gets a backslash. */
export function regexLiteral(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}

/** A PromQL double-quoted string literal. */
export function promString(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/** Istio metrics carry the SPIFFE URI; ztseg principals omit the scheme. */
export const spiffe = (principal: string) => `spiffe://${principal}`;

/** The flows in force into a service whose source has a mesh identity, and their principals (sorted, unique). */
export function allowedCallers(ctx: Ctx, s: ResolvedService): { flows: ResolvedFlow[]; principals: string[] } {
  const flows = ctx.flows.filter((f) => f.to.kind === "service" && f.to.service.id === s.id && f.from.kind === "service" && zoneOf(ctx, f.from.service).mesh);
  const principals = [...new Set(flows.map((f) => (f.from.kind === "service" ? f.from.service.principal : "")))].sort();
  return { flows, principals };
}

function selector(s: ResolvedService, extra: readonly string[]): string {
  return [`reporter="destination"`, `destination_workload_namespace=${promString(s.namespace)}`, `destination_workload=${promString(s.name)}`, ...extra].join(", ");
}

function serviceRules(ctx: Ctx, s: ResolvedService): PrometheusRuleObject {
  const zone = zoneOf(ctx, s);
  const { flows, principals } = allowedCallers(ctx, s);
  // An empty alternative would match the empty string; with no allowed caller every principal is unexpected.
  const notAllowed = `source_principal!~${promString(principals.map((p) => regexLiteral(spiffe(p))).join("|"))}`;
  const by = "sum by (source_principal, source_workload_namespace, source_workload)";
  const w = DETECTION.window;
  const labels = { ztseg_service: s.id, ztseg_zone: zone.name, ztseg_data: zone.data.join(",") };
  const allowedText = principals.length > 0 ? principals.join(", ") : "none";
  const flowIds = flows.map((f) => f.id).sort().join(", ") || "none";
  const common = { ztseg_allowed_principals: allowedText, ztseg_allowed_flows: flowIds };
  return {
    ...PROMETHEUS_RULE,
    metadata: meta(
      ctx,
      `${s.name}-access-detection`,
      s.namespace,
      `Detection: alert when a caller the policy does not allow reaches sensitive service ${s.id}, or when requests to it are denied in bulk.`,
      flows,
    ),
    spec: {
      groups: [
        {
          name: `ztseg-${s.namespace}-${s.name}`,
          rules: [
            {
              alert: ALERTS.requests,
              expr: `${by} (rate(istio_requests_total{${selector(s, [notAllowed])}}[${w}])) > 0`,
              for: "0m",
              labels: { severity: "critical", ...labels },
              annotations: {
                summary: `Unexpected caller {{ $labels.source_principal }} sent requests to sensitive service ${s.id}`,
                description: `Only ${allowedText} may call ${s.id} (flows: ${flowIds}). {{ $labels.source_principal }} (namespace {{ $labels.source_workload_namespace }}) did.`,
                ...common,
              },
            },
            {
              alert: ALERTS.tcp,
              expr: `${by} (rate(istio_tcp_connections_opened_total{${selector(s, [notAllowed])}}[${w}])) > 0`,
              for: "0m",
              labels: { severity: "critical", ...labels },
              annotations: {
                summary: `Unexpected caller {{ $labels.source_principal }} opened TCP connections to sensitive service ${s.id}`,
                description: `Only ${allowedText} may connect to ${s.id} (flows: ${flowIds}). {{ $labels.source_principal }} (namespace {{ $labels.source_workload_namespace }}) did.`,
                ...common,
              },
            },
            {
              alert: ALERTS.denied,
              expr: `sum(rate(istio_requests_total{${selector(s, [`response_code="403"`])}}[${w}])) > ${DETECTION.deniedSpikePerSecond}`,
              for: DETECTION.for,
              labels: { severity: "warning", ...labels },
              annotations: {
                summary: `Requests to sensitive service ${s.id} are being denied ({{ $value }} per second)`,
                description: `More than ${DETECTION.deniedSpikePerSecond} requests per second to ${s.id} were refused with 403 over ${w}: someone is probing it.`,
                ...common,
              },
            },
          ],
        },
      ],
    },
  };
}

/** One PrometheusRule per sensitive meshed service, in the service's namespace. */
export function detectionRules(ctx: Ctx): PrometheusRuleObject[] {
  return ctx.policy.services.filter((s) => zoneOf(ctx, s).sensitive && zoneOf(ctx, s).mesh).map((s) => serviceRules(ctx, s));
}
