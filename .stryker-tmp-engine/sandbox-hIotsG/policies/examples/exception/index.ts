/**
 * A declared exception: an identity-verification vendor posts its verdicts
 * into a sensitive zone. The hole is as small as it can be: one inbox
 * service, one port, POST on one path, until a fixed date. The invariants
 * prove the inbox is a dead end: nothing it can reach leads further in.
 */
// @ts-nocheck

import { definePolicy, defaultDeny, mtlsStrict, noInternetEgress, noPath } from "../../../src/model";

export default definePolicy({
  name: "exception-example",
  dataClasses: {
    crm: { sensitive: true, description: "Customer master data" },
    kyc: { sensitive: true, description: "Identity documents and verification results" },
  },
  zones: {
    crm: { namespace: "crm", trust: "internal", data: ["crm"] },
    identity: { namespace: "identity", trust: "internal", data: ["kyc"] },
    "vendor-kyc": { namespace: "vendor-kyc", trust: "vendor", vendor: "idcheck" },
  },
  vendors: {
    idcheck: { name: "IDCheck Verification Ltd", owner: "head-of-onboarding", contract: "C-2026-014" },
  },
  services: {
    "crm/crm-api": { labels: { app: "crm-api" }, ports: { http: { port: 8080 } } },
    "identity/results-inbox": { labels: { app: "results-inbox" }, ports: { http: { port: 8080 } }, description: "Accepts verdicts; initiates nothing" },
    "identity/kyc-service": { labels: { app: "kyc-service" }, ports: { http: { port: 8080 } } },
    "identity/kyc-db": { labels: { app: "kyc-db" }, ports: { postgres: { port: 5432 } } },
    "vendor-kyc/kyc-connector": { labels: { app: "kyc-connector" }, ports: { metrics: { port: 9102 } } },
  },
  flows: [
    { from: "identity/kyc-service", to: "identity/results-inbox", ports: ["http"], http: { methods: ["GET", "DELETE"], paths: ["/v1/results/*"] } },
    { from: "identity/kyc-service", to: "identity/kyc-db", ports: ["postgres"] },
    { from: "crm/crm-api", to: "identity/kyc-service", ports: ["http"], http: { methods: ["GET"], paths: ["/v1/status/*"] } },
  ],
  exceptions: [
    {
      id: "idcheck-posts-verdicts",
      from: "vendor-kyc/kyc-connector",
      to: "identity/results-inbox",
      ports: ["http"],
      http: { methods: ["POST"], paths: ["/v1/results"] },
      justification: "Regulated onboarding needs verdicts within seconds; the vendor cannot be polled until its v3 API ships",
      owner: "head-of-onboarding",
      ticket: "SEC-2291",
      expires: "2027-06-30",
    },
  ],
  invariants: [
    noPath({ id: "vendor-stops-at-inbox", from: { trust: ["vendor", "external"] }, to: { zones: ["crm"], services: ["identity/kyc-service", "identity/kyc-db"] } }),
    defaultDeny("default-deny"),
    mtlsStrict("mtls-strict"),
    noInternetEgress({ id: "sensitive-no-internet" }),
  ],
});
