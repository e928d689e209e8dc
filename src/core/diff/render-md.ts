/**
 * Markdown for a pull-request comment: the verdict on the first line, a
 * summary table, then one collapsible section per topic. A comment longer
 * than a code host accepts (GitHub: 65,536 characters) has its lists cut,
 * each saying how much it leaves out; the verdict and the summary table are
 * never cut, and `--format json` always has everything.
 */
import { countBy, headline, pathLines } from "./render";
import type { DiffResult, ExceptionChange, FlowChange, InvariantChange, PathChange } from "./types";

/** The longest comment written: under GitHub's 65,536 characters, with room for what a workflow adds. */
export const MAX_COMMENT_CHARS = 60_000;

/** How much of each list a comment shows: entries per list (paths, table rows, objects, object groups) and lines of YAML diff. */
interface Caps {
  readonly items: number;
  readonly manifestLines: number;
}

/** Tried in turn until the comment fits: every list whole (YAML diffs cut at 600 lines), then shorter lists. */
const CAPS: readonly Caps[] = [
  { items: Number.POSITIVE_INFINITY, manifestLines: 600 },
  { items: 200, manifestLines: 300 },
  { items: 50, manifestLines: 100 },
  { items: 10, manifestLines: 0 },
  { items: 0, manifestLines: 0 },
];

/** The first `max` entries of a list, then a line saying how many are left out. */
function capped<T>(list: readonly T[], max: number, show: (shown: readonly T[]) => string[], what: string): string[] {
  if (list.length <= max) return show(list);
  return [...show(list.slice(0, max)), "", `_… and ${list.length - max} more ${what}: \`--format json\` lists them all._`];
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (s: string) => (s === "" ? "" : `\`${s.replace(/`/g, "'")}\``);
const STATUS = { holds: "✅ holds", fails: "❌ fails", "not-applicable": "n/a" } as const;
const status = (s: keyof typeof STATUS | undefined) => (s === undefined ? "—" : STATUS[s]);

function details(summary: string, body: string[], open = false): string[] {
  return [`<details${open ? " open" : ""}><summary>${summary}</summary>`, "", ...body, "", "</details>", ""];
}

function pathBlock(all: readonly PathChange[], caps: Caps): string[] {
  return capped(all, caps.items, (paths) => paths.flatMap((p) => {
    const inv = p.invariants.length > 0 ? ` (invariant ${p.invariants.map(code).join(", ")})` : "";
    return [`- **${p.change === "added" ? "new" : "vanishes"}**: ${code(p.from)} → ${code(p.to)}${inv}`, "", "  ```", ...pathLines(p, "  "), "  ```", ""];
  }), "paths");
}

function flowTable(all: readonly FlowChange[], caps: Caps): string[] {
  if (all.length === 0) return ["No change."];
  return capped(all, caps.items, (rows) => ["| change | from | to | before | after |", "|---|---|---|---|---|", ...rows.map((r) => `| ${r.change} | ${code(r.from)} | ${code(r.to)} | ${cell(r.before ?? "")} | ${cell(r.after ?? "")} |`)], "flow changes");
}

function exceptionTable(all: readonly ExceptionChange[], caps: Caps): string[] {
  return capped(all, caps.items, (rows) => [
    "| change | exception | flow | owner | ticket | expires | detail |",
    "|---|---|---|---|---|---|---|",
    ...rows.map((r) => {
      const e = r.after ?? r.before!;
      const flow = e.from !== "" ? `${code(e.from)} → ${code(e.to)} ${cell(e.ports)}` : "";
      const detail =
        r.change === "changed" ? `changed: ${r.fields!.join(", ")}` : r.change === "expiring" ? `${r.daysLeft} day(s) left` : r.change === "expired" ? `expired ${-r.daysLeft!} day(s) ago` : cell(e.justification);
      return `| ${r.change} | ${code(r.id)} | ${flow} | ${cell(e.owner)} | ${cell(e.ticket)} | ${e.expires} | ${detail} |`;
    }),
  ], "exception changes");
}

