/** Invariant verdicts before and after, per invariant and per layer. */
// @ts-nocheck

import type { VerifyReport } from "../verify/report";
import type { InvariantChange } from "./types";

export function diffInvariants(base: VerifyReport, head: VerifyReport): InvariantChange[] {
  const before = new Map(base.invariants.map((r) => [r.id, r]));
  const after = new Map(head.invariants.map((r) => [r.id, r]));
  const ids = [...new Set([...after.keys(), ...before.keys()])].sort();
  const rows = ids.map((id): InvariantChange => {
    const b = before.get(id);
    const a = after.get(id);
    const layerNames = [...new Set([...(b?.layers ?? []), ...(a?.layers ?? [])].map((l) => l.layer))];
    const layers = layerNames.flatMap((layer) => {
      const lb = b?.layers.find((l) => l.layer === layer)?.status;
      const la = a?.layers.find((l) => l.layer === layer)?.status;
      return lb === la ? [] : [{ layer, ...(lb !== undefined ? { before: lb } : {}), ...(la !== undefined ? { after: la } : {}) }];
    });
    return {
      id,
      title: (a ?? b)!.title,
      ...(b ? { before: b.status } : {}),
      ...(a ? { after: a.status } : {}),
      violationsBefore: b?.violations.length ?? 0,
      violationsAfter: a?.violations.length ?? 0,
      layers,
    };
  });
  // Newly failing first, then other changes, then unchanged.
  const rank = (r: InvariantChange) => (r.after === "fails" && r.before !== "fails" ? 0 : r.before !== r.after || r.violationsBefore !== r.violationsAfter || r.layers.length > 0 ? 1 : 2);
  return rows.sort((x, y) => rank(x) - rank(y) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
