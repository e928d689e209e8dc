/**
 * ClassIndex against first principles: a selector picks exactly the classes
 * whose labels `matches()` accepts (within the namespaces asked for), and two
 * pods share a class exactly when everything policy can observe is equal.
 * Label keys and values are drawn from an alphabet with the characters the
 * index and the class keys use as separators (`=`, NUL, \u0001): the API
 * server refuses such labels, but ztseg also reads YAML that never went
 * through it, and a merged class or a wrong selector would be a wrong proof.
 */
import fc from "fast-check";
import { ClassIndex } from "../../src/core/analyze/classes";
import type { Cluster, PodShape, WorkloadSource } from "../../src/core/analyze/model";
import { matches, type Requirement, type Selector } from "../../src/core/analyze/selector";

const PIECES = ["a", "b", "a=b", "b=c", "=", "c", "x\u0000b\u0001y", "y", "x"];
const text = fc.constantFrom(...PIECES);
const labelsArb = fc.dictionary(text, text, { maxKeys: 3 });

const requirement: fc.Arbitrary<Requirement> = fc.oneof(
  fc.record({ key: text, op: fc.constantFrom("In" as const, "NotIn" as const), values: fc.array(text, { minLength: 1, maxLength: 3 }) }),
  fc.record({ key: text, op: fc.constantFrom("Exists" as const, "DoesNotExist" as const) }),
);
const selectorArb: fc.Arbitrary<Selector> = fc.array(requirement, { maxLength: 3 }).map((requirements) => ({ requirements }));

function clusterOf(pods: readonly { ns: string; labels: Record<string, string>; sa: string }[]): Cluster {
  const workloads: WorkloadSource[] = pods.map((p, i) => {
    const shape: PodShape = { labels: p.labels, annotations: {}, namedPorts: [], serviceAccount: p.sa, hostNetwork: false };
    return { id: `${p.ns}/w${i}[Pod]`, namespace: p.ns, name: `w${i}`, kind: "Pod", pods: [shape] };
  });
  return {
    trustDomain: "cluster.local",
    istioRootNamespace: "istio-system",
    namespaces: [
      { name: "n1", labels: { "kubernetes.io/metadata.name": "n1", team: "a" } },
      { name: "n2", labels: { "kubernetes.io/metadata.name": "n2", team: "b" } },
    ],
    workloads,
    networkPolicies: [],
    adminPolicies: [],
    peerAuthentications: [],
    authorizationPolicies: [],
  };
}

const podsArb = fc.array(fc.record({ ns: fc.constantFrom("n1", "n2"), labels: labelsArb, sa: fc.constantFrom("default", "x\u0000y") }), { minLength: 1, maxLength: 8 });

describe("ClassIndex", () => {
  it("selects exactly the classes matches() accepts, by namespace name and by namespace selector", () => {
    fc.assert(
      fc.property(podsArb, selectorArb, (pods, sel) => {
        const index = new ClassIndex(clusterOf(pods));
        const expect1 = (ns: (c: string) => boolean) => index.classes.filter((c) => ns(c.namespace) && matches(sel, c.labels)).map((c) => c.index);
        expect([...index.select(sel, { name: "n1" }).toArray()]).toEqual(expect1((n) => n === "n1"));
        const teamB: Selector = { requirements: [{ key: "team", op: "In", values: ["b"] }] };
        expect([...index.select(sel, { selector: teamB }).toArray()]).toEqual(expect1((n) => n === "n2"));
        expect([...index.select(sel, { selector: { requirements: [] } }).toArray()]).toEqual(expect1(() => true));
      }),
      { numRuns: 500 },
    );
  });

  it("puts two pods in one class exactly when namespace, service account and labels are equal", () => {
    fc.assert(
      fc.property(podsArb, (pods) => {
        const index = new ClassIndex(clusterOf(pods));
        const same = (a: (typeof pods)[number], b: (typeof pods)[number]) =>
          a.ns === b.ns && a.sa === b.sa && JSON.stringify(Object.entries(a.labels).sort()) === JSON.stringify(Object.entries(b.labels).sort());
        pods.forEach((a, i) =>
          pods.forEach((b, j) => {
            const ci = index.workloadClasses[i]![0]!;
            const cj = index.workloadClasses[j]![0]!;
            expect(ci === cj).toBe(same(a, b));
          }),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("keeps apart labels that only separators would confuse", () => {
    // key "a=b" value "c" is not key "a" value "b=c".
    const index = new ClassIndex(clusterOf([{ ns: "n1", labels: { "a=b": "c" }, sa: "default" }]));
    expect(index.select({ requirements: [{ key: "a", op: "In", values: ["b=c"] }] }, { name: "n1" }).toArray()).toEqual([]);
    expect(index.select({ requirements: [{ key: "a", op: "NotIn", values: ["b=c"] }] }, { name: "n1" }).toArray()).toEqual([0]);
    expect(index.select({ requirements: [{ key: "a", op: "NotIn", values: ["b=c"] }] }, { selector: { requirements: [] } }).toArray()).toEqual([0]);
    // {a: "x\0b\1y"} is not {a: "x", b: "y"}.
    const two = new ClassIndex(
      clusterOf([
        { ns: "n1", labels: { a: "x\u0000b\u0001y" }, sa: "default" },
        { ns: "n1", labels: { a: "x", b: "y" }, sa: "default" },
      ]),
    );
    expect(two.classes).toHaveLength(2);
  });

  it("puts pods whose labels differ only in written order in one class", () => {
    const index = new ClassIndex(
      clusterOf([
        { ns: "n1", labels: { app: "web", tier: "front", zone: "a" }, sa: "default" },
        { ns: "n1", labels: { zone: "a", app: "web", tier: "front" }, sa: "default" },
        { ns: "n1", labels: { tier: "front", zone: "a", app: "web" }, sa: "default" },
      ]),
    );
    expect(index.classes).toHaveLength(1);
    expect(index.classes[0]!.labels).toEqual({ app: "web", tier: "front", zone: "a" });
  });
});
