/**
 * Hand-written cases for the reference evaluator, one per rule of the
 * specifications it implements. Each asserts both an allowed and a denied
 * verdict, so an evaluator that answers a constant fails.
 */
// @ts-nocheck

import { prepareReference, referenceWorkloads, type RefPeer, type ReferenceOptions } from "../../src/core/reference";

type Obj = Record<string, unknown>;
const ns = (name: string, labels: Record<string, string> = {}): Obj => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels } });
const pod = (namespace: string, name: string, labels: Record<string, string> = {}, extra: Obj = {}): Obj => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace, labels, ...((extra.metadata as Obj | undefined) ?? {}) },
  spec: { containers: [{ name: "c", ports: extra.ports ?? [] }], ...((extra.spec as Obj | undefined) ?? {}) },
});
const np = (namespace: string, name: string, spec: Obj): Obj => ({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace }, spec });
const w = (id: string): RefPeer => ({ kind: "workload", id });
const ip = (address: string): RefPeer => ({ kind: "ip", address });
const A = w("a/a[Pod]");
const B = w("b/b[Pod]");

function verdicts(objects: Obj[], pairs: Array<[RefPeer, RefPeer, "TCP" | "UDP" | "SCTP", number]>, options?: ReferenceOptions): boolean[] {
  const r = prepareReference(objects);
  return pairs.map(([s, d, p, n]) => r.allows(s, d, p, n, options));
}

const twoPods = (bExtra: Obj = {}) => [ns("a", { team: "x" }), ns("b", { team: "y" }), pod("a", "a", { app: "a" }), pod("b", "b", { app: "b" }, bExtra)];

describe("workload ids", () => {
  test("owner grouping, default namespace, template kinds", () => {
    const objects = [
      pod("x", "p1", {}, { metadata: { ownerReferences: [{ kind: "ReplicaSet", name: "rs", controller: true }] } }),
      pod("x", "p2", {}, { metadata: { ownerReferences: [{ kind: "ReplicaSet", name: "rs", controller: true }] } }),
      pod("x", "p3", {}, { metadata: { ownerReferences: [{ name: "nokind", controller: true }] } }),
      { apiVersion: "v1", kind: "Pod", metadata: { name: "lonely" }, spec: {} },
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d", namespace: "x" }, spec: { template: {} } },
      { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "c", namespace: "x" }, spec: { jobTemplate: { spec: { template: {} } } } },
      { apiVersion: "v1", kind: "List", items: [{ apiVersion: "v1", kind: "Pod", metadata: { name: "inlist", namespace: "y" } }] },
      { apiVersion: "v1", kind: "PodList", items: [{ metadata: { name: "kindless", namespace: "y" } }] },
    ];
    expect(referenceWorkloads(objects)).toEqual([
      "default/lonely[Pod]",
      "x/c[CronJob]",
      "x/d[Deployment]",
      "x/nokind[Pod]",
      "x/rs[ReplicaSet]",
      "y/inlist[Pod]",
      "y/kindless[Pod]",
    ]);
  });
});

