/**
 * `ztseg diff <base> <head>`: what a change lets through that it did not
 * before. A side is a policy module (file, or folder with index.ts) or a
 * folder of manifests; with `--git <rev>` the base is the same path as it was
 * at that revision, checked out in a temporary worktree that is always
 * removed. Exit 0 when no new path into a sensitive zone appears, 1 when one
 * does, 2 on bad input.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { type Diagnostic, DiagnosticError, formatDiagnostic, hasErrors } from "../../../model";
import { CAPABILITY_PROFILES, type CompileOptions } from "../../../core/compile";
import { DIFF_FORMATS, type DiffFormat, type DiffSide, diffSides, manifestSide, policySide, renderDiff, type SideResult, TextPool } from "../../../core/diff";
import { readManifestDocs } from "../../load/manifests";
import { loadPolicyModule } from "../../load/policy-module";
import { type CommandSpec, EXIT, type Io, str, UsageError } from "../command";
import { readClassification } from "./verify";
import { COMMAND_LINES } from "./listing";
import { nativeSha256OfParts } from "../sha256";

const POLICY_FILES = ["index.ts", "index.js", "policy.ts", "policy.js"];

function fail(code: string, message: string, hint?: string): never {
  throw new DiagnosticError([{ code, severity: "error", path: "", message, ...(hint !== undefined ? { hint } : {}) }]);
}

/** A folder with a policy entry file, or a .ts/.js file, is a policy; anything else is manifests. */
export function isPolicyPath(abs: string): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    return /\.[cm]?[jt]s$/.test(abs);
  }
  if (stat.isDirectory()) return POLICY_FILES.some((f) => fs.existsSync(path.join(abs, f)));
  return /\.[cm]?[jt]s$/.test(abs);
}

function git(cwd: string, args: readonly string[]): string {
  return execFileSync("git", [...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

export function gitTopLevel(cwd: string): string | undefined {
  try {
    return git(cwd, ["rev-parse", "--show-toplevel"]);
  } catch {
    return undefined;
  }
}

/** The commit and whether the given paths differ from it; undefined outside a git repository. */
export function gitRevision(cwd: string, paths: readonly string[] = []): { commit: string; dirty: boolean } | undefined {
  try {
    const commit = git(cwd, ["rev-parse", "HEAD"]);
    const dirty = git(cwd, ["status", "--porcelain", "--", ...paths]).length > 0;
    return { commit, dirty };
  } catch {
    return undefined;
  }
}

/**
 * Runs `body` with the repository checked out at `rev` in a temporary
 * worktree inside the repository (so the checkout resolves the project's
 * node_modules), removed afterwards whatever happens.
 */
export function withWorktree<T>(cwd: string, rev: string, body: (root: string, top: string) => T): T {
  const top = gitTopLevel(cwd) ?? fail("not-a-git-repository", `--git needs a git repository, and ${cwd} is not in one`);
  try {
    git(top, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]);
  } catch {
    fail("unknown-revision", `git revision "${rev}" not found`, "fetch it first (e.g. `git fetch origin main`) or give a commit, branch or tag");
  }
  const parent = path.join(top, ".ztseg-worktrees");
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, "rev-"));
  try {
    git(top, ["worktree", "add", "--detach", "--quiet", dir, rev]);
    return body(dir, top);
  } finally {
    try {
      git(top, ["worktree", "remove", "--force", dir]);
    } catch {
      // Not registered (add failed) or already gone: the folder is removed below either way.
    }
    fs.rmSync(dir, { recursive: true, force: true });
    try {
      git(top, ["worktree", "prune"]);
    } catch {
      // Pruning is housekeeping only.
    }
    if (fs.existsSync(parent) && fs.readdirSync(parent).length === 0) fs.rmdirSync(parent);
  }
}

export interface SideInput {
  readonly shown: string;
  readonly abs: string;
  /** Working directory for messages (the worktree root for a git revision). */
  readonly cwd: string;
}

