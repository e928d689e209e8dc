/**
 * The engine shares tier rule lists between the classes that the same
 * policies select, and gives a class a list of its own once it grows long
 * (RuleLists in engine.ts). Either way every rule must apply, in order.
 */
import { analyze, buildCluster } from "../../src/core/analyze";
import { docs, ns } from "./helpers";

describe("rule lists shared between the classes policies select", () => {
  // 70 policies select both API pods, each allowing one client on its own port: the first 64 rules are appended
  // to lists the two pods share, the rest to a copy each pod owns. Every rule must still apply, in both pods.
  const clients = Array.from({ length: 70 }, (_, i) => i);
  const objects = [
    ns("shop"),
    ...["api-1", "api-2"].map((name) => ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "shop", labels: { role: "api", app: name } }, spec: { containers: [{ name: "c", image: "i" }] } })),
    ...clients.map((i) => ({ apiVersion: "v1", kind: "Pod", metadata: { name: `c${i}`, namespace: "shop", labels: { app: `c${i}` } }, spec: { containers: [{ name: "c", image: "i" }] } })),
    ...clients.map((i) => ({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: `from-c${i}`, namespace: "shop" },
      spec: { podSelector: { matchLabels: { role: "api" } }, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: { matchLabels: { app: `c${i}` } } }], ports: [{ port: 1000 + i }] }] },
    })),
  ];

  test("each client reaches each API pod on its own port alone, listed and asked", () => {
    const c = analyze(buildCluster(docs(objects)).cluster);
    const listed = new Map(c.edges().map((e) => [`${e.src.kind === "workload" ? e.src.id : ""}>${e.dst.kind === "workload" ? e.dst.id : ""}`, e.conns.toString()]));
    for (const i of clients)
      for (const api of ["shop/api-1[Pod]", "shop/api-2[Pod]"]) {
        expect(listed.get(`shop/c${i}[Pod]>${api}`)).toBe(`TCP ${1000 + i}`);
        expect(c.connections({ kind: "workload", id: `shop/c${i}[Pod]` }, { kind: "workload", id: api }).toString()).toBe(`TCP ${1000 + i}`);
      }
  });
});
