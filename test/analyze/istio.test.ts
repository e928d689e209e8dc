import { authz, conns, connectivity, meshPods, ns, peerAuth, pod } from "./helpers";

const meshNs = ns("shop", { "istio-injection": "enabled" });
const base = [meshNs, ns("edge", { "istio-injection": "enabled" }), ns("legacy"), ...meshPods];
const onApi = { selector: { matchLabels: { app: "api" } } };
const TCP_BLOCKED = "SCTP 1-65535,UDP 1-65535";

describe("Istio", () => {
  test("mesh membership: namespace label, pod opt-out", () => {
    const c = connectivity(base);
    const meshed = Object.fromEntries(c.workloads.map((x) => [x.id, x.meshed]));
    expect(meshed).toEqual({ "edge/gw[Pod]": true, "legacy/old[Pod]": false, "shop/api[Pod]": true, "shop/plain[Pod]": false, "shop/worker[Pod]": true });
  });

  test("STRICT refuses plaintext TCP callers (unmeshed pods, outside addresses); PERMISSIVE admits them", () => {
    const strict = peerAuth("shop", "default", { mtls: { mode: "STRICT" } });
    const c = connectivity([...base, strict]);
    expect(conns(c, "shop/worker", "shop/api")).toBe("All Connections");
    expect(conns(c, "legacy/old", "shop/api")).toBe(TCP_BLOCKED);
    expect(conns(c, "1.2.3.4", "shop/api")).toBe(TCP_BLOCKED);
    expect(conns(connectivity(base), "legacy/old", "shop/api")).toBe("All Connections");
    // portLevelMtls on a workload policy opens one port to plaintext.
    const perPort = peerAuth("shop", "api", { ...onApi, mtls: { mode: "STRICT" }, portLevelMtls: { "8080": { mode: "PERMISSIVE" } } });
    expect(conns(connectivity([...base, strict, perPort]), "legacy/old", "shop/api")).toBe("SCTP 1-65535,TCP 8080,UDP 1-65535");
  });

  test("root-namespace PeerAuthentication is mesh-wide; the namespace one overrides it", () => {
    const mesh = peerAuth("istio-system", "default", { mtls: { mode: "STRICT" } });
    expect(conns(connectivity([...base, mesh]), "legacy/old", "edge/gw")).toBe(TCP_BLOCKED);
    const nsPermissive = peerAuth("edge", "default", { mtls: { mode: "PERMISSIVE" } });
    expect(conns(connectivity([...base, mesh, nsPermissive]), "legacy/old", "edge/gw")).toBe("All Connections");
  });

  test("ALLOW with principals admits only that identity, and only over mTLS", () => {
    const allow = authz("shop", "api-allow", { ...onApi, rules: [{ from: [{ source: { principals: ["cluster.local/ns/edge/sa/gateway"] } }], to: [{ operation: { ports: ["8080"] } }] }] });
    const c = connectivity([...base, allow]);
    expect(conns(c, "edge/gw", "shop/api")).toBe("SCTP 1-65535,TCP 8080,UDP 1-65535");
    expect(conns(c, "shop/worker", "shop/api")).toBe(TCP_BLOCKED);
    expect(conns(c, "legacy/old", "shop/api")).toBe(TCP_BLOCKED);
    // Wildcards and namespaces.
    const ns = authz("shop", "by-ns", { ...onApi, rules: [{ from: [{ source: { namespaces: ["ed*"] } }] }] });
    expect(conns(connectivity([...base, ns]), "edge/gw", "shop/api")).toBe("All Connections");
    expect(conns(connectivity([...base, ns]), "shop/worker", "shop/api")).toBe(TCP_BLOCKED);
  });

  test("under PERMISSIVE a plaintext caller has no identity, so notPrincipals/notNamespaces admit it", () => {
    const allow = authz("shop", "not-edge", { ...onApi, rules: [{ from: [{ source: { notNamespaces: ["edge"] } }] }] });
    const c = connectivity([...base, allow]);
    expect(conns(c, "legacy/old", "shop/api")).toBe("All Connections");
    expect(conns(c, "edge/gw", "shop/api")).toBe(TCP_BLOCKED);
    const strict = peerAuth("shop", "default", { mtls: { mode: "STRICT" } });
    expect(conns(connectivity([...base, allow, strict]), "legacy/old", "shop/api")).toBe(TCP_BLOCKED);
  });

  test("spec {} allows nothing; rules [{}] allows everything; empty selector covers the namespace", () => {
    expect(conns(connectivity([...base, authz("shop", "nothing", {})]), "shop/worker", "shop/api")).toBe(TCP_BLOCKED);
    expect(conns(connectivity([...base, authz("shop", "nothing", {})]), "legacy/old", "shop/plain")).toBe("All Connections"); // no sidecar
    expect(conns(connectivity([...base, authz("shop", "nothing", {}), authz("shop", "all", { rules: [{}] })]), "shop/worker", "shop/api")).toBe("All Connections");
  });

  test("DENY wins over ALLOW; a DENY rule with HTTP-only fields does not deny the connection, an ALLOW one opens the port", () => {
    const allowAll = authz("shop", "all", { rules: [{}] });
    const deny = authz("shop", "deny-gw", { ...onApi, action: "DENY", rules: [{ from: [{ source: { namespaces: ["edge"] } }], to: [{ operation: { ports: ["8080"] } }] }] });
    expect(conns(connectivity([...base, allowAll, deny]), "edge/gw", "shop/api")).toBe("SCTP 1-65535,TCP 1-8079,8081-65535,UDP 1-65535");
    const denyGet = authz("shop", "deny-get", { ...onApi, action: "DENY", rules: [{ to: [{ operation: { methods: ["DELETE"] } }] }] });
    expect(conns(connectivity([...base, denyGet]), "edge/gw", "shop/api")).toBe("All Connections");
    const denyWhen = authz("shop", "deny-when", { ...onApi, action: "DENY", rules: [{ when: [{ key: "request.headers[x]", values: ["1"] }] }] });
    expect(conns(connectivity([...base, denyWhen]), "edge/gw", "shop/api")).toBe("All Connections");
    const allowGet = authz("shop", "allow-get", { ...onApi, rules: [{ to: [{ operation: { methods: ["GET"], ports: ["8080"] } }] }] });
    expect(conns(connectivity([...base, allowGet]), "edge/gw", "shop/api")).toBe("SCTP 1-65535,TCP 8080,UDP 1-65535");
  });

  test("CUSTOM does not deny; a root-namespace policy applies mesh-wide", () => {
    expect(conns(connectivity([...base, authz("shop", "ext", { action: "CUSTOM", provider: { name: "x" }, rules: [{}] })]), "edge/gw", "shop/api")).toBe("All Connections");
    const meshDeny = authz("istio-system", "deny-legacy", { action: "DENY", rules: [{ from: [{ source: { ipBlocks: ["203.0.113.0/24"] } }] }] });
    const c = connectivity([...base, meshDeny]);
    expect(conns(c, "203.0.113.7", "edge/gw")).toBe(TCP_BLOCKED);
    expect(conns(c, "198.51.100.7", "edge/gw")).toBe("All Connections");
  });

  test("callers whose namespace and account only a slash tells apart keep their own identities", () => {
    // Names with a slash are refused by the API server but can reach ztseg in hand-written YAML; the verdict of
    // one caller must never be reused for the other (the engine caches Istio verdicts per caller identity).
    const objects = [
      ns("a/b", { "istio-injection": "enabled" }),
      ns("a", { "istio-injection": "enabled" }),
      meshNs,
      pod("shop", "api", { labels: { app: "api" } }),
      pod("a/b", "x", { sa: "c" }),
      pod("a", "y", { sa: "b/c" }),
      authz("shop", "only-x", { ...onApi, rules: [{ from: [{ source: { principals: ["cluster.local/ns/a/b/sa/c"] } }] }] }),
    ];
    const c = connectivity(objects);
    expect(conns(c, "a/b/x", "shop/api")).toBe("All Connections");
    expect(conns(c, "a/y", "shop/api")).toBe(TCP_BLOCKED);
    const d = connectivity(objects);
    expect(conns(d, "a/y", "shop/api")).toBe(TCP_BLOCKED);
    expect(conns(d, "a/b/x", "shop/api")).toBe("All Connections");
  });
});
