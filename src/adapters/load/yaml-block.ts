/**
 * A hand-tuned reader for the block YAML that `kubectl get -o yaml`, the
 * `yaml` package's `stringify` and js-yaml's `dump` write for ordinary
 * objects. It returns exactly what js-yaml's
 * `load(text, { schema: CORE_SCHEMA, json: true })` returns on the same text,
 * or declines (undefined) on anything outside the subset it fully models.
 *
 * Accepted:
 * - block mappings and block sequences, including compact entries
 *   (`- key: value`, `- - x`) and sequences at their key's column (kubectl);
 * - keys that are one-line plain or quoted scalars followed by `:` and a blank
 *   or line end (plain keys resolve like values and are then stringified, as
 *   js-yaml does: `1:` is "1", `true:` is "true", `~:` is "null");
 * - one-line plain scalars resolved by the core schema exactly as js-yaml 4
 *   does (null, bool, int with `0b`/`0o`/`0x`, float with `.inf`/`.nan`);
 * - one-line single-quoted scalars and one-line double-quoted scalars with the
 *   escapes js-yaml knows; the empty flow collections `[]` and `{}`;
 * - full-line and trailing comments, blank lines, LF or CRLF line ends;
 * - duplicate keys (the last wins, as js-yaml's `json: true`).
 *
 * Declined: tabs anywhere, control and other non-printable characters, lone
 * CR, byte-order marks, line or paragraph separators; block scalars (`|`,
 * `>`), multi-line plain or quoted scalars, non-empty flow collections,
 * anchors, aliases and tags, explicit (`?`) keys, keys that are not one-line
 * scalars, the keys `__proto__` and `<<`, document markers (`---`, `...` at
 * column 0) and directives, nesting deeper than MAX_DEPTH, a scalar alone on
 * its own line below a key or dash, and every indentation js-yaml would reject
 * or read in a surprising way.
 *
 * Declining is always safe: the caller then reads the chunk with js-yaml. The
 * one bug that matters is returning a value js-yaml would not return, so each
 * rule below mirrors a step of js-yaml's loader (cited by its function name)
 * and anything not mirrored declines.
 */
import { detach } from "../../model/detach";

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const DQUOTE = 0x22;
const HASH = 0x23;
const SQUOTE = 0x27;
const DASH = 0x2d;
const DOT = 0x2e;
const COLON = 0x3a;
const QUESTION = 0x3f;
const LBRACKET = 0x5b;
const BACKSLASH = 0x5c;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;

/** Deepest nesting read; js-yaml refuses at 100 nodes deep, and a scalar or key adds a level. */
const MAX_DEPTH = 90;

/**
 * Characters outside the subset, and a quick superset of them (all surrogates)
 * so the exact test, with its look-arounds, runs only on texts that need it.
 * Besides tabs, these are the characters js-yaml refuses in plain scalars or
 * treats as line breaks or a BOM; declining them everywhere is simpler than
 * modelling where they are allowed.
 */
