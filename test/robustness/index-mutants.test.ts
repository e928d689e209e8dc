/**
 * Exact tests for the analyzer's indexes and small value types, written
 * against Stryker survivors: pod classes and the label-to-class selector
 * index (classes.ts), the external address space (externals.ts), bitsets,
 * connection sets, selectors, output formats and the explanation text.
 * Every expected value below was worked out by hand from the inputs.
 */
import { ClassIndex, isMeshed } from "../../src/core/analyze/classes";
import { Bitset, BitsetSlab } from "../../src/core/analyze/bitset";
import { AddressSpace } from "../../src/core/analyze/externals";
import { ConnSet } from "../../src/core/analyze/connset";
import { explanationText } from "../../src/core/analyze/explain-text";
import type { Connectivity, Edge, Explanation, Workload } from "../../src/core/analyze/connectivity";
import { formatConnectivity } from "../../src/core/analyze/formats";
import { ALL_LAYERS, type RuleHit, type SideTrace, type TierTrace, type IstioTrace } from "../../src/core/analyze/engine";
import type { Cluster, NamedPort, Namespace, PodShape } from "../../src/core/analyze/model";
import { MATCH_ALL, formatSelector, matches, type Requirement, type Selector } from "../../src/core/analyze/selector";
import type { IpRange } from "../../src/model/cidr";

// ---------------------------------------------------------------------------
// Pod classes

const INJECT = "sidecar.istio.io/inject";

interface ShapeOpts {
  sa?: string;
  ports?: readonly NamedPort[];
  annotations?: Record<string, string>;
}

function shape(labels: Record<string, string>, o: ShapeOpts = {}): PodShape {
  return { labels, annotations: o.annotations ?? {}, namedPorts: o.ports ?? [], serviceAccount: o.sa ?? "default", hostNetwork: false };
}

const port = (name: string, p: number, protocol: NamedPort["protocol"] = "TCP"): NamedPort => ({ name, port: p, protocol });

/** A cluster of the given namespaces and workloads `[namespace, pods]`; nothing else. */
function cluster(namespaces: readonly Namespace[], workloads: ReadonlyArray<readonly [string, readonly PodShape[]]>): Cluster {
  return {
    trustDomain: "cluster.local",
    istioRootNamespace: "istio-system",
    namespaces,
    workloads: workloads.map(([namespace, pods], i) => ({ id: `${namespace}/w${i}[Deployment]`, namespace, name: `w${i}`, kind: "Deployment", pods })),
    networkPolicies: [],
    adminPolicies: [],
    peerAuthentications: [],
    authorizationPolicies: [],
  };
}

const sel = (...requirements: Requirement[]): Selector => ({ requirements });
const inn = (key: string, ...values: string[]): Requirement => ({ key, op: "In", values });
const notIn = (key: string, ...values: string[]): Requirement => ({ key, op: "NotIn", values });
const exists = (key: string): Requirement => ({ key, op: "Exists" });
const absent = (key: string): Requirement => ({ key, op: "DoesNotExist" });
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe("isMeshed", () => {
  const enabled: Namespace = { name: "m", labels: { "istio-injection": "enabled" } };
  const disabled: Namespace = { name: "d", labels: { "istio-injection": "disabled" } };
  const plain: Namespace = { name: "p", labels: {} };
  const rev: Namespace = { name: "r", labels: { "istio.io/rev": "" } };
  const other: Namespace = { name: "o", labels: { "istio-injection": "yes" } };
  const pod = (labels: Record<string, string> = {}, annotations: Record<string, string> = {}) => shape(labels, { annotations });

  test("the namespace's injection label decides when the pod says nothing", () => {
    expect(isMeshed(enabled, pod())).toBe(true);
    expect(isMeshed(rev, pod())).toBe(true); // any istio.io/rev value, even empty
    expect(isMeshed(plain, pod())).toBe(false);
    expect(isMeshed(other, pod())).toBe(false);
    expect(isMeshed(disabled, pod())).toBe(false);
    expect(isMeshed(undefined, pod())).toBe(false);
    expect(isMeshed(enabled, pod({ [INJECT]: "maybe" }))).toBe(true);
    expect(isMeshed(plain, pod({ [INJECT]: "maybe" }))).toBe(false);
  });

  test("a pod's label, else its annotation, opts in or out; a disabled namespace always wins", () => {
    expect(isMeshed(plain, pod({ [INJECT]: "true" }))).toBe(true);
    expect(isMeshed(plain, pod({}, { [INJECT]: "true" }))).toBe(true);
    expect(isMeshed(undefined, pod({ [INJECT]: "true" }))).toBe(true);
    expect(isMeshed(enabled, pod({ [INJECT]: "false" }))).toBe(false);
    expect(isMeshed(enabled, pod({}, { [INJECT]: "false" }))).toBe(false);
    expect(isMeshed(disabled, pod({ [INJECT]: "true" }))).toBe(false);
    // the label is read first, the annotation only when there is no label
    expect(isMeshed(plain, pod({ [INJECT]: "true" }, { [INJECT]: "false" }))).toBe(true);
    expect(isMeshed(enabled, pod({ [INJECT]: "false" }, { [INJECT]: "true" }))).toBe(false);
  });
});

