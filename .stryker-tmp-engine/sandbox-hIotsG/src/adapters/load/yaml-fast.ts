/**
 * The fast path for manifest YAML: js-yaml on each document, with document
 * boundaries and line numbers found by a line scan of our own. js-yaml builds
 * plain objects directly (no CST, no document model), which makes it about
 * fifteen times faster than the `yaml` document API on cluster dumps.
 *
 * It only takes text whose stream structure the scan can tell exactly: a
 * caller falls back to the full parser (see manifests.ts) when `splitYamlStream`
 * returns undefined (directives, `...` markers, content on a `---` line) or when
 * a document may hold an anchor or alias, whose expansion js-yaml cannot bound.
 */
// @ts-nocheck

import { CORE_SCHEMA, load, YAMLException } from "js-yaml";

export interface YamlChunk {
  /** Index of the document in the stream (0-based), as the full parser counts them. */
  readonly index: number;
  /** 1-based line of the chunk's first character. */
  readonly startLine: number;
  readonly text: string;
}

// A line that starts with a document marker or a directive. In YAML, `---` and
// `...` at column 0 followed by a blank or the end of the line cannot be content
// (c-forbidden), so splitting on them never cuts a scalar in two.
const STRUCTURE = /^(?:---|\.\.\.|%)/gm;
const PLAIN_MARKER = /^---[ \t]*(?:#.*)?$/;
const CONTENT = /^[ \t]*[^\s#]/m;

/**
 * The documents of a stream, or undefined when the stream uses structure the
 * line scan does not model (the caller then uses the full parser).
 */
export function splitYamlStream(text: string): YamlChunk[] | undefined {
  const markers: number[] = [];
  STRUCTURE.lastIndex = 0;
  for (let m = STRUCTURE.exec(text); m !== null; m = STRUCTURE.exec(text)) {
    const end = text.indexOf("\n", m.index);
    let line = text.slice(m.index, end === -1 ? text.length : end);
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (m[0] !== "---") {
      // `...` or `%` only matter when they are a marker or directive, which the full parser handles.
      if (m[0] === "%" || line === "..." || /^\.\.\.[ \t]/.test(line)) return undefined;
      continue;
    }
    // `---word` is content, not a marker; `--- content` is a marker we leave to the full parser.
    if (line.length > 3 && line[3] !== " " && line[3] !== "\t") continue;
    if (!PLAIN_MARKER.test(line)) return undefined;
    markers.push(m.index);
  }
  const chunks: YamlChunk[] = [];
  let line = 1;
  let pos = 0;
  let index = 0;
  const countLines = (from: number, to: number): number => {
    let n = 0;
    for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) n++;
    return n;
  };
  // Text before the first marker is a document only when it holds content.
  const first = markers.length > 0 ? markers[0]! : text.length;
  const head = text.slice(0, first);
  if (CONTENT.test(head)) chunks.push({ index: index++, startLine: 1, text: head });
  line += countLines(0, first);
  pos = first;
  for (let k = 0; k < markers.length; k++) {
    const eol = text.indexOf("\n", markers[k]!);
    const start = eol === -1 ? text.length : eol + 1;
    const end = k + 1 < markers.length ? markers[k + 1]! : text.length;
    line += countLines(pos, start);
    chunks.push({ index: index++, startLine: line, text: text.slice(start, end) });
    line += countLines(start, end);
    pos = end;
  }
  return chunks;
}

/** Whether a document may hold an anchor or alias (conservative: `&x`/`*x` after a blank or flow indicator). */
export function mayHoldAliases(text: string): boolean {
  return /(?:^|[\s[{,])[&*][^\s,[\]{}]/.test(text);
}

/** The 1-based line of a chunk's first content (a comment or blank line is not where a reader looks). */
export function firstContentLine(chunk: YamlChunk): number {
  const m = CONTENT.exec(chunk.text);
  if (!m) return chunk.startLine;
  let n = 0;
  for (let i = chunk.text.indexOf("\n"); i !== -1 && i < m.index; i = chunk.text.indexOf("\n", i + 1)) n++;
  return chunk.startLine + n;
}

export type FastParse =
  | { kind: "value"; value: unknown }
  | { kind: "error"; line: number; column: number; message: string }
  /** Nested beyond js-yaml's own bound (100 levels, which keeps its recursion off the stack limit). */
  | { kind: "too-deep"; line: number; column: number };

/** One document with js-yaml (YAML 1.2 core schema, as the full parser; duplicate keys: last wins, as the full parser). */
export function loadYamlChunk(chunk: YamlChunk): FastParse {
  try {
    return { kind: "value", value: load(chunk.text, { schema: CORE_SCHEMA, json: true }) };
  } catch (e) {
    if (e instanceof YAMLException) {
      const line = chunk.startLine + e.mark.line;
      const column = e.mark.column + 1;
      return /maxDepth/.test(e.reason) ? { kind: "too-deep", line, column } : { kind: "error", line, column, message: e.reason };
    }
    throw e;
  }
}