describe("NetworkPolicy", () => {
  test("no policy allows everything; ingress: [] isolates; both ends must allow", () => {
    expect(verdicts(twoPods(), [[A, B, "TCP", 80]])).toEqual([true]);
    const denyIn = [...twoPods(), np("b", "deny", { podSelector: {}, ingress: [] })];
    expect(verdicts(denyIn, [[A, B, "TCP", 80], [B, A, "TCP", 80]])).toEqual([false, true]);
    const denyOut = [...twoPods(), np("a", "deny", { podSelector: {}, policyTypes: ["Egress"] })];
    expect(verdicts(denyOut, [[A, B, "UDP", 53], [B, A, "UDP", 53]])).toEqual([false, true]);
  });

  test("policyTypes inference: egress section implies Egress; an empty egress list does not", () => {
    const withEgress = [...twoPods(), np("a", "p", { podSelector: {}, egress: [{ to: [{ podSelector: { matchLabels: { app: "zzz" } } }] }] })];
    expect(verdicts(withEgress, [[A, B, "TCP", 80], [B, A, "TCP", 80]])).toEqual([false, false]);
    const emptyEgress = [...twoPods(), np("a", "p", { podSelector: {}, ingress: [{}], egress: [] })];
    expect(verdicts(emptyEgress, [[A, B, "TCP", 80], [A, ip("1.2.3.4"), "TCP", 80]])).toEqual([true, true]);
  });

  test("missing or empty from allows all sources; peers AND within, OR across", () => {
    const base = twoPods();
    expect(verdicts([...base, np("b", "p", { podSelector: {}, ingress: [{ from: [] }] })], [[A, B, "SCTP", 9]])).toEqual([true]);
    const and = np("b", "p", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "x" } }, podSelector: { matchLabels: { app: "other" } } }] }] });
    expect(verdicts([...base, and], [[A, B, "TCP", 1]])).toEqual([false]);
    const or = np("b", "p", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "x" } } }, { podSelector: { matchLabels: { app: "other" } } }] }] });
    expect(verdicts([...base, or], [[A, B, "TCP", 1]])).toEqual([true]);
    // A bare podSelector looks in the policy's own namespace only.
    const sameNs = np("b", "p", { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { app: "a" } } }] }] });
    expect(verdicts([...base, sameNs], [[A, B, "TCP", 1]])).toEqual([false]);
  });

  test.each([
    ["In", ["x", "q"], true],
    ["In", ["q"], false],
    ["NotIn", ["q"], true],
    ["NotIn", ["x"], false],
    ["Exists", undefined, true],
    ["DoesNotExist", undefined, false],
  ])("namespaceSelector matchExpressions %s %j", (operator, values, allowed) => {
    const sel = { matchExpressions: [{ key: "team", operator, ...(values ? { values } : {}) }] };
    const objects = [...twoPods(), np("b", "p", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: sel }] }] })];
    expect(verdicts(objects, [[A, B, "TCP", 80]])).toEqual([allowed]);
  });

  test("namespaces carry kubernetes.io/metadata.name, undefined ones only that label", () => {
    const objects = [pod("ghost", "a", {}), ns("b"), pod("b", "b"), np("b", "p", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ghost" } } }] }] })];
    const notIn = [...objects.slice(0, 3), np("b", "p", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: "team", operator: "Exists" }] } }] }] })];
    expect(verdicts(objects, [[w("ghost/a[Pod]"), B, "TCP", 80]])).toEqual([true]);
    expect(verdicts(notIn, [[w("ghost/a[Pod]"), B, "TCP", 80]])).toEqual([false]);
  });

  test("ipBlock with except, IPv4 and IPv6, never matching pods", () => {
    const objects = [
      ...twoPods(),
      np("a", "p", {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }, { ipBlock: { cidr: "2001:db8::/32", except: ["2001:db8:1::/48"] } }, { ipBlock: { cidr: "0.0.0.0/0" } }] }],
      }),
      np("b", "p", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "192.0.2.0/24" } }] }] }),
    ];
    expect(
      verdicts(objects, [
        [A, ip("10.2.0.1"), "TCP", 1],
        [A, ip("10.1.0.1"), "TCP", 1],
        [A, ip("2001:db8:2::1"), "UDP", 5],
        [A, ip("2001:db8:1::1"), "UDP", 5],
        [A, B, "TCP", 1],
        [ip("192.0.2.9"), B, "TCP", 1],
        [ip("192.0.3.9"), B, "TCP", 1],
      ]),
    ).toEqual([true, true, true, false, false, true, false]);
  });

  test("ports: numbered with endPort, default TCP, SCTP, named ports per destination pod and protocol", () => {
    const bPorts = { ports: [{ name: "web", containerPort: 8080 }, { name: "dns", containerPort: 53, protocol: "UDP" }] };
    const objects = [
      ...twoPods(bPorts),
      np("b", "p", {
        podSelector: {},
        ingress: [{ ports: [{ port: 100, endPort: 102 }, { protocol: "SCTP", port: 7 }, { port: "web" }, { port: "dns", protocol: "UDP" }, { port: "dns" }, { port: "nope" }] }],
      }),
    ];
    expect(
      verdicts(objects, [
        [A, B, "TCP", 99],
        [A, B, "TCP", 100],
        [A, B, "TCP", 102],
        [A, B, "UDP", 101],
        [A, B, "SCTP", 7],
        [A, B, "TCP", 8080],
        [A, B, "UDP", 8080],
        [A, B, "UDP", 53],
        [A, B, "TCP", 53],
      ]),
    ).toEqual([false, true, true, false, true, true, false, true, false]);
  });
});

