/**
 * The explanation text `ztseg explain` prints: which tier decided each side,
 * Istio's mTLS and ALLOW verdicts, and the result, line for line. The cluster
 * exercises every branch: an AdminNetworkPolicy Pass then a NetworkPolicy
 * allow, an AdminNetworkPolicy Deny, a BaselineAdminNetworkPolicy Deny to an
 * external range, STRICT mTLS refusing a plaintext caller and admitting an
 * mTLS one, an unmeshed destination, and external-to-external.
 */
import { analyze, buildCluster, explanationText, type Peer } from "../../src/core/analyze";
import type { Protocol } from "../../src/core/analyze";

const ns = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "kubernetes.io/metadata.name": name, ...labels } } });
const pod = (name: string, namespace: string, labels: Record<string, string>) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace, labels },
  spec: { serviceAccountName: name, containers: [{ name: "c", image: "i", ports: [{ name: "http", containerPort: 8080 }] }] },
});

function explain(meshedShop: boolean, src: string, dst: string, query?: { protocol: Protocol; port: number }): string[] {
  const objects = [
    ns("shop", meshedShop ? { "istio-injection": "enabled" } : {}),
    ns("crm", { "istio-injection": "enabled" }),
    ns("vendor"),
    pod("web", "shop", { app: "web" }),
    pod("api", "crm", { app: "api" }),
    pod("x", "vendor", { app: "x" }),
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "api-in", namespace: "crm" },
      spec: { podSelector: { matchLabels: { app: "api" } }, policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "shop" } } }], ports: [{ port: "http" }] }] },
    },
    {
      apiVersion: "policy.networking.k8s.io/v1alpha1",
      kind: "AdminNetworkPolicy",
      metadata: { name: "no-vendor" },
      spec: {
        priority: 10,
        subject: { namespaces: { matchLabels: { "kubernetes.io/metadata.name": "crm" } } },
        ingress: [
          { name: "deny-vendor", action: "Deny", from: [{ namespaces: { matchLabels: { "kubernetes.io/metadata.name": "vendor" } } }] },
          { name: "pass-shop", action: "Pass", from: [{ namespaces: { matchLabels: { "kubernetes.io/metadata.name": "shop" } } }] },
        ],
      },
    },
    {
      apiVersion: "policy.networking.k8s.io/v1alpha1",
      kind: "BaselineAdminNetworkPolicy",
      metadata: { name: "default" },
      spec: { subject: { namespaces: {} }, egress: [{ name: "deny-all-out", action: "Deny", to: [{ networks: ["0.0.0.0/0"] }] }] },
    },
    { apiVersion: "security.istio.io/v1beta1", kind: "PeerAuthentication", metadata: { name: "default", namespace: "crm" }, spec: { mtls: { mode: "STRICT" } } },
    {
      apiVersion: "security.istio.io/v1beta1",
      kind: "AuthorizationPolicy",
      metadata: { name: "api", namespace: "crm" },
      spec: { selector: { matchLabels: { app: "api" } }, action: "ALLOW", rules: [{ from: [{ source: { namespaces: ["shop"] } }] }] },
    },
  ];
  const built = buildCluster(objects.map((object, index) => ({ file: "t.yaml", index, object })));
  expect(built.diagnostics).toEqual([]);
  const peer = (x: string): Peer => (/^\d/.test(x) ? { kind: "ip", address: x } : { kind: "workload", id: x });
  return explanationText(analyze(built.cluster).explain(peer(src), peer(dst), query));
}

const WEB_EGRESS = [
  "    AdminNetworkPolicy: no policy selects this pod",
  "    NetworkPolicy: no policy selects this pod for egress; not isolated",
  "    BaselineAdminNetworkPolicy: no rule matches this peer",
];
const API_INGRESS_FROM_SHOP = [
  "  ingress of crm/api[Pod]: TCP 8080; 8080/TCP allowed by NetworkPolicy crm/api-in ingress[0]",
  '    AdminNetworkPolicy: Pass All Connections by AdminNetworkPolicy no-vendor ingress[1] "pass-shop"',
  "    NetworkPolicy: allowed TCP 8080 by NetworkPolicy crm/api-in ingress[0]",
  "    BaselineAdminNetworkPolicy: no policy selects this pod",
];

