/**
 * Reference policy of a mobile and fixed-line operator. policies/README.md
 * explains the design for auditors; the short version:
 *
 * - Sensitive zones (crm, subscriber-data, hss, billing, payments) are never
 *   the destination of a connection opened by anything reachable from a
 *   vendor or from outside. They push sanitised data OUT (views, tickets,
 *   work orders, pseudonymised extracts) and pull requests IN from outboxes
 *   that the outside world can write to.
 * - Vendors run in their own zones and reach only "exchange" services
 *   (support-backend, work-order-api, reporting-api, campaign-manager),
 *   which open no connection towards a sensitive zone.
 * - DNS is not modelled: the compiler adds egress to kube-dns by itself.
 */
// @ts-nocheck

import { definePolicy, defaultDeny, mtlsStrict, noInternetEgress, noPath, type PolicyInput } from "../../src/model";

type Services = NonNullable<PolicyInput["services"]>;
type FlowInput = NonNullable<PolicyInput["flows"]>[number];

// Exporter ports as the common exporters ship them, so scrapes can use the name "metrics".
const METRICS = { metrics: { port: 9102 } };
const POSTGRES = { postgres: { port: 5432 }, metrics: { port: 9187 } };
const REDIS = { redis: { port: 6379 }, metrics: { port: 9121 } };
const KAFKA = { kafka: { port: 9092 }, metrics: { port: 9308 } };
const HTTP = { http: { port: 8080 }, ...METRICS };

const app = (name: string, tier: string) => ({ app: name, "app.kubernetes.io/component": tier });

