/**
 * Markdown for a pull-request comment: the verdict on the first line, a
 * summary table, then one collapsible section per topic. Long manifest
 * diffs are cut so the comment stays within what a code host accepts.
 */
// @ts-nocheck

import { countBy, headline, pathLines } from "./render";
import type { DiffResult, ExceptionChange, FlowChange, InvariantChange, PathChange } from "./types";

/** Lines of YAML diff shown in a comment before the rest is left to `--format json`. */
const MAX_MANIFEST_LINES = 600;

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (s: string) => (s === "" ? "" : `\`${s.replace(/`/g, "'")}\``);
const STATUS = { holds: "✅ holds", fails: "❌ fails", "not-applicable": "n/a" } as const;
const status = (s: keyof typeof STATUS | undefined) => (s === undefined ? "—" : STATUS[s]);

function details(summary: string, body: string[], open = false): string[] {
  return [`<details${open ? " open" : ""}><summary>${summary}</summary>`, "", ...body, "", "</details>", ""];
}

function pathBlock(paths: readonly PathChange[]): string[] {
  return paths.flatMap((p) => {
    const inv = p.invariants.length > 0 ? ` (invariant ${p.invariants.map(code).join(", ")})` : "";
    return [`- **${p.change === "added" ? "new" : "vanishes"}**: ${code(p.from)} → ${code(p.to)}${inv}`, "", "  ```", ...pathLines(p, "  "), "  ```", ""];
  });
}

function flowTable(rows: readonly FlowChange[]): string[] {
  if (rows.length === 0) return ["No change."];
  return ["| change | from | to | before | after |", "|---|---|---|---|---|", ...rows.map((r) => `| ${r.change} | ${code(r.from)} | ${code(r.to)} | ${cell(r.before ?? "")} | ${cell(r.after ?? "")} |`)];
}

function exceptionTable(rows: readonly ExceptionChange[]): string[] {
  return [
    "| change | exception | flow | owner | ticket | expires | detail |",
    "|---|---|---|---|---|---|---|",
    ...rows.map((r) => {
      const e = r.after ?? r.before!;
      const flow = e.from !== "" ? `${code(e.from)} → ${code(e.to)} ${cell(e.ports)}` : "";
      const detail =
        r.change === "changed" ? `changed: ${r.fields!.join(", ")}` : r.change === "expiring" ? `${r.daysLeft} day(s) left` : r.change === "expired" ? `expired ${-r.daysLeft!} day(s) ago` : cell(e.justification);
      return `| ${r.change} | ${code(r.id)} | ${flow} | ${cell(e.owner)} | ${cell(e.ticket)} | ${e.expires} | ${detail} |`;
    }),
  ];
}

function invariantTable(rows: readonly InvariantChange[]): string[] {
  return [
    "| invariant | before | after | violations | layers that changed |",
    "|---|---|---|---|---|",
    ...rows.map((r) => {
      const layers = r.layers.map((l) => `${l.layer}: ${status(l.before)} → ${status(l.after)}`).join("<br>");
      return `| ${code(r.id)} | ${status(r.before)} | ${status(r.after)} | ${r.violationsBefore} → ${r.violationsAfter} | ${layers} |`;
    }),
  ];
}

