/**
 * Cases found by the seventeenth session's mutation run of policy-compiler.ts
 * (docs/robustness.md, "Seventeenth session: policy-compiler.ts"). Each
 * verdict is worked by hand and checked again against the independent
 * reference evaluator (src/core/reference).
 */
import { analyze, buildCluster, sharedIndexes, type LayerSelection, type Peer } from "../../src/core/analyze";
import type { CompiledRule } from "../../src/core/analyze/policy-compiler";
import { prepareReference, type Protocol } from "../../src/core/reference";
import { anp, banp, connectivity, docs, ip, netpol, ns, pod, w } from "./helpers";

type Obj = Record<string, unknown>;
const ALL: LayerSelection = { adminNetworkPolicy: true, networkPolicy: true, baselineAdminNetworkPolicy: true, istio: "off" };

/** Each question asked of the analyzer and of the reference; both must give the expected answer. */
function expectVerdicts(objects: Obj[], cases: readonly [Peer, Peer, Protocol, number, boolean][]): void {
  const fast = connectivity(objects, ALL);
  const reference = prepareReference(objects);
  const got = cases.map(([s, d, p, n]) => ({ fast: fast.allows(s, d, p, n), reference: reference.allows(s, d, p, n, { layers: ALL }) }));
  expect(got).toEqual(cases.map(([, , , , want]) => ({ fast: want, reference: want })));
}

