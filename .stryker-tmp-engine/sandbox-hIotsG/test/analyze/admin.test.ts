// @ts-nocheck
import { anp, banp, conns, connectivity, ip, netpol, ns, pod, w } from "./helpers";

const base = [ns("vendor", { trust: "vendor" }), ns("crm", { sensitive: "true" }), pod("vendor", "bot"), pod("crm", "api", { ports: [{ name: "http", containerPort: 8080 }, { name: "dns", containerPort: 53, protocol: "UDP" }] })];
const toCrm = { namespaces: { matchLabels: { sensitive: "true" } } };
const fromVendor = [{ namespaces: { matchLabels: { trust: "vendor" } } }];

describe("AdminNetworkPolicy and BaselineAdminNetworkPolicy", () => {
  test("lower priority number wins; within a policy the first matching rule decides", () => {
    const deny = anp("deny-vendor", 10, { subject: toCrm, ingress: [{ name: "deny", action: "Deny", from: fromVendor }] });
    const allow = anp("allow-vendor", 20, { subject: toCrm, ingress: [{ name: "allow", action: "Allow", from: fromVendor }] });
    expect(conns(connectivity([...base, deny, allow]), "vendor/bot", "crm/api")).toBe("No Connections");
    const swapped = anp("deny-vendor", 30, { subject: toCrm, ingress: [{ name: "deny", action: "Deny", from: fromVendor }] });
    expect(conns(connectivity([...base, swapped, allow]), "vendor/bot", "crm/api")).toBe("All Connections");
    const inOrder = anp("mixed", 5, {
      subject: toCrm,
      ingress: [
        { name: "allow-80", action: "Allow", from: fromVendor, ports: [{ portNumber: { port: 80, protocol: "TCP" } }] },
        { name: "deny-rest", action: "Deny", from: fromVendor },
      ],
    });
    expect(conns(connectivity([...base, inOrder]), "vendor/bot", "crm/api")).toBe("TCP 80");
  });

  test("ANP Allow overrides a NetworkPolicy deny; Deny overrides a NetworkPolicy allow", () => {
    const npDeny = netpol("crm", "deny-all", { podSelector: {}, ingress: [] });
    const allow = anp("a", 1, { subject: toCrm, ingress: [{ action: "Allow", from: fromVendor, ports: [{ namedPort: "http" }] }] });
    expect(conns(connectivity([...base, npDeny, allow]), "vendor/bot", "crm/api")).toBe("TCP 8080");
    const npAllow = netpol("crm", "allow-all", { podSelector: {}, ingress: [{}] });
    const deny = anp("d", 1, { subject: toCrm, ingress: [{ action: "Deny", from: fromVendor, ports: [{ portRange: { protocol: "TCP", start: 1, end: 1000 } }] }] });
    expect(conns(connectivity([...base, npAllow, deny]), "vendor/bot", "crm/api")).toBe(
      "SCTP 1-65535,TCP 1001-65535,UDP 1-65535",
    );
  });

  test("Pass hands the decision to NetworkPolicy, and without one to the baseline", () => {
    const pass = anp("p", 1, { subject: toCrm, ingress: [{ action: "Pass", from: fromVendor }] });
    const npAllow80 = netpol("crm", "np", { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] });
    expect(conns(connectivity([...base, pass, npAllow80]), "vendor/bot", "crm/api")).toBe("TCP 80");
    const baseDeny = banp({ subject: toCrm, ingress: [{ action: "Deny", from: fromVendor }] });
    expect(conns(connectivity([...base, pass, baseDeny]), "vendor/bot", "crm/api")).toBe("No Connections");
    // The baseline is not consulted when a NetworkPolicy isolates the pod.
    expect(conns(connectivity([...base, pass, baseDeny, npAllow80]), "vendor/bot", "crm/api")).toBe("TCP 80");
  });

  test("namedPort matches the container port of that name whatever its protocol", () => {
    const allow = anp("a", 1, { subject: toCrm, ingress: [{ action: "Allow", from: fromVendor, ports: [{ namedPort: "dns" }] }, { action: "Deny", from: fromVendor }] });
    expect(conns(connectivity([...base, allow]), "vendor/bot", "crm/api")).toBe("UDP 53");
  });

  test("egress networks match outside addresses only; both directions are evaluated", () => {
    const egress = anp("e", 1, {
      subject: { namespaces: { matchLabels: { trust: "vendor" } } },
      egress: [
        { action: "Allow", to: [{ networks: ["203.0.113.0/24"] }] },
        { action: "Deny", to: [{ networks: ["0.0.0.0/0"] }] },
        { action: "Deny", to: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: "api" } } } }] },
      ],
    });
    const c = connectivity([...base, egress]);
    expect(c.allows(w("vendor/bot[Pod]"), ip("203.0.113.9"), "TCP", 443)).toBe(true);
    expect(c.allows(w("vendor/bot[Pod]"), ip("198.51.100.1"), "TCP", 443)).toBe(false);
    expect(conns(c, "vendor/bot", "crm/api")).toBe("No Connections");
    expect(conns(c, "crm/api", "vendor/bot")).toBe("All Connections");
  });

  test("a baseline named other than default is ignored with a warning", () => {
    const bad = { ...banp({ subject: toCrm, ingress: [{ action: "Deny", from: fromVendor }] }), metadata: { name: "other" } };
    expect(conns(connectivity([...base, bad]), "vendor/bot", "crm/api")).toBe("All Connections");
  });
});
