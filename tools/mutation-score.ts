/**
 * The analyzer core's mutation score from per-file Stryker runs:
 * `npm run mutate:score -- [--survivors] [report.json ...]`.
 *
 * Stryker's JSON reports (one per file when each file runs on its own, see
 * docs/robustness.md) are merged by source file; each file's figures come
 * from the newest report that has it. A report keeps the source it mutated,
 * so each file is marked current or stale against the working tree: a
 * whole-core score only means something when every row is current.
 */
import * as fs from "node:fs";
import * as path from "node:path";

type Status = "Killed" | "Timeout" | "Survived" | "NoCoverage" | "RuntimeError" | "CompileError" | "Ignored" | "Pending";

export interface Mutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: Status;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}

export interface Report {
  readonly files: Readonly<Record<string, { readonly source?: string; readonly mutants: readonly Mutant[] }>>;
}

export interface FileScore {
  readonly file: string;
  readonly report: string;
  /** The mutated source equals the file in the working tree. */
  readonly current: boolean;
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Runtime and compile errors: invalid mutants, left out of the score as Stryker does. */
  readonly errors: number;
  readonly undetected: readonly { readonly line: number; readonly column: number; readonly mutator: string; readonly replacement: string; readonly status: Status; readonly code: string }[];
}

/** Stryker's mutation score: detected (killed or timed out) over valid mutants with a result. */
export function score(s: { killed: number; timeout: number; survived: number; noCoverage: number }): number {
  const valid = s.killed + s.timeout + s.survived + s.noCoverage;
  return valid === 0 ? Number.NaN : ((s.killed + s.timeout) / valid) * 100;
}

/** Per source file, the figures of the newest report holding it (reports ordered oldest first). */
export function fileScores(reports: readonly { readonly name: string; readonly report: Report }[], currentSource: (file: string) => string | undefined): FileScore[] {
  const newest = new Map<string, { name: string; source?: string; mutants: readonly Mutant[] }>();
  for (const { name, report } of reports) for (const [file, entry] of Object.entries(report.files)) newest.set(file, { name, ...entry });
  const out: FileScore[] = [];
  for (const [file, { name, source, mutants }] of [...newest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const count = (...statuses: Status[]) => mutants.filter((m) => statuses.includes(m.status)).length;
    const lines = source?.split("\n") ?? [];
    const undetected = mutants
      .filter((m) => m.status === "Survived" || m.status === "NoCoverage")
      .map((m) => ({
        line: m.location.start.line,
        column: m.location.start.column,
        mutator: m.mutatorName,
        replacement: m.replacement ?? "",
        status: m.status,
        code: (lines[m.location.start.line - 1] ?? "").trim(),
      }))
      .sort((a, b) => a.line - b.line || a.column - b.column || (a.mutator < b.mutator ? -1 : a.mutator > b.mutator ? 1 : 0));
    out.push({
      file,
      report: name,
      current: source !== undefined && currentSource(file) === source,
      killed: count("Killed"),
      timeout: count("Timeout"),
      survived: count("Survived"),
      noCoverage: count("NoCoverage"),
      errors: count("RuntimeError", "CompileError"),
      undetected,
    });
  }
  return out;
}

const pct = (x: number): string => (Number.isNaN(x) ? "-" : `${x.toFixed(2)} %`);

/** A markdown table of the files and their total, then (optionally) every undetected mutant. */
export function render(files: readonly FileScore[], survivors: boolean): string {
  const total = files.reduce((t, f) => ({ killed: t.killed + f.killed, timeout: t.timeout + f.timeout, survived: t.survived + f.survived, noCoverage: t.noCoverage + f.noCoverage, errors: t.errors + f.errors }), {
    killed: 0,
    timeout: 0,
    survived: 0,
    noCoverage: 0,
    errors: 0,
  });
  const rows = [
    "| file | score | killed | timeout | survived | no coverage | errors | source |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...files.map((f) => `| ${f.file} | ${pct(score(f))} | ${f.killed} | ${f.timeout} | ${f.survived} | ${f.noCoverage} | ${f.errors} | ${f.current ? "current" : `STALE (${f.report})`} |`),
    `| **all ${files.length} files** | **${pct(score(total))}** | ${total.killed} | ${total.timeout} | ${total.survived} | ${total.noCoverage} | ${total.errors} | ${files.every((f) => f.current) ? "current" : "MIXED"} |`,
  ];
  if (survivors)
    for (const f of files) {
      if (f.undetected.length === 0) continue;
      rows.push("", `${f.file}:`);
      for (const u of f.undetected) rows.push(`  ${u.line}:${u.column} ${u.status === "NoCoverage" ? "no coverage" : "survived"} ${u.mutator} -> ${JSON.stringify(u.replacement)}   ${u.code}`);
    }
  return rows.join("\n") + "\n";
}

function main(argv: readonly string[]): number {
  const survivors = argv.includes("--survivors");
  const given = argv.filter((a) => !a.startsWith("--"));
  const dir = path.join("reports", "mutation");
  const names =
    given.length > 0 ? given : fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^fast-.*\.json$/.test(f) && !f.endsWith("-incremental.json")).map((f) => path.join(dir, f)) : [];
  if (names.length === 0) {
    process.stderr.write(`mutation-score: no reports given and none in ${dir}/fast-*.json; run Stryker first (docs/robustness.md)\n`);
    return 2;
  }
  const reports: { name: string; mtime: number; report: Report }[] = [];
  for (const name of names) {
    let report: Report;
    try {
      report = JSON.parse(fs.readFileSync(name, "utf8")) as Report;
    } catch (e) {
      process.stderr.write(`mutation-score: ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
    if (typeof report !== "object" || report === null || typeof report.files !== "object" || report.files === null) {
      process.stderr.write(`mutation-score: ${name}: not a Stryker JSON report (no "files"); use the json reporter's output\n`);
      return 2;
    }
    reports.push({ name, mtime: fs.statSync(name).mtimeMs, report });
  }
  reports.sort((a, b) => a.mtime - b.mtime);
  const current = (file: string): string | undefined => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined);
  process.stdout.write(render(fileScores(reports, current), survivors));
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