describe("ClassIndex: classes", () => {
  test("pods that agree on namespace, service account, mesh, named ports and labels share one class, however their labels are ordered", () => {
    const idx = new ClassIndex(
      cluster(
        [{ name: "a", labels: {} }],
        [
          ["a", [shape({ tier: "front", app: "web" })]],
          ["a", [shape({ app: "web", tier: "front" })]],
          ["a", [shape({ tier: "front", app: "web" }), shape({ tier: "front", app: "web" })]],
        ],
      ),
    );
    expect(idx.size).toBe(1);
    expect(idx.classes).toHaveLength(1);
    expect(Object.keys(idx.classes[0]!.labels)).toEqual(["app", "tier"]);
    expect(idx.workloadClasses).toEqual([[0], [0], [0]]);
  });

  test("labels of a class are stored sorted by key", () => {
    const idx = new ClassIndex(cluster([], [["a", [shape({ c: "1", a: "2", d: "3", b: "4" })]]]));
    expect(Object.entries(idx.classes[0]!.labels)).toEqual([
      ["a", "2"],
      ["b", "4"],
      ["c", "1"],
      ["d", "3"],
    ]);
  });

  test("each property policy can observe separates classes; ids are positions in first-seen order", () => {
    const nss: Namespace[] = [
      { name: "a", labels: {} },
      { name: "b", labels: {} },
      { name: "m", labels: { "istio-injection": "enabled" } },
    ];
    const http = [port("http", 80)];
    const idx = new ClassIndex(
      cluster(nss, [
        ["a", [shape({ app: "web" })]],
        ["b", [shape({ app: "web" })]], // namespace
        ["a", [shape({ app: "web" }, { sa: "other" })]], // service account
        ["a", [shape({ app: "web" }, { ports: http })]], // named ports
        ["a", [shape({ app: "api" })]], // label value
        ["a", [shape({ app: "web" }, { annotations: { [INJECT]: "true" } })]], // mesh, by annotation only
        ["m", [shape({ app: "web" })]], // mesh, by namespace
        ["a", [shape({ app: "web", x: "" })]], // one more label
        ["a", [shape({})]], // no labels
      ]),
    );
    const c = (index: number, namespace: string, labels: Record<string, string>, o: { sa?: string; ports?: NamedPort[]; meshed?: boolean; profile?: number } = {}) => ({
      index,
      namespace,
      labels,
      namedPorts: o.ports ?? [],
      serviceAccount: o.sa ?? "default",
      meshed: o.meshed ?? false,
      portProfile: o.profile ?? 0,
    });
    expect(idx.classes).toEqual([
      c(0, "a", { app: "web" }),
      c(1, "b", { app: "web" }),
      c(2, "a", { app: "web" }, { sa: "other" }),
      c(3, "a", { app: "web" }, { ports: http, profile: 1 }),
      c(4, "a", { app: "api" }),
      c(5, "a", { app: "web" }, { meshed: true }),
      c(6, "m", { app: "web" }, { meshed: true }),
      c(7, "a", { app: "web", x: "" }),
      c(8, "a", {}),
    ]);
    expect(idx.workloadClasses).toEqual(range(9).map((i) => [i]));
    expect(idx.empty().size).toBe(9);
    expect(idx.empty().isEmpty()).toBe(true);
  });

  test("within one workload, a pod differing from the previous one in any field starts a new class", () => {
    const base = shape({ app: "web" }, { ports: [port("http", 80)] });
    const variants: PodShape[] = [
      shape({ app: "web" }, { sa: "other", ports: [port("http", 80)] }),
      shape({ app: "web" }, { ports: [] }),
      shape({ app: "web" }, { ports: [port("http", 80), port("x", 81)] }),
      shape({ app: "web" }, { ports: [port("web", 80)] }),
      shape({ app: "web" }, { ports: [port("http", 81)] }),
      shape({ app: "web" }, { ports: [port("http", 80, "UDP")] }),
      shape({ role: "web" }, { ports: [port("http", 80)] }), // same count and value, other key
      shape({ app: "api" }, { ports: [port("http", 80)] }), // same key, other value
      shape({ app: "web", x: "1" }, { ports: [port("http", 80)] }), // one more label
      shape({}, { ports: [port("http", 80)] }), // one label fewer
      shape({ app: "web" }, { ports: [port("http", 80)], annotations: { [INJECT]: "true" } }), // meshed, same shape otherwise
    ];
    // base, replica of base (another object), v0, base, v1, base, ... : every variant is compared with base and back
    const pods: PodShape[] = [base, { ...base }];
    for (const v of variants) pods.push(v, base);
    const idx = new ClassIndex(cluster([{ name: "a", labels: {} }], [["a", pods]]));
    expect(idx.size).toBe(1 + variants.length);
    expect(idx.workloadClasses).toEqual([range(1 + variants.length)]);
    expect(idx.classes.map((c) => c.serviceAccount)).toEqual(["default", "other", ...Array<string>(10).fill("default")]);
    expect(idx.classes.map((c) => c.meshed)).toEqual([...Array<boolean>(11).fill(false), true]);
    expect(idx.classes[7]!.labels).toEqual({ role: "web" });
    expect(idx.classes[8]!.labels).toEqual({ app: "api" });
  });

  test("a workload's class list is sorted and holds each class once", () => {
    const A = shape({ app: "a" });
    const B = shape({ app: "b" });
    const C = shape({ app: "c" });
    const AB = shape({ app: "a", z: "1" });
    const BA = shape({ z: "1", app: "a" }); // the same class as AB, reached through the sorted key
    const idx = new ClassIndex(
      cluster(
        [],
        [
          ["n", [A, B, C, AB]],
          ["n", [C, A, B, A, C]],
          ["n", [AB, B, BA, AB]],
          ["n", [C, B]],
        ],
      ),
    );
    expect(idx.size).toBe(4);
    expect(idx.workloadClasses).toEqual([
      [0, 1, 2, 3],
      [0, 1, 2],
      [1, 3],
      [1, 2],
    ]);
  });

  test("classes share a port profile exactly when their named ports are equal; profiles are numbered in first-seen order", () => {
    const P = [port("http", 80), port("dns", 53, "UDP")];
    const Q = [port("http", 8080)];
    const idx = new ClassIndex(
      cluster(
        [],
        [
          ["n", [shape({ app: "a" }, { ports: P })]],
          ["n", [shape({ app: "b" }, { ports: Q })]],
          ["n", [shape({ app: "c" }, { ports: [port("http", 80), port("dns", 53, "UDP")] })]],
          ["n", [shape({ app: "d" })]],
          ["m", [shape({ app: "a" })]],
          ["n", [shape({ app: "e" }, { ports: [port("http", 80), port("dns", 53, "TCP")] })]],
          ["n", [shape({ app: "f" }, { ports: [port("http", 8080)] })]],
        ],
      ),
    );
    expect(idx.classes.map((c) => c.portProfile)).toEqual([0, 1, 0, 2, 2, 3, 1]);
    expect(idx.classes[2]!.namedPorts).toEqual(P);
  });

  test("two named ports are not confused with one port whose name spells both", () => {
    // "a/TCP/1" + "b/TCP/2" would read like a single port named "a/TCP/1b" if the port list were joined without a separator
    const two = [port("a", 1), port("b", 2)];
    const one = [port("a/TCP/1b", 2)];
    const idx = new ClassIndex(cluster([], [["n", [shape({ app: "x" }, { ports: two })]], ["n", [shape({ app: "x" }, { ports: one })]]]));
    expect(idx.size).toBe(2);
    expect(idx.classes.map((c) => c.portProfile)).toEqual([0, 1]);
    expect(idx.workloadClasses).toEqual([[0], [1]]);
  });
});

