// @ts-nocheck
import { conns, connectivity, netpol, ns, pod } from "./helpers";

const base = [ns("a", { team: "x" }), ns("b", { team: "y" }), pod("a", "web", { labels: { app: "web", tier: "fe" } }), pod("a", "db", { labels: { app: "db" } }), pod("b", "cli", { labels: { app: "cli" } })];

describe("NetworkPolicy semantics", () => {
  test("no policy: everything is allowed, to and from outside too", () => {
    const c = connectivity(base);
    expect(conns(c, "a/web", "a/db")).toBe("All Connections");
    expect(conns(c, "1.2.3.4", "a/db")).toBe("All Connections");
    expect(conns(c, "a/db", "2001:db8::1")).toBe("All Connections");
  });

  test("isolation is per direction and both ends must allow", () => {
    const denyEgress = netpol("a", "deny-egress", { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Egress"] });
    const c = connectivity([...base, denyEgress]);
    expect(conns(c, "a/web", "a/db")).toBe("No Connections");
    expect(conns(c, "a/db", "a/web")).toBe("All Connections"); // web's ingress is not isolated
    const allowIn = netpol("a", "db-in", { podSelector: { matchLabels: { app: "db" } }, ingress: [{}] });
    expect(conns(connectivity([...base, denyEgress, allowIn]), "a/web", "a/db")).toBe("No Connections");
  });

  test("policyTypes inference: Ingress always, Egress only with an egress section", () => {
    const onlyEgressSection = netpol("a", "p", { podSelector: { matchLabels: { app: "db" } }, egress: [{ ports: [{ port: 53, protocol: "UDP" }] }] });
    const c = connectivity([...base, onlyEgressSection]);
    expect(conns(c, "a/web", "a/db")).toBe("No Connections"); // ingress isolated, no ingress rule
    expect(conns(c, "a/db", "a/web")).toBe("UDP 53");
    const onlyIngress = netpol("a", "q", { podSelector: { matchLabels: { app: "db" } }, ingress: [] });
    expect(conns(connectivity([...base, onlyIngress]), "a/db", "a/web")).toBe("All Connections");
  });

  test("ingress: [] allows nothing; a rule without from (or from: []) allows every source", () => {
    const sel = { matchLabels: { app: "db" } };
    expect(conns(connectivity([...base, netpol("a", "p", { podSelector: sel, ingress: [] })]), "b/cli", "a/db")).toBe("No Connections");
    for (const rule of [{}, { from: [] }]) {
      const c = connectivity([...base, netpol("a", "p", { podSelector: sel, ingress: [rule] })]);
      expect(conns(c, "b/cli", "a/db")).toBe("All Connections");
      expect(conns(c, "8.8.8.8", "a/db")).toBe("All Connections");
    }
  });

  test("peer with namespaceSelector and podSelector is an AND; separate peers are an OR", () => {
    const and = netpol("a", "and", {
      podSelector: { matchLabels: { app: "db" } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "y" } }, podSelector: { matchLabels: { app: "web" } } }] }],
    });
    const cAnd = connectivity([...base, and]);
    expect(conns(cAnd, "b/cli", "a/db")).toBe("No Connections");
    expect(conns(cAnd, "a/web", "a/db")).toBe("No Connections");
    const or = netpol("a", "or", {
      podSelector: { matchLabels: { app: "db" } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "y" } } }, { podSelector: { matchLabels: { app: "web" } } }] }],
    });
    const cOr = connectivity([...base, or]);
    expect(conns(cOr, "b/cli", "a/db")).toBe("All Connections");
    expect(conns(cOr, "a/web", "a/db")).toBe("All Connections");
  });

  test("podSelector alone means the policy's namespace; namespaceSelector {} means every namespace", () => {
    const own = netpol("a", "own", { podSelector: { matchLabels: { app: "db" } }, ingress: [{ from: [{ podSelector: {} }] }] });
    const c = connectivity([...base, own]);
    expect(conns(c, "a/web", "a/db")).toBe("All Connections");
    expect(conns(c, "b/cli", "a/db")).toBe("No Connections");
    const every = netpol("a", "every", { podSelector: { matchLabels: { app: "db" } }, ingress: [{ from: [{ namespaceSelector: {} }] }] });
    const c2 = connectivity([...base, every]);
    expect(conns(c2, "b/cli", "a/db")).toBe("All Connections");
    expect(conns(c2, "8.8.8.8", "a/db")).toBe("No Connections"); // selectors never match outside addresses
  });

  test("namespaces match on kubernetes.io/metadata.name, also when only referenced", () => {
    const p = netpol("a", "p", {
      podSelector: { matchLabels: { app: "db" } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "c" } } }] }],
    });
    const c = connectivity([...base, pod("c", "ghost"), p]);
    expect(conns(c, "c/ghost", "a/db")).toBe("All Connections");
    expect(conns(c, "b/cli", "a/db")).toBe("No Connections");
  });

  test.each([
    ["In", { key: "tier", operator: "In", values: ["fe", "be"] }, ["a/web"]],
    ["NotIn", { key: "tier", operator: "NotIn", values: ["fe"] }, ["a/db"]],
    ["Exists", { key: "tier", operator: "Exists" }, ["a/web"]],
    ["DoesNotExist", { key: "tier", operator: "DoesNotExist" }, ["a/db"]],
  ])("matchExpressions %s", (_op, expr, allowed) => {
    const p = netpol("a", "p", { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: { matchExpressions: [expr] } }] }] });
    const c = connectivity([...base, pod("a", "sink", { labels: { app: "sink" } }), p]);
    for (const src of ["a/web", "a/db"]) expect(conns(c, src, "a/sink")).toBe(allowed.includes(src) ? "All Connections" : "No Connections");
  });

  test("matchLabels and matchExpressions are ANDed", () => {
    const sel = { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["be"] }] };
    const p = netpol("a", "p", { podSelector: { matchLabels: { app: "db" } }, ingress: [{ from: [{ podSelector: sel }] }] });
    expect(conns(connectivity([...base, p]), "a/web", "a/db")).toBe("No Connections");
  });

  test("ipBlock with except, IPv4 and IPv6; pods are never matched by an ipBlock", () => {
    const p = netpol("a", "p", {
      podSelector: { matchLabels: { app: "db" } },
      policyTypes: ["Ingress", "Egress"],
      ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }],
      egress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }, { ipBlock: { cidr: "fd00::/8", except: ["fd00:1::/32"] } }] }],
    });
    const c = connectivity([...base, p]);
    expect(conns(c, "a/web", "a/db")).toBe("No Connections");
    expect(conns(c, "9.9.9.9", "a/db")).toBe("All Connections");
    expect(conns(c, "2001:db8::1", "a/db")).toBe("No Connections");
    expect(conns(c, "a/db", "10.2.3.4")).toBe("All Connections");
    expect(conns(c, "a/db", "10.1.3.4")).toBe("No Connections");
    expect(conns(c, "a/db", "fd00:2::1")).toBe("All Connections");
    expect(conns(c, "a/db", "fd00:1::1")).toBe("No Connections");
    const ranges = c.externals.filter((r) => r.version === 4).map((r) => r.id);
    expect(ranges).toEqual(["0.0.0.0-9.255.255.255[External]", "10.0.0.0-10.0.255.255[External]", "10.1.0.0-10.1.255.255[External]", "10.2.0.0-10.255.255.255[External]", "11.0.0.0-255.255.255.255[External]"]);
  });

  test("named ports resolve per destination pod, by name and protocol; unmatched names allow nothing", () => {
    const objs = [
      ...base,
      pod("a", "s1", { labels: { role: "srv" }, ports: [{ name: "http", containerPort: 8080 }, { name: "dns", containerPort: 53, protocol: "UDP" }] }),
      pod("a", "s2", { labels: { role: "srv" }, ports: [{ name: "http", containerPort: 9090 }] }),
      netpol("a", "p", { podSelector: { matchLabels: { role: "srv" } }, ingress: [{ ports: [{ port: "http" }, { port: "dns", protocol: "UDP" }, { port: "dns" }] }] }),
    ];
    const c = connectivity(objs);
    expect(conns(c, "b/cli", "a/s1")).toBe("TCP 8080,UDP 53");
    expect(conns(c, "b/cli", "a/s2")).toBe("TCP 9090");
    const none = connectivity([...objs.slice(0, -1), netpol("a", "p", { podSelector: { matchLabels: { role: "srv" } }, ingress: [{ ports: [{ port: "grpc" }] }] })]);
    expect(conns(none, "b/cli", "a/s1")).toBe("No Connections");
  });

  test("named ports in egress rules resolve on the destination pod", () => {
    const c = connectivity([
      ...base,
      pod("b", "srv", { ports: [{ name: "api", containerPort: 7000 }] }),
      netpol("a", "p", { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Egress"], egress: [{ ports: [{ port: "api" }] }] }),
    ]);
    expect(conns(c, "a/web", "b/srv")).toBe("TCP 7000");
    expect(conns(c, "a/web", "b/cli")).toBe("No Connections");
    expect(conns(c, "a/web", "8.8.8.8")).toBe("No Connections");
  });

  test("endPort ranges, protocol defaults to TCP, SCTP, port omitted means every port of the protocol", () => {
    const p = netpol("a", "p", {
      podSelector: { matchLabels: { app: "db" } },
      ingress: [{ ports: [{ port: 8000, endPort: 8010 }, { port: 9000, protocol: "SCTP" }, { protocol: "UDP" }] }],
    });
    expect(conns(connectivity([...base, p]), "a/web", "a/db")).toBe("SCTP 9000,TCP 8000-8010,UDP 1-65535");
  });

  test("rules of several policies selecting one pod add up", () => {
    const p1 = netpol("a", "p1", { podSelector: { matchLabels: { app: "db" } }, ingress: [{ ports: [{ port: 80 }] }] });
    const p2 = netpol("a", "p2", { podSelector: {}, ingress: [{ ports: [{ port: 443 }] }] });
    expect(conns(connectivity([...base, p1, p2]), "a/web", "a/db")).toBe("TCP 80,443");
  });
});