// eslint-disable-next-line no-control-regex
const MAYBE_OUTSIDE = /[\x00-\x09\x0B\x0C\x0E-\x1F\x7F-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const OUTSIDE = /[\x00-\x09\x0B\x0C\x0E-\x1F\x7F-\x9F\uFEFF\uFFFE\uFFFF\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A CR that is not part of CRLF: js-yaml reads it as a line break, we decline. */
const LONE_CR = /\r(?!\n)/;

/** Characters that cannot start a plain scalar (js-yaml readPlainScalar), by code below 128. */
const NOT_PLAIN_START = new Uint8Array(128);
for (const ch of "\t\n\r ,[]{}#&*!|>'\"%@`") NOT_PLAIN_START[ch.charCodeAt(0)] = 1;

/** The one-character escapes of double-quoted scalars (js-yaml simpleEscapeSequence; a backslash before a tab never gets here, tabs decline). */
const SIMPLE_ESCAPES: ReadonlyMap<number, string> = new Map(
  Object.entries({
    "0": "\x00", a: "\x07", b: "\x08", t: "\x09", n: "\x0A", v: "\x0B", f: "\x0C", r: "\x0D", e: "\x1B",
    " ": " ", '"': '"', "/": "/", "\\": "\\", N: "\x85", _: "\xA0", L: "\u2028", P: "\u2029",
  }).map(([k, v]) => [k.charCodeAt(0), v]),
);

/** Thrown to unwind the reader when the text leaves the subset; never escapes readBlockYaml. */
class Declined {}
const DECLINED = new Declined();

function decline(): never {
  throw DECLINED;
}

/** A blank or a line break after `:` or `-` (js-yaml isWsOrEol; tabs never reach the reader). */
function isSeparator(c: number): boolean {
  return c === SPACE || c === LF || c === CR;
}

/** Whether a plain scalar may start with `c` followed by `next` (js-yaml readPlainScalar, block context). */
function canStartPlain(c: number, next: number): boolean {
  if (c < 128 && NOT_PLAIN_START[c] === 1) return false;
  return !((c === DASH || c === QUESTION || c === COLON) && isSeparator(next));
}

// ---- Core schema resolution, ported from js-yaml 4 (type/null, bool, int, float) ----

function isDecimalDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHexDigit(c: number): boolean {
  return isDecimalDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function isOctalDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x37;
}

/** js-yaml parseYamlInteger: note `-0` gives 0 but `-00` gives -0. */
function parseYamlInteger(data: string): number {
  let value = data;
  let sign = 1;
  let ch = value[0];
  if (ch === "-" || ch === "+") {
    if (ch === "-") sign = -1;
    value = value.slice(1);
    ch = value[0];
  }
  if (value === "0") return 0;
  if (ch === "0") {
    if (value[1] === "b") return sign * parseInt(value.slice(2), 2);
    if (value[1] === "x") return sign * parseInt(value.slice(2), 16);
    if (value[1] === "o") return sign * parseInt(value.slice(2), 8);
  }
  return sign * parseInt(value, 10);
}

/** Whether every character from `index` on passes `test` and there is at least one. */
function allDigits(data: string, index: number, test: (c: number) => boolean): boolean {
  if (index >= data.length) return false;
  for (let i = index; i < data.length; i++) if (!test(data.charCodeAt(i))) return false;
  return true;
}

/** js-yaml resolveYamlInteger: optional sign, then `0b`, `0x`, `0o` or decimal digits, finite. */
function isYamlInteger(data: string): boolean {
  let index = data[0] === "-" || data[0] === "+" ? 1 : 0;
  if (data[index] === "0") {
    if (index + 1 === data.length) return true;
    index++;
    const radix = data[index];
    const test = radix === "b" ? (c: number) => c === 0x30 || c === 0x31 : radix === "x" ? isHexDigit : radix === "o" ? isOctalDigit : undefined;
    if (test !== undefined) return allDigits(data, index + 1, test) && Number.isFinite(parseYamlInteger(data));
  }
  return allDigits(data, index, isDecimalDigit) && Number.isFinite(parseYamlInteger(data));
}

const YAML_FLOAT = /^(?:[-+]?(?:[0-9]+)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const YAML_FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** js-yaml resolveYamlFloat: note `.5` is a float but `-.5` is a string, and no underscores. */
function isYamlFloat(data: string): boolean {
  if (!YAML_FLOAT.test(data)) return false;
  return Number.isFinite(parseFloat(data)) || YAML_FLOAT_SPECIAL.test(data);
}

/** js-yaml constructYamlFloat. */
function constructYamlFloat(data: string): number {
  let value = data.toLowerCase();
  const sign = value[0] === "-" ? -1 : 1;
  if (value[0] === "+" || value[0] === "-") value = value.slice(1);
  if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  if (value === ".nan") return NaN;
  return sign * parseFloat(value);
}

/** Up to 15 decimal digits, as a number: exact, and what parseYamlInteger gives (most numbers in manifests). */
function smallDecimal(text: string): number | undefined {
  const n = text.length;
  if (n > 15) return undefined;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return undefined;
    value = value * 10 + d;
  }
  return value;
}

function resolveNumber(text: string): unknown {
  const small = smallDecimal(text);
  if (small !== undefined) return small;
  if (isYamlInteger(text)) return parseYamlInteger(text);
  if (isYamlFloat(text)) return constructYamlFloat(text);
  return text;
}

/**
 * A non-empty plain scalar in the core schema, tried in js-yaml's order (null,
 * bool, int, float). The first character settles most scalars without a regex.
 */
function resolvePlain(text: string): unknown {
  switch (text.charCodeAt(0)) {
    case 0x7e: // ~
      return text.length === 1 ? null : text;
    case 0x6e: // n
      return text === "null" ? null : text;
    case 0x4e: // N
      return text === "Null" || text === "NULL" ? null : text;
    case 0x74: // t
      return text === "true" ? true : text;
    case 0x54: // T
      return text === "True" || text === "TRUE" ? true : text;
    case 0x66: // f
      return text === "false" ? false : text;
    case 0x46: // F
      return text === "False" || text === "FALSE" ? false : text;
    case 0x2b: // +
    case 0x2d: // -
    case 0x2e: // .
    case 0x30: case 0x31: case 0x32: case 0x33: case 0x34:
    case 0x35: case 0x36: case 0x37: case 0x38: case 0x39:
      return resolveNumber(text);
    default:
      return text;
  }
}

/** A key as js-yaml stores it: resolved, then stringified (storeMappingPair). */
function checkedKey(key: string): string {
  // `__proto__` needs defineProperty to become an own key, and `<<` is a merge key in other schemas: leave both to js-yaml.
  if (key === "__proto__" || key === "<<") decline();
  return key;
}

/**
 * Plain keys already read, by their text. Keys repeat across documents
 * (`metadata`, `name`, ...): handing V8 the same string object each time
 * spares it a string-table lookup on every property store (about 15% of the
 * reader's time on a cluster dump). Bounded in entries and key length, so
 * hostile input cannot grow it.
 */
const KEY_CACHE = new Map<string, string>();
const KEY_CACHE_LIMIT = 4096;
const KEY_CACHE_LENGTH = 64;

function plainKey(text: string): string {
  const cached = KEY_CACHE.get(text);
  if (cached !== undefined) return cached;
  const value = resolvePlain(text);
  const key = checkedKey(typeof value === "string" ? value : String(value));
  if (KEY_CACHE.size < KEY_CACHE_LIMIT && text.length <= KEY_CACHE_LENGTH) {
    // Cache copies: a slice may share (and so keep alive) the whole document it was cut from.
    const copy = (s: string): string => JSON.parse(JSON.stringify(s)) as string;
    KEY_CACHE.set(copy(text), copy(key));
  }
  return key;
}

/**
 * Plain scalars that js-yaml and the `yaml` reader resolve differently, which
 * the stream reader declines so that what it returns is what both return:
 * - a binary number, a signed hexadecimal or octal number, a signed number
 *   starting with a dot (yaml-fast.ts's RADIX; js-yaml reads a number, the
 *   `yaml` reader a string);
 * - `-0` (js-yaml 0, the `yaml` reader -0);
 * - numbers beyond a double's range (js-yaml keeps the text, the `yaml`
 *   reader gives an infinity);
 * - as a key, null (isPlainKeyDivergent).
 * Found by comparing both readers on every scalar of up to five characters
 * drawn from digits, signs, `.`, `e`, `E`, `x`, `o`, `b` and `_`.
 */
const RADIX_FORM = /^(?:[-+]?0[bB][01_]+|[-+]0[xX][0-9a-fA-F_]+|[-+]0[oO][0-7_]+|[-+]\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?)$/;
/** The `yaml` reader's core-schema number syntax (int, hexadecimal, octal, float), which it reads as a number however large. */
const YAML_NUMBER = /^(?:[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+)$/;

/** Whether a plain scalar, which js-yaml resolves to `value`, is one of the above. */
function divergesFromYaml(text: string, value: unknown): boolean {
  const c = text.charCodeAt(0);
  if (c === 0x2b || c === 0x2d || c === 0x30) {
    if (text === "-0" || RADIX_FORM.test(text)) return true;
  } else if (c !== DOT && (c < 0x31 || c > 0x39)) return false;
  // Only a string can be an out-of-range number, and a number has one dot at most (addresses have three).
  return typeof value === "string" && text.indexOf(".") === text.lastIndexOf(".") && YAML_NUMBER.test(text);
}

/** A key the two readers name differently: one of the above, or null (js-yaml names it "null", the `yaml` reader ""). */
function isPlainKeyDivergent(text: string): boolean {
  const c = text.charCodeAt(0);
  // Most keys start with a letter other than n and N, and resolve to themselves: no need to resolve them here.
  if ((c >= 0x61 && c <= 0x7a && c !== 0x6e) || (c >= 0x41 && c <= 0x5a && c !== 0x4e)) return false;
  const value = resolvePlain(text);
  return value === null || divergesFromYaml(text, value);
}

/** A document of a stream read by readBlockYamlStream. */
export interface BlockDocument {
  /** Its index in the stream, counting empty documents, as splitYamlStream numbers chunks. */
  readonly index: number;
  /** The 1-based line of its first content line. */
  readonly line: number;
  readonly value: unknown;
}

/** js-yaml charFromCodepoint, for code points it can represent. */
function fromCodePoint(code: number): string {
  if (code <= 0xffff) return String.fromCharCode(code);
  if (code > 0x10ffff) decline();
  return String.fromCharCode(((code - 0x10000) >> 10) + 0xd800, ((code - 0x10000) & 0x3ff) + 0xdc00);
}

/**
 * The reader. The cursor convention: after a node is read, `pos` is at the
 * first character of the next line with content (blank and comment-only lines
 * skipped) and `indent` is that line's indentation, or -1 at the end of the
 * text. Every node starts at a column; a mapping or sequence continues while
 * the next content line is at its column, ends at a smaller one, and declines
 * at a larger one (js-yaml: "bad indentation" or a multi-line plain scalar).
 */
class Reader {
  private pos = 0;
  private lineStart = 0;
  private indent = -1;
  private depth = 0;
  /** The 1-based number of the line at `lineStart` (the stream reader reports where each document starts). */
  private line = 1;
  /** In a stream, the start of the `---` line that ended the last node read, else -1. */
  private marker = -1;

  /**
   * `src` ends with LF and holds no lone CR, so scanning a line always stops at its end. Block mappings and
   * sequences nest at most `maxDepth` deep (one more level is possible only as an empty `{}` or `[]`).
   * A `stream` reader takes `---` lines as document boundaries and declines the numbers the `yaml` reader
   * reads differently (see divergesFromYaml); a single-document reader declines `---` lines.
   */
  constructor(
    private readonly src: string,
    private readonly maxDepth: number,
    private readonly stream: boolean = false,
  ) {}

  /** The single document (js-yaml readDocument): one node, then nothing but blanks and comments. */
  document(): unknown {
    this.nextContentLine(0);
    if (this.indent < 0) return null;
    const value = this.node(this.indent, true);
    if (this.indent >= 0) decline();
    return value;
  }

  /**
   * Every document of a stream, split where splitYamlStream splits it: text
   * before the first marker is a document only when it holds content, and each
   * `---` line starts one (so empty documents still count in `index`). Only
   * documents with content are returned; `line` is that of their first content
   * line, as firstContentLine gives it.
   */
  documents(): BlockDocument[] {
    const out: BlockDocument[] = [];
    let next = 0;
    this.nextContentLine(0);
    if (this.indent >= 0) out.push(this.streamDocument(next++));
    while (this.marker >= 0) {
      const index = next++;
      this.passMarker();
      if (this.indent >= 0) out.push(this.streamDocument(index));
    }
    return out;
  }

  /** The document starting at the current content line; it must end at a marker or at the end of the text. */
  private streamDocument(index: number): BlockDocument {
    const line = this.line;
    const value = this.node(this.indent, true);
    if (this.indent >= 0) decline();
    return { index, line, value };
  }

  /**
   * Moves past the `---` line at `marker` to the next content line. Only a
   * bare marker (blanks and a comment may follow after a blank) is a boundary
   * here; splitYamlStream leaves content on the marker line to the full parser.
   */
  private passMarker(): void {
    const s = this.src;
    let p = this.marker + 3;
    this.marker = -1;
    if (s.charCodeAt(p) === SPACE) {
      while (s.charCodeAt(p) === SPACE) p++;
      if (s.charCodeAt(p) === HASH) p = s.indexOf("\n", p);
    }
    const c = s.charCodeAt(p);
    if (c === CR) p += 2;
    else if (c === LF) p++;
    else decline();
    this.line++;
    this.nextContentLine(p);
  }

  /**
   * A node starting at `pos`, at column `col`: a block sequence, a block
   * mapping, or (when `allowScalar`) a one-line scalar, in js-yaml composeNode's
   * order. A scalar alone on its own line below a key or dash is declined: it
   * is the one place a plain scalar could continue on later lines unnoticed.
   */
  private node(col: number, allowScalar: boolean): unknown {
    if (this.atEntry()) return this.sequence(col);
    const key = this.key();
    if (key !== undefined) return this.mapping(col, key);
    if (!allowScalar) decline();
    const value = this.inlineValue();
    this.endLine();
    return value;
  }

  /** Whether `pos` is at a block sequence entry: `-` followed by a blank or line end. */
  private atEntry(): boolean {
    const s = this.src;
    return s.charCodeAt(this.pos) === DASH && isSeparator(s.charCodeAt(this.pos + 1));
  }

  private enter(): void {
    if (++this.depth > this.maxDepth) decline();
  }

  /**
   * A block mapping at column `col` whose first key was just read (js-yaml
   * readBlockMapping). Each later key is on a line at exactly `col`.
   */
  private mapping(col: number, firstKey: string): Record<string, unknown> {
    this.enter();
    const out: Record<string, unknown> = {};
    let key = firstKey;
    for (;;) {
      out[key] = this.valueAfterColon(col);
      if (this.indent !== col) {
        if (this.indent > col) decline();
        break;
      }
      // A line at the mapping's column must hold a key: js-yaml rejects anything else (even `- x`) here.
      const next = this.key();
      if (next === undefined) decline();
      key = next;
    }
    this.depth--;
    return out;
  }

  /**
   * The value after a key's `:` (js-yaml composeNode in block-out context):
   * on the same line a one-line scalar or `[]`/`{}`; otherwise a block node on
   * a deeper line, a sequence at the key's own column, or null.
   */
  private valueAfterColon(col: number): unknown {
    const s = this.src;
    let p = this.pos;
    while (s.charCodeAt(p) === SPACE) p++;
    const c = s.charCodeAt(p);
    this.pos = p;
    if (c === HASH || c === LF || c === CR) {
      this.endLine();
      if (this.indent > col) return this.node(this.indent, false);
      if (this.indent === col && this.atEntry()) return this.sequence(col);
      return null;
    }
    const value = this.inlineValue();
    this.endLine();
    return value;
  }

  /** A block sequence at column `col`, `pos` at its first `-` (js-yaml readBlockSequence). */
  private sequence(col: number): unknown[] {
    this.enter();
    const s = this.src;
    const out: unknown[] = [];
    for (;;) {
      let p = this.pos + 1;
      while (s.charCodeAt(p) === SPACE) p++;
      const c = s.charCodeAt(p);
      this.pos = p;
      if (c === HASH || c === LF || c === CR) {
        this.endLine();
        if (this.indent > col) {
          out.push(this.node(this.indent, false));
        } else {
          out.push(null);
          // After an empty entry js-yaml keeps reading `-` lines as entries even when they are less indented.
          if (this.indent >= 0 && this.indent < col && this.atEntry()) decline();
        }
      } else {
        // Compact entry: a nested sequence or mapping starts at this column (`- - x`, `- key: value`).
        out.push(this.node(p - this.lineStart, true));
      }
      if (this.indent !== col || !this.atEntry()) {
        if (this.indent > col) decline();
        break;
      }
    }
    this.depth--;
    return out;
  }

  /**
   * The key at `pos` if the line holds a mapping entry (`key:` then a blank or
   * line end), with `pos` moved past the `:`; otherwise undefined and `pos`
   * unchanged. Explicit keys (`? `, `: `) are not plain scalars and so are never keys here.
   */
  private key(): string | undefined {
    const s = this.src;
    const start = this.pos;
    const c = s.charCodeAt(start);
    if (c === DQUOTE || c === SQUOTE) return this.quotedKey(c);
    if (!canStartPlain(c, s.charCodeAt(start + 1))) return undefined;
    let end = start;
    for (let p = start; ; p++) {
      const ch = s.charCodeAt(p);
      if (ch > COLON) {
        end = p + 1; // letters and most punctuation: the common case, nothing to check
      } else if (ch === COLON) {
        if (isSeparator(s.charCodeAt(p + 1))) {
          this.pos = p + 1;
          const text = s.slice(start, end);
          if (this.stream && isPlainKeyDivergent(text)) decline();
          return plainKey(text);
        }
        end = p + 1;
      } else if (ch === HASH && s.charCodeAt(p - 1) === SPACE) {
        return undefined; // a comment starts: no `:` on this line
      } else if (ch === LF || ch === CR) {
        return undefined;
      } else if (ch !== SPACE) {
        end = p + 1;
      }
    }
  }

  /** A quoted key: the scalar, blanks, then `:` that js-yaml requires to be followed by a blank or line end. */
  private quotedKey(quote: number): string | undefined {
    const s = this.src;
    const start = this.pos;
    const text = quote === DQUOTE ? this.doubleQuoted() : this.singleQuoted();
    let p = this.pos;
    while (s.charCodeAt(p) === SPACE) p++;
    if (s.charCodeAt(p) !== COLON) {
      this.pos = start;
      return undefined;
    }
    if (!isSeparator(s.charCodeAt(p + 1))) decline();
    this.pos = p + 1;
    return checkedKey(text);
  }

  /**
   * A scalar or empty flow collection on the current line, `pos` left after
   * it. A plain scalar ends at a line end or ` #`; a `: ` inside it is an error
   * in js-yaml (a second key on one line), so it declines.
   */
  private inlineValue(): unknown {
    const s = this.src;
    const start = this.pos;
    const c = s.charCodeAt(start);
    if (c === DQUOTE) return detach(this.doubleQuoted());
    if (c === SQUOTE) return detach(this.singleQuoted());
    if (c === LBRACKET || c === LBRACE) return this.emptyFlow(c);
    if (!canStartPlain(c, s.charCodeAt(start + 1))) decline();
    let end = start;
    let p = start;
    for (; ; p++) {
      const ch = s.charCodeAt(p);
      if (ch > COLON) {
        end = p + 1;
      } else if (ch === COLON) {
        if (isSeparator(s.charCodeAt(p + 1))) decline();
        end = p + 1;
      } else if (ch === HASH && s.charCodeAt(p - 1) === SPACE) {
        break;
      } else if (ch === LF || ch === CR) {
        break;
      } else if (ch !== SPACE) {
        end = p + 1;
      }
    }
    this.pos = p;
    const text = s.slice(start, end);
    const value = resolvePlain(text);
    if (this.stream && divergesFromYaml(text, value)) decline();
    // Values get their own storage: a kept label or name must not keep the whole file alive (18 MB at 20,000 pods).
    return typeof value === "string" ? detach(value) : value;
  }

  /** `[]` or `{}`; any other flow collection declines. */
  private emptyFlow(open: number): unknown {
    const close = this.src.charCodeAt(this.pos + 1);
    if (open === LBRACKET && close === RBRACKET) {
      this.pos += 2;
      return [];
    }
    if (open === LBRACE && close === RBRACE) {
      this.pos += 2;
      return {};
    }
    return decline();
  }

  /** A single-quoted scalar closed on its line (`''` is a quote), `pos` left after it. */
  private singleQuoted(): string {
    const s = this.src;
    let i = this.pos + 1;
    let from = i;
    let out = "";
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === SQUOTE) {
        if (s.charCodeAt(i + 1) !== SQUOTE) break;
        out += s.slice(from, i + 1);
        i += 2;
        from = i;
      } else if (c === LF || c === CR) {
        decline(); // continues on the next line: js-yaml folds it
      } else {
        i++;
      }
    }
    this.pos = i + 1;
    return out + s.slice(from, i);
  }

  /** A double-quoted scalar closed on its line, escapes decoded as js-yaml does, `pos` left after it. */
  private doubleQuoted(): string {
    const s = this.src;
    let i = this.pos + 1;
    let from = i;
    let out = "";
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === DQUOTE) break;
      if (c === BACKSLASH) {
        out += s.slice(from, i);
        i = this.escape(i);
        out += this.escaped;
        from = i;
      } else if (c === LF || c === CR) {
        decline(); // continues on the next line: js-yaml folds it
      } else {
        i++;
      }
    }
    this.pos = i + 1;
    return out + s.slice(from, i);
  }

  /** The text of the last escape read by `escape` (kept in a field to avoid a tuple per escape). */
  private escaped = "";

  /** Decodes the escape at `at` (a backslash) into `escaped`; returns the index after it. */
  private escape(at: number): number {
    const s = this.src;
    const e = s.charCodeAt(at + 1);
    const simple = SIMPLE_ESCAPES.get(e);
    if (simple !== undefined) {
      this.escaped = simple;
      return at + 2;
    }
    // A line break after the backslash would join lines; an unknown escape is an error.
    const digits = e === 0x78 ? 2 : e === 0x75 ? 4 : e === 0x55 ? 8 : decline();
    let code = 0;
    for (let k = 0; k < digits; k++) {
      const h = s.charCodeAt(at + 2 + k);
      if (!isHexDigit(h)) decline();
      code = code * 16 + (h <= 0x39 ? h - 0x30 : (h | 0x20) - 0x57);
    }
    this.escaped = fromCodePoint(code);
    return at + 2 + digits;
  }

  /** Finishes the current line (blanks and a comment may remain) and moves to the next content line. */
  private endLine(): void {
    const s = this.src;
    let p = this.pos;
    while (s.charCodeAt(p) === SPACE) p++;
    if (s.charCodeAt(p) === HASH) {
      const nl = s.indexOf("\n", p);
      p = nl < 0 ? s.length : nl;
    }
    const c = s.charCodeAt(p);
    if (c === CR) p += 2; // always CRLF: lone CRs were declined up front
    else if (c === LF) p++;
    else decline(); // more content after a complete node on this line
    this.line++;
    this.nextContentLine(p);
  }

  /**
   * Moves to the first line at or after `from` (a line start) with content,
   * skipping blank and comment-only lines, and records its indentation. A
   * document marker at column 0 declines (js-yaml ends the document there).
   */
  private nextContentLine(from: number): void {
    const s = this.src;
    const n = s.length;
    let start = from;
    while (start < n) {
      let p = start;
      while (s.charCodeAt(p) === SPACE) p++;
      const c = s.charCodeAt(p);
      if (c === LF) {
        start = p + 1;
        this.line++;
      } else if (c === CR) {
        start = p + 2;
        this.line++;
      } else if (c === HASH) {
        const nl = s.indexOf("\n", p);
        if (nl < 0) break;
        start = nl + 1;
        this.line++;
      } else if (p >= n) {
        break;
      } else {
        if (p === start && (c === DASH || c === DOT) && s.charCodeAt(p + 1) === c && s.charCodeAt(p + 2) === c) {
          // In a stream, a `---` line ends every node open, as the end of the text would (passMarker checks the
          // rest of the line); `...` and, in a single document, `---` decline.
          if (!this.stream || c === DOT) decline();
          this.marker = start;
          this.lineStart = start;
          this.pos = p;
          this.indent = -1;
          return;
        }
        this.lineStart = start;
        this.pos = p;
        this.indent = p - start;
        return;
      }
    }
    this.pos = n;
    this.indent = -1;
  }
}

