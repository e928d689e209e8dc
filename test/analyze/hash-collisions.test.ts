/**
 * The analysis keys several caches by a hash of small integers and compares
 * the keys in full within a bucket (int-hash.ts): the class index's classes
 * and port profiles, the policy compiler's range-set ids, the engine's source
 * representatives and range-verdict cache, and the searches that paths from
 * each source share by adjacency.
 * A hash that collides must change nothing. Here every hash collides: the
 * analysis is loaded again with int-hash's hash functions returning 0, and
 * its every edge, its source representatives and its paths must equal
 * those of the real analysis, on the bench's small generated cluster (a few
 * hundred classes, ipBlocks with excepts, named ports, planted vendor paths).
 */
import fc from "fast-check";
import * as Analyze from "../../src/core/analyze";
import { ClassIndex } from "../../src/core/analyze/classes";
import type { NamedPort, PodShape, WorkloadSource } from "../../src/core/analyze/model";
import { Engine } from "../../src/core/analyze/engine";
import * as IntHash from "../../src/core/analyze/int-hash";
import { generateCluster, SENSITIVE_LABEL, TRUST_LABEL } from "../../src/bench/generate";

type AnalyzeModule = typeof Analyze;

const colliding = { calls: 0 };

/** The analysis modules loaded afresh, with every hash 0 (and counted, so the test knows the mock was used). */
interface Colliding {
  analyze: AnalyzeModule;
  engine: typeof Engine;
  classIndex: typeof ClassIndex;
  hash: typeof IntHash;
}

