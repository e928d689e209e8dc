/** Diff output formats: Markdown for pull-request comments, plain text for terminals, JSON for machines. */
// @ts-nocheck

import { diffMarkdown } from "./render-md";
import { diffText } from "./render-text";
import type { DiffHop, DiffResult, PathChange } from "./types";

export { diffMarkdown } from "./render-md";
export { diffText } from "./render-text";

export const DIFF_FORMATS = ["md", "json", "text"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** `a -> b -> c`, the path on one line. */
export function pathText(p: Pick<PathChange, "from" | "hops">): string {
  return [p.from, ...p.hops.map((h) => h.to)].join(" -> ");
}

/** The path hop by hop, with what each hop allows and the exception behind it. */
export function pathLines(p: Pick<PathChange, "from" | "hops">, indent = ""): string[] {
  return [`${indent}${p.from}`, ...p.hops.map((h: DiffHop) => `${indent}  --(${h.connections})--> ${h.to}${h.exception !== undefined ? `  [exception ${h.exception}]` : ""}`)];
}

export function diffJson(d: DiffResult): string {
  return JSON.stringify(d, null, 2) + "\n";
}

export function renderDiff(d: DiffResult, format: DiffFormat): string {
  return format === "json" ? diffJson(d) : format === "md" ? diffMarkdown(d) : diffText(d);
}

/** The verdict line both human formats start with. */
export function headline(d: DiffResult): { title: string; path?: string } {
  const newPaths = d.paths.filter((p) => p.change === "added" && p.sensitive);
  const gone = d.paths.filter((p) => p.change === "removed" && p.sensitive).length;
  if (newPaths.length === 0) return { title: `ztseg: no new path into a sensitive zone${gone > 0 ? ` (${gone} vanish${gone === 1 ? "es" : ""})` : ""}` };
  const more = newPaths.length > 1 ? ` (and ${newPaths.length - 1} more)` : "";
  return { title: `ztseg: ${newPaths.length} new path${newPaths.length === 1 ? "" : "s"} into a sensitive zone`, path: pathText(newPaths[0]!) + more };
}

export function countBy<T extends string>(items: readonly { change: T }[], change: T): number {
  return items.filter((i) => i.change === change).length;
}