describe("policy compiler: cases from its mutation run", () => {
  test("an admin rule with two networks peers matches the ranges of both", () => {
    // Mutant: every networks peer takes a fresh range set, so the rule kept only the last peer's ranges and
    // 10.1.2.3 fell through to the Deny: a missed allowed path.
    const objects = [
      ns("a"),
      pod("a", "x"),
      anp("two-networks", 1, {
        subject: { namespaces: {} },
        egress: [
          { name: "allow-both", action: "Allow", to: [{ networks: ["10.1.0.0/16"] }, { networks: ["10.2.0.0/16"] }] },
          { name: "deny-rest", action: "Deny", to: [{ networks: ["0.0.0.0/0"] }] },
        ],
      }),
    ];
    expectVerdicts(objects, [
      [w("a/x[Pod]"), ip("10.1.2.3"), "TCP", 443, true],
      [w("a/x[Pod]"), ip("10.2.0.1"), "TCP", 443, true],
      [w("a/x[Pod]"), ip("10.3.0.1"), "TCP", 443, false],
    ]);
    // The same in the baseline: both peers' ranges are denied, the rest allowed.
    const baseline = [
      ns("a"),
      pod("a", "x"),
      banp({ subject: { namespaces: {} }, egress: [{ action: "Deny", to: [{ networks: ["10.1.0.0/16"] }, { networks: ["10.2.0.0/16"] }] }] }),
    ];
    expectVerdicts(baseline, [
      [w("a/x[Pod]"), ip("10.1.2.3"), "UDP", 53, false],
      [w("a/x[Pod]"), ip("10.2.0.1"), "UDP", 53, false],
      [w("a/x[Pod]"), ip("10.3.0.1"), "UDP", 53, true],
    ]);
  });

  // x and y are both role=api; the first policy selects both, the second only x. After the first, x and y share
  // the first policy's rule list; the second must give x a list of its own, not extend the shared one in place.
  const apiPods = [
    ns("shop"),
    pod("shop", "x", { labels: { role: "api", app: "x" } }),
    pod("shop", "y", { labels: { role: "api", app: "y" } }),
    pod("shop", "c1", { labels: { app: "c1" } }),
    pod("shop", "c2", { labels: { app: "c2" } }),
  ];
  const from = (app: string): Obj => ({ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app } } } });

  test("a policy selecting one of two classes that share a rule list leaves the other's list alone (NetworkPolicy)", () => {
    // Mutant: the shared list extended in place, so y also took x's second policy: c2 -> y on 81 was allowed.
    const objects = [
      ...apiPods,
      netpol("shop", "api-from-c1", { podSelector: { matchLabels: { role: "api" } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: "c1" } } }], ports: [{ port: 80 }] }] }),
      netpol("shop", "x-from-c2", { podSelector: { matchLabels: { app: "x" } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: "c2" } } }], ports: [{ port: 81 }] }] }),
    ];
    expectVerdicts(objects, [
      [w("shop/c1[Pod]"), w("shop/x[Pod]"), "TCP", 80, true],
      [w("shop/c1[Pod]"), w("shop/y[Pod]"), "TCP", 80, true],
      [w("shop/c2[Pod]"), w("shop/x[Pod]"), "TCP", 81, true],
      [w("shop/c2[Pod]"), w("shop/y[Pod]"), "TCP", 81, false],
      [w("shop/c1[Pod]"), w("shop/y[Pod]"), "TCP", 81, false],
    ]);
  });

  test("a policy selecting one of two classes that share a rule list leaves the other's list alone (AdminNetworkPolicy)", () => {
    // Mutant: y also took x's Deny, so c2 -> y, which nothing denies, was reported as no connection.
    const objects = [
      ...apiPods,
      anp("api-from-c1", 1, { subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { role: "api" } } } }, ingress: [{ action: "Allow", from: [from("c1")] }] }),
      anp("x-not-from-c2", 2, { subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: "x" } } } }, ingress: [{ action: "Deny", from: [from("c2")] }] }),
    ];
    expectVerdicts(objects, [
      [w("shop/c1[Pod]"), w("shop/y[Pod]"), "TCP", 80, true],
      [w("shop/c2[Pod]"), w("shop/x[Pod]"), "TCP", 80, false],
      [w("shop/c2[Pod]"), w("shop/y[Pod]"), "TCP", 80, true],
      [w("shop/c2[Pod]"), w("shop/y[Pod]"), "SCTP", 9, true],
    ]);
  });

  test("compiled rule ids are unique across the tiers and directions of a cluster", () => {
    // Mutants: ruleIds-- in either tier's compile, which gives one tier's ids again to the other's rules. (No code
    // reads CompiledRule.id today; this pins what its comment promises.)
    const objects = [
      ...apiPods,
      netpol("shop", "np", {
        podSelector: {},
        ingress: [{ from: [from("c1")] }, { from: [from("c2")] }],
        egress: [{ to: [from("c1")] }, { to: [from("c2")] }],
      }),
      anp("a", 1, {
        subject: { namespaces: {} },
        ingress: [{ action: "Allow", from: [from("c1")] }, { action: "Pass", from: [from("c2")] }],
        egress: [{ action: "Deny", to: [from("x")] }, { action: "Allow", to: [from("y")] }],
      }),
      banp({ subject: { namespaces: {} }, ingress: [{ action: "Deny", from: [from("c1")] }], egress: [{ action: "Allow", to: [from("c2")] }] }),
    ];
    const { cluster } = buildCluster(docs(objects));
    const policies = sharedIndexes(cluster).policies;
    const rules = new Set<CompiledRule>();
    for (const dir of ["ingress", "egress"] as const) {
      const side = policies.side(dir, ALL);
      for (const lists of [side.anp, side.np, side.banp]) for (const list of lists) for (const r of list) rules.add(r);
    }
    // 2 + 2 NetworkPolicy, 2 + 2 admin and 1 + 1 baseline rules.
    expect(rules.size).toBe(10);
    expect(new Set([...rules].map((r) => r.id)).size).toBe(rules.size);
    // The analysis of the same cluster runs on these lists: c1 -> y is allowed by the admin rules at both ends
    // (egress Allow to y, ingress Allow from c1), c1 -> x is denied at c1's egress.
    const c = analyze(cluster, { layers: ALL });
    const reference = prepareReference(objects);
    for (const [dst, want] of [["shop/y[Pod]", true], ["shop/x[Pod]", false]] as const) {
      expect(c.allows(w("shop/c1[Pod]"), w(dst), "TCP", 80)).toBe(want);
      expect(reference.allows(w("shop/c1[Pod]"), w(dst), "TCP", 80, { layers: ALL })).toBe(want);
    }
  });
});