describe("ClassIndex.select", () => {
  const nss: Namespace[] = [
    { name: "a", labels: { env: "prod" } },
    { name: "b", labels: { env: "dev" } },
    { name: "c", labels: { env: "prod", team: "x" } },
  ];
  // Classes 0..6 in this order; z is not among the cluster's namespaces.
  const workloads: Array<readonly [string, PodShape[]]> = [
    ["a", [shape({ app: "web", tier: "front" })]], // 0
    ["a", [shape({ app: "db" })]], // 1
    ["b", [shape({ app: "web" })]], // 2
    ["b", [shape({ app: "webdb" })]], // 3
    ["c", [shape({ app: "web", tier: "back" })]], // 4
    ["c", [shape({})]], // 5
    ["z", [shape({ app: "web" })]], // 6
  ];
  const ALL = { selector: MATCH_ALL };
  const nsSel = (...r: Requirement[]) => ({ selector: sel(...r) });
  type Query = [string, Selector, { selector: Selector } | { name: string }, number[]];
  // In this order on one index: queries that a collided cache key would confuse follow each other.
  const queries: Query[] = [
    ["In, one value", sel(inn("app", "web")), ALL, [0, 2, 4]],
    ["In, another value", sel(inn("app", "db")), ALL, [1]],
    ["In, two values", sel(inn("app", "web", "db")), ALL, [0, 1, 2, 4]],
    ["In, the two values' concatenation", sel(inn("app", "webdb")), ALL, [3]],
    ["In, no class has the value", sel(inn("app", "nope")), ALL, []],
    ["In, no class has the key", sel(inn("nokey", "web")), ALL, []],
    ["NotIn", sel(notIn("app", "web")), ALL, [1, 3, 5]],
    ["NotIn, two values", sel(notIn("app", "web", "db")), ALL, [3, 5]],
    ["NotIn, no class has the value", sel(notIn("app", "nope")), ALL, [0, 1, 2, 3, 4, 5]],
    ["Exists", sel(exists("tier")), ALL, [0, 4]],
    ["Exists, no class has the key", sel(exists("nope")), ALL, []],
    ["DoesNotExist", sel(absent("tier")), ALL, [1, 2, 3, 5]],
    ["DoesNotExist, no class has the key", sel(absent("nope")), ALL, [0, 1, 2, 3, 4, 5]],
    ["two requirements", sel(exists("tier"), exists("app")), ALL, [0, 4]],
    ["one requirement whose key spells the two", sel(exists("tier\u0001Exists\u0001app")), ALL, []],
    ["In and Exists", sel(inn("app", "web"), exists("tier")), ALL, [0, 4]],
    ["In and DoesNotExist", sel(inn("app", "web"), absent("tier")), ALL, [2]],
    ["In and NotIn on one key", sel(inn("app", "web", "db"), notIn("app", "db")), ALL, [0, 2, 4]],
    ["empty selector, every listed namespace (not z)", MATCH_ALL, ALL, [0, 1, 2, 3, 4, 5]],
    ["empty selector, namespaces by label", MATCH_ALL, nsSel(inn("env", "prod")), [0, 1, 4, 5]],
    ["empty selector, namespaces by another label", MATCH_ALL, nsSel(exists("team")), [4, 5]],
    ["empty selector, namespaces by NotIn", MATCH_ALL, nsSel(notIn("env", "prod")), [2, 3]],
    ["pods and namespaces by label", sel(inn("app", "web")), nsSel(inn("env", "prod")), [0, 4]],
    ["pods and namespaces by label, no namespace matches", sel(inn("app", "web")), nsSel(inn("env", "qa")), []],
    ["empty selector, no namespace matches", MATCH_ALL, nsSel(inn("env", "qa")), []],
    ["namespace a by name, narrow", sel(inn("app", "db")), { name: "a" }, [1]],
    ["namespace a by name, everything (the narrow query left the namespace's set whole)", MATCH_ALL, { name: "a" }, [0, 1]],
    ["namespace c by name", sel(inn("app", "web")), { name: "c" }, [4]],
    ["namespace b by name", sel(inn("app", "web")), { name: "b" }, [2]],
    ["an unlisted namespace by name", sel(inn("app", "web")), { name: "z" }, [6]],
    ["an unlisted namespace by name, everything", MATCH_ALL, { name: "z" }, [6]],
    ["an unknown namespace by name", MATCH_ALL, { name: "nope" }, []],
    ["a namespace by name, Exists", sel(exists("tier")), { name: "c" }, [4]],
    ["a namespace by name, DoesNotExist", sel(absent("tier")), { name: "c" }, [5]],
    ["a namespace by name, NotIn", sel(notIn("app", "db")), { name: "a" }, [0]],
  ];

  test.each(queries)("%s (on a fresh index)", (_name, pods, ns, expected) => {
    const idx = new ClassIndex(cluster(nss, workloads));
    const got = idx.select(pods, ns);
    expect(got.toArray()).toEqual(expected);
    expect(got.size).toBe(7);
  });

  test("the same queries in sequence on one index: cached results never leak between different selectors", () => {
    const idx = new ClassIndex(cluster(nss, workloads));
    for (const [name, pods, ns, expected] of queries) expect([name, idx.select(pods, ns).toArray()]).toEqual([name, expected]);
    // and once more, now answered from the cache
    for (const [name, pods, ns, expected] of queries) expect([name, idx.select(pods, ns).toArray()]).toEqual([name, expected]);
  });

  test.each([31, 32, 33, 64])("selectors over every namespace keep every one of %i classes (the index's last word)", (n) => {
    // Selecting in every namespace goes through the label index, whose sets start full: the last word keeps only the
    // bits of real classes, and all 32 when the class count is a multiple of 32.
    const two: Namespace[] = [
      { name: "a", labels: {} },
      { name: "b", labels: {} },
    ];
    const pods = range(n).map((i): readonly [string, readonly PodShape[]] => [i % 2 === 0 ? "a" : "b", [shape({ app: `w${i}`, tier: "web" })]]);
    const idx = new ClassIndex(cluster(two, pods));
    expect(idx.size).toBe(n);
    expect(idx.select(sel(exists("tier")), { selector: MATCH_ALL }).toArray()).toEqual(range(n));
    expect(idx.select(sel(notIn("tier", "db")), { selector: MATCH_ALL }).toArray()).toEqual(range(n));
    expect(idx.select(sel(absent("tier")), { selector: MATCH_ALL }).toArray()).toEqual([]);
  });

  test("repeated queries return the same shared set", () => {
    const idx = new ClassIndex(cluster(nss, workloads));
    for (const [, pods, ns] of queries) {
      const first = idx.select(pods, ns);
      expect(idx.select(pods, ns)).toBe(first);
      // an equal selector built anew is the same query
      expect(idx.select({ requirements: pods.requirements.map((r) => ({ ...r })) }, "name" in ns ? { name: ns.name } : { selector: { requirements: [...ns.selector.requirements] } })).toBe(first);
    }
  });

  test("when every namespace is listed, a namespace selector matching all of them selects by pod labels alone", () => {
    const idx = new ClassIndex(cluster(nss, workloads.slice(0, 6)));
    expect(idx.select(sel(inn("app", "web")), ALL).toArray()).toEqual([0, 2, 4]);
    expect(idx.select(MATCH_ALL, nsSel(exists("env"))).toArray()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(idx.select(sel(absent("app")), nsSel(exists("env"))).toArray()).toEqual([5]);
  });

  test("a class in a namespace that has no classes of its own elsewhere is found by name after listed ones", () => {
    // z's classes come first here; the listed namespaces still keep their own sets
    const idx = new ClassIndex(cluster(nss, [["z", [shape({ app: "web" })]], ["a", [shape({ app: "web" })]], ["z", [shape({ app: "db" })]]]));
    expect(idx.select(MATCH_ALL, { name: "z" }).toArray()).toEqual([0, 2]);
    expect(idx.select(MATCH_ALL, { name: "a" }).toArray()).toEqual([1]);
    expect(idx.select(MATCH_ALL, { name: "b" }).toArray()).toEqual([]);
    expect(idx.select(MATCH_ALL, ALL).toArray()).toEqual([1]);
  });

  test("key=value and key index entries are cached apart, even for label keys holding '=' or '?'", () => {
    // label "?x"="y" is indexed as `?x=y` (key=value); label "x=y" is indexed by key as `x=y`
    // label "a"="b" is indexed as `a=b`; label "=a=b" is indexed by key as `=a=b`
    const idx = new ClassIndex(cluster([], [["n", [shape({ "?x": "y" })]], ["n", [shape({ "x=y": "1" })]], ["n", [shape({ a: "b" })]], ["n", [shape({ "=a=b": "1" })]]]));
    expect(idx.select(sel(inn("?x", "y")), { name: "n" }).toArray()).toEqual([0]);
    expect(idx.select(sel(exists("x=y")), { name: "n" }).toArray()).toEqual([1]);
    expect(idx.select(sel(exists("=a=b")), { name: "n" }).toArray()).toEqual([3]);
    expect(idx.select(sel(inn("a", "b")), { name: "n" }).toArray()).toEqual([2]);
    expect(idx.select(sel(absent("x=y")), { name: "n" }).toArray()).toEqual([0, 2, 3]);
    expect(idx.select(sel(notIn("?x", "y")), { name: "n" }).toArray()).toEqual([1, 2, 3]);
  });

  test("selects at more than 32 classes (several bitset words)", () => {
    const many: Array<readonly [string, PodShape[]]> = range(70).map((i) => [i % 2 === 0 ? "a" : "b", [shape({ i: String(i), parity: String(i % 2) })]]);
    const idx = new ClassIndex(cluster(nss, many));
    expect(idx.select(sel(inn("parity", "1")), ALL).toArray()).toEqual(range(35).map((k) => 2 * k + 1));
    expect(idx.select(MATCH_ALL, { name: "a" }).toArray()).toEqual(range(35).map((k) => 2 * k));
    expect(idx.select(sel(inn("i", "31", "32", "33", "64", "69")), nsSel(inn("env", "prod"))).toArray()).toEqual([32, 64]);
    expect(idx.select(sel(notIn("i", "0", "69")), { name: "b" }).toArray()).toEqual(range(34).map((k) => 2 * k + 1));
  });
});

// ---------------------------------------------------------------------------
// Bitset and BitsetSlab

describe("Bitset at word boundaries", () => {
  test.each([
    [0, 0],
    [1, 1],
    [31, 1],
    [32, 1],
    [33, 2],
    [63, 2],
    [64, 2],
    [65, 3],
  ])("a set of %i bits has %i words", (size, words) => {
    expect(new Bitset(size).words.length).toBe(words);
    expect(Bitset.full(size).words.length).toBe(words);
  });

  test("full() sets exactly the first `size` bits, word by word", () => {
    expect([...Bitset.full(0).words]).toEqual([]);
    expect([...Bitset.full(1).words]).toEqual([1]);
    expect([...Bitset.full(31).words]).toEqual([0x7fffffff]);
    expect([...Bitset.full(32).words]).toEqual([0xffffffff]);
    expect([...Bitset.full(33).words]).toEqual([0xffffffff, 1]);
    expect([...Bitset.full(63).words]).toEqual([0xffffffff, 0x7fffffff]);
    expect([...Bitset.full(64).words]).toEqual([0xffffffff, 0xffffffff]);
    expect(Bitset.full(0).isEmpty()).toBe(true);
    expect(Bitset.full(0).toArray()).toEqual([]);
    expect(Bitset.full(32).toArray()).toEqual(range(32));
    expect(Bitset.full(64).toArray()).toEqual(range(64));
  });

  test("add and has address the right word and bit", () => {
    const b = new Bitset(65);
    for (const i of [33, 0, 64, 31, 63, 32]) b.add(i);
    expect([...b.words]).toEqual([0x80000001, 0x80000003, 1]);
    expect(range(65).filter((i) => b.has(i))).toEqual([0, 31, 32, 33, 63, 64]);
    b.add(31); // adding twice changes nothing
    expect([...b.words]).toEqual([0x80000001, 0x80000003, 1]);
  });

  test("members() lists the same members as forEach, growing a short buffer and reusing a long one", () => {
    const b = new Bitset(100);
    for (const i of [99, 64, 31, 5, 63, 32, 0, 95]) b.add(i);
    const short = new Int32Array(2);
    const grown = b.members(short);
    expect(grown.count).toBe(8);
    expect([...grown.list.subarray(0, grown.count)]).toEqual([0, 5, 31, 32, 63, 64, 95, 99]);
    expect(grown.list).not.toBe(short);
    const long = new Int32Array(32).fill(-7);
    const reused = b.members(long);
    expect(reused.list).toBe(long);
    expect([...long.subarray(0, 9)]).toEqual([0, 5, 31, 32, 63, 64, 95, 99, -7]);
    expect(new Bitset(40).members(long).count).toBe(0);
  });

  test("forEach visits members in increasing order, including bit 31 of a word", () => {
    const b = new Bitset(100);
    for (const i of [99, 64, 31, 5, 63, 32, 0, 95]) b.add(i);
    const seen: number[] = [];
    b.forEach((i) => seen.push(i));
    expect(seen).toEqual([0, 5, 31, 32, 63, 64, 95, 99]);
    expect(b.toArray()).toEqual(seen);
    const only31 = new Bitset(32);
    only31.add(31);
    expect(only31.toArray()).toEqual([31]);
  });

  test("isEmpty looks at every word", () => {
    for (const i of [0, 31, 32, 40, 63, 64]) {
      const b = new Bitset(65);
      expect(b.isEmpty()).toBe(true);
      b.add(i);
      expect(b.isEmpty()).toBe(false);
    }
  });

  test("or, and and andNot work in place, return the receiver and leave the argument alone", () => {
    const a = new Bitset(66);
    const b = new Bitset(66);
    for (const i of [1, 31, 32, 65]) a.add(i);
    for (const i of [31, 33, 65]) b.add(i);
    const before = b.toArray();
    const u = a.clone();
    expect(u.or(b)).toBe(u);
    expect(u.toArray()).toEqual([1, 31, 32, 33, 65]);
    const n = a.clone();
    expect(n.and(b)).toBe(n);
    expect(n.toArray()).toEqual([31, 65]);
    const d = a.clone();
    expect(d.andNot(b)).toBe(d);
    expect(d.toArray()).toEqual([1, 32]);
    expect(b.toArray()).toEqual(before);
    expect(a.toArray()).toEqual([1, 31, 32, 65]);
  });

  test("a clone has the same size and members and is independent of the original", () => {
    const a = new Bitset(40);
    a.add(3);
    a.add(35);
    const c = a.clone();
    expect(c).not.toBe(a);
    expect(c.size).toBe(40);
    expect(c.toArray()).toEqual([3, 35]);
    c.add(36);
    a.add(4);
    expect(a.toArray()).toEqual([3, 4, 35]);
    expect(c.toArray()).toEqual([3, 35, 36]);
  });
});

describe("BitsetSlab", () => {
  test("sets are carved one after another from a shared buffer, and a new buffer, twice as large, starts when one is full", () => {
    const slab = new BitsetSlab(33, 2); // two words per set, two sets in the first buffer
    const sets = range(7).map(() => slab.take());
    const [s0, s1, s2, s3, s4, s5, s6] = sets;
    expect(s0!.words.buffer).toBe(s1!.words.buffer);
    expect(s1!.words.buffer).not.toBe(s2!.words.buffer);
    for (const s of [s3!, s4!, s5!]) expect(s.words.buffer).toBe(s2!.words.buffer);
    expect(s5!.words.buffer).not.toBe(s6!.words.buffer);
    expect(sets.map((s) => s.words.byteOffset)).toEqual([0, 8, 0, 8, 16, 24, 0]);
    expect([s0!, s2!, s6!].map((s) => s.words.buffer.byteLength)).toEqual([16, 32, 64]);
    for (const s of sets) {
      expect(s.size).toBe(33);
      expect(s.words.length).toBe(2);
    }
    s0!.add(32);
    s1!.add(0);
    expect(s0!.toArray()).toEqual([32]);
    expect(s1!.toArray()).toEqual([0]);
  });

  test("sets from a default slab never overlap, across however many buffers it starts", () => {
    // The buffer size is a tuning choice; what must hold is that every set owns its own words.
    const slab = new BitsetSlab(40);
    const sets = range(600).map(() => slab.take());
    sets.forEach((b, i) => b.add(i % 40));
    sets.forEach((b, i) => expect(b.toArray()).toEqual([i % 40]));
  });
});

// ---------------------------------------------------------------------------
// AddressSpace

const MAX4 = (1n << 32n) - 1n;
const MAX6 = (1n << 128n) - 1n;
const v4 = (a: string, b: string = a): IpRange => ({ version: 4, start: ip4(a), end: ip4(b) });
const v6 = (start: bigint, end: bigint): IpRange => ({ version: 6, start, end });
function ip4(s: string): bigint {
  return s.split(".").reduce((acc, part) => (acc << 8n) + BigInt(Number(part)), 0n);
}
const spansOf = (space: AddressSpace): IpRange[] => range(space.size).map((i) => space.span(i));
const F6 = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";

describe("AddressSpace", () => {
  test("nothing mentioned: one range per family", () => {
    const space = new AddressSpace([]);
    expect(space.size).toBe(2);
    expect(spansOf(space)).toEqual([v4("0.0.0.0", "255.255.255.255"), v6(0n, MAX6)]);
    expect(space.ranges).toEqual([
      { id: "0.0.0.0-255.255.255.255[External]", version: 4, first: "0.0.0.0", last: "255.255.255.255" },
      { id: `::-${F6}[External]`, version: 6, first: "::", last: F6 },
    ]);
  });

  test("/0 cuts nothing; neither does a range that ends at the family's last address add a cut past it", () => {
    const space = new AddressSpace([v4("0.0.0.0", "255.255.255.255"), v6(0n, MAX6)]);
    expect(spansOf(space)).toEqual([v4("0.0.0.0", "255.255.255.255"), v6(0n, MAX6)]);
    expect(space.within(v4("0.0.0.0", "255.255.255.255")).toArray()).toEqual([0]);
    expect(space.within(v6(0n, MAX6)).toArray()).toEqual([1]);
  });

  test("a /32 in the middle, at the first and at the last address", () => {
    expect(spansOf(new AddressSpace([v4("10.0.0.1")]))).toEqual([v4("0.0.0.0", "10.0.0.0"), v4("10.0.0.1"), v4("10.0.0.2", "255.255.255.255"), v6(0n, MAX6)]);
    expect(spansOf(new AddressSpace([v4("0.0.0.0")]))).toEqual([v4("0.0.0.0"), v4("0.0.0.1", "255.255.255.255"), v6(0n, MAX6)]);
    const last = new AddressSpace([v4("255.255.255.255")]);
    expect(spansOf(last)).toEqual([v4("0.0.0.0", "255.255.255.254"), v4("255.255.255.255"), v6(0n, MAX6)]);
    expect(last.ranges.map((r) => r.id)).toEqual(["0.0.0.0-255.255.255.254[External]", "255.255.255.255-255.255.255.255[External]", `::-${F6}[External]`]);
    expect(last.within(v4("255.255.255.255")).toArray()).toEqual([1]);
    expect(last.indexOf(4, MAX4)).toBe(1);
  });

  test("adjacent, overlapping, nested and repeated ranges, mentioned out of order", () => {
    const adjacentHigh = v4("10.0.0.128", "10.0.0.255");
    const adjacentLow = v4("10.0.0.0", "10.0.0.127");
    const overlapA = v4("10.0.1.0", "10.0.1.200");
    const overlapB = v4("10.0.1.100", "10.0.1.255");
    const outer = v4("20.0.0.0", "20.255.255.255");
    const inner = v4("20.1.0.0", "20.1.255.255");
    const space = new AddressSpace([inner, overlapB, adjacentHigh, outer, adjacentLow, overlapA, inner, adjacentHigh]);
    const expected = [
      v4("0.0.0.0", "9.255.255.255"), // 0
      v4("10.0.0.0", "10.0.0.127"), // 1
      v4("10.0.0.128", "10.0.0.255"), // 2
      v4("10.0.1.0", "10.0.1.99"), // 3
      v4("10.0.1.100", "10.0.1.200"), // 4
      v4("10.0.1.201", "10.0.1.255"), // 5
      v4("10.0.2.0", "19.255.255.255"), // 6
      v4("20.0.0.0", "20.0.255.255"), // 7
      v4("20.1.0.0", "20.1.255.255"), // 8
      v4("20.2.0.0", "20.255.255.255"), // 9
      v4("21.0.0.0", "255.255.255.255"), // 10
      v6(0n, MAX6), // 11
    ];
    expect(spansOf(space)).toEqual(expected);
    expect(space.ranges.map((r) => r.id).slice(0, 3)).toEqual(["0.0.0.0-9.255.255.255[External]", "10.0.0.0-10.0.0.127[External]", "10.0.0.128-10.0.0.255[External]"]);
    expect(space.within(adjacentLow).toArray()).toEqual([1]);
    expect(space.within(adjacentHigh).toArray()).toEqual([2]);
    expect(space.within(v4("10.0.0.0", "10.0.0.255")).toArray()).toEqual([1, 2]);
    expect(space.within(overlapA).toArray()).toEqual([3, 4]);
    expect(space.within(overlapB).toArray()).toEqual([4, 5]);
    expect(space.within(outer).toArray()).toEqual([7, 8, 9]);
    expect(space.within(inner).toArray()).toEqual([8]);
    expect(space.within(v4("0.0.0.0", "255.255.255.255")).toArray()).toEqual(range(11));
    // every span is found from its first and its last address, and its neighbours' addresses are not in it
    expected.forEach((s, i) => {
      expect(space.indexOf(s.version, s.start)).toBe(i);
      expect(space.indexOf(s.version, s.end)).toBe(i);
    });
    expect(space.indexOf(4, ip4("10.0.1.150"))).toBe(4);
  });

  test("IPv6 ranges are cut like IPv4 ones and listed after them; an address of one family is never found in the other", () => {
    const doc = v6(0x20010db8n << 96n, ((0x20010db8n + 1n) << 96n) - 1n); // 2001:db8::/32
    const loop = v6(1n, 1n); // ::1/128
    const space = new AddressSpace([doc, v4("1.2.3.4"), loop]);
    expect(spansOf(space)).toEqual([
      v4("0.0.0.0", "1.2.3.3"),
      v4("1.2.3.4"),
      v4("1.2.3.5", "255.255.255.255"),
      v6(0n, 0n),
      v6(1n, 1n),
      v6(2n, doc.start - 1n),
      v6(doc.start, doc.end),
      v6(doc.end + 1n, MAX6),
    ]);
    expect(space.ranges.slice(3).map((r) => r.id)).toEqual([
      "::-::[External]",
      "::1-::1[External]",
      "::2-2001:db7:ffff:ffff:ffff:ffff:ffff:ffff[External]",
      "2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff[External]",
      `2001:db9::-${F6}[External]`,
    ]);
    expect(space.ranges.map((r) => r.version)).toEqual([4, 4, 4, 6, 6, 6, 6, 6]);
    expect(space.indexOf(6, 0n)).toBe(3);
    expect(space.indexOf(6, 1n)).toBe(4);
    expect(space.indexOf(4, 0n)).toBe(0);
    expect(space.indexOf(4, ip4("1.2.3.4"))).toBe(1);
    expect(space.indexOf(6, MAX6)).toBe(7);
    expect(space.indexOf(6, ip4("1.2.3.4"))).toBe(5);
    expect(space.indexOf(4, MAX4 + 1n)).toBe(-1); // no IPv4 address is that large
    expect(space.within(doc).toArray()).toEqual([6]);
    expect(space.within(loop).toArray()).toEqual([4]);
    expect(space.within(v6(0n, doc.end)).toArray()).toEqual([3, 4, 5, 6]);
    expect(space.within(v4("1.2.3.4")).toArray()).toEqual([1]);
  });

  test("within adds to a given set and returns it; span returns a copy", () => {
    const space = new AddressSpace([v4("10.0.0.0", "10.0.0.255")]);
    const into = new Bitset(space.size);
    into.add(3);
    expect(space.within(v4("10.0.0.0", "10.0.0.255"), into)).toBe(into);
    expect(into.toArray()).toEqual([1, 3]);
    expect(space.within(v4("0.0.0.0", "9.255.255.255")).size).toBe(4);
    expect(space.within(v4("0.0.0.0", "9.255.255.255")).toArray()).toEqual([0]);
    expect(space.span(1)).toEqual({ version: 4, start: ip4("10.0.0.0"), end: ip4("10.0.0.255") });
    expect(space.span(1)).not.toBe(space.span(1));
  });

  test("a single-span space (by family) is searched correctly", () => {
    // the binary search must look at the only element of a one-element window
    const space = new AddressSpace([]);
    expect(space.indexOf(4, 0n)).toBe(0);
    expect(space.indexOf(4, MAX4)).toBe(0);
    expect(space.indexOf(6, 0n)).toBe(1);
    expect(space.indexOf(6, MAX6)).toBe(1);
  });
});

// ---------------------------------------------------------------------------
// ConnSet edges

describe("ConnSet at the edge ports", () => {
  test("ports 1 and 65535 round-trip through both text forms", () => {
    const s = ConnSet.ports("TCP", 1).union(ConnSet.ports("TCP", 65535)).union(ConnSet.ports("UDP", 1, 2)).union(ConnSet.ports("SCTP", 65534, 65535));
    expect(s.toString()).toBe("SCTP 65534-65535,TCP 1,65535,UDP 1-2");
    expect(s.toDisplayString()).toBe("SCTP 65534-65535;TCP 1,65535;UDP 1-2");
    expect(ConnSet.parse(s.toString())!.equals(s)).toBe(true);
    expect(ConnSet.parse(s.toDisplayString())!.equals(s)).toBe(true);
    expect(s.has("TCP", 1)).toBe(true);
    expect(s.has("TCP", 2)).toBe(false);
    expect(s.has("TCP", 65534)).toBe(false);
    expect(s.has("TCP", 65535)).toBe(true);
    expect(s.intervals("TCP")).toEqual([
      [1, 1],
      [65535, 65535],
    ]);
  });

  test("complement at the edges", () => {
    expect(ConnSet.ports("TCP", 1).complement().intervals("TCP")).toEqual([[2, 65535]]);
    expect(ConnSet.ports("TCP", 65535).complement().intervals("TCP")).toEqual([[1, 65534]]);
    expect(ConnSet.ports("TCP", 2, 65534).complement().intervals("TCP")).toEqual([
      [1, 1],
      [65535, 65535],
    ]);
    expect(ConnSet.protocol("UDP").complement().intervals("UDP")).toEqual([]);
    expect(ConnSet.empty.complement().isAll()).toBe(true);
    expect(ConnSet.all.complement().isEmpty()).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// Explanation text

const ref = (kind: string, name: string, namespace?: string) => ({ kind, name, ...(namespace !== undefined ? { namespace } : {}) });
const TCP80 = ConnSet.ports("TCP", 80);

function tier(t: TierTrace["tier"], o: Partial<Pick<TierTrace, "enabled" | "selects" | "hits">> = {}): TierTrace {
  return { tier: t, enabled: o.enabled ?? true, selects: o.selects ?? true, hits: o.hits ?? [], allowed: ConnSet.empty, denied: ConnSet.empty, passed: ConnSet.empty };
}
function hit(t: RuleHit["tier"], action: RuleHit["action"], policy: RuleHit["policy"], rule: string, decided: ConnSet): RuleHit {
  return { tier: t, policy, rule, action, decided };
}
function side(direction: SideTrace["direction"], allowed: ConnSet, tiers: TierTrace[]): SideTrace {
  return { direction, tiers, allowed };
}
function explanation(o: Partial<Explanation> & Pick<Explanation, "parts" | "allowed">): Explanation {
  return { src: "a/x[Pod]", dst: "b/y[Pod]", layers: ALL_LAYERS, ...o };
}

describe("explanationText", () => {
  const anpRef = ref("AdminNetworkPolicy", "guard", "ignored-ns");
  const banpRef = ref("BaselineAdminNetworkPolicy", "default", "ignored-ns");
  const npRef = ref("NetworkPolicy", "allow-web", "b");

  test("query lines name the deciding tier on each side", () => {
    const egress = side("egress", TCP80, [
      tier("AdminNetworkPolicy", { hits: [hit("AdminNetworkPolicy", "Pass", anpRef, "egress[0] pass", TCP80)] }),
      tier("NetworkPolicy", { selects: false }),
      tier("BaselineAdminNetworkPolicy", { hits: [hit("BaselineAdminNetworkPolicy", "Deny", banpRef, "egress[1] no", ConnSet.ports("TCP", 81))] }),
    ]);
    const ingress = side("ingress", TCP80, [
      tier("AdminNetworkPolicy", { enabled: false }),
      tier("NetworkPolicy", { hits: [hit("NetworkPolicy", "Allow", npRef, "ingress[0]", TCP80)] }),
    ]);
    const e = explanation({ query: { protocol: "TCP", port: 80 }, verdict: true, allowed: TCP80, parts: [{ srcPods: "0", dstPods: "0", egress, ingress, allowed: TCP80 }] });
    expect(explanationText(e)).toEqual([
      "a/x[Pod] -> b/y[Pod] 80/TCP: ALLOWED",
      "  egress of a/x[Pod]: TCP 80; 80/TCP allowed: no policy decides it",
      "    AdminNetworkPolicy: Pass TCP 80 by AdminNetworkPolicy guard egress[0] pass",
      "    NetworkPolicy: no policy selects this pod for egress; not isolated",
      "    BaselineAdminNetworkPolicy: Deny TCP 81 by BaselineAdminNetworkPolicy default egress[1] no",
      "  ingress of b/y[Pod]: TCP 80; 80/TCP allowed by NetworkPolicy b/allow-web ingress[0]",
      "    AdminNetworkPolicy: layer not counted (allows everything)",
      "    NetworkPolicy: allowed TCP 80 by NetworkPolicy b/allow-web ingress[0]",
      "  result: 80/TCP is allowed; all allowed: TCP 80",
    ]);
  });

  test("denials: an admin Deny, an isolating NetworkPolicy without a matching rule, and tiers that select nothing", () => {
    const egress = side("egress", ConnSet.empty, [
      tier("AdminNetworkPolicy", { hits: [hit("AdminNetworkPolicy", "Deny", anpRef, "egress[2] block", ConnSet.ports("UDP", 53))] }),
      tier("NetworkPolicy", { hits: [] }),
      tier("BaselineAdminNetworkPolicy", { selects: false }),
    ]);
    const ingress = side("ingress", ConnSet.all, [tier("AdminNetworkPolicy", { hits: [] }), tier("NetworkPolicy", { selects: false }), tier("BaselineAdminNetworkPolicy", { hits: [hit("BaselineAdminNetworkPolicy", "Allow", banpRef, "ingress[0] ok", ConnSet.all)] })]);
    const e = explanation({ query: { protocol: "UDP", port: 53 }, verdict: false, allowed: ConnSet.empty, parts: [{ srcPods: "0", dstPods: "0", egress, ingress, allowed: ConnSet.empty }] });
    expect(explanationText(e)).toEqual([
      "a/x[Pod] -> b/y[Pod] 53/UDP: DENIED",
      "  egress of a/x[Pod]: No Connections; 53/UDP denied by AdminNetworkPolicy guard egress[2] block",
      "    AdminNetworkPolicy: Deny UDP 53 by AdminNetworkPolicy guard egress[2] block",
      "    NetworkPolicy: isolated for egress, and no rule admits this peer: denied",
      "    BaselineAdminNetworkPolicy: no policy selects this pod",
      "  ingress of b/y[Pod]: All Connections; 53/UDP allowed by BaselineAdminNetworkPolicy default ingress[0] ok",
      "    AdminNetworkPolicy: no rule matches this peer",
      "    NetworkPolicy: no policy selects this pod for ingress; not isolated",
      "    BaselineAdminNetworkPolicy: Allow All Connections by BaselineAdminNetworkPolicy default ingress[0] ok",
      "  result: 53/UDP is denied; all allowed: No Connections",
    ]);
  });

  test("a NetworkPolicy that isolates without admitting the queried port; hits not covering the port are skipped", () => {
    const ingress = side("ingress", ConnSet.ports("TCP", 443), [
      tier("AdminNetworkPolicy", { hits: [hit("AdminNetworkPolicy", "Allow", anpRef, "ingress[0]", ConnSet.ports("TCP", 443))] }),
      tier("NetworkPolicy", { hits: [hit("NetworkPolicy", "Allow", npRef, "ingress[1]", ConnSet.ports("TCP", 8080))] }),
    ]);
    const e = explanation({ query: { protocol: "TCP", port: 80 }, verdict: false, allowed: ConnSet.ports("TCP", 443), parts: [{ srcPods: "0", dstPods: "0", ingress, allowed: ConnSet.ports("TCP", 443) }] });
    expect(explanationText(e)).toEqual([
      "a/x[Pod] -> b/y[Pod] 80/TCP: DENIED",
      "  egress: a/x[Pod] is outside the cluster; no policy restricts it",
      "  ingress of b/y[Pod]: TCP 443; 80/TCP denied: NetworkPolicy isolates this pod for ingress and no rule admits this peer on 80/TCP",
      "    AdminNetworkPolicy: Allow TCP 443 by AdminNetworkPolicy guard ingress[0]",
      "    NetworkPolicy: allowed TCP 8080 by NetworkPolicy b/allow-web ingress[1]",
      "  result: 80/TCP is denied; all allowed: TCP 443",
    ]);
  });

  test("a disabled tier is skipped when finding the deciding tier; a NetworkPolicy without namespace prints bare", () => {
    const bare = ref("NetworkPolicy", "np");
    const egress = side("egress", TCP80, [
      tier("AdminNetworkPolicy", { enabled: false, hits: [hit("AdminNetworkPolicy", "Deny", anpRef, "egress[0]", TCP80)] }),
      tier("NetworkPolicy", { enabled: false, hits: [hit("NetworkPolicy", "Allow", bare, "egress[0]", TCP80)] }),
      tier("BaselineAdminNetworkPolicy", { hits: [hit("BaselineAdminNetworkPolicy", "Allow", banpRef, "egress[0]", TCP80)] }),
    ]);
    const e = explanation({ query: { protocol: "TCP", port: 80 }, verdict: true, allowed: TCP80, parts: [{ srcPods: "0", dstPods: "0", egress, allowed: TCP80 }] });
    expect(explanationText(e).slice(1, 5)).toEqual([
      "  egress of a/x[Pod]: TCP 80; 80/TCP allowed by BaselineAdminNetworkPolicy default egress[0]",
      "    AdminNetworkPolicy: layer not counted (allows everything)",
      "    NetworkPolicy: layer not counted (allows everything)",
      "    BaselineAdminNetworkPolicy: Allow TCP 80 by BaselineAdminNetworkPolicy default egress[0]",
    ]);
    const np = side("egress", TCP80, [tier("NetworkPolicy", { hits: [hit("NetworkPolicy", "Allow", bare, "egress[3]", TCP80)] })]);
    expect(explanationText(explanation({ query: { protocol: "TCP", port: 80 }, verdict: true, allowed: TCP80, parts: [{ srcPods: "0", dstPods: "0", egress: np, allowed: TCP80 }] }))[1]).toBe(
      "  egress of a/x[Pod]: TCP 80; 80/TCP allowed by NetworkPolicy np egress[3]",
    );
  });

  test("without a query: the head shows what is allowed, and no side names a deciding tier", () => {
    const ingress = side("ingress", TCP80, [tier("NetworkPolicy", { hits: [hit("NetworkPolicy", "Allow", npRef, "ingress[0]", TCP80)] })]);
    const e = explanation({ allowed: TCP80, parts: [{ srcPods: "0", dstPods: "0", ingress, allowed: TCP80 }] });
    expect(explanationText(e)).toEqual([
      "a/x[Pod] -> b/y[Pod]: TCP 80",
      "  egress: a/x[Pod] is outside the cluster; no policy restricts it",
      "  ingress of b/y[Pod]: TCP 80",
      "    NetworkPolicy: allowed TCP 80 by NetworkPolicy b/allow-web ingress[0]",
    ]);
  });

  test("external to external, and a destination outside the cluster", () => {
    expect(explanationText(explanation({ src: "1.2.3.4", dst: "5.6.7.8", allowed: ConnSet.all, parts: [] }))).toEqual([
      "1.2.3.4 -> 5.6.7.8: All Connections",
      "  external to external traffic is not analysed",
    ]);
    const egress = side("egress", ConnSet.all, [tier("NetworkPolicy", { selects: false })]);
    expect(explanationText(explanation({ dst: "0.0.0.0-9.255.255.255[External]", allowed: ConnSet.all, parts: [{ srcPods: "0", dstPods: "0", egress, allowed: ConnSet.all }] }))).toEqual([
      "a/x[Pod] -> 0.0.0.0-9.255.255.255[External]: All Connections",
      "  egress of a/x[Pod]: All Connections",
      "    NetworkPolicy: no policy selects this pod for egress; not isolated",
      "  ingress: 0.0.0.0-9.255.255.255[External] is outside the cluster; no policy restricts it",
    ]);
  });

  test("several parts each get a heading line", () => {
    const e = explanation({
      allowed: TCP80,
      parts: [
        { srcPods: "pods 0", dstPods: "pods 1", allowed: TCP80 },
        { srcPods: "pods 2", dstPods: "pods 3", allowed: ConnSet.empty },
      ],
    });
    expect(explanationText(e)).toEqual([
      "a/x[Pod] -> b/y[Pod]: TCP 80",
      " pods 0 -> pods 1: TCP 80",
      "  egress: a/x[Pod] is outside the cluster; no policy restricts it",
      "  ingress: b/y[Pod] is outside the cluster; no policy restricts it",
      " pods 2 -> pods 3: No Connections",
      "  egress: a/x[Pod] is outside the cluster; no policy restricts it",
      "  ingress: b/y[Pod] is outside the cluster; no policy restricts it",
    ]);
  });

  test("Istio: not counted, unmeshed destination, mTLS modes, ALLOW and DENY hits", () => {
    const istio = (t: Partial<IstioTrace>): IstioTrace => ({ enabled: true, meshed: true, modes: [], hits: [], allowPoliciesApply: false, allowed: TCP80, ...t });
    const lines = (t: IstioTrace) => explanationText(explanation({ allowed: TCP80, parts: [{ srcPods: "0", dstPods: "0", istio: t, allowed: TCP80 }] })).slice(3);
    expect(lines(istio({ enabled: false }))).toEqual(["  Istio: layer not counted"]);
    expect(lines(istio({ enabled: false, meshed: false }))).toEqual(["  Istio: layer not counted"]);
    expect(lines(istio({ meshed: false }))).toEqual(["  Istio: destination has no sidecar; not enforced"]);
    expect(lines(istio({}))).toEqual(["  Istio (TCP only): TCP 80", "    no ALLOW policy applies to the destination"]);
    const az = ref("AuthorizationPolicy", "api", "crm");
    expect(
      lines(
        istio({
          allowed: ConnSet.ports("TCP", 8080),
          modes: [
            { mode: "STRICT", ports: TCP80, caller: "plaintext", refused: true },
            { mode: "PERMISSIVE", ports: ConnSet.ports("TCP", 8080), caller: "mtls", refused: false },
          ],
          allowPoliciesApply: true,
          hits: [
            { policy: az, rule: 0, action: "DENY", ports: ConnSet.ports("TCP", 9000) },
            { policy: az, rule: 2, action: "ALLOW", ports: ConnSet.ports("TCP", 8080) },
          ],
        }),
      ),
    ).toEqual([
      "  Istio (TCP only): TCP 8080",
      "    mTLS STRICT on TCP 80: caller is plaintext, refused (STRICT needs mTLS)",
      "    mTLS PERMISSIVE on TCP 8080: caller is mtls",
      "    DENY TCP 9000 by AuthorizationPolicy crm/api rules[0]",
      "    ALLOW TCP 8080 by AuthorizationPolicy crm/api rules[2]",
    ]);
    expect(lines(istio({ allowed: ConnSet.empty, allowPoliciesApply: true, hits: [{ policy: az, rule: 1, action: "DENY", ports: TCP80 }] }))).toEqual([
      "  Istio (TCP only): No Connections",
      "    ALLOW policies apply and none admits this caller: denied",
      "    DENY TCP 80 by AuthorizationPolicy crm/api rules[1]",
    ]);
  });
});

// ---------------------------------------------------------------------------
// Output formats, with names that need escaping

describe("formatConnectivity escaping and layout", () => {
  const wl = (id: string): Workload => ({ id, namespace: "n", name: id, kind: "Pod", labels: {}, podLabels: [], serviceAccount: "default", meshed: id.startsWith("m"), namedPorts: [] });
  const node = (id: string): Edge["src"] => ({ kind: "workload", id });
  const ext: Edge["dst"] = { kind: "external", range: { id: "1.0.0.0-1.0.0.255[External]", version: 4, first: "1.0.0.0", last: "1.0.0.255" } };
  const edges: Edge[] = [
    { src: node('q"x"'), dst: node("a,b"), conns: ConnSet.ports("TCP", 80).union(ConnSet.ports("TCP", 443)) },
    { src: node("p|i|pe"), dst: ext, conns: ConnSet.ports("UDP", 53) },
    { src: node("b\\s\\"), dst: node("line\nbreak"), conns: ConnSet.all },
  ];
  const workloads = [wl("a,b"), wl("b\\s\\"), wl("line\nbreak"), wl("lonely"), wl("m-meshed"), wl("p|i|pe"), wl('q"x"')];
  // formatConnectivity reads only these three members.
  const fake: Pick<Connectivity, "workloads" | "edges" | "lines"> = { workloads, edges: () => edges, lines: () => ["first line", "second line"] };
  const conn = fake as Connectivity;

  test("txt: one line each, newline-terminated", () => {
    expect(formatConnectivity(conn, "txt")).toBe("first line\nsecond line\n");
  });

  test("csv: cells holding a quote, a comma or a newline are quoted, quotes doubled", () => {
    expect(formatConnectivity(conn, "csv")).toBe(
      ["src,dst,conn", '"q""x""","a,b","TCP 80,443"', "p|i|pe,1.0.0.0-1.0.0.255[External],UDP 53", 'b\\s\\,"line\nbreak",All Connections', ""].join("\n"),
    );
  });

  test("md: every pipe is escaped", () => {
    expect(formatConnectivity(conn, "md")).toBe(
      [
        "| src | dst | conn |",
        "|---|---|---|",
        '| q"x" | a,b | TCP 80,443 |',
        "| p\\|i\\|pe | 1.0.0.0-1.0.0.255[External] | UDP 53 |",
        "| b\\s\\ | line\nbreak | All Connections |",
        "",
      ].join("\n"),
    );
  });

  test("dot: every backslash and quote escaped, each node once and sorted, edgeless workloads kept", () => {
    expect(formatConnectivity(conn, "dot")).toBe(
      [
        "digraph connectivity {",
        "  rankdir=LR;",
        '  "1.0.0.0-1.0.0.255[External]" [shape=diamond];',
        '  "a,b" [shape=box];',
        '  "b\\\\s\\\\" [shape=box];',
        '  "line\nbreak" [shape=box];',
        '  "lonely" [shape=box];',
        '  "m-meshed" [shape=box];',
        '  "p|i|pe" [shape=box];',
        '  "q\\"x\\"" [shape=box];',
        '  "q\\"x\\"" -> "a,b" [label="TCP 80,443"];',
        '  "p|i|pe" -> "1.0.0.0-1.0.0.255[External]" [label="UDP 53"];',
        '  "b\\\\s\\\\" -> "line\nbreak" [label="All Connections"];',
        "}",
        "",
      ].join("\n"),
    );
  });

  test("json: two-space indentation, workloads' public fields only, newline-terminated", () => {
    const text = formatConnectivity(conn, "json");
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.startsWith('{\n  "workloads": [\n    {\n      "id": "a,b",\n      "namespace": "n",\n      "name": "a,b",\n      "kind": "Pod",\n      "meshed": false\n    },')).toBe(true);
    const parsed: unknown = JSON.parse(text);
    expect(parsed).toEqual({
      workloads: workloads.map((w) => ({ id: w.id, namespace: "n", name: w.id, kind: "Pod", meshed: w.id === "m-meshed" })),
      connections: [
        { src: 'q"x"', dst: "a,b", conn: "TCP 80,443" },
        { src: "p|i|pe", dst: "1.0.0.0-1.0.0.255[External]", conn: "UDP 53" },
        { src: "b\\s\\", dst: "line\nbreak", conn: "All Connections" },
      ],
    });
  });
});

// ---------------------------------------------------------------------------
// Selectors at the edges

describe("selector edge cases", () => {
  test("In and NotIn with no values, and label values that are empty", () => {
    expect(matches(sel(inn("app")), { app: "web" })).toBe(false);
    expect(matches(sel(notIn("app")), { app: "web" })).toBe(true);
    expect(matches(sel(inn("app", "")), { app: "" })).toBe(true);
    expect(matches(sel(inn("app", "")), {})).toBe(false);
    expect(matches(sel(notIn("app", "")), { app: "" })).toBe(false);
    expect(matches(sel(notIn("app", "")), {})).toBe(true);
    expect(matches(sel(exists("app")), { app: "" })).toBe(true);
    expect(matches(sel(absent("app")), { app: "" })).toBe(false);
    expect(matches(sel(absent("app")), { other: "x" })).toBe(true);
    expect(matches(sel(exists("other"), absent("app")), { other: "x" })).toBe(true);
  });

  test("formatSelector: one value reads as key=value, none or several as a set", () => {
    expect(formatSelector(sel(inn("a", "1")))).toBe("a=1");
    expect(formatSelector(sel(inn("a")))).toBe("a in ()");
    expect(formatSelector(sel(inn("a", "1", "2", "3")))).toBe("a in (1,2,3)");
    expect(formatSelector(sel(notIn("a", "1")))).toBe("a notin (1)");
    expect(formatSelector(sel(notIn("a", "1", "2")))).toBe("a notin (1,2)");
    expect(formatSelector(MATCH_ALL)).toBe("{}");
    expect(formatSelector(sel(exists("a"), absent("b")))).toBe("a,!b");
  });
});