const services: Services = {
  // Edge: the only entry point from the internet.
  "edge/ingress-gateway": { labels: { app: "ingress-gateway", istio: "ingressgateway" }, ports: { https: { port: 8443 }, ...METRICS }, description: "Istio ingress gateway terminating customer TLS" },

  // Self-service portal: customer-facing, holds only the sanitised view CRM and billing publish.
  "portal/portal-web": { labels: app("portal-web", "frontend"), ports: HTTP },
  "portal/portal-api": { labels: app("portal-api", "backend"), ports: HTTP },
  "portal/view-store": { labels: app("view-store", "cache"), ports: REDIS, description: "Masked profile and invoice summaries published by crm and billing" },
  "portal/request-outbox": { labels: app("request-outbox", "queue"), ports: KAFKA, description: "Customer change requests, drained by crm/crm-intake" },

  // CRM: customer master data.
  "crm/crm-api": { labels: app("crm-api", "backend"), ports: { ...HTTP, grpc: { port: 9090 } } },
  "crm/crm-db": { labels: app("crm-db", "database"), ports: POSTGRES },
  "crm/crm-cache": { labels: app("crm-cache", "cache"), ports: REDIS },
  "crm/crm-events": { labels: app("crm-events", "queue"), ports: KAFKA },
  "crm/crm-intake": { labels: app("crm-intake", "worker"), ports: METRICS, description: "Pulls change requests and ticket updates from outboxes" },
  "crm/crm-publisher": { labels: app("crm-publisher", "worker"), ports: METRICS, description: "Pushes sanitised projections of CRM data to the zones that need them" },

  // Subscriber data: MSISDN/IMSI register and provisioning.
  "subscriber/msisdn-lookup": { labels: app("msisdn-lookup", "backend"), ports: { grpc: { port: 9090 }, ...METRICS } },
  "subscriber/provisioning": { labels: app("provisioning", "backend"), ports: HTTP },
  "subscriber/subscriber-db": { labels: app("subscriber-db", "database"), ports: POSTGRES },
  "subscriber/subscriber-export": { labels: app("subscriber-export", "worker"), ports: METRICS, description: "Pseudonymised usage extracts and the number-portability directory" },

  // HSS: Diameter over SCTP, which the mesh cannot carry; NetworkPolicy alone enforces it.
  "hss/hss-fe": { labels: app("hss-fe", "frontend"), ports: { diameter: { port: 3868, protocol: "SCTP" }, ...METRICS }, description: "HSS front end for the IMS/EPC core (S6a, Cx)" },
  "hss/udr": { labels: app("udr", "database"), ports: POSTGRES, description: "User data repository behind the HSS" },

  // Billing and payments.
  "billing/billing-engine": { labels: app("billing-engine", "backend"), ports: HTTP },
  "billing/invoice-db": { labels: app("invoice-db", "database"), ports: POSTGRES },
  "billing/statement-publisher": { labels: app("statement-publisher", "worker"), ports: METRICS },
  "payments/payment-api": { labels: app("payment-api", "backend"), ports: { https: { port: 8443 }, ...METRICS } },
  "payments/token-vault": { labels: app("token-vault", "vault"), ports: { vault: { port: 8200 }, ...METRICS } },
  "payments/payments-db": { labels: app("payments-db", "database"), ports: POSTGRES },
  "payments/psp-poller": { labels: app("psp-poller", "worker"), ports: METRICS, description: "Polls the payment provider for settlements; the provider never calls in" },

  // Notifications: sends to the SMS and e-mail aggregators.
  "notify/notification-api": { labels: app("notification-api", "backend"), ports: HTTP },
  "notify/notify-queue": { labels: app("notify-queue", "queue"), ports: KAFKA },
  "notify/sms-sender": { labels: app("sms-sender", "worker"), ports: METRICS },
  "notify/mail-sender": { labels: app("mail-sender", "worker"), ports: METRICS },
  "notify/dlr-receiver": { labels: app("dlr-receiver", "backend"), ports: HTTP, description: "SMS delivery receipts (webhooks via the ingress gateway)" },

  // Support hotline backend, used by the call-center outsourcer.
  "support/support-backend": { labels: app("support-backend", "backend"), ports: HTTP },
  "support/case-db": { labels: app("case-db", "database"), ports: POSTGRES },

  // Voice: IVR behind the SIP trunk (UDP, outside the mesh).
  "voice/ivr": {
    labels: app("ivr", "media"),
    ports: { sip: { port: 5060, protocol: "UDP" }, rtp: { port: 10000, endPort: 20000, protocol: "UDP" }, http: { port: 8080 }, ...METRICS },
  },

  // Analytics on pseudonymised data.
  "analytics/analytics-ingest": { labels: app("analytics-ingest", "queue"), ports: KAFKA },
  "analytics/etl": { labels: app("etl", "worker"), ports: METRICS },
  "analytics/warehouse": { labels: app("warehouse", "database"), ports: { http: { port: 8123 }, native: { port: 9000 }, metrics: { port: 9363 } }, description: "ClickHouse" },
  "analytics/reporting-api": { labels: app("reporting-api", "backend"), ports: HTTP },

  // Marketing campaigns (consent flags only, no contact data).
  "marketing/campaign-manager": { labels: app("campaign-manager", "backend"), ports: HTTP },
  "marketing/consent-store": { labels: app("consent-store", "database"), ports: POSTGRES },

  // Field service work orders.
  "field-service/work-order-api": { labels: app("work-order-api", "backend"), ports: HTTP },
  "field-service/work-order-db": { labels: app("work-order-db", "database"), ports: POSTGRES },

  // Partner gateway for MVNO and interconnect partners (partner mutual TLS, outside the mesh).
  "partner/partner-api": { labels: app("partner-api", "backend"), ports: { https: { port: 8443 }, ...METRICS } },
  "partner/np-cache": { labels: app("np-cache", "cache"), ports: REDIS, description: "Number-portability directory published by subscriber-export" },

  // Staff back office (reached from the corporate VPN only).
  "backoffice/staff-console": { labels: app("staff-console", "frontend"), ports: HTTP },

  // Observability.
  "observability/prometheus": { labels: app("prometheus", "monitoring"), ports: { http: { port: 9090 } } },
  "observability/alertmanager": { labels: app("alertmanager", "monitoring"), ports: { http: { port: 9093 } } },
  "observability/grafana": { labels: app("grafana", "monitoring"), ports: { http: { port: 3000 } } },

  // In-cluster connectors operated by third parties.
  "vendor-fieldops/fieldops-connector": { labels: app("fieldops-connector", "connector"), ports: METRICS },
  "vendor-callcenter/agent-gateway": { labels: app("agent-gateway", "connector"), ports: { https: { port: 8443 }, ...METRICS } },
  "vendor-marketing/insight-connector": { labels: app("insight-connector", "connector"), ports: METRICS },
};

