/** A small policy exercising every rule shape; tests clone and vary it. */
// @ts-nocheck

import { type PolicyInput, type ResolvedPolicy, resolvePolicy, formatDiagnostics } from "../../src/model";

export function fixtureInput(): PolicyInput {
  return {
    name: "fixture",
    trustDomain: "corp.example",
    dataClasses: { crm: { sensitive: true }, marketing: {} },
    vendors: { acme: { name: "Acme Ltd", owner: "vendor-office" }, beta: { name: "Beta SMS", owner: "messaging-team" } },
    zones: {
      web: { namespace: "web", trust: "internal", data: ["marketing"], labels: { team: "digital" } },
      crm: { namespace: "crm", trust: "internal", data: ["crm"] },
      legacy: { namespace: "legacy", trust: "internal", mesh: false },
      core: { namespace: "core", trust: "internal", mesh: false },
      "vendor-a": { namespace: "vendor-a", trust: "vendor", vendor: "acme" },
    },
    services: {
      "web/frontend": { labels: { app: "frontend" }, ports: { http: { port: 8080 }, metrics: { port: 9102 } } },
      "web/exchange": { labels: { app: "exchange" }, ports: { http: { port: 8080 } } },
      "web/media": { labels: { app: "media" }, ports: { rtp: { port: 10000, endPort: 10100, protocol: "UDP" } } },
      "crm/crm-api": { labels: { app: "crm-api" }, ports: { http: { port: 8080 }, grpc: { port: 9090 } }, serviceAccount: "crm-api-sa" },
      "crm/crm-db": { labels: { app: "crm-db", tier: "db" }, ports: { postgres: { port: 5432 } } },
      "vendor-a/connector": { labels: { app: "connector" }, ports: { http: { port: 8080 } } },
      "legacy/batch": { labels: { app: "batch" } },
      "core/hss": { labels: { app: "hss" }, ports: { diameter: { port: 3868, protocol: "SCTP" } } },
    },
    externals: {
      partner: {
        trust: "vendor",
        vendor: "beta",
        cidrs: ["203.0.113.0/24", { cidr: "2001:db8::/32", except: ["2001:db8:1::/48"] }],
        ports: { https: { port: 443 } },
      },
    },
    flows: [
      { id: "frontend-to-crm", from: "web/frontend", to: "crm/crm-api", ports: ["http"], http: { methods: ["GET"], paths: ["/customers/*"] } },
      { from: "crm/crm-api", to: "crm/crm-db", ports: ["postgres"] },
      { id: "crm-to-partner", from: "crm/crm-api", to: "partner", ports: [443] },
      { id: "partner-webhook", from: "partner", to: "web/exchange", ports: ["http"] },
      { id: "connector-to-exchange", from: "vendor-a/connector", to: "web/exchange", ports: [8080] },
      { id: "batch-to-hss", from: "legacy/batch", to: "core/hss", ports: ["diameter"] },
      { id: "frontend-media", from: "web/frontend", to: "web/media", ports: [{ port: 10000, endPort: 10100, protocol: "UDP" }] },
    ],
    exceptions: [
      {
        id: "acme-crm-lookup",
        from: "vendor-a/connector",
        to: "crm/crm-api",
        ports: ["grpc"],
        justification: "Acme needs read access to customer ids during migration",
        owner: "crm-team",
        ticket: "SEC-1234",
        expires: "2099-01-31",
      },
    ],
    invariants: [{ kind: "noPath", id: "no-vendor-to-crm", from: { trust: ["vendor", "external"] }, to: { sensitive: true } }],
  };
}

export function resolved(input: PolicyInput = fixtureInput()): ResolvedPolicy {
  const r = resolvePolicy(input);
  if (!r.policy) throw new Error(formatDiagnostics(r.diagnostics));
  return r.policy;
}