function loadColliding(): Colliding {
  let loaded: Colliding | undefined;
  jest.isolateModules(() => {
    jest.doMock("../../src/core/analyze/int-hash", () => {
      const actual = jest.requireActual<typeof IntHash>("../../src/core/analyze/int-hash");
      return {
        ...actual,
        hashStep: () => {
          colliding.calls++;
          return 0;
        },
        hashInts: () => {
          colliding.calls++;
          return 0;
        },
      };
    });
    /* eslint-disable @typescript-eslint/no-require-imports -- a second copy of the modules, under the mock */
    loaded = {
      analyze: require("../../src/core/analyze") as AnalyzeModule,
      engine: (require("../../src/core/analyze/engine") as { Engine: typeof Engine }).Engine,
      classIndex: (require("../../src/core/analyze/classes") as { ClassIndex: typeof ClassIndex }).ClassIndex,
      hash: require("../../src/core/analyze/int-hash") as typeof IntHash,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
  });
  return loaded!;
}

const generated = generateCluster({ size: "S", seed: 7 });
const docs = generated.objects.map((object, index) => ({ file: "generated.yaml", index, object }));

function clusterOf(m: AnalyzeModule): Analyze.Cluster {
  const built = m.buildCluster(docs);
  expect(built.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return built.cluster;
}

const NETWORK_POLICY_ONLY: Analyze.LayerSelection = { ...Analyze.ALL_LAYERS, adminNetworkPolicy: false, baselineAdminNetworkPolicy: false, istio: "off" };

/** Paths from each vendor-namespace workload (one group each, so lone roots share searches) to the sensitive ones. */
function vendorPaths(m: AnalyzeModule, cluster: Analyze.Cluster): string[] {
  const conn = m.analyze(cluster);
  const ns = (id: string) => id.split("/")[0]!;
  const labelled = (key: string, value?: string) => new Set(cluster.namespaces.filter((n) => (value === undefined ? n.labels[key] !== undefined : n.labels[key] === value)).map((n) => n.name));
  const vendor = labelled(TRUST_LABEL, "vendor");
  const sensitive = labelled(SENSITIVE_LABEL);
  const sources = conn.workloads.filter((w) => vendor.has(ns(w.id)));
  const found = conn.pathsFromEach(
    sources.map((w) => [{ kind: "workload", id: w.id }]),
    { through: (n) => n.kind === "workload", targets: (n) => n.kind === "workload" && sensitive.has(ns(n.id)) },
  );
  const name = (n: Analyze.Node) => (n.kind === "workload" ? n.id : n.range.id);
  return found.flatMap((paths, i) => [...paths].map(([t, hops]) => `${sources[i]!.id} => ${t}: ${hops.map((e) => `${name(e.src)} -> ${name(e.dst)} (${e.conns.toString()})`).join(", ")}`));
}

describe("with every hash colliding, the analysis is unchanged", () => {
  const mocked = loadColliding();
  const real = clusterOf(Analyze);
  const collided = clusterOf(mocked.analyze);

  test("the mock is the one in use: every key hashes alike", () => {
    expect(mocked.hash.hashInts([1, 2, 3])).toBe(mocked.hash.hashInts([4]));
    expect(IntHash.hashInts([1, 2, 3])).not.toBe(IntHash.hashInts([4]));
  });

  test("every edge, to workloads and external ranges, under every layer and NetworkPolicy alone", () => {
    const before = colliding.calls;
    const lines = mocked.analyze.analyze(collided).lines();
    expect(colliding.calls).toBeGreaterThan(before);
    expect(lines.length).toBeGreaterThan(1000);
    expect(lines).toEqual(Analyze.analyze(real).lines());
    expect(mocked.analyze.analyze(collided, { layers: NETWORK_POLICY_ONLY }).lines()).toEqual(Analyze.analyze(real, { layers: NETWORK_POLICY_ONLY }).lines());
  });

  test("the same source representatives (classes share a row only when every input of it is equal)", () => {
    const want = new Engine(real).sourceRepresentatives();
    const got = new mocked.engine(collided).sourceRepresentatives();
    expect(Array.from(got)).toEqual(Array.from(want));
    // Not trivially: some classes share a representative, most do not.
    const distinct = new Set(want).size;
    expect(distinct).toBeLessThan(want.length);
    expect(distinct).toBeGreaterThan(want.length / 4);
  });

  test("the same paths from each vendor workload, shared searches included", () => {
    const want = vendorPaths(Analyze, real);
    expect(want.length).toBeGreaterThan(0);
    expect(vendorPaths(mocked.analyze, collided)).toEqual(want);
  });
});

describe("with every hash colliding, pods fall into the same classes", () => {
  const { classIndex: CollidingIndex } = loadColliding();
  const INJECT = "sidecar.istio.io/inject";
  const ports: Record<string, NamedPort> = { h: { name: "http", protocol: "TCP", port: 80 }, g: { name: "grpc", protocol: "TCP", port: 81 }, u: { name: "http", protocol: "UDP", port: 80 } };
  const pod = fc.record({
    labels: fc.dictionary(fc.constantFrom("app", "tier", "v", "__proto__"), fc.constantFrom("a", "b", ""), { maxKeys: 3 }),
    sa: fc.constantFrom("default", "api"),
    inject: fc.constantFrom(undefined, "true", "false"),
    ports: fc.array(fc.constantFrom("h", "g", "u"), { maxLength: 2 }),
  });
  // Pods drawn from a small pool per run, so that equal pods (labels in either order) and pods differing in one field both occur.
  const workloads = fc
    .tuple(fc.array(pod, { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(fc.constantFrom("a", "m"), fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 8 }))
    .map(([pool, ws]) => ws.map(([ns, picks]) => [ns, picks.map(([i, reversed]) => reorder(pool[i % pool.length]!, reversed))] as const));

  function reorder<P extends { labels: Record<string, string> }>(p: P, reversed: boolean): P {
    if (!reversed) return p;
    const labels: Record<string, string> = {};
    for (const k of Object.keys(p.labels).reverse()) Object.defineProperty(labels, k, { value: p.labels[k], enumerable: true, writable: true, configurable: true });
    return { ...p, labels };
  }

  function clusterOf(ws: readonly (readonly [string, readonly { labels: Record<string, string>; sa: string; inject: string | undefined; ports: string[] }[]])[]): Analyze.Cluster {
    const sources: WorkloadSource[] = ws.map(([ns, pods], i) => ({
      id: `${ns}/w${i}[Pod]`,
      namespace: ns,
      name: `w${i}`,
      kind: "Pod",
      pods: pods.map(
        (p): PodShape => ({ labels: p.labels, annotations: p.inject === undefined ? {} : { [INJECT]: p.inject }, namedPorts: p.ports.map((k) => ports[k]!), serviceAccount: p.sa, hostNetwork: false }),
      ),
    }));
    return {
      trustDomain: "cluster.local",
      istioRootNamespace: "istio-system",
      namespaces: [
        { name: "a", labels: {} },
        { name: "m", labels: { "istio-injection": "enabled" } },
      ],
      workloads: sources,
      networkPolicies: [],
      adminPolicies: [],
      peerAuthentications: [],
      authorizationPolicies: [],
    };
  }

  test("classes, their port profiles and each workload's classes equal the real index's", () => {
    let merged = 0;
    fc.assert(
      fc.property(workloads, (ws) => {
        const cluster = clusterOf(ws);
        const real = new ClassIndex(cluster);
        const collided = new CollidingIndex(cluster);
        expect(collided.classes).toEqual(real.classes);
        expect(collided.workloadClasses).toEqual(real.workloadClasses);
        const pods = ws.reduce((n, [, p]) => n + p.length, 0);
        if (real.size < pods) merged++;
      }),
      { numRuns: 400 },
    );
    // Not vacuous: pods often share a class, across workloads and within one.
    expect(merged).toBeGreaterThan(100);
  });
});