function manifestSections(d: DiffResult): string[] {
  const m = d.manifests;
  if (m.objects.length === 0) return ["The generated objects are identical."];
  const groups = new Map<string, typeof m.objects>();
  for (const o of m.objects) {
    const key = `${o.namespace === "" ? "(cluster)" : o.namespace} / ${o.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  let budget = MAX_MANIFEST_LINES;
  const out: string[] = [];
  for (const [key, list] of groups) {
    const summary = `${key}: ${[["added", "+"], ["changed", "~"], ["removed", "-"]].map(([c, s]) => `${s}${list.filter((o) => o.change === c).length}`).join(" ")}`;
    const body: string[] = [];
    for (const o of list) {
      body.push(`- ${o.change} ${code(o.name)}`);
      if (!o.diff) continue;
      if (budget <= 0) {
        body.push("  (diff omitted: the comment is long enough; see `--format json`)");
        continue;
      }
      const shown = o.diff.slice(0, budget);
      budget -= shown.length;
      body.push("", "  ```diff", ...shown.map((l) => `  ${l}`), ...(shown.length < o.diff.length ? ["  ... (cut)"] : []), "  ```", "");
    }
    out.push(...details(summary, body));
  }
  return out;
}

export function diffMarkdown(d: DiffResult): string {
  const h = headline(d);
  const first = h.path !== undefined ? `**${h.title}**: ${h.path}` : `**${h.title}**`;
  const sensitiveNew = d.paths.filter((p) => p.sensitive && p.change === "added");
  const sensitiveGone = d.paths.filter((p) => p.sensitive && p.change === "removed");
  const otherPaths = d.paths.filter((p) => !p.sensitive);
  const f = d.flows;
  const triple = (rows: readonly FlowChange[]) => `+${countBy(rows, "added")} ~${countBy(rows, "changed")} −${countBy(rows, "removed")}`;
  const ex = d.exceptions;
  const changedInvariants = d.invariants.filter((r) => r.before !== r.after || r.violationsBefore !== r.violationsAfter || r.layers.length > 0);
  const groupWord = f.basis === "policy" ? "zone" : "namespace";
  const pairWord = f.basis === "policy" ? "service" : "workload";
  const lines = [
    first,
    "",
    `Comparing ${code(d.base)} → ${code(d.head)} (expiry checked against ${d.today}).`,
    "",
    "| | what changed | count |",
    "|---|---|---|",
    `| ${sensitiveNew.length > 0 ? "🔴" : "🟢"} | new paths into sensitive zones | **${sensitiveNew.length}** |`,
    `| | paths into sensitive zones that vanish | ${sensitiveGone.length} |`,
    `| | other invariant paths (new / vanish) | ${countBy(otherPaths, "added")} / ${countBy(otherPaths, "removed")} |`,
    `| | flows per ${groupWord} pair (added ~changed −removed) | ${triple(f.groups)} |`,
    `| | flows per ${pairWord} pair (added ~changed −removed) | ${triple(f.pairs)} |`,
    `| ${countBy(ex, "expired") > 0 ? "🔴" : countBy(ex, "expiring") > 0 ? "🟠" : ""} | exceptions added / changed / expiring in 30 days / expired / removed | ${(["added", "changed", "expiring", "expired", "removed"] as const).map((c) => countBy(ex, c)).join(" / ")} |`,
    `| ${d.invariantsHoldAfter ? "" : "🔴"} | invariants | ${d.invariantsHoldBefore ? "all hold" : "some fail"} → ${d.invariantsHoldAfter ? "all hold" : "**some fail**"} (${changedInvariants.length} changed) |`,
    `| | generated objects (added ~changed −removed) | +${d.manifests.added} ~${d.manifests.changed} −${d.manifests.removed} |`,
    "",
  ];
  if (sensitiveNew.length + sensitiveGone.length > 0) lines.push(...details(`Paths into sensitive zones: ${sensitiveNew.length} new, ${sensitiveGone.length} vanish`, pathBlock([...sensitiveNew, ...sensitiveGone]), sensitiveNew.length > 0));
  if (otherPaths.length > 0) lines.push(...details(`Other invariant paths: ${otherPaths.length}`, pathBlock(otherPaths)));
  const basis = f.basis === "policy" ? "declared flows (intent, ports and L7 rules)" : "connections the analyzer allows";
  lines.push(...details(`Flows per ${groupWord} pair: ${f.groups.length} change(s)`, [`Compared on ${basis}.`, "", ...flowTable(f.groups)]));
  lines.push(...details(`Flows per ${pairWord} pair: ${f.pairs.length} change(s)`, flowTable(f.pairs)));
  if (ex.length > 0) lines.push(...details(`Exceptions: ${ex.length} item(s)`, exceptionTable(ex)));
  lines.push(...details(`Invariants: ${changedInvariants.length} changed`, invariantTable(d.invariants)));
  lines.push(...details(`Generated objects: +${d.manifests.added} ~${d.manifests.changed} −${d.manifests.removed}`, [
    `Manifest digest ${code(d.manifests.digestBefore.slice(0, 16))} → ${code(d.manifests.digestAfter.slice(0, 16))}`,
    "",
    ...manifestSections(d),
  ]));
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}
