/**
 * The engine caches verdicts under keys that leave out what cannot change
 * them. Each case here gives two subjects that agree on everything a too
 * coarse key would hold and differ in the one thing the key must keep, and
 * asks for both in both orders: a key that drops that thing hands the
 * second subject the first one's verdict.
 */
import type { Connectivity, Edge } from "../../src/core/analyze";
import { anp, authz, conns, connectivity, netpol, ns, peerAuth, pod } from "./helpers";

const TCP_BLOCKED = "SCTP 1-65535,UDP 1-65535";

/** What the range holding `address` may open to each workload, as listed by edges() (the shared range verdicts). */
function listedFrom(c: Connectivity, address: string): Record<string, string> {
  const first = address.split(".").map(Number);
  const holds = (e: Edge) => e.src.kind === "external" && e.src.range.id.startsWith(`${first.join(".")}-`);
  const out: Record<string, string> = {};
  for (const e of c.edges()) if (holds(e) && e.dst.kind === "workload") out[e.dst.id] = e.conns.toString();
  return out;
}

describe("range verdicts into classes whose ingress rules name ports", () => {
  // One policy selects both pods: their ingress rules have the same shape and range sets, and only the pods'
  // named ports tell the verdicts apart.
  const objects = (first: "a" | "b") => {
    const a = pod("shop", "a", { ports: [{ name: "http", containerPort: 8080 }] });
    const b = pod("shop", "b", { ports: [{ name: "http", containerPort: 9090 }] });
    const policy = netpol("shop", "from-partner", { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ port: "http" }] }] });
    return [ns("shop"), ...(first === "a" ? [a, b] : [b, a]), policy];
  };

  test.each(["a", "b"] as const)("each destination resolves its own named port (%s listed first)", (first) => {
    const c = connectivity(objects(first));
    expect(listedFrom(c, "10.0.0.0")).toEqual({ "shop/a[Pod]": "TCP 8080", "shop/b[Pod]": "TCP 9090" });
    expect(conns(c, "10.1.2.3", "shop/a")).toBe("TCP 8080");
    expect(conns(c, "10.1.2.3", "shop/b")).toBe("TCP 9090");
  });
});

describe("range verdicts into classes an Istio policy restricts by address", () => {
  // No NetworkPolicy: both pods' ingress rule lists are empty, so only Istio tells them apart. A DENY on a by
  // ipBlocks must not reach b, and b's open verdict must not reach a.
  const objects = (first: "a" | "b") => {
    const pods = [pod("shop", "a"), pod("shop", "b")];
    const deny = authz("shop", "deny-partner", { selector: { matchLabels: { app: "a" } }, action: "DENY", rules: [{ from: [{ source: { ipBlocks: ["10.0.0.0/8"] } }] }] });
    return [ns("shop", { "istio-injection": "enabled" }), ...(first === "a" ? pods : pods.reverse()), deny];
  };

  test.each(["a", "b"] as const)("the DENY holds for a alone (%s listed first)", (first) => {
    const c = connectivity(objects(first));
    expect(listedFrom(c, "10.0.0.0")).toEqual({ "shop/a[Pod]": TCP_BLOCKED, "shop/b[Pod]": "All Connections" });
    expect(conns(c, "10.1.2.3", "shop/a")).toBe(TCP_BLOCKED);
    expect(conns(c, "10.1.2.3", "shop/b")).toBe("All Connections");
  });
});

describe("Istio verdicts for callers that share a service account", () => {
  // Same namespace and service account, one with a sidecar and one without: under STRICT only the meshed caller
  // gets TCP through, so the verdict cache must tell plaintext callers from identities.
  const objects = (first: "meshed" | "plain") => {
    const meshed = pod("shop", "client", { sa: "client" });
    const plain = pod("shop", "legacy-client", { sa: "client", annotations: { "sidecar.istio.io/inject": "false" } });
    return [ns("shop", { "istio-injection": "enabled" }), pod("shop", "api", { sa: "api" }), ...(first === "meshed" ? [meshed, plain] : [plain, meshed]), peerAuth("istio-system", "default", { mtls: { mode: "STRICT" } })];
  };

  test.each(["meshed", "plain"] as const)("only the meshed caller gets TCP (%s asked first)", (first) => {
    const c = connectivity(objects(first));
    const ask = first === "meshed" ? ["shop/client", "shop/legacy-client"] : ["shop/legacy-client", "shop/client"];
    const got = Object.fromEntries(ask.map((src) => [src, conns(c, src, "shop/api")]));
    expect(got).toEqual({ "shop/client": "All Connections", "shop/legacy-client": TCP_BLOCKED });
    // The listing computes rows in its own order; it must agree.
    const listed = Object.fromEntries(c.edges().filter((e) => e.dst.kind === "workload" && e.dst.id === "shop/api[Pod]" && e.src.kind === "workload").map((e) => [e.src.kind === "workload" ? e.src.id : "", e.conns.toString()]));
    expect(listed).toEqual({ "shop/client[Pod]": "All Connections", "shop/legacy-client[Pod]": TCP_BLOCKED });
  });
});