function invariantTable(all: readonly InvariantChange[], caps: Caps): string[] {
  return capped(all, caps.items, (rows) => [
    "| invariant | before | after | violations | layers that changed |",
    "|---|---|---|---|---|",
    ...rows.map((r) => {
      const layers = r.layers.map((l) => `${l.layer}: ${status(l.before)} → ${status(l.after)}`).join("<br>");
      return `| ${code(r.id)} | ${status(r.before)} | ${status(r.after)} | ${r.violationsBefore} → ${r.violationsAfter} | ${layers} |`;
    }),
  ], "invariants");
}

function manifestSections(d: DiffResult, caps: Caps): string[] {
  const m = d.manifests;
  if (m.objects.length === 0) return ["The generated objects are identical."];
  const groups = new Map<string, typeof m.objects>();
  for (const o of m.objects) {
    const key = `${o.namespace === "" ? "(cluster)" : o.namespace} / ${o.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  let budget = caps.manifestLines;
  const objectLines = (o: (typeof m.objects)[number]): string[] => {
    const lines = [`- ${o.change} ${code(o.name)}`];
    if (!o.diff) return lines;
    if (budget <= 0) return [...lines, "  (diff omitted: the comment is long enough; see `--format json`)"];
    const shown = o.diff.slice(0, budget);
    budget -= shown.length;
    return [...lines, "", "  ```diff", ...shown.map((l) => `  ${l}`), ...(shown.length < o.diff.length ? ["  ... (cut)"] : []), "  ```", ""];
  };
  const section = (key: string, list: typeof m.objects): string[] => {
    const summary = `${key}: ${[["added", "+"], ["changed", "~"], ["removed", "-"]].map(([c, s]) => `${s}${list.filter((o) => o.change === c).length}`).join(" ")}`;
    return details(summary, capped(list, caps.items, (shown) => shown.flatMap(objectLines), "objects"));
  };
  return capped([...groups], caps.items, (shown) => shown.flatMap(([key, list]) => section(key, list)), "groups of objects");
}

export function diffMarkdown(d: DiffResult): string {
  let text = "";
  for (const caps of CAPS) {
    text = markdown(d, caps);
    if (text.length <= MAX_COMMENT_CHARS) break;
  }
  return text;
}

function markdown(d: DiffResult, caps: Caps): string {
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
  if (sensitiveNew.length + sensitiveGone.length > 0) lines.push(...details(`Paths into sensitive zones: ${sensitiveNew.length} new, ${sensitiveGone.length} vanish`, pathBlock([...sensitiveNew, ...sensitiveGone], caps), sensitiveNew.length > 0));
  if (otherPaths.length > 0) lines.push(...details(`Other invariant paths: ${otherPaths.length}`, pathBlock(otherPaths, caps)));
  const basis = f.basis === "policy" ? "declared flows (intent, ports and L7 rules)" : "connections the analyzer allows";
  lines.push(...details(`Flows per ${groupWord} pair: ${f.groups.length} change(s)`, [`Compared on ${basis}.`, "", ...flowTable(f.groups, caps)]));
  lines.push(...details(`Flows per ${pairWord} pair: ${f.pairs.length} change(s)`, flowTable(f.pairs, caps)));
  if (ex.length > 0) lines.push(...details(`Exceptions: ${ex.length} item(s)`, exceptionTable(ex, caps)));
  lines.push(...details(`Invariants: ${changedInvariants.length} changed`, invariantTable(d.invariants, caps)));
  lines.push(...details(`Generated objects: +${d.manifests.added} ~${d.manifests.changed} −${d.manifests.removed}`, [
    `Manifest digest ${code(d.manifests.digestBefore.slice(0, 16))} → ${code(d.manifests.digestAfter.slice(0, 16))}`,
    "",
    ...manifestSections(d, caps),
  ]));
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}
