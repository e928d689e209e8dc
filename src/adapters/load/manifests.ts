/**
 * Reads Kubernetes manifests from files and folders into ManifestDocs:
 * multi-document YAML (with line numbers), JSON, folders recursively
 * (.yaml/.yml/.json, sorted). Each file is parsed on its own, so a caller can
 * process files one at a time. Unreadable or unparsable input fails with a
 * DiagnosticError naming the file, the document and the line.
 *
 * Hostile input is bounded (see docs/robustness.md): files larger than
 * MANIFEST_LIMITS.fileBytes are refused before they are read, YAML alias
 * expansion is capped (anchors and aliases are always read by the `yaml`
 * library, which bounds them), documents nested deeper than
 * MANIFEST_LIMITS.depth are refused, and symbolic links are followed with
 * loop detection.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type Diagnostic, DiagnosticError, hasErrors } from "../../model/diagnostics";
import { type BuildResult, type ClusterOptions, type ManifestDoc, buildCluster } from "../../core/analyze";
import { checkManifestDocs, ManifestChecker } from "./manifest-checks";
import { type FileRead, parallelModeFromEnv, readFilesInOrder } from "./read-in-order";
import { readBlockYaml, readBlockYamlStream } from "./yaml-block";
import { firstContentLine, loadYamlChunk, needsFullParser, splitYamlStream } from "./yaml-fast";

const EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/** Bounds on hostile input; generous for real clusters (etcd caps one object at 1.5 MiB). */
export const MANIFEST_LIMITS = {
  /** Largest manifest file read (32 MiB): larger files fail before a byte is read. */
  fileBytes: 32 * 1024 * 1024,
  /** Deepest nesting of maps and lists in one document. */
  depth: 64,
  /** yaml's maxAliasCount: bounds how far aliases may expand (its default). */
  aliases: 100,
} as const;

function byName(a: fs.Dirent, b: fs.Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function errno(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined;
}

/**
 * Every manifest file under the given paths, in a stable order (folders
 * recursively, sorted). Symbolic links are followed; a link back to a folder
 * being walked is a loop and an error; a file reached twice (through links)
 * is listed once, under the first name it was found by.
 */
export function listManifestFiles(paths: readonly string[], cwd: string = process.cwd()): string[] {
  const out: string[] = [];
  const seenFiles = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const addFile = (real: string, shown: string): void => {
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    out.push(shown);
  };
  // `ancestors` holds the real paths of the folders on the current walk: meeting one again is a loop.
  const walk = (abs: string, real: string, shown: string, ancestors: ReadonlySet<string>): void => {
    const entries = fs.readdirSync(abs, { withFileTypes: true }).sort(byName);
    for (const e of entries) {
      const child = path.join(abs, e.name);
      const childShown = path.join(shown, e.name);
      const isManifest = EXTENSIONS.has(path.extname(e.name).toLowerCase());
      if (!e.isSymbolicLink()) {
        if (e.isDirectory()) walkDir(child, childShown, ancestors);
        else if (isManifest && e.isFile()) addFile(path.join(real, e.name), childShown);
        continue;
      }
      let target: string;
      let stat: fs.Stats;
      try {
        target = fs.realpathSync(child);
        stat = fs.statSync(target);
      } catch (err) {
        const code = errno(err);
        if (code === "ELOOP") diagnostics.push({ code: "symlink-loop", severity: "error", path: "", file: childShown, message: "symbolic link loop (the link resolves to itself)" });
        else if (isManifest) diagnostics.push({ code: "file-not-found", severity: "error", path: "", file: childShown, message: "symbolic link to a missing file" });
        continue;
      }
      if (stat.isDirectory()) walkDir(child, childShown, ancestors);
      else if (isManifest && stat.isFile()) addFile(target, childShown);
    }
  };
  const walkDir = (abs: string, shown: string, ancestors: ReadonlySet<string>): void => {
    const real = fs.realpathSync(abs);
    if (ancestors.has(real)) {
      diagnostics.push({ code: "symlink-loop", severity: "error", path: "", file: shown, message: "symbolic link loop: this folder contains itself", hint: "remove the link or point it outside the folder" });
      return;
    }
    walk(abs, real, shown, new Set([...ancestors, real]));
  };
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (err) {
      if (errno(err) === "ELOOP") diagnostics.push({ code: "symlink-loop", severity: "error", path: "", file: p, message: "symbolic link loop" });
      else diagnostics.push({ code: "file-not-found", severity: "error", path: "", file: p, message: "no such file or folder" });
      continue;
    }
    if (stat.isDirectory()) walkDir(abs, p, new Set());
    else addFile(fs.realpathSync(abs), p);
  }
  if (diagnostics.length > 0) throw new DiagnosticError(diagnostics);
  return out;
}

