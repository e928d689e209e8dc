/**
 * Proof that a vendor is cut off: in every enforcement layer, no path (any
 * number of hops, any port) from its zones and address sets to the rest of
 * the cluster, none from anywhere into its zones, and no workload opening a
 * connection to its address sets. Each layer is judged within its scope, as
 * the noPath invariants are.
 */
// @ts-nocheck

import { LAYER_NAMES, type LayerName, type PathViolation } from "../verify/report";
import { attributeRange, type NodeInfo } from "../verify/classify";
import { expectNoPath, type SegmentationModel } from "../verify/expectations";

export interface LayerIsolation {
  readonly layer: LayerName;
  readonly isolated: boolean;
  /** Paths out of the vendor's endpoints, then paths into its workloads. */
  readonly paths: readonly PathViolation[];
  /** Workloads that may open connections to the vendor's address sets: `workload -> range`. */
  readonly exits: readonly string[];
}

export interface IsolationReport {
  readonly vendor: string;
  /** The vendor's analysed endpoints (workload and address range ids). */
  readonly endpoints: readonly string[];
  readonly isolated: boolean;
  readonly layers: readonly LayerIsolation[];
}

export function vendorIsolation(model: SegmentationModel, vendor: string): IsolationReport {
  const nodes = [...model.view("combined").nodes.values()];
  const c = model.classification;
  const owned = (n: NodeInfo) =>
    n.kind === "workload" ? c.namespaces.get(n.namespace ?? "")?.vendor === vendor : n.range !== undefined && attributeRange(c, n.range)?.vendor === vendor;
  const mine = nodes.filter(owned).map((n) => n.id).sort();
  const mineSet = new Set(mine);
  const myWorkloads = nodes.filter((n) => n.kind === "workload" && mineSet.has(n.id)).map((n) => n.id);
  const myRanges = new Set(nodes.filter((n) => n.kind === "external" && mineSet.has(n.id)).map((n) => n.id));
  const others = nodes.filter((n) => !mineSet.has(n.id));
  const otherWorkloads = others.filter((n) => n.kind === "workload").map((n) => n.id);
  const layers = LAYER_NAMES.map((layer): LayerIsolation => {
    const out = mine.length > 0 && otherWorkloads.length > 0 ? expectNoPath(model, mine, otherWorkloads, layer).paths : [];
    const into = myWorkloads.length > 0 && others.length > 0 ? expectNoPath(model, others.map((n) => n.id), myWorkloads, layer).paths : [];
    // Istio enforces nothing on connections leaving the cluster: address sets are out of its scope.
    const view = model.view(layer);
    const exits =
      layer === "istio"
        ? []
        : otherWorkloads.flatMap((w) => (view.graph.out.get(w) ?? []).filter((h) => myRanges.has(h.to)).map((h) => `${h.from} -> ${h.to}`));
    const paths = [...out, ...into];
    return { layer, isolated: paths.length === 0 && exits.length === 0, paths, exits };
  });
  return { vendor, endpoints: mine, isolated: layers.every((l) => l.isolated), layers };
}