describe("rows shared by source classes (Engine.sourceRepresentatives)", () => {
  // Sources with the same egress rules share one row. a and b below have none, no sidecar and the same
  // namespace; each case gives them one more difference that the sharing key must keep, and lists them in
  // both orders, so whichever comes first would hand its row to the other.
  const listedInto = (c: Connectivity, dst: string): Record<string, string> =>
    Object.fromEntries(c.edges().filter((e) => e.src.kind === "workload" && e.dst.kind === "workload" && e.dst.id === dst).map((e) => [id(e.src), e.conns.toString()]));
  const id = (n: Edge["src"]): string => (n.kind === "workload" ? n.id : n.range.id);
  const both = <T>(first: "a" | "b", a: T, b: T): T[] => (first === "a" ? [a, b] : [b, a]);

  test.each(["a", "b"] as const)("an ingress rule that names one of them (%s listed first)", (first) => {
    const onlyA = netpol("shop", "api-from-a", { podSelector: { matchLabels: { app: "api" } }, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: { matchLabels: { app: "a" } } }] }] });
    const c = connectivity([ns("shop"), ...both(first, pod("shop", "a"), pod("shop", "b")), pod("shop", "api"), onlyA]);
    expect(listedInto(c, "shop/api[Pod]")).toEqual({ "shop/a[Pod]": "All Connections" });
    // The count is taken from the rows too.
    expect(connectivity([ns("shop"), ...both(first, pod("shop", "a"), pod("shop", "b")), pod("shop", "api"), onlyA]).edgeCount()).toBe(c.edges().length);
  });

  test.each(["a", "b"] as const)("egress isolation with no rules (%s listed first)", (first) => {
    const isolateA = netpol("shop", "a-no-egress", { podSelector: { matchLabels: { app: "a" } }, policyTypes: ["Egress"] });
    const c = connectivity([ns("shop"), ...both(first, pod("shop", "a"), pod("shop", "b")), pod("shop", "api"), isolateA]);
    expect(listedInto(c, "shop/api[Pod]")).toEqual({ "shop/b[Pod]": "All Connections" });
  });

  test.each(["a", "b"] as const)("egress isolation with no rules, under an AdminNetworkPolicy that selects both (%s listed first)", (first) => {
    // Both classes read the AdminNetworkPolicy's rule list itself; only isolation tells their range verdicts apart.
    const guard = anp("guard", 10, {
      subject: { namespaces: {} },
      egress: [{ name: "no-partner-https", action: "Deny", to: [{ networks: ["192.168.0.0/16"] }], ports: [{ portNumber: { protocol: "TCP", port: 443 } }] }],
    });
    const isolateA = netpol("shop", "a-no-egress", { podSelector: { matchLabels: { app: "a" } }, policyTypes: ["Egress"] });
    const c = connectivity([ns("shop"), ...both(first, pod("shop", "a"), pod("shop", "b")), guard, isolateA]);
    const toRanges = (src: string): string[] => c.edges().filter((e) => e.src.kind === "workload" && e.src.id === src && e.dst.kind === "external").map((e) => `${id(e.dst)} ${e.conns.toString()}`);
    expect(toRanges("shop/a[Pod]")).toEqual([]);
    expect(toRanges("shop/b[Pod]")).toEqual([
      "0.0.0.0-192.167.255.255[External] All Connections",
      "192.168.0.0-192.168.255.255[External] SCTP 1-65535,TCP 1-442,444-65535,UDP 1-65535",
      "192.169.0.0-255.255.255.255[External] All Connections",
      "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External] All Connections",
    ]);
  });

  test.each(["a", "b"] as const)("the service account an Istio ALLOW names (%s listed first)", (first) => {
    const allowA = authz("shop", "api-from-a", {
      selector: { matchLabels: { app: "api" } },
      action: "ALLOW",
      rules: [{ from: [{ source: { principals: ["cluster.local/ns/shop/sa/a"] } }] }],
    });
    const objects = [ns("shop", { "istio-injection": "enabled" }), ...both(first, pod("shop", "a", { sa: "a" }), pod("shop", "b", { sa: "b" })), pod("shop", "api", { sa: "api" }), allowA];
    expect(listedInto(connectivity(objects), "shop/api[Pod]")).toEqual({ "shop/a[Pod]": "All Connections", "shop/b[Pod]": TCP_BLOCKED });
  });
});
