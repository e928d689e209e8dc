/**
 * Property: on random small clusters the fast analyzer and the independent
 * reference evaluator agree on every ordered workload pair, protocol and
 * interesting port, and on sample external addresses in both directions,
 * for the full layer selection and for one single layer per cluster.
 * Seed: FC_SEED (printed on failure so a run can be replayed).
 */
// @ts-nocheck

import fc from "fast-check";
import { analyze, buildCluster, type LayerSelection } from "../../src/core/analyze";
import { prepareReference, type Protocol, type RefPeer } from "../../src/core/reference";
import { clusterArb, interestingPorts, SAMPLE_ADDRESSES } from "../support/arbitraries";

const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;
const NUM_RUNS = process.env.FC_RUNS !== undefined ? Number(process.env.FC_RUNS) : 1000;
const PROTOCOLS: Protocol[] = ["TCP", "UDP", "SCTP"];

const FULL: LayerSelection = { adminNetworkPolicy: true, networkPolicy: true, baselineAdminNetworkPolicy: true, istio: "full" };
const NONE: LayerSelection = { adminNetworkPolicy: false, networkPolicy: false, baselineAdminNetworkPolicy: false, istio: "off" };
const SINGLE_LAYERS: Record<string, LayerSelection> = {
  adminNetworkPolicy: { ...NONE, adminNetworkPolicy: true },
  networkPolicy: { ...NONE, networkPolicy: true },
  baselineAdminNetworkPolicy: { ...NONE, baselineAdminNetworkPolicy: true },
  istio: { ...NONE, istio: "full" },
  istioDenyOnly: { ...NONE, istio: "denyOnly" },
};

/** The first disagreement between the two evaluators, or undefined. */
function firstDisagreement(objects: Record<string, unknown>[], layerName: string, layers: LayerSelection): string | undefined {
  const { cluster } = buildCluster(objects.map((object, index) => ({ file: "gen.yaml", index, object })));
  const fast = analyze(cluster, { layers });
  const reference = prepareReference(objects);
  const ids = reference.workloads();
  const fastIds = fast.workloads.map((w) => w.id).sort();
  if (JSON.stringify(ids) !== JSON.stringify(fastIds)) return `workloads differ: reference ${ids.join(" ")} / fast ${fastIds.join(" ")}`;

  const workloads: RefPeer[] = ids.map((id) => ({ kind: "workload", id }));
  const addresses: RefPeer[] = SAMPLE_ADDRESSES.map((address) => ({ kind: "ip", address }));
  const pairs: Array<[RefPeer, RefPeer]> = [];
  for (const a of workloads) for (const b of workloads) if (a !== b) pairs.push([a, b]);
  for (const w of workloads) for (const ip of addresses) pairs.push([w, ip], [ip, w]);

  const ports = interestingPorts(objects);
  const name = (p: RefPeer) => (p.kind === "ip" ? p.address : p.id);
  for (const [src, dst] of pairs) {
    for (const protocol of PROTOCOLS) {
      for (const port of ports) {
        const want = reference.allows(src, dst, protocol, port, { layers });
        const got = fast.allows(src, dst, protocol, port);
        if (want !== got) return `[${layerName}] ${name(src)} -> ${name(dst)} ${protocol}/${port}: reference ${want}, fast ${got}`;
      }
    }
  }
  return undefined;
}

test(`fast analyzer agrees with the reference on ${NUM_RUNS} random clusters (seed ${SEED})`, () => {
  const layerName = fc.constantFrom(...Object.keys(SINGLE_LAYERS));
  const result = fc.check(
    fc.property(clusterArb, layerName, (objects, single) => {
      const problem = firstDisagreement(objects, "full", FULL) ?? firstDisagreement(objects, single, SINGLE_LAYERS[single] ?? FULL);
      if (problem !== undefined) throw new Error(problem);
    }),
    { numRuns: NUM_RUNS, seed: SEED },
  );
  if (result.failed) {
    const counterexample = result.counterexample ? JSON.stringify(result.counterexample[0]) : "(none)";
    throw new Error(
      `property failed with FC_SEED=${SEED} (path ${result.counterexamplePath ?? "?"}): ${String(result.errorInstance)}\ncounterexample cluster: ${counterexample}`,
    );
  }
});
