/**
 * What a diff needs of one side, computed once per side: its names, its
 * paths into sensitive zones, its relation aggregated per name pair, its
 * manifest digest and its objects by key. policySide and manifestSide compute
 * it while building the side, so diffSides only compares two summaries; a side
 * built elsewhere gets its summary on first use. Sides are immutable, so a
 * summary never goes stale.
 */
import type { KubeObject } from "../k8s/object";
import { analyzerPairs } from "./flows";
import { digestOf, keyed } from "./manifests";
import { type SideNames, sideNames } from "./naming";
import { type SidePath, sidePaths } from "./paths";
import type { DiffSide } from "./types";

export interface SideSummary {
  readonly names: SideNames;
  /** Paths by their ends, from -> to -> path (see allPaths). */
  readonly paths: ReadonlyMap<string, ReadonlyMap<string, SidePath>>;
  /** The relation per name pair and group pair (needed unless both sides are policies, so built on first use). */
  readonly rows: () => ReturnType<typeof analyzerPairs>;
  readonly digest: string;
  /** The side's objects by objectKey, for the manifest diff. */
  readonly objectsByKey: ReadonlyMap<string, KubeObject>;
}

const summaries = new WeakMap<DiffSide, SideSummary>();

export function summarizeSide(side: DiffSide): SideSummary {
  let s = summaries.get(side);
  if (!s) {
    const names = sideNames(side);
    let rows: ReturnType<typeof analyzerPairs> | undefined;
    s = { names, paths: sidePaths(side, names), rows: () => (rows ??= analyzerPairs(side, names)), digest: digestOf(side.objects, side.hashParts), objectsByKey: keyed(side.objects, side.texts) };
    // A side read from manifests is always compared on its analysis. Its paths and rows are then all a diff reads
    // of the relation, which the side need not hold any longer.
    if (!side.policy) {
      s.rows();
      side.connectivity.releaseHeldRelation();
    }
    summaries.set(side, s);
  }
  return s;
}
