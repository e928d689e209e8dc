/**
 * The fast path for manifest YAML: js-yaml on each document, with document
 * boundaries and line numbers found by a line scan of our own. js-yaml builds
 * plain objects directly (no CST, no document model), which makes it about
 * fifteen times faster than the `yaml` document API on cluster dumps.
 *
 * It is only used where it reads exactly what the `yaml` reader would:
 * `splitYamlStream` declines streams whose structure the scan does not model
 * (directives, `...`, content on a `---` line, line breaks other than LF and
 * CRLF, a byte-order mark), `needsFullParser` declines documents with anything
 * the two readers treat differently (anchors and aliases, whose expansion only
 * the `yaml` reader bounds; tags; binary, signed hexadecimal or octal and
 * `+.5`-style numbers), and any js-yaml error sends the whole file to the
 * `yaml` reader, so refusals and their messages are always that reader's.
 * Ahead of js-yaml, the block reader (yaml-block.ts) takes the layouts that
 * cluster dumps use and returns what js-yaml would, or declines.
 */
import type * as JsYaml from "js-yaml";

/**
 * js-yaml, loaded on first use: the block reader takes every document of a
 * typical dump, and loading js-yaml was a visible part of a small cluster's
 * `ztseg verify --manifests` (about 20 ms of 0.7 s).
 */
let jsYaml: typeof JsYaml | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred, synchronous load (see above)
const loadJsYaml = (): typeof JsYaml => (jsYaml ??= require("js-yaml") as typeof JsYaml);

export interface YamlChunk {
  /** Index of the document in the stream (0-based), as the full parser counts them. */
  readonly index: number;
  /** 1-based line of the chunk's first character. */
  readonly startLine: number;
  readonly text: string;
}

// A line that starts with a document marker or a directive. In YAML, `---` and
// `...` at column 0 followed by a blank or the end of the line cannot be content
// (c-forbidden), so splitting on them never cuts a scalar in two. Lines are
// split on LF only: other breaks make the stream decline (see OTHER_BREAKS).
const STRUCTURE = /(?:^|\n)(---|\.\.\.|%)/g;
const PLAIN_MARKER = /^---[ \t]*(?:#.*)?$/;
/** A line with something other than blanks or a comment (YAML blanks are space and tab only). */
const CONTENT = /(?:^|\n)[ \t]*[^ \t\r\n#]/;
/** A byte-order mark, Unicode line or paragraph separators, or a CR without LF. */
const OTHER_BREAKS = /[\uFEFF\u2028\u2029]|\r(?!\n)/;

/**
 * The documents of a stream, or undefined when the stream uses structure the
 * line scan does not model (the caller then uses the full parser).
 */
export function splitYamlStream(text: string): YamlChunk[] | undefined {
  if (OTHER_BREAKS.test(text)) return undefined;
  const markers: number[] = [];
  STRUCTURE.lastIndex = 0;
  for (let m = STRUCTURE.exec(text); m !== null; m = STRUCTURE.exec(text)) {
    const at = m.index + (text[m.index] === "\n" ? 1 : 0);
    // The next search starts at this line, so a marker on the following line is still found.
    STRUCTURE.lastIndex = at + 1;
    const end = text.indexOf("\n", at);
    let line = text.slice(at, end === -1 ? text.length : end);
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (m[1] !== "---") {
      // `...` or `%` only matter when they are a marker or directive, which the full parser handles.
      if (m[1] === "%" || line === "..." || /^\.\.\.[ \t]/.test(line)) return undefined;
      continue;
    }
    // `---word` is content, not a marker; `--- content` is a marker we leave to the full parser.
    if (line.length > 3 && line[3] !== " " && line[3] !== "\t") continue;
    if (!PLAIN_MARKER.test(line)) return undefined;
    markers.push(at);
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

/**
 * A plain scalar or key the two readers resolve differently (see
 * yaml-block.ts's divergesFromYaml), conservatively: a binary number, a signed
 * hexadecimal or octal number, a signed number starting with a dot, `-0`, and
 * numbers that may exceed a double (a three-digit exponent, or 200 or more
 * characters of digits; below that, a number with an exponent under 100
 * stays finite).
 */
const RADIX = /(?:^|[\s:,[{])(?:[-+]?0[bB][01_]+|[-+]0[xX][0-9a-fA-F_]+|[-+]0[oO][0-7_]+|[-+]\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?|-0|[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][-+]?[0-9]{3,}|[-+.0-9][-+.0-9a-fA-FxoeE]{199,})(?=[\s,\]}#:]|$)/;

/** A plain key that resolves to null: js-yaml names it "null", the `yaml` reader "". */
const NULL_KEY = /(?:^|[\s,[{])(?:~|null|Null|NULL)[ ]*:(?=[\s,\]}]|$)/;

/**
 * Whether a document may hold something the two readers treat differently
 * (conservative: a match only costs the slower reader): an anchor, alias or
 * tag (`&x`, `*x`, `!x` anywhere), a number the two resolve differently
 * (RADIX), or a null key.
 */
export function needsFullParser(text: string): boolean {
  return /[&*!][^\s]/.test(text) || RADIX.test(text) || NULL_KEY.test(text);
}

/** The 1-based line of a chunk's first content (a comment or blank line is not where a reader looks). */
export function firstContentLine(chunk: YamlChunk): number {
  const m = CONTENT.exec(chunk.text);
  if (!m) return chunk.startLine;
  const at = m.index + (chunk.text[m.index] === "\n" ? 1 : 0);
  let n = 0;
  for (let i = chunk.text.indexOf("\n"); i !== -1 && i < at; i = chunk.text.indexOf("\n", i + 1)) n++;
  return chunk.startLine + n;
}

/**
 * One document with js-yaml (YAML 1.2 core schema, as the full parser;
 * duplicate keys: last wins, as the full parser), or undefined when js-yaml
 * refuses it: the caller then reads the file with the full parser, whose
 * diagnostics are the ones users see. js-yaml caps nesting at 100 levels, so
 * its recursion stays far from the stack limit.
 */
export function loadYamlChunk(chunk: YamlChunk): { readonly value: unknown } | undefined {
  try {
    const { load, CORE_SCHEMA } = loadJsYaml();
    return { value: load(chunk.text, { schema: CORE_SCHEMA, json: true }) };
  } catch (e) {
    if (e instanceof loadJsYaml().YAMLException || e instanceof RangeError) return undefined;
    throw e;
  }
}