describe("AdminNetworkPolicy and BaselineAdminNetworkPolicy", () => {
  const anp = (name: string, priority: number, spec: Obj): Obj => ({ apiVersion: "policy.networking.k8s.io/v1alpha1", kind: "AdminNetworkPolicy", metadata: { name }, spec: { priority, ...spec } });
  const banp = (spec: Obj): Obj => ({ apiVersion: "policy.networking.k8s.io/v1alpha1", kind: "BaselineAdminNetworkPolicy", metadata: { name: "default" }, spec });
  const toB = { namespaces: { matchLabels: { team: "y" } } };
  const subjectA = { namespaces: { matchLabels: { team: "x" } } };

  test("lower priority number wins; rules in order; Deny overrides NetworkPolicy allow", () => {
    const objects = [
      ...twoPods(),
      anp("late", 50, { subject: subjectA, egress: [{ action: "Allow", to: [toB] }] }),
      anp("early", 10, { subject: subjectA, egress: [{ action: "Deny", to: [toB], ports: [{ portNumber: { protocol: "TCP", port: 80 } }] }, { action: "Allow", to: [toB] }] }),
    ];
    expect(verdicts(objects, [[A, B, "TCP", 80], [A, B, "TCP", 81]])).toEqual([false, true]);
  });

  test("Allow overrides a NetworkPolicy deny; Pass defers to NetworkPolicy, then to the baseline", () => {
    const deny = np("b", "deny", { podSelector: {}, ingress: [] });
    const allow = anp("x", 1, { subject: { namespaces: {} }, ingress: [{ action: "Allow", from: [subjectA], ports: [{ portRange: { protocol: "UDP", start: 10, end: 20 } }] }] });
    expect(verdicts([...twoPods(), deny, allow], [[A, B, "UDP", 15], [A, B, "UDP", 21]])).toEqual([true, false]);
    const pass = anp("x", 1, { subject: { namespaces: {} }, ingress: [{ action: "Pass", from: [{ namespaces: {} }] }] });
    const base = banp({ subject: { namespaces: {} }, ingress: [{ action: "Deny", from: [subjectA] }] });
    expect(verdicts([...twoPods(), pass, base], [[A, B, "TCP", 1], [B, A, "TCP", 1]])).toEqual([false, true]);
    expect(verdicts([...twoPods(), pass, base, np("b", "open", { podSelector: {}, ingress: [{}] })], [[A, B, "TCP", 1]])).toEqual([true]);
  });

  test("networks match addresses; namedPort resolves on the destination pod", () => {
    const objects = [
      ...twoPods({ ports: [{ name: "web", containerPort: 8080 }] }),
      anp("x", 1, { subject: subjectA, egress: [{ action: "Allow", to: [{ networks: ["192.0.2.0/24"] }] }, { action: "Allow", to: [toB], ports: [{ namedPort: "web" }] }, { action: "Deny", to: [{ networks: ["0.0.0.0/0"] }, toB] }] }),
    ];
    expect(verdicts(objects, [[A, ip("192.0.2.1"), "TCP", 1], [A, ip("8.8.8.8"), "TCP", 1], [A, B, "TCP", 8080], [A, B, "TCP", 8081]])).toEqual([true, false, true, false]);
  });

  test("a disabled tier behaves as if absent", () => {
    const objects = [...twoPods(), anp("x", 1, { subject: subjectA, egress: [{ action: "Deny", to: [toB] }] })];
    const layers = { adminNetworkPolicy: false, networkPolicy: true, baselineAdminNetworkPolicy: true, istio: "full" as const };
    expect(verdicts(objects, [[A, B, "TCP", 1]])).toEqual([false]);
    expect(verdicts(objects, [[A, B, "TCP", 1]], { layers })).toEqual([true]);
  });
});

