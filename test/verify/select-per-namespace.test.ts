/**
 * checkNoPath asks the classification's selector once per run of workloads in
 * one namespace (a selector without services picks workloads by namespace
 * alone). The shortcut must change nothing: the same check with the same
 * test asked for every node (a custom select, which gets no shortcut) gives
 * the same result, on random clusters, classifications and selectors.
 */
import fc from "fast-check";
import { buildCluster } from "../../src/core/analyze";
import type { Selector } from "../../src/model/schema";
import { LAYER_SELECTIONS, makeView } from "../../src/core/verify";
import { type Classification, type NamespaceClass, selects } from "../../src/core/verify/classify";
import { checkNoPath } from "../../src/core/verify/invariants";
import { clusterArb } from "../support/arbitraries";

const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;
const TRUSTS = ["internal", "vendor", "external"] as const;

const selectorArb = (services: readonly string[]): fc.Arbitrary<Selector> =>
  fc.oneof(
    fc.record({ trust: fc.subarray([...TRUSTS], { minLength: 1 }) }),
    fc.record({ sensitive: fc.boolean() }),
    fc.record({ services: fc.subarray([...services, "nowhere/none"], { minLength: 1 }) }),
    fc.record({ services: fc.subarray([...services, "nowhere/none"], { minLength: 1 }), trust: fc.subarray([...TRUSTS], { minLength: 1 }) }),
  );

test(`selecting per namespace run gives what selecting per node gives (seed ${SEED})`, () => {
  let services = 0;
  let failing = 0;
  fc.assert(
    fc.property(clusterArb, fc.infiniteStream(fc.tuple(fc.constantFrom(...TRUSTS), fc.boolean(), fc.boolean())), fc.nat(), (objects, draws, pick) => {
      const cluster = buildCluster(objects.map((object, index) => ({ file: "gen.yaml", index, object }))).cluster;
      const it = draws[Symbol.iterator]();
      const namespaces = new Map<string, NamespaceClass>();
      for (const n of cluster.namespaces) {
        const [trust, sensitive] = it.next().value as [(typeof TRUSTS)[number], boolean, boolean];
        namespaces.set(n.name, { namespace: n.name, trust, sensitive, dataClasses: [], zone: n.name });
      }
      // Some workloads are services, so two workloads of one namespace can be told apart.
      const serviceOf = new Map<string, string>();
      for (const w of cluster.workloads) if ((it.next().value as [unknown, boolean, boolean])[2]) serviceOf.set(w.id, `${w.namespace}/${w.name}`);
      const classification: Classification = { namespaces, externals: [], services: serviceOf };
      const names = [...serviceOf.values()];
      const [from, to] = fc.sample(fc.tuple(selectorArb(names), selectorArb(names)), { seed: pick, numRuns: 1 })[0]!;
      if (from.services || to.services) services++;
      const views = new Map([["combined" as const, makeView(cluster, LAYER_SELECTIONS.combined)]]);
      const inv = { id: "np", origin: "invariants[0]", kind: "noPath" as const, from, to };
      const shortcut = checkNoPath(inv, { classification, views, exceptions: [] });
      const perNode = checkNoPath(inv, { classification, views, exceptions: [], select: (sel, node) => selects(classification, sel, node) });
      if (shortcut.status === "fails") failing++;
      expect(JSON.stringify(shortcut)).toEqual(JSON.stringify(perNode));
    }),
    { numRuns: 150, seed: SEED },
  );
  // Not vacuous: selectors naming services, and checks that find paths.
  expect(services).toBeGreaterThan(20);
  expect(failing).toBeGreaterThan(10);
});