const flow = (from: string, to: string, ports: FlowInput["ports"], extra: Partial<FlowInput> = {}): FlowInput => ({ from, to, ports, ...extra });

/** Prometheus pulls from every service that exposes "metrics"; nothing pushes to it. */
const scrapes: FlowInput[] = Object.entries(services)
  .filter(([, s]) => s.ports !== undefined && "metrics" in s.ports)
  .map(([id]) => flow("observability/prometheus", id, ["metrics"], { id: `scrape ${id}` }));

const flows: FlowInput[] = [
  // Outside world into the edge and the DMZ-like zones.
  flow("internet", "edge/ingress-gateway", ["https"]),
  flow("edge/ingress-gateway", "portal/portal-web", ["http"], { http: { methods: ["GET", "HEAD"] } }),
  flow("edge/ingress-gateway", "portal/portal-api", ["http"], { http: { methods: ["GET", "POST", "PUT"], paths: ["/api/v1/*"] } }),
  flow("edge/ingress-gateway", "notify/dlr-receiver", ["http"], { http: { methods: ["POST"], paths: ["/dlr/*"] } }),
  flow("portal/portal-web", "portal/portal-api", ["http"]),
  flow("portal/portal-api", "portal/view-store", ["redis"]),
  flow("portal/portal-api", "portal/request-outbox", ["kafka"]),
  flow("voice-carrier", "voice/ivr", ["sip", "rtp"]),
  flow("voice/ivr", "voice-carrier", ["sip", "rtp"], { description: "Outbound call legs and media" }),
  flow("partner-networks", "partner/partner-api", ["https"]),
  flow("partner/partner-api", "partner/np-cache", ["redis"]),
  flow("notify/dlr-receiver", "notify/notify-queue", ["kafka"]),

  // Vendors: each reaches its exchange service and its own cloud, nothing else.
  flow("callcenter-office", "vendor-callcenter/agent-gateway", ["https"]),
  flow("vendor-callcenter/agent-gateway", "support/support-backend", ["http"], { http: { methods: ["GET", "POST", "PATCH"], paths: ["/api/cases/*"] } }),
  flow("vendor-fieldops/fieldops-connector", "field-service/work-order-api", ["http"], { http: { methods: ["GET", "PATCH"], paths: ["/v1/work-orders/*"] } }),
  flow("vendor-fieldops/fieldops-connector", "fieldforce-cloud", ["https"]),
  flow("vendor-marketing/insight-connector", "analytics/reporting-api", ["http"], { http: { methods: ["GET"], paths: ["/reports/*"] } }),
  flow("vendor-marketing/insight-connector", "marketing/campaign-manager", ["http"], { http: { methods: ["POST"], paths: ["/segments/*"] } }),
  flow("vendor-marketing/insight-connector", "adinsight-cloud", ["https"]),

  // Exchange services stay inside their zone or go towards notifications.
  flow("support/support-backend", "support/case-db", ["postgres"]),
  flow("support/support-backend", "voice/ivr", ["http"], { description: "Collects callback requests left in the IVR" }),
  flow("field-service/work-order-api", "field-service/work-order-db", ["postgres"]),
  flow("analytics/reporting-api", "analytics/warehouse", ["http"]),
  flow("marketing/campaign-manager", "marketing/consent-store", ["postgres"]),
  flow("marketing/campaign-manager", "notify/notification-api", ["http"], { http: { methods: ["POST"], paths: ["/v1/campaigns/*"] } }),
  flow("notify/notification-api", "notify/notify-queue", ["kafka"]),
  flow("notify/sms-sender", "notify/notify-queue", ["kafka"]),
  flow("notify/mail-sender", "notify/notify-queue", ["kafka"]),
  flow("notify/sms-sender", "sms-aggregator", ["smpp"]),
  flow("notify/mail-sender", "email-aggregator", ["submission"]),

  // CRM: internal use and the push-out/pull-in pattern.
  flow("crm/crm-api", "crm/crm-db", ["postgres"]),
  flow("crm/crm-api", "crm/crm-cache", ["redis"]),
  flow("crm/crm-api", "crm/crm-events", ["kafka"]),
  flow("crm/crm-api", "subscriber/msisdn-lookup", ["grpc"]),
  flow("crm/crm-api", "subscriber/provisioning", ["http"], { http: { methods: ["GET", "POST", "PUT"] } }),
  flow("crm/crm-intake", "portal/request-outbox", ["kafka"], { description: "Drains customer change requests; the portal cannot call CRM" }),
  flow("crm/crm-intake", "support/support-backend", ["http"], { http: { methods: ["GET"], paths: ["/api/cases/*"] } }),
  flow("crm/crm-intake", "field-service/work-order-api", ["http"], { http: { methods: ["GET"], paths: ["/v1/work-orders/*"] } }),
  flow("crm/crm-intake", "crm/crm-api", ["grpc"]),
  flow("crm/crm-publisher", "crm/crm-events", ["kafka"]),
  flow("crm/crm-publisher", "portal/view-store", ["redis"]),
  flow("crm/crm-publisher", "support/support-backend", ["http"], { http: { methods: ["PUT"], paths: ["/api/cases/*"] } }),
  flow("crm/crm-publisher", "field-service/work-order-api", ["http"], { http: { methods: ["POST", "PUT"], paths: ["/v1/work-orders/*"] } }),
  flow("crm/crm-publisher", "analytics/analytics-ingest", ["kafka"]),
  flow("crm/crm-publisher", "marketing/campaign-manager", ["http"], { http: { methods: ["PUT"], paths: ["/consent/*"] } }),
  flow("crm/crm-publisher", "notify/notification-api", ["http"], { http: { methods: ["POST"], paths: ["/v1/messages"] } }),

  // Subscriber data and the HSS.
  flow("subscriber/msisdn-lookup", "subscriber/subscriber-db", ["postgres"]),
  flow("subscriber/provisioning", "subscriber/subscriber-db", ["postgres"]),
  flow("subscriber/provisioning", "hss/udr", ["postgres"]),
  flow("subscriber/subscriber-export", "subscriber/subscriber-db", ["postgres"]),
  flow("subscriber/subscriber-export", "analytics/analytics-ingest", ["kafka"]),
  flow("subscriber/subscriber-export", "partner/np-cache", ["redis"]),
  flow("ims-core", "hss/hss-fe", ["diameter"]),
  flow("hss/hss-fe", "hss/udr", ["postgres"]),

  // Billing and payments.
  flow("billing/billing-engine", "billing/invoice-db", ["postgres"]),
  flow("billing/billing-engine", "crm/crm-api", ["grpc"]),
  flow("billing/billing-engine", "subscriber/msisdn-lookup", ["grpc"]),
  flow("billing/billing-engine", "payments/payment-api", ["https"]),
  flow("billing/billing-engine", "notify/notification-api", ["http"], { http: { methods: ["POST"], paths: ["/v1/messages"] } }),
  flow("billing/statement-publisher", "billing/invoice-db", ["postgres"]),
  flow("billing/statement-publisher", "portal/view-store", ["redis"]),
  flow("payments/payment-api", "payments/token-vault", ["vault"]),
  flow("payments/payment-api", "payments/payments-db", ["postgres"]),
  flow("payments/psp-poller", "payments/payments-db", ["postgres"]),
  flow("payments/psp-poller", "psp", ["https"]),
  flow("payments/psp-poller", "billing/billing-engine", ["http"], { http: { methods: ["POST"], paths: ["/settlements"] } }),

  // Analytics pipeline.
  flow("analytics/etl", "analytics/analytics-ingest", ["kafka"]),
  flow("analytics/etl", "analytics/warehouse", ["native"]),

  // Staff.
  flow("corporate-vpn", "backoffice/staff-console", ["http"]),
  flow("backoffice/staff-console", "crm/crm-api", ["http"]),
  flow("backoffice/staff-console", "subscriber/provisioning", ["http"]),
  flow("backoffice/staff-console", "billing/billing-engine", ["http"]),
  flow("corporate-vpn", "observability/grafana", ["http"]),

  // Observability.
  flow("observability/grafana", "observability/prometheus", ["http"]),
  flow("observability/prometheus", "observability/alertmanager", ["http"]),
  flow("observability/alertmanager", "notify/notification-api", ["http"], { http: { methods: ["POST"], paths: ["/v1/alerts"] } }),
  ...scrapes,
];