test("a plaintext caller: passed by the admin tier, allowed by NetworkPolicy, refused by STRICT mTLS", () => {
  expect(explain(false, "shop/web[Pod]", "crm/api[Pod]", { protocol: "TCP", port: 8080 })).toEqual([
    "shop/web[Pod] -> crm/api[Pod] 8080/TCP: DENIED",
    "  egress of shop/web[Pod]: All Connections; 8080/TCP allowed: no policy decides it",
    ...WEB_EGRESS,
    ...API_INGRESS_FROM_SHOP,
    "  Istio (TCP only): SCTP 1-65535;UDP 1-65535",
    "    mTLS STRICT on TCP 1-65535: caller is plaintext, refused (STRICT needs mTLS)",
    "    ALLOW policies apply and none admits this caller: denied",
    "  result: 8080/TCP is denied; all allowed: No Connections",
  ]);
});

test("an mTLS caller admitted by an ALLOW policy", () => {
  expect(explain(true, "shop/web[Pod]", "crm/api[Pod]", { protocol: "TCP", port: 8080 })).toEqual([
    "shop/web[Pod] -> crm/api[Pod] 8080/TCP: ALLOWED",
    "  egress of shop/web[Pod]: All Connections; 8080/TCP allowed: no policy decides it",
    ...WEB_EGRESS,
    ...API_INGRESS_FROM_SHOP,
    "  Istio (TCP only): All Connections",
    "    mTLS STRICT on TCP 1-65535: caller is mtls",
    "    ALLOW TCP 1-65535 by AuthorizationPolicy crm/api rules[0]",
    "  result: 8080/TCP is allowed; all allowed: TCP 8080",
  ]);
});

test("an AdminNetworkPolicy Deny decides before NetworkPolicy", () => {
  const lines = explain(false, "vendor/x[Pod]", "crm/api[Pod]", { protocol: "TCP", port: 8080 });
  expect(lines[0]).toBe("vendor/x[Pod] -> crm/api[Pod] 8080/TCP: DENIED");
  expect(lines).toContain('  ingress of crm/api[Pod]: No Connections; 8080/TCP denied by AdminNetworkPolicy no-vendor ingress[0] "deny-vendor"');
  expect(lines).toContain('    AdminNetworkPolicy: Deny All Connections by AdminNetworkPolicy no-vendor ingress[0] "deny-vendor"');
  expect(lines).toContain("    NetworkPolicy: isolated for ingress, and no rule admits this peer: denied");
});

test("no query: the allowed set of each side, and an unmeshed destination", () => {
  expect(explain(false, "shop/web[Pod]", "vendor/x[Pod]")).toEqual([
    "shop/web[Pod] -> vendor/x[Pod]: All Connections",
    "  egress of shop/web[Pod]: All Connections",
    ...WEB_EGRESS,
    "  ingress of vendor/x[Pod]: All Connections",
    "    AdminNetworkPolicy: no policy selects this pod",
    "    NetworkPolicy: no policy selects this pod for ingress; not isolated",
    "    BaselineAdminNetworkPolicy: no policy selects this pod",
    "  Istio: destination has no sidecar; not enforced",
  ]);
});

test("a BaselineAdminNetworkPolicy Deny to an external range, and external-to-external", () => {
  expect(explain(false, "shop/web[Pod]", "8.8.8.8", { protocol: "UDP", port: 53 })).toEqual([
    "shop/web[Pod] -> 0.0.0.0-255.255.255.255[External] 53/UDP: DENIED",
    '  egress of shop/web[Pod]: No Connections; 53/UDP denied by BaselineAdminNetworkPolicy default egress[0] "deny-all-out"',
    "    AdminNetworkPolicy: no policy selects this pod",
    "    NetworkPolicy: no policy selects this pod for egress; not isolated",
    '    BaselineAdminNetworkPolicy: Deny All Connections by BaselineAdminNetworkPolicy default egress[0] "deny-all-out"',
    "  ingress: 0.0.0.0-255.255.255.255[External] is outside the cluster; no policy restricts it",
    "  result: 53/UDP is denied; all allowed: No Connections",
  ]);
  expect(explain(false, "8.8.8.8", "9.9.9.9")).toEqual(["0.0.0.0-255.255.255.255[External] -> 0.0.0.0-255.255.255.255[External]: No Connections", "  external to external traffic is not analysed"]);
});
