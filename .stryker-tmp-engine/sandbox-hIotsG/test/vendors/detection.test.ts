// @ts-nocheck
import { ALERTS, compile, type PrometheusRuleObject } from "../../src/core/compile";
import { toYaml } from "../../src/core/render";
import type { ResolvedPolicy } from "../../src/model";
import { resolved, TELECOM } from "./helpers";
import { PrometheusRuleSchema } from "./prometheus-rule-schema";

function rules(policy: ResolvedPolicy): PrometheusRuleObject[] {
  const r = compile(policy, { targets: new Set(["detection"]) });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.objects as PrometheusRuleObject[];
}

/** Expected allowed principals per sensitive meshed service, read straight from the policy's flows. */
function expectedPrincipals(policy: ResolvedPolicy): Map<string, string[]> {
  const zone = (name: string) => policy.zones.find((z) => z.name === name)!;
  const out = new Map<string, string[]>();
  for (const s of policy.services) {
    if (!zone(s.zone).sensitive || !zone(s.zone).mesh) continue;
    const callers = policy.flows.flatMap((f) => (f.to.kind === "service" && f.to.service.id === s.id && f.from.kind === "service" && zone(f.from.service.zone).mesh ? [`spiffe://${f.from.service.principal}`] : []));
    out.set(s.id, [...new Set(callers)].sort());
  }
  return out;
}

/** The literal principals of a `source_principal!~"..."` matcher: PromQL string, then RE2 unescaped. */
function principalsIn(expr: string): string[] {
  const m = /source_principal!~"((?:[^"\\]|\\.)*)"/.exec(expr);
  if (!m) throw new Error(`no source_principal matcher in ${expr}`);
  const regex = m[1]!.replace(/\\\\/g, "\\");
  if (regex === "") return [];
  return regex
    .split(/(?<!\\)\|/)
    .map((alt) => alt.replace(/\\(.)/g, "$1"))
    .sort();
}

describe("detection rules for the telecom reference", () => {
  const objects = rules(TELECOM);
  const expected = expectedPrincipals(TELECOM);
  const byService = new Map(objects.map((o) => [o.spec!.groups[0]!.rules[0]!.labels["ztseg_service"]!, o]));

  it("has one PrometheusRule per sensitive meshed service, each valid against the PrometheusRule schema", () => {
    expect([...byService.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const o of objects) {
      const parsed = PrometheusRuleSchema.safeParse(JSON.parse(JSON.stringify(o)));
      expect(parsed.error?.issues ?? []).toEqual([]);
    }
  });

  it("names exactly the allowed principals of each service in the request and TCP alerts", () => {
    for (const [service, principals] of expected) {
      const group = byService.get(service)!.spec!.groups[0]!;
      const [requests, tcp] = [ALERTS.requests, ALERTS.tcp].map((a) => group.rules.find((r) => r.alert === a)!);
      expect(principalsIn(requests!.expr)).toEqual(principals);
      expect(principalsIn(tcp!.expr)).toEqual(principals);
      expect(requests!.expr).toContain("istio_requests_total{");
      expect(tcp!.expr).toContain("istio_tcp_connections_opened_total{");
      const [ns, name] = [TELECOM.services.find((s) => s.id === service)!.namespace, service.split("/")[1]!];
      expect(requests!.expr).toContain(`destination_workload_namespace="${ns}", destination_workload="${name}"`);
    }
  });

  it("writes a regex that matches the allowed principals and nothing else", () => {
    const expr = byService.get("crm/crm-api")!.spec!.groups[0]!.rules[0]!.expr;
    const source = /source_principal!~"((?:[^"\\]|\\.)*)"/.exec(expr)![1]!.replace(/\\\\/g, "\\");
    const re = new RegExp(`^(?:${source})$`);
    for (const p of expected.get("crm/crm-api")!) expect(re.test(p)).toBe(true);
    // "." is escaped: a look-alike trust domain is not allowed.
    expect(re.test(expected.get("crm/crm-api")![0]!.replace("cluster.local", "clusterXlocal"))).toBe(false);
    expect(re.test("spiffe://cluster.local/ns/vendor-callcenter/sa/agent-gateway")).toBe(false);
  });

  it("has a denied-request spike alert per service on response code 403", () => {
    for (const o of objects) {
      const denied = o.spec!.groups[0]!.rules.find((r) => r.alert === ALERTS.denied)!;
      expect(denied.expr).toContain(`response_code="403"`);
      expect(denied.expr).toContain(`destination_workload="${o.spec!.groups[0]!.rules[0]!.labels["ztseg_service"]!.split("/")[1]}"`);
    }
  });

  it("labels each rule with the flows behind the allowed set", () => {
    const o = byService.get("subscriber/provisioning")!;
    const flows = TELECOM.flows.filter((f) => f.to.kind === "service" && f.to.service.id === "subscriber/provisioning").map((f) => f.id).sort();
    expect(o.metadata.annotations!["ztseg.dev/flow"]).toBe(flows.join(","));
    expect(o.spec!.groups[0]!.rules[0]!.annotations["ztseg_allowed_flows"]).toBe(flows.join(", "));
  });

  it("changes when the policy changes: a new caller joins the allowed set", () => {
    const data = TELECOM.data;
    const more = resolved({ ...data, flows: [...data.flows, { from: "billing/billing-engine", to: "subscriber/provisioning", ports: ["http"] }] });
    const after = rules(more).find((o) => o.metadata.name === "provisioning-access-detection")!;
    expect(principalsIn(after.spec!.groups[0]!.rules[0]!.expr)).toEqual(expectedPrincipals(more).get("subscriber/provisioning"));
    expect(principalsIn(after.spec!.groups[0]!.rules[0]!.expr)).toContain("spiffe://cluster.local/ns/billing/sa/billing-engine");
  });

  it("is opt-in: the default targets emit no PrometheusRule", () => {
    expect(compile(TELECOM).objects.some((o) => o.kind === "PrometheusRule")).toBe(false);
    expect(toYaml(objects)).toContain("kind: PrometheusRule");
  });
});
