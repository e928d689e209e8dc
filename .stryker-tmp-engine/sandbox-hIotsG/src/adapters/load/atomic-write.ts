/**
 * Writes a whole output folder atomically: everything goes to a sibling
 * temporary folder first, which then replaces the target by rename. A crash
 * or error at any point leaves the previous output exactly as it was.
 */
// @ts-nocheck

import * as fs from "node:fs";
import * as path from "node:path";

export interface AtomicWriteHooks {
  /** Test hook: called after each file is written to the temporary folder. */
  readonly afterFile?: (relPath: string) => void;
}

export function writeTreeAtomically(outDir: string, files: ReadonlyMap<string, string>, hooks: AtomicWriteHooks = {}): void {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.tmp-`));
  try {
    for (const rel of [...files.keys()].sort()) {
      if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes("..")) throw new Error(`refusing to write outside the output folder: ${rel}`);
      const dest = path.join(tmp, rel);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, files.get(rel)!);
      hooks.afterFile?.(rel);
    }
    const backup = fs.existsSync(target) ? `${tmp}.old` : undefined;
    if (backup) fs.renameSync(target, backup);
    try {
      fs.renameSync(tmp, target);
    } catch (e) {
      if (backup) fs.renameSync(backup, target);
      throw e;
    }
    if (backup) fs.rmSync(backup, { recursive: true, force: true });
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Writes one file atomically (temporary file in the same folder, then rename). */
export function writeFileAtomically(file: string, content: string): void {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
