/**
 * Verification reports for people (text, Markdown) and machines (JSON).
 * Paths are printed hop by hop with the rules behind each hop.
 */
// @ts-nocheck

import { LAYER_TITLES, type InvariantResult, type PathViolation, type VerifyReport, type Violation } from "./report";

const MARK = { holds: "PASS", fails: "FAIL", "not-applicable": "N/A " } as const;
const MAX_LISTED = 20;

export function formatPath(p: PathViolation, indent = "    "): string {
  const lines = [`${indent}${p.from}`];
  for (const h of p.hops) {
    const ex = h.exception ? `  [exception ${h.exception.id}, ticket ${h.exception.ticket}, expires ${h.exception.expires}]` : "";
    lines.push(`${indent}  --(${h.connections})--> ${h.to}${ex}`);
    for (const r of h.rules) lines.push(`${indent}        allowed by ${r}`);
  }
  return lines.join("\n");
}

function violationText(v: Violation, indent: string): string {
  return v.kind === "path" ? formatPath(v, indent) : `${indent}${v.subject}: ${v.message}`;
}

function invariantText(r: InvariantResult): string {
  const out = [`${MARK[r.status]}  ${r.id}: ${r.title}`];
  for (const l of r.layers) {
    if (l.layer === "combined") continue;
    out.push(`        ${l.status === "holds" ? "holds" : "FAILS"} with ${LAYER_TITLES[l.layer]} (scope: ${l.scope})${l.violations.length ? `: ${l.violations.length} path(s)` : ""}`);
  }
  r.violations.slice(0, MAX_LISTED).forEach((v) => out.push(violationText(v, "    ")));
  if (r.violations.length > MAX_LISTED) out.push(`    ... and ${r.violations.length - MAX_LISTED} more (see --format json)`);
  // A single layer's paths matter even when the layers together hold: they are what a bypass would open.
  for (const l of r.layers) {
    if (l.layer === "combined" || l.violations.length === 0) continue;
    out.push(`    with ${LAYER_TITLES[l.layer]}:`);
    l.violations.slice(0, 5).forEach((v) => out.push(violationText(v, "      ")));
    if (l.violations.length > 5) out.push(`      ... and ${l.violations.length - 5} more (see --format json)`);
  }
  for (const p of r.reported) out.push(`    allowed by exception (reported):\n${formatPath(p, "      ")}`);
  for (const n of r.notes ?? []) out.push(`    note: ${n}`);
  return out.join("\n");
}

export function verifyText(report: VerifyReport): string {
  const parts = [
    `ztseg verify: ${report.subject} (${report.stats.workloads} workloads, ${report.stats.externalRanges} external ranges, ${report.stats.edges} allowed hops)`,
    ...report.invariants.map(invariantText),
  ];
  const failed = report.invariants.filter((r) => r.status === "fails").length;
  const na = report.invariants.filter((r) => r.status === "not-applicable").length;
  const naText = na > 0 ? ` (${na} not applicable: nothing to check, see the notes)` : "";
  parts.push(report.holds ? `all ${report.invariants.length - na} applicable invariants hold${naText}` : `${failed} of ${report.invariants.length} invariants FAIL${naText}`);
  return parts.join("\n") + "\n";
}

export function verifyMarkdown(report: VerifyReport): string {
  const rows = report.invariants.map((r) => {
    const layer = (name: string) => {
      const l = r.layers.find((x) => x.layer === name);
      return l ? (l.status === "holds" ? "holds" : "**fails**") : "";
    };
    return `| ${r.status === "holds" ? "✅" : "❌"} | \`${r.id}\` | ${r.title} | ${layer("networkpolicy")} | ${layer("istio")} | ${layer("guardrails")} |`;
  });
  const details = report.invariants
    .filter((r) => r.violations.length > 0 || r.reported.length > 0)
    .map((r) => `<details><summary>${r.id}: ${r.violations.length} violation(s), ${r.reported.length} reported exception path(s)</summary>\n\n\`\`\`\n${[...r.violations.slice(0, MAX_LISTED).map((v) => violationText(v, "")), ...r.reported.map((p) => formatPath(p, ""))].join("\n")}\n\`\`\`\n</details>`);
  return [
    `### ztseg verify: ${report.holds ? "all invariants hold" : "invariants FAIL"}`,
    "",
    "| | invariant | meaning | NetworkPolicy alone | Istio alone | guardrails alone |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    ...details,
  ].join("\n") + "\n";
}

export function verifyJson(report: VerifyReport): string {
  return JSON.stringify(report, null, 2) + "\n";
}
