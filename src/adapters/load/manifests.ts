/**
 * Reads Kubernetes manifests from files and folders into ManifestDocs:
 * multi-document YAML (with line numbers), JSON, folders recursively
 * (.yaml/.yml/.json, sorted). Each file is parsed on its own, so a caller can
 * process files one at a time. Unreadable or unparsable input fails with a
 * DiagnosticError naming the file, the document and the line.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { LineCounter, parseAllDocuments } from "yaml";
import { type Diagnostic, DiagnosticError, hasErrors } from "../../model";
import { type BuildResult, type ClusterOptions, type ManifestDoc, buildCluster } from "../../core/analyze";

const EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/** Every manifest file under the given paths, in a stable order (folders recursively, sorted). */
export function listManifestFiles(paths: readonly string[], cwd: string = process.cwd()): string[] {
  const out: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const walk = (abs: string, shown: string): void => {
    const entries = fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const child = path.join(abs, e.name);
      const childShown = path.join(shown, e.name);
      if (e.isDirectory()) walk(child, childShown);
      else if (EXTENSIONS.has(path.extname(e.name).toLowerCase())) out.push(childShown);
    }
  };
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      diagnostics.push({ code: "file-not-found", severity: "error", path: "", file: p, message: "no such file or folder" });
      continue;
    }
    if (stat.isDirectory()) walk(abs, p);
    else out.push(p);
  }
  if (diagnostics.length > 0) throw new DiagnosticError(diagnostics);
  return out;
}

/** Parses one file's text. `file` is only used in diagnostics and ManifestDoc.file. */
export function parseManifestText(text: string, file: string): ManifestDoc[] {
  if (path.extname(file).toLowerCase() === ".json") {
    try {
      return [{ file, index: 0, line: 1, object: JSON.parse(text) as unknown }];
    } catch (e) {
      throw new DiagnosticError([
        { code: "bad-json", severity: "error", path: "", file, message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` },
      ]);
    }
  }
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: ManifestDoc[] = [];
  const diagnostics: Diagnostic[] = [];
  list.forEach((doc, index) => {
    const start = doc.range?.[0] ?? 0;
    const line = lineCounter.linePos(start).line;
    for (const err of doc.errors) {
      const at = err.linePos?.[0];
      diagnostics.push({
        code: "bad-yaml",
        severity: "error",
        path: `document ${index + 1}`,
        file: at ? `${file}:${at.line}:${at.col}` : file,
        message: err.message.split("\n")[0] ?? "invalid YAML",
      });
    }
    if (doc.errors.length > 0) return;
    const object: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (object === null || object === undefined) return; // empty document (e.g. a trailing ---)
    out.push({ file, index, line, object });
  });
  if (diagnostics.length > 0) throw new DiagnosticError(diagnostics);
  return out;
}

/** Reads one file. */
export function readManifestFile(file: string, cwd: string = process.cwd()): ManifestDoc[] {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (e) {
    throw new DiagnosticError([{ code: "file-unreadable", severity: "error", path: "", file, message: e instanceof Error ? e.message : String(e) }]);
  }
  return parseManifestText(text, file);
}

/** Reads every manifest under the given files and folders; collects every file's errors before failing. */
export function readManifestDocs(paths: string[], cwd: string = process.cwd()): ManifestDoc[] {
  const out: ManifestDoc[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of listManifestFiles(paths, cwd)) {
    try {
      out.push(...readManifestFile(file, cwd));
    } catch (e) {
      if (e instanceof DiagnosticError) diagnostics.push(...e.diagnostics);
      else throw e;
    }
  }
  if (diagnostics.length > 0) throw new DiagnosticError(diagnostics);
  return out;
}

/** Reads manifests and builds the analyzer's cluster; fails with every error diagnostic, returns warnings. */
export function loadCluster(paths: string[], cwd: string = process.cwd(), options: ClusterOptions = {}): BuildResult {
  const result = buildCluster(readManifestDocs(paths, cwd), options);
  if (hasErrors(result.diagnostics)) throw new DiagnosticError(result.diagnostics);
  return result;
}