describe("Istio", () => {
  const meshNs = (name: string) => ns(name, { "istio-injection": "enabled" });
  const pa = (namespace: string, spec: Obj): Obj => ({ apiVersion: "security.istio.io/v1", kind: "PeerAuthentication", metadata: { name: "pa", namespace }, spec });
  const ap = (namespace: string, name: string, spec: Obj): Obj => ({ apiVersion: "security.istio.io/v1", kind: "AuthorizationPolicy", metadata: { name, namespace }, spec });
  const mesh = (extra: Obj[]) => [meshNs("a"), meshNs("b"), ns("plain"), pod("a", "a", {}, { spec: { serviceAccountName: "sa1" } }), pod("b", "b", { app: "b" }), pod("plain", "p"), ...extra];
  const P = w("plain/p[Pod]");

  test("STRICT refuses plaintext callers, PERMISSIVE accepts them; UDP bypasses the sidecar", () => {
    const strict = mesh([pa("istio-system", { mtls: { mode: "STRICT" } })]);
    expect(verdicts(strict, [[A, B, "TCP", 80], [P, B, "TCP", 80], [ip("1.2.3.4"), B, "TCP", 80], [P, B, "UDP", 80]])).toEqual([true, false, false, true]);
    const portLevel = mesh([pa("istio-system", { mtls: { mode: "STRICT" } }), pa("b", { selector: { matchLabels: { app: "b" } }, portLevelMtls: { "8080": { mode: "PERMISSIVE" } } })]);
    expect(verdicts(portLevel, [[P, B, "TCP", 8080], [P, B, "TCP", 80]])).toEqual([true, false]);
  });

  test("ALLOW: spec {} allows nothing, rules [{}] allows all, principals with wildcards need an identity", () => {
    expect(verdicts(mesh([ap("b", "none", {})]), [[A, B, "TCP", 80], [B, A, "TCP", 80]])).toEqual([false, true]);
    expect(verdicts(mesh([ap("b", "none", {}), ap("b", "all", { rules: [{}] })]), [[A, B, "TCP", 80]])).toEqual([true]);
    const byPrincipal = mesh([ap("b", "p", { rules: [{ from: [{ source: { principals: ["cluster.local/ns/a/*"] } }], to: [{ operation: { ports: ["80"], methods: ["GET"] } }] }] })]);
    expect(verdicts(byPrincipal, [[A, B, "TCP", 80], [A, B, "TCP", 81], [P, B, "TCP", 80]])).toEqual([true, false, false]);
    // notNamespaces admits a plaintext caller: it carries no namespace at all.
    const notNs = mesh([ap("b", "p", { rules: [{ from: [{ source: { notNamespaces: ["a"] } }] }] })]);
    expect(verdicts(notNs, [[A, B, "TCP", 80], [P, B, "TCP", 80]])).toEqual([false, true]);
  });

  test("DENY wins over ALLOW; a DENY rule with HTTP-only fields does not deny the connection; CUSTOM never denies", () => {
    const deny = mesh([ap("b", "all", { rules: [{}] }), ap("b", "d", { action: "DENY", rules: [{ from: [{ source: { namespaces: ["a"] } }], to: [{ operation: { notPorts: ["443"] } }] }] })]);
    expect(verdicts(deny, [[A, B, "TCP", 80], [A, B, "TCP", 443]])).toEqual([false, true]);
    const httpDeny = mesh([ap("b", "d", { action: "DENY", rules: [{ to: [{ operation: { paths: ["/admin"] } }] }] }), ap("b", "c", { action: "CUSTOM", rules: [{}] })]);
    expect(verdicts(httpDeny, [[A, B, "TCP", 80]])).toEqual([true]);
    const rootDeny = mesh([ap("istio-system", "d", { action: "DENY", selector: { matchLabels: { app: "b" } }, rules: [{ from: [{ source: { ipBlocks: ["1.2.3.0/24"] } }] }] })]);
    expect(verdicts(rootDeny, [[ip("1.2.3.4"), B, "TCP", 80], [ip("1.2.4.4"), B, "TCP", 80]])).toEqual([false, true]);
  });

  test("injection: namespace label, pod opt-in and opt-out; denyOnly ignores ALLOW and STRICT", () => {
    const objects = [ns("n"), meshNs("m"), pod("n", "in", {}, { metadata: { annotations: { "sidecar.istio.io/inject": "true" } } }), pod("m", "out", { "sidecar.istio.io/inject": "false" }), pod("n", "c"), ap("n", "none", {}), ap("m", "none", {})];
    const C = w("n/c[Pod]");
    expect(verdicts(objects, [[C, w("n/in[Pod]"), "TCP", 80], [C, w("m/out[Pod]"), "TCP", 80]])).toEqual([false, true]);
    const layers = { adminNetworkPolicy: true, networkPolicy: true, baselineAdminNetworkPolicy: true, istio: "denyOnly" as const };
    expect(verdicts([...objects, pa("n", { mtls: { mode: "STRICT" } })], [[C, w("n/in[Pod]"), "TCP", 80]], { layers })).toEqual([true]);
  });
});