/** Whether the text holds a character the reader does not model (see OUTSIDE). */
function hasOutsideCharacters(text: string): boolean {
  if (MAYBE_OUTSIDE.test(text) && OUTSIDE.test(text)) return true;
  return text.includes("\r") && LONE_CR.test(text);
}

/**
 * Whether js-yaml finds no document at all (load returns undefined rather
 * than null): loadDocuments appends a final line break when missing, skips
 * leading spaces, and reads a document only if more than that break remains.
 */
function hasNoDocument(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  const last = text.charCodeAt(n - 1);
  const length = last === LF || last === CR ? n : n + 1;
  let p = 0;
  while (text.charCodeAt(p) === SPACE) p++;
  return p >= length - 1;
}

/**
 * One YAML document (a chunk from splitYamlStream), read exactly as js-yaml's
 * `load(text, { schema: CORE_SCHEMA, json: true })` reads it, or undefined
 * when the text is outside the subset this reader models (the caller then
 * uses js-yaml). An empty or comment-only text gives undefined or null as
 * js-yaml does, wrapped in `{ value }`.
 */
export function readBlockYaml(text: string, maxDepth: number = MAX_DEPTH): { readonly value: unknown } | undefined {
  if (hasOutsideCharacters(text)) return undefined;
  if (hasNoDocument(text)) return { value: undefined };
  return declinable(() => ({ value: new Reader(withFinalBreak(text), Math.min(maxDepth, MAX_DEPTH)).document() }));
}

/** The text ending with a line break, as js-yaml reads it: every scan then stops at a line end without bounds checks. */
function withFinalBreak(text: string): string {
  return text.length === 0 || text.charCodeAt(text.length - 1) === LF ? text : `${text}\n`;
}

/** What `read` returns, or undefined when the reader declines part of the text. */
function declinable<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (e === DECLINED) return undefined;
    throw e;
  }
}

/**
 * A whole multi-document stream in one pass, or undefined when any part of it
 * is outside the subset. What it returns is what splitYamlStream, then
 * readBlockYaml on each chunk, then firstContentLine give, for the documents
 * with content; and, since it also declines the numbers the two readers
 * resolve differently (and anchors, aliases and tags, as readBlockYaml does),
 * what the `yaml` reader gives. Reading the stream whole spares the split's
 * and the fast path's scans of the text, which cost about a third as much as
 * the reading itself on a cluster dump.
 */
export function readBlockYamlStream(text: string, maxDepth: number = MAX_DEPTH): BlockDocument[] | undefined {
  if (hasOutsideCharacters(text)) return undefined;
  return declinable(() => new Reader(withFinalBreak(text), Math.min(maxDepth, MAX_DEPTH), true).documents());
}
