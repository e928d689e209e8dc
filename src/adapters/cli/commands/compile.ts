/**
 * `ztseg compile <policy> --out <dir>`: validate, check exception expiry,
 * compile, and write the manifest tree atomically. `--check` compares with
 * the existing folder instead, writes nothing, and exits 1 when it is stale.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { checkExpiry, type Diagnostic, DiagnosticError, formatDiagnostic, hasErrors } from "../../../model";
import { ALL_TARGETS, CAPABILITY_PROFILES, compile, INVARIANT_VIOLATED, type Target, TARGETS } from "../../../core/compile";
import { manifestDigest, renderManifestTree } from "../../../core/render";
import { writeTreeAtomically } from "../../load/atomic-write";
import { loadPolicyModule } from "../../load/policy-module";
import { bool, type CommandSpec, EXIT, str, strs } from "../command";
import { COMMAND_LINES } from "./listing";

function badInput(code: string, message: string, hint: string): never {
  throw new DiagnosticError([{ code, severity: "error", path: "", message, hint }]);
}

function parseTargets(list: readonly string[]): ReadonlySet<Target> {
  if (list.length === 0) return ALL_TARGETS;
  const known = new Set<string>(TARGETS);
  const unknown = list.filter((t) => !known.has(t));
  if (unknown.length > 0) badInput("unknown-target", `unknown target${unknown.length > 1 ? "s" : ""} ${unknown.map((t) => `"${t}"`).join(", ")}`, `targets are ${TARGETS.join(", ")}`);
  return new Set(list as Target[]);
}

/** Every file under `dir`, relative path -> content (empty when the folder does not exist). */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(dir)) return out;
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out.set(child, fs.readFileSync(path.join(dir, child), "utf8"));
    }
  };
  walk("");
  return out;
}

/** Files that differ between the expected and the actual tree, as "changed/missing/extra: path" lines. */
export function treeDifferences(expected: ReadonlyMap<string, string>, actual: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [file, content] of expected) {
    const have = actual.get(file);
    if (have === undefined) out.push(`missing: ${file}`);
    else if (have !== content) out.push(`changed: ${file}`);
  }
  for (const file of actual.keys()) if (!expected.has(file)) out.push(`extra:   ${file}`);
  return out.sort((a, b) => (a.slice(9) < b.slice(9) ? -1 : 1));
}

export const compileCommand: CommandSpec = {
  ...COMMAND_LINES.compile,
  builder: (y) =>
    y
      .positional("policy", { type: "string", describe: "policy module (.ts/.js) or a folder with index.ts", demandOption: true })
      .option("out", { type: "string", describe: "output folder (replaced atomically; compared with --check)", demandOption: true })
      .option("targets", { type: "string", describe: `comma-separated subset of ${TARGETS.join(",")} (default: all)` })
      .option("capabilities", { type: "string", describe: `capability profile of the cluster: ${Object.keys(CAPABILITY_PROFILES).join(", ")}`, default: "full" })
      .option("check", { type: "boolean", describe: "compare with --out and exit 1 if it is stale; write nothing", default: false }),
  run: (args, io) => {
    const profileName = str(args, "capabilities") ?? "full";
    const capabilities = CAPABILITY_PROFILES[profileName];
    if (!capabilities) badInput("unknown-capability-profile", `unknown capability profile "${profileName}"`, `profiles: ${Object.keys(CAPABILITY_PROFILES).join(", ")}`);
    const targets = parseTargets(strs(args, "targets"));
    const loaded = loadPolicyModule(str(args, "policy")!, io.cwd, io.importModule);
    const withFile = (ds: readonly Diagnostic[]) => ds.map((d) => ({ ...d, file: d.file ?? loaded.file }));
    const pre = [...loaded.warnings, ...withFile(checkExpiry(loaded.policy, io.today))];
    if (hasErrors(pre)) throw new DiagnosticError(pre);
    const result = compile(loaded.policy, { targets, capabilities, sourceFile: loaded.file });
    const all = [...pre, ...withFile(result.diagnostics)];
    if (hasErrors(all)) {
      const errors = all.filter((d) => d.severity === "error");
      // An invariant failing is exit 1; anything else is bad input (exit 2).
      if (errors.every((d) => d.code === INVARIANT_VIOLATED)) {
        for (const d of all) io.stderr(formatDiagnostic(d) + "\n");
        io.stderr(`ztseg: ${errors.length === 1 ? "1 invariant fails" : `${errors.length} invariants fail`}; nothing was written\n`);
        return EXIT.violated;
      }
      throw new DiagnosticError(all);
    }
    for (const d of all) io.stderr(formatDiagnostic(d) + "\n");
    const files = renderManifestTree(result.objects);
    const out = str(args, "out")!;
    const outAbs = path.resolve(io.cwd, out);
    const digest = manifestDigest(result.objects);
    if (bool(args, "check")) {
      const diffs = treeDifferences(files, readTree(outAbs));
      if (diffs.length > 0) {
        io.stderr(`${out} is stale: ${diffs.length === 1 ? "1 file differs" : `${diffs.length} files differ`}\n${diffs.map((d) => `  ${d}\n`).join("")}`);
        io.stderr(`recompile with: ztseg compile ${str(args, "policy")} --out ${out}\n`);
        return EXIT.violated;
      }
      io.stdout(`${out} is up to date: ${result.objects.length} objects, manifest digest ${digest}\n`);
      return EXIT.ok;
    }
    writeTreeAtomically(outAbs, files);
    const byKind = new Map<string, number>();
    for (const o of result.objects) byKind.set(o.kind, (byKind.get(o.kind) ?? 0) + 1);
    const counts = [...byKind.entries()].map(([k, n]) => `${n} ${k}`).join(", ");
    io.stdout(`wrote ${result.objects.length} objects (${counts}) in ${files.size} files to ${out}; manifest digest ${digest}\n`);
    return EXIT.ok;
  },
};
