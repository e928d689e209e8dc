/**
 * The analysis keys several caches by a hash of small integers and compares
 * the keys in full within a bucket (int-hash.ts): the policy compiler's
 * range-set ids, the engine's source representatives and range-verdict
 * cache, and the searches that paths from each source share by adjacency.
 * A hash that collides must change nothing. Here every hash collides: the
 * analysis is loaded again with int-hash's hash functions returning 0, and
 * its every edge, its source representatives and its paths must equal
 * those of the real analysis, on the bench's small generated cluster (a few
 * hundred classes, ipBlocks with excepts, named ports, planted vendor paths).
 */
import * as Analyze from "../../src/core/analyze";
import { Engine } from "../../src/core/analyze/engine";
import * as IntHash from "../../src/core/analyze/int-hash";
import { generateCluster, SENSITIVE_LABEL, TRUST_LABEL } from "../../src/bench/generate";

type AnalyzeModule = typeof Analyze;

const colliding = { calls: 0 };

/** The analysis modules loaded afresh, with every hash 0 (and counted, so the test knows the mock was used). */
function loadColliding(): { analyze: AnalyzeModule; engine: typeof Engine; hash: typeof IntHash } {
  let loaded: { analyze: AnalyzeModule; engine: typeof Engine; hash: typeof IntHash } | undefined;
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
