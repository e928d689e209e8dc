/** Plain text for terminals: the verdict first, then each section with its items. */
// @ts-nocheck

import { countBy, headline, pathLines } from "./render";
import type { DiffResult, FlowChange } from "./types";

const MARK = { added: "+", removed: "-", changed: "~" } as const;

function flowLines(rows: readonly FlowChange[]): string[] {
  if (rows.length === 0) return ["  (no change)"];
  return rows.map((r) => `  ${MARK[r.change]} ${r.from} -> ${r.to}: ${r.change === "changed" ? `${r.before} => ${r.after}` : (r.after ?? r.before)}`);
}

export function diffText(d: DiffResult): string {
  const h = headline(d);
  const out = [h.path !== undefined ? `${h.title}: ${h.path}` : h.title, `comparing ${d.base} -> ${d.head} (today ${d.today})`, ""];
  const paths = d.paths;
  out.push(`paths into sensitive zones: ${countBy(paths.filter((p) => p.sensitive), "added")} new, ${countBy(paths.filter((p) => p.sensitive), "removed")} vanish`);
  for (const p of paths) {
    const what = `${p.change === "added" ? "NEW" : "gone"}${p.sensitive ? "" : ` (invariant ${p.invariants.join(", ")})`}`;
    out.push(`  ${what}:`, ...pathLines(p, "    "));
  }
  const g = d.flows.basis === "policy" ? ["zone", "service"] : ["namespace", "workload"];
  out.push("", `flows per ${g[0]} pair:`, ...flowLines(d.flows.groups), `flows per ${g[1]} pair:`, ...flowLines(d.flows.pairs));
  out.push("", "exceptions:");
  if (d.exceptions.length === 0) out.push("  (no change)");
  for (const e of d.exceptions) {
    const x = e.after ?? e.before!;
    const extra = e.change === "changed" ? ` (${e.fields!.join(", ")})` : e.daysLeft !== undefined ? ` (${e.daysLeft} day(s) left)` : "";
    out.push(`  ${e.change} ${e.id}${extra}: owner ${x.owner}, ticket ${x.ticket}, expires ${x.expires}`);
  }
  out.push("", `invariants: ${d.invariantsHoldBefore ? "all hold" : "some fail"} -> ${d.invariantsHoldAfter ? "all hold" : "some FAIL"}`);
  for (const r of d.invariants) {
    const layers = r.layers.map((l) => `${l.layer} ${l.before ?? "-"} -> ${l.after ?? "-"}`).join("; ");
    out.push(`  ${r.id}: ${r.before ?? "-"} -> ${r.after ?? "-"} (violations ${r.violationsBefore} -> ${r.violationsAfter})${layers ? ` [${layers}]` : ""}`);
  }
  const m = d.manifests;
  out.push("", `generated objects: +${m.added} ~${m.changed} -${m.removed} (digest ${m.digestBefore.slice(0, 12)} -> ${m.digestAfter.slice(0, 12)})`);
  for (const o of m.objects) {
    out.push(`  ${MARK[o.change]} ${o.namespace || "(cluster)"} ${o.kind} ${o.name}`);
    for (const l of o.diff ?? []) out.push(`      ${l}`);
  }
  return out.join("\n") + "\n";
}
