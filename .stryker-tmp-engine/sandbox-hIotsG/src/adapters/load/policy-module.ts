/**
 * Loads a policy module (TypeScript or JavaScript) from disk. A folder means
 * its index file. Whatever goes wrong (missing file, syntax error, a module
 * that throws or exports nothing, an invalid policy) comes back as
 * diagnostics naming the file, never as a stack trace.
 */
// @ts-nocheck

import * as fs from "node:fs";
import * as path from "node:path";
import { type Diagnostic, DiagnosticError, isDiagnosticError, type ResolvedPolicy, resolvePolicy } from "../../model";

const INDEX_FILES = ["index.ts", "index.js", "policy.ts", "policy.js"];

export function resolvePolicyPath(input: string, cwd = process.cwd()): string {
  const abs = path.resolve(cwd, input);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new DiagnosticError([{ code: "file-not-found", severity: "error", path: "", file: input, message: "no such file or folder", hint: "give a policy module (.ts/.js) or a folder with index.ts" }]);
  }
  if (!stat.isDirectory()) return abs;
  for (const f of INDEX_FILES) {
    const candidate = path.join(abs, f);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new DiagnosticError([{ code: "file-not-found", severity: "error", path: "", file: input, message: `folder has no ${INDEX_FILES.join(" or ")}` }]);
}

function isResolvedPolicy(x: unknown): x is ResolvedPolicy {
  return typeof x === "object" && x !== null && "zones" in x && "flows" in x && "data" in x && "trustDomain" in x;
}

/** Policy source path as shown in annotations and messages: relative to cwd, forward slashes. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return (rel.startsWith("..") ? file : rel).split(path.sep).join("/");
}

export interface LoadedPolicy {
  readonly policy: ResolvedPolicy;
  readonly file: string;
  readonly warnings: readonly Diagnostic[];
}

/**
 * Imports the module with tsx (so .ts policies need no build step), then
 * resolves its default export. Accepts a definePolicy() result or plain data.
 */
export type ModuleImporter = (absPath: string) => unknown;

/** tsx's CommonJS API compiles TypeScript on the fly, isolated from global require hooks. */
export const tsxImporter: ModuleImporter = (absPath) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tsx = require("tsx/cjs/api") as { require: (id: string, from: string) => unknown };
  return tsx.require(absPath, __filename);
};

export function loadPolicyModule(input: string, cwd = process.cwd(), importModule: ModuleImporter = tsxImporter): LoadedPolicy {
  const abs = resolvePolicyPath(input, cwd);
  const file = displayPath(abs, cwd);
  const fail = (code: string, message: string, hint?: string): never => {
    throw new DiagnosticError([{ code, severity: "error", path: "", file, message, ...(hint ? { hint } : {}) }]);
  };
  let mod: unknown;
  try {
    mod = importModule(abs);
  } catch (e) {
    if (isDiagnosticError(e)) {
      throw new DiagnosticError(e.diagnostics.map((d) => ({ ...d, file: d.file ?? file })));
    }
    const msg = e instanceof Error ? e.message.split("\n")[0]! : String(e);
    return fail("module-failed", `the policy module threw while loading: ${msg}`, "run it with `npx tsx` to see the full error");
  }
  // `export default {}` is an empty policy (reported field by field); a module with no exports at all is not a policy.
  const defaulted = (mod as { default?: unknown } | null)?.default;
  const exported = defaulted ?? mod;
  if (exported === undefined || exported === null || (defaulted === undefined && typeof exported === "object" && Object.keys(exported).length === 0)) {
    return fail("no-export", "the module exports no policy", "add `export default definePolicy({...})`");
  }
  // Named exports only (no default, not plain policy data): say so rather than report every field missing.
  if (exported === mod && typeof mod === "object" && !("zones" in mod) && !("name" in mod)) {
    const names = Object.keys(mod).map((k) => `"${k}"`).join(", ");
    return fail("no-export", `the module has no default export (it exports ${names})`, "add `export default definePolicy({...})`");
  }
  if (isResolvedPolicy(exported)) {
    const w = (exported as ResolvedPolicy & { warnings?: readonly Diagnostic[] }).warnings ?? [];
    return { policy: exported, file, warnings: w.map((d) => ({ ...d, file })) };
  }
  const { policy, diagnostics } = resolvePolicy(exported);
  const withFile = diagnostics.map((d) => ({ ...d, file }));
  if (!policy) throw new DiagnosticError(withFile.filter((d) => d.severity === "error"));
  return { policy, file, warnings: withFile };
}