/**
 * Whether a value nests deeper than `limit`, by recursion that stops at the
 * limit: only for values whose depth the parser already bounded (js-yaml
 * stops at 100 levels), so the recursion is shallow. Unlike nestingDepth it
 * allocates nothing per node, which matters on large dumps.
 */
function deeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (limit === 0) return true;
  if (Array.isArray(value)) {
    for (const v of value) if (deeperThan(v, limit - 1)) return true;
    return false;
  }
  for (const k in value) if (deeperThan((value as Record<string, unknown>)[k], limit - 1)) return true;
  return false;
}

/** Nesting depth of a parsed value, computed without recursion (a hostile document must not overflow the stack). */
export function nestingDepth(value: unknown, limit: number = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    const depth = d + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth]);
  }
  return deepest;
}

function tooDeep(file: string, document: number): Diagnostic {
  return {
    code: "manifest-too-deep",
    severity: "error",
    path: `document ${document}`,
    file,
    message: `nested deeper than ${MANIFEST_LIMITS.depth} levels`,
    hint: "Kubernetes objects are far shallower; this file is malformed or hostile",
  };
}

const STACK_OVERFLOW = /call stack/i;

/** Parses one file's text. `file` is only used in diagnostics and ManifestDoc.file. */
export function parseManifestText(text: string, file: string): ManifestDoc[] {
  if (path.extname(file).toLowerCase() === ".json") {
    let object: unknown;
    try {
      object = JSON.parse(text) as unknown;
    } catch (e) {
      if (e instanceof RangeError && STACK_OVERFLOW.test(e.message)) throw new DiagnosticError([tooDeep(`${file}:1`, 1)]);
      throw new DiagnosticError([
        { code: "bad-json", severity: "error", path: "", file, message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` },
      ]);
    }
    if (nestingDepth(object, MANIFEST_LIMITS.depth) > MANIFEST_LIMITS.depth) throw new DiagnosticError([tooDeep(`${file}:1`, 1)]);
    return [{ file, index: 0, line: 1, object }];
  }
  return parseYamlFast(text, file) ?? parseYamlFull(text, file);
}

/** Documents that passed the depth bound, or the diagnostics of every document that did not. */
function finish(out: ManifestDoc[], diagnostics: Diagnostic[]): ManifestDoc[] {
  if (diagnostics.length > 0) throw new DiagnosticError(diagnostics);
  return out;
}

/** js-yaml per document (yaml-fast.ts), or undefined when the file needs the full parser. */
export function parseYamlFast(text: string, file: string): ManifestDoc[] | undefined {
  // Most dumps are read whole in one pass; the block reader nests no deeper than the limit allows (see below).
  const streamed = readBlockYamlStream(text, MANIFEST_LIMITS.depth - 1);
  if (streamed) {
    const out: ManifestDoc[] = [];
    for (const d of streamed) if (d.value !== null) out.push({ file, index: d.index, line: d.line, object: d.value });
    return out;
  }
  const chunks = splitYamlStream(text);
  if (!chunks || chunks.some((c) => needsFullParser(c.text))) return undefined;
  const out: ManifestDoc[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const chunk of chunks) {
    // The block reader takes the common layouts about four times faster than js-yaml, and declines the rest,
    // including documents it would have to nest deeper than the limit allows: what it reads needs no depth check
    // (block levels up to depth - 1, and an empty {} or [] below them at most).
    const block = readBlockYaml(chunk.text, MANIFEST_LIMITS.depth - 1);
    const parsed = block ?? loadYamlChunk(chunk);
    // A refusal is reported by the full parser, so users see one reader's messages and lines.
    if (!parsed) return undefined;
    const object = parsed.value;
    if (object === null || object === undefined) continue;
    const line = firstContentLine(chunk);
    if (!block && deeperThan(object, MANIFEST_LIMITS.depth)) {
      diagnostics.push(tooDeep(`${file}:${line}`, chunk.index + 1));
      continue;
    }
    out.push({ file, index: chunk.index, line, object });
  }
  return finish(out, diagnostics);
}

/** The `yaml` document API: slower, but bounds alias expansion and models every stream form. */
export function parseYamlFull(text: string, file: string): ManifestDoc[] {
  // Loaded on first use: most cluster dumps never need it, and loading it was a visible part of a small run.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LineCounter, parseAllDocuments } = require("yaml") as typeof import("yaml");
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: ManifestDoc[] = [];
  const diagnostics: Diagnostic[] = [];
  list.forEach((doc, index) => {
    // The first line of content, not the `---` marker, is where a reader looks for the object.
    const start = doc.contents?.range[0] ?? doc.range[0];
    const line = lineCounter.linePos(start).line;
    let deep = false;
    for (const err of doc.errors) {
      const at = err.linePos?.[0];
      if (STACK_OVERFLOW.test(err.message)) {
        // Once per document, at its first line: where the stack ran out depends on the thread's stack size and on how
        // far V8 has optimised the reader, so the position was not the same from run to run.
        if (!deep) diagnostics.push(tooDeep(`${file}:${line}`, index + 1));
        deep = true;
        continue;
      }
      diagnostics.push({
        code: "bad-yaml",
        severity: "error",
        path: `document ${index + 1}`,
        file: at ? `${file}:${at.line}:${at.col}` : file,
        message: err.message.split("\n")[0] ?? "invalid YAML",
      });
    }
    if (doc.errors.length > 0) return;
    let object: unknown;
    try {
      object = doc.toJS({ maxAliasCount: MANIFEST_LIMITS.aliases });
    } catch (e) {
      // yaml throws (a ReferenceError) when aliases expand beyond maxAliasCount; a stack overflow means absurd nesting.
      const message = e instanceof Error ? e.message : String(e);
      diagnostics.push(
        STACK_OVERFLOW.test(message)
          ? tooDeep(`${file}:${line}`, index + 1)
          : /alias/i.test(message)
            ? {
                code: "yaml-alias-limit",
                severity: "error",
                path: `document ${index + 1}`,
                file: `${file}:${line}`,
                message: `YAML aliases expand beyond the limit (${MANIFEST_LIMITS.aliases}): ${message}`,
                hint: "an alias bomb, or a document that should not use anchors this heavily",
              }
            : { code: "bad-yaml", severity: "error", path: `document ${index + 1}`, file: `${file}:${line}`, message },
      );
      return;
    }
    if (object === null || object === undefined) return; // empty document (e.g. a trailing ---)
    if (nestingDepth(object, MANIFEST_LIMITS.depth) > MANIFEST_LIMITS.depth) {
      diagnostics.push(tooDeep(`${file}:${line}`, index + 1));
      return;
    }
    out.push({ file, index, line, object });
  });
  return finish(out, diagnostics);
}

/** Reads one file. */
export function readManifestFile(file: string, cwd: string = process.cwd()): ManifestDoc[] {
  const abs = path.resolve(cwd, file);
  let text: string;
  try {
    // Size first, so a huge file fails before it is read into memory.
    const size = fs.statSync(abs).size;
    if (size > MANIFEST_LIMITS.fileBytes) {
      throw new DiagnosticError([
        {
          code: "file-too-large",
          severity: "error",
          path: "",
          file,
          message: `${(size / 1024 / 1024).toFixed(1)} MiB exceeds the ${MANIFEST_LIMITS.fileBytes / 1024 / 1024} MiB limit for one manifest file`,
          hint: "split the manifests into several files",
        },
      ]);
    }
    text = fs.readFileSync(abs, "utf8");
  } catch (e) {
    if (e instanceof DiagnosticError) throw e;
    throw new DiagnosticError([{ code: "file-unreadable", severity: "error", path: "", file, message: e instanceof Error ? e.message : String(e) }]);
  }
  return parseManifestText(text, file);
}

/**
 * Every manifest file under the paths, read in order; large inputs are parsed
 * on a second thread too (read-in-order.ts), unless `ZTSEG_PARALLEL_READ=off`.
 */
function readFiles(paths: readonly string[], cwd: string): Generator<FileRead> {
  return readFilesInOrder(listManifestFiles(paths, cwd), cwd, readManifestFile, { mode: parallelModeFromEnv(process.env["ZTSEG_PARALLEL_READ"]) });
}

/** Every document under the paths, parse errors collected across files; no cross-document checks. */
function readAllDocs(paths: readonly string[], cwd: string): ManifestDoc[] {
  const out: ManifestDoc[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const read of readFiles(paths, cwd)) {
    if ("diagnostics" in read) diagnostics.push(...read.diagnostics);
    else for (const doc of read.docs) out.push(doc);
  }
  if (diagnostics.length > 0) throw new DiagnosticError(diagnostics);
  return out;
}

/**
 * Reads every manifest under the given files and folders; collects every
 * file's errors before failing, then checks the documents together
 * (duplicates, port names, ipBlock excepts: manifest-checks.ts).
 */
export function readManifestDocs(paths: string[], cwd: string = process.cwd()): ManifestDoc[] {
  const docs = readAllDocs(paths, cwd);
  const problems = checkManifestDocs(docs);
  if (problems.length > 0) throw new DiagnosticError(problems);
  return docs;
}

/**
 * Builds the analyzer's cluster from manifests file by file: each file's
 * documents are checked and handed to the builder, then dropped, so a large
 * dump is never held whole. Returns the build with every file's errors and
 * the checks' problems across documents, for the caller to order.
 */
function buildStreaming(paths: readonly string[], cwd: string, options: ClusterOptions): { result: BuildResult; fileErrors: Diagnostic[]; problems: Diagnostic[] } {
  const fileErrors: Diagnostic[] = [];
  const checker = new ManifestChecker();
  function* docs(): Generator<ManifestDoc> {
    for (const read of readFiles(paths, cwd)) {
      if ("diagnostics" in read) {
        fileErrors.push(...read.diagnostics);
        continue;
      }
      for (const doc of read.docs) {
        checker.add(doc);
        yield doc;
      }
    }
  }
  const result = buildCluster(docs(), options);
  return { result, fileErrors, problems: checker.problems };
}

/**
 * Reads manifests and builds the analyzer's cluster without holding every
 * document at once. Fails as readManifestDocs does (every file's errors,
 * else the checks across documents); the builder's own diagnostics are
 * returned, not thrown.
 */
export function buildManifestCluster(paths: string[], cwd: string = process.cwd(), options: ClusterOptions = {}): BuildResult {
  const { result, fileErrors, problems } = buildStreaming(paths, cwd, options);
  if (fileErrors.length > 0) throw new DiagnosticError(fileErrors);
  if (problems.length > 0) throw new DiagnosticError(problems);
  return result;
}

/** Reads manifests and builds the analyzer's cluster; fails with every error diagnostic, returns warnings. */
export function loadCluster(paths: string[], cwd: string = process.cwd(), options: ClusterOptions = {}): BuildResult {
  const { result, fileErrors, problems } = buildStreaming(paths, cwd, options);
  if (fileErrors.length > 0) throw new DiagnosticError(fileErrors);
  const diagnostics = [...result.diagnostics, ...problems];
  if (hasErrors(diagnostics)) throw new DiagnosticError(diagnostics);
  return result;
}