export default definePolicy({
  name: "telecom",
  description: "Reference policy of a mobile and fixed-line operator with third-party integrations",
  trustDomain: "cluster.local",
  dataClasses: {
    crm: { sensitive: true, description: "Customer master data: identity, contact details, contracts" },
    subscriber: { sensitive: true, description: "MSISDN/IMSI register, HSS profiles, authentication vectors" },
    payment: { sensitive: true, description: "Invoices, bank details, card tokens, settlements" },
    pseudonymised: { description: "Usage and customer records with direct identifiers replaced by keyed hashes" },
    marketing: { description: "Campaign definitions, segments and consent flags (no contact data)" },
    telemetry: { description: "Metrics and alerts" },
    "customer-view": { description: "Masked profile and invoice summaries shown to the logged-in customer" },
    casework: { description: "Support cases with a case number and a masked customer reference" },
    workorders: { description: "Installation and repair appointments: service address and time slot" },
  },
  zones: {
    edge: { namespace: "edge", trust: "internal", labels: { team: "platform" }, description: "Ingress from the internet" },
    portal: { namespace: "portal", trust: "internal", data: ["customer-view"], labels: { team: "digital" } },
    crm: { namespace: "crm", trust: "internal", data: ["crm"], labels: { team: "customer" } },
    subscriber: { namespace: "subscriber-data", trust: "internal", data: ["subscriber"], labels: { team: "core-network" } },
    hss: { namespace: "hss", trust: "internal", data: ["subscriber"], mesh: false, labels: { team: "core-network" }, description: "Diameter/SCTP: outside the mesh" },
    billing: { namespace: "billing", trust: "internal", data: ["payment"], labels: { team: "finance" } },
    payments: { namespace: "payments", trust: "internal", data: ["payment"], labels: { team: "finance", "pci-scope": "true" } },
    notify: { namespace: "notifications", trust: "internal", labels: { team: "digital" } },
    support: { namespace: "support", trust: "internal", data: ["casework"], labels: { team: "customer-care" } },
    voice: { namespace: "voice", trust: "internal", mesh: false, labels: { team: "core-network" }, description: "SIP and RTP over UDP: outside the mesh" },
    analytics: { namespace: "analytics", trust: "internal", data: ["pseudonymised"], labels: { team: "data" } },
    marketing: { namespace: "marketing", trust: "internal", data: ["marketing"], labels: { team: "marketing" } },
    "field-service": { namespace: "field-service", trust: "internal", data: ["workorders"], labels: { team: "operations" } },
    partner: { namespace: "partner-gateway", trust: "internal", mesh: false, labels: { team: "wholesale" }, description: "Partners authenticate with their own mutual TLS" },
    backoffice: { namespace: "backoffice", trust: "internal", labels: { team: "customer-care" } },
    observability: { namespace: "observability", trust: "internal", data: ["telemetry"], labels: { team: "platform" } },
    "vendor-fieldops": { namespace: "vendor-fieldops", trust: "vendor", vendor: "fieldforce", labels: { team: "operations" } },
    "vendor-callcenter": { namespace: "vendor-callcenter", trust: "vendor", vendor: "callcenter", labels: { team: "customer-care" } },
    "vendor-marketing": { namespace: "vendor-marketing", trust: "vendor", vendor: "adinsight", labels: { team: "marketing" } },
  },
  vendors: {
    fieldforce: { name: "FieldForce Services GmbH", owner: "head-of-field-operations", contract: "C-2024-118", description: "Installation and repair contractor" },
    callcenter: { name: "VoxAssist BPO Ltd", owner: "head-of-customer-care", contract: "C-2023-077", description: "First-level hotline outsourcer" },
    adinsight: { name: "AdInsight Analytics SA", owner: "cmo-office", contract: "C-2025-009", description: "Campaign analytics on pseudonymised data" },
    smsgate: { name: "SMSGate Aggregation BV", owner: "digital-channels-lead", contract: "C-2022-041", description: "SMS aggregator (SMPP)" },
    mailrelay: { name: "MailRelay Inc.", owner: "digital-channels-lead", contract: "C-2022-042", description: "E-mail delivery service" },
    northpay: { name: "NorthPay Payments AB", owner: "cfo-office", contract: "C-2021-003", description: "Payment service provider" },
  },
  externals: {
    internet: {
      trust: "external",
      cidrs: [
        { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] },
        { cidr: "::/0", except: ["fc00::/7", "fe80::/10"] },
      ],
      ports: { https: { port: 443 } },
      description: "Customers and anything else on the public internet",
    },
    "partner-networks": { trust: "external", cidrs: ["198.51.100.128/25", "2001:db8:100::/48"], description: "MVNO and interconnect partners" },
    "voice-carrier": {
      trust: "external",
      cidrs: ["192.0.2.0/26"],
      ports: { sip: { port: 5060, protocol: "UDP" }, rtp: { port: 10000, endPort: 20000, protocol: "UDP" } },
      description: "SIP trunk of the interconnect carrier",
    },
    "callcenter-office": { trust: "vendor", vendor: "callcenter", cidrs: ["203.0.113.0/27"], description: "Agent desktops at the outsourcer's site" },
    "fieldforce-cloud": { trust: "vendor", vendor: "fieldforce", cidrs: ["203.0.113.32/27"], ports: { https: { port: 443 } } },
    "adinsight-cloud": { trust: "vendor", vendor: "adinsight", cidrs: ["203.0.113.96/27"], ports: { https: { port: 443 } } },
    "sms-aggregator": { trust: "vendor", vendor: "smsgate", cidrs: ["198.51.100.0/26"], ports: { smpp: { port: 2775 } } },
    "email-aggregator": { trust: "vendor", vendor: "mailrelay", cidrs: ["203.0.113.64/27", "2001:db8:e:a1::/64"], ports: { submission: { port: 587 } } },
    psp: { trust: "vendor", vendor: "northpay", cidrs: ["192.0.2.128/25"], ports: { https: { port: 443 } } },
    "corporate-vpn": { trust: "internal", cidrs: ["10.20.0.0/16"], description: "Staff laptops on the operator's VPN" },
    "ims-core": { trust: "internal", cidrs: ["10.64.0.0/14", "fd00:64::/48"], description: "The operator's own packet and IMS core (MME, S-CSCF)" },
  },
  services,
  flows,
  invariants: [
    noPath({
      id: "no-vendor-path-to-sensitive",
      from: { trust: ["vendor", "external"] },
      to: { sensitive: true },
      description: "Nothing a vendor or the internet can reach may open a connection that leads into CRM, subscriber or payment data",
    }),
    noPath({
      id: "vendors-isolated-from-each-other",
      from: { zones: ["vendor-fieldops", "vendor-marketing"] },
      to: { zones: ["vendor-callcenter", "support"] },
      description: "The contractor and the analytics vendor cannot reach the call-center's cases",
    }),
    defaultDeny("default-deny"),
    mtlsStrict("mtls-strict"),
    noInternetEgress({ id: "sensitive-no-internet" }),
  ],
});