/** `texts`: one pool for the two sides of a diff (see TextPool). Digests are hashed by node:crypto (same result as the core's hash). */
export function loadSide(input: SideInput, io: Io, compile: CompileOptions, classificationFile: string | undefined, texts?: TextPool): DiffSide {
  let result: SideResult;
  const file = input.shown;
  if (isPolicyPath(input.abs)) {
    const loaded = loadPolicyModule(input.abs, input.cwd, io.importModule);
    for (const d of loaded.warnings) if (d.severity === "warning") io.stderr(formatDiagnostic({ ...d, file }) + "\n");
    result = policySide(loaded.policy, { label: input.shown, today: io.today, compile: { ...compile, sourceFile: loaded.file }, hashParts: nativeSha256OfParts, ...(texts ? { texts } : {}) });
  } else {
    const docs = readManifestDocs([input.abs], input.cwd);
    const classification = classificationFile !== undefined ? readClassification(classificationFile, io.cwd) : undefined;
    result = manifestSide(docs, { label: input.shown, hashParts: nativeSha256OfParts, ...(classification ? { classification } : {}), ...(texts ? { texts } : {}) });
  }
  const diags: Diagnostic[] = result.diagnostics.map((d) => ({ ...d, file: d.file ?? file }));
  if (!result.side || hasErrors(diags)) throw new DiagnosticError(diags.filter((d) => d.severity === "error"));
  return result.side;
}

export const diffCommand: CommandSpec = {
  ...COMMAND_LINES.diff,
  builder: (y) =>
    y
      .positional("base", { type: "string", describe: "policy module/folder or manifests folder (with --git: the path, compared at <rev> and now)" })
      .positional("head", { type: "string", describe: "the new version (with --git: defaults to <base> in the working tree)" })
      .option("git", { type: "string", describe: "compare <base> as it was at this git revision (e.g. origin/main)" })
      .option("format", { choices: DIFF_FORMATS, default: "md" as const, describe: "md (pull-request comment), json, text" })
      .option("capabilities", { type: "string", default: "full", describe: `capability profile: ${Object.keys(CAPABILITY_PROFILES).join(", ")}` })
      .option("classification", { type: "string", describe: "YAML file classifying namespaces and external CIDRs (manifest sides)" })
      .check((a) => {
        if (a.base === undefined) throw new UsageError("give <base> <head>, or --git <rev> <path>");
        if (a.git === undefined && a.head === undefined) throw new UsageError("give both <base> and <head> (or --git <rev> <path>)");
        return true;
      }),
  run: (args, io) => {
    const format = (str(args, "format") ?? "md") as DiffFormat;
    const profile = str(args, "capabilities") ?? "full";
    const capabilities = CAPABILITY_PROFILES[profile] ?? fail("unknown-capability-profile", `unknown capability profile "${profile}"`, `profiles: ${Object.keys(CAPABILITY_PROFILES).join(", ")}`);
    const compile: CompileOptions = { capabilities };
    const classification = str(args, "classification");
    const base = str(args, "base")!;
    const head = str(args, "head") ?? base;
    const rev = str(args, "git");
    const texts = new TextPool();
    const headSide = () => loadSide({ shown: head, abs: path.resolve(io.cwd, head), cwd: io.cwd }, io, compile, classification, texts);
    let sides: [DiffSide, DiffSide];
    if (rev !== undefined) {
      sides = withWorktree(io.cwd, rev, (root, top) => {
        const rel = path.relative(top, path.resolve(io.cwd, base));
        if (rel.startsWith("..") || path.isAbsolute(rel)) fail("outside-repository", `${base} is outside the git repository ${top}`);
        const abs = path.join(root, rel);
        if (!fs.existsSync(abs)) fail("file-not-found", `${base} does not exist at revision ${rev}`);
        return [loadSide({ shown: `${base}@${rev}`, abs, cwd: root }, io, compile, classification, texts), headSide()];
      });
    } else {
      sides = [loadSide({ shown: base, abs: path.resolve(io.cwd, base), cwd: io.cwd }, io, compile, classification, texts), headSide()];
    }
    const result = diffSides(sides[0], sides[1], { today: io.today });
    io.stdout(renderDiff(result, format));
    return result.newSensitivePaths > 0 ? EXIT.violated : EXIT.ok;
  },
};
