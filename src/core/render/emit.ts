/**
 * A fast writer for the canonical YAML of one object, byte-identical to the
 * `yaml` library's output with the options in render/index.ts. The layout
 * (block maps, indented block sequences, `{}`/`[]` for empty collections) is
 * written here; every scalar's text still comes from the `yaml` library,
 * asked once per distinct value and position (map key, map value, sequence
 * item), so quoting follows its YAML 1.1 rules exactly. Anything this writer
 * does not model (multi-line scalars, non-JSON values) returns undefined and
 * the caller renders the object with the library as before.
 *
 * Why: rendering is most of what `ztseg compile` and a diff's manifest digest
 * cost on large clusters (the library builds a document model per object).
 */
import { stringify } from "yaml";
import { METADATA_KEYS, TOP_KEYS, orderedKeys } from "./canonical";

type Position = "key" | "value" | "item";

const OPTIONS = { version: "1.1", lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false, sortMapEntries: false } as const;

/** Starts with a letter, then letters, digits and `._/-`: no indicator, no number, no timestamp, no `: ` or ` #`. */
const PLAIN = /^[A-Za-z][A-Za-z0-9._/-]*$/;
/** YAML 1.1 booleans and null spelled with letters, and exponent-only floats such as `e1` (the library quotes these). */
const SPECIAL_WORDS = /^(?:y|n|yes|no|on|off|true|false|null)$|^e[0-9+-]/i;
/**
 * Digits in three or more dot-separated runs (addresses such as 10.1.148.76,
 * versions such as 1.2.3): no YAML 1.1 type reads them (a float has one dot
 * at most), and the library writes them plain in every position. Pod
 * addresses are unique, so the cache below would ask the library for each.
 */
const DOTTED_DIGITS = /^[0-9]+(?:\.[0-9]+){2,}$/;

/** Thrown inside the writer when a value is outside what it models. */
class NotModelled extends Error {}

const scalarCache: Record<Position, Map<string | number | boolean | null, string>> = { key: new Map(), value: new Map(), item: new Map() };
/** The cache is a pure function of its keys; bounded so a long-lived process does not grow without limit. */
const CACHE_LIMIT = 100_000;

function scalar(v: unknown, at: Position): string {
  if (!(v === null || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v) && !Object.is(v, -0)))) throw new NotModelled();
  if (typeof v === "string") {
    // Names, label keys and values, image paths: plain in every position unless YAML 1.1 reads them as a boolean or null.
    // (Keys longer than 1024 characters cannot be implicit: the library writes them as `? key`.)
    if (PLAIN.test(v) && !SPECIAL_WORDS.test(v) && (at !== "key" || v.length <= 1024)) return v;
    if (DOTTED_DIGITS.test(v) && v.length <= 1024) return v;
    // A document marker at column 0 is quoted where the same text further in is not: the library decides.
    if (v.startsWith("---") || v.startsWith("...")) throw new NotModelled();
  }
  const cache = scalarCache[at];
  let text = cache.get(v);
  if (text === undefined) {
    // The library's own text for this scalar in this position.
    const doc = at === "key" ? stringify({ [String(v)]: 1 }, OPTIONS) : at === "value" ? stringify({ k: v }, OPTIONS) : stringify([v], OPTIONS);
    const line = doc.endsWith("\n") ? doc.slice(0, -1) : doc;
    if (line.includes("\n")) throw new NotModelled(); // block scalars and other multi-line forms
    text = at === "key" ? (line.endsWith(": 1") ? line.slice(0, -3) : undefined) : at === "value" ? (line.startsWith("k: ") ? line.slice(3) : undefined) : line.startsWith("- ") ? line.slice(2) : undefined;
    if (text === undefined || (at === "key" && typeof v !== "string")) throw new NotModelled();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(v, text);
  }
  return text;
}

/**
 * A map's entries, in canonical order (canonical.ts) and as canonicalObject
 * copies them: undefined values skipped, any object read as a map of its own
 * keys. An empty collection is `{}`/`[]` on its key's line; block sequences
 * under a key are indented, as the library writes them. Returns how many
 * entries it wrote; the first goes on the current line when `inlineFirst`
 * (after a `- `).
 */
function writeCanonicalMap(m: object, first: readonly string[], indent: string, inlineFirst: boolean, out: string[]): number {
  const record = m as Record<string, unknown>;
  let written = 0;
  for (const key of orderedKeys(m, first)) {
    const v = record[key];
    if (v === undefined) continue;
    out.push(written === 0 && inlineFirst ? "" : indent, scalar(key, "key"), ":");
    written++;
    if (typeof v !== "object" || v === null) {
      out.push(" ", scalar(v, "value"), "\n");
      continue;
    }
    const at = out.length;
    out.push("\n");
    const inner = indent + "  ";
    if (Array.isArray(v)) {
      if (v.length === 0) out[at] = " []\n";
      else writeCanonicalSeq(v, inner, false, out);
    } else if (writeCanonicalMap(v, key === "metadata" ? METADATA_KEYS : [], inner, false, out) === 0) out[at] = " {}\n";
  }
  return written;
}

/** A non-empty sequence at `indent`; its first line without indent when `inlineFirst`. */
function writeCanonicalSeq(s: readonly unknown[], indent: string, inlineFirst: boolean, out: string[]): void {
  let first = inlineFirst;
  for (const v of s) {
    if (v === undefined) throw new NotModelled();
    const at = out.length;
    out.push(first ? "- " : `${indent}- `);
    first = false;
    if (typeof v !== "object" || v === null) {
      out.push(scalar(v, "item"), "\n");
      continue;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) out.push("[]\n");
      else writeCanonicalSeq(v, indent + "  ", true, out);
    } else if (writeCanonicalMap(v, [], indent + "  ", true, out) === 0) out[at] += "{}\n";
  }
}

/**
 * The YAML document (without `---`) of canonicalObject(o), written without
 * building that copy (a third of what rendering a cluster cost), or
 * undefined when the library must write it.
 */
export function emitCanonicalYaml(o: object): string | undefined {
  if (Array.isArray(o)) return undefined;
  const out: string[] = [];
  try {
    if (writeCanonicalMap(o, TOP_KEYS, "", false, out) === 0) return undefined;
  } catch (e) {
    if (e instanceof NotModelled) return undefined;
    throw e;
  }
  return out.join("");
}
