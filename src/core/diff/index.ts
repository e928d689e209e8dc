/**
 * Semantic diff of two versions of a segmentation (policies or manifests),
 * most important first: paths into sensitive zones that appear or vanish,
 * flows, exceptions, invariant verdicts, then the manifest diff. Pure.
 */
import { diffExceptions } from "./exceptions";
import { diffFlows } from "./flows";
import { diffInvariants } from "./invariants";
import { diffManifests } from "./manifests";
import type { SidePath } from "./paths";
import { summarizeSide } from "./summary";
import type { DiffOptions, DiffResult, DiffSide, PathChange } from "./types";

export * from "./types";
export { lineDiff } from "./line-diff";
export { sideNames, sideClassification } from "./naming";
export { allPaths, sidePaths } from "./paths";
export { summarizeSide, type SideSummary } from "./summary";
export { daysUntil } from "./exceptions";
export { diffMarkdown, diffText, diffJson, pathText, DIFF_FORMATS, type DiffFormat, renderDiff } from "./render";

/** Paths on one side and not the other, looked up by their ends (the sides' names, pooled across a diff's sides when built with one TextPool). */
function comparePaths(before: ReadonlyMap<string, ReadonlyMap<string, SidePath>>, after: ReadonlyMap<string, ReadonlyMap<string, SidePath>>): PathChange[] {
  const out: PathChange[] = [];
  const onlyIn = (side: typeof after, other: typeof after, change: PathChange["change"]): void => {
    // forEach, not for-of over entries: no entry array per path.
    side.forEach((tos, from) => {
      const others = other.get(from);
      tos.forEach((p, to) => {
        if (!others?.has(to)) out.push({ change, ...p });
      });
    });
  };
  onlyIn(after, before, "added");
  onlyIn(before, after, "removed");
  // New before vanished; sensitive before other invariants' paths; the most direct (fewest hops) first; then by name.
  const rank = (p: PathChange) => (p.change === "added" ? 0 : 2) + (p.sensitive ? 0 : 1);
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return out.sort((x, y) => rank(x) - rank(y) || x.hops.length - y.hops.length || cmp(x.from, y.from) || cmp(x.to, y.to));
}

export function diffSides(base: DiffSide, head: DiffSide, options: DiffOptions): DiffResult {
  const b = summarizeSide(base);
  const h = summarizeSide(head);
  const paths = comparePaths(b.paths, h.paths);
  return {
    base: base.label,
    head: head.label,
    today: options.today,
    newSensitivePaths: paths.filter((p) => p.change === "added" && p.sensitive).length,
    paths,
    flows: diffFlows(base, head, b.names, h.names, (side) => (side === base ? b : h).rows()),
    exceptions: diffExceptions(base, head, options.today, options.expiringWithinDays ?? 30),
    invariants: diffInvariants(base.report, head.report),
    invariantsHoldBefore: base.report.holds,
    invariantsHoldAfter: head.report.holds,
    manifests: diffManifests(base.objects, head.objects, { before: b, after: h }),
  };
}
export { policySide, manifestSide, type SideResult, type SideSharing } from "./sides";
export { TextPool } from "./text-pool";
