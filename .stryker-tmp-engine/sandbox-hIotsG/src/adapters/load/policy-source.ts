/**
 * Edits a policy module's TypeScript source to set or clear one vendor's
 * `quarantined` flag: a minimal, reviewable textual change inside that
 * vendor's object literal in the `vendors` map, and nothing else. The source
 * is scanned (strings, template literals, comments and regular expressions
 * skipped; brackets matched), not evaluated. Any shape this cannot edit with
 * certainty (no single `vendors: { ... }` literal, a spread, a computed key,
 * a non-literal flag) fails closed with a diagnostic and writes nothing.
 * Setting then clearing the flag restores the original bytes when the flag
 * was absent before.
 */
// @ts-nocheck

import * as fs from "node:fs";
import { type Diagnostic, DiagnosticError } from "../../model";
import { writeFileAtomically } from "./atomic-write";

type TokKind = "punct" | "word" | "string" | "template" | "regex";
interface Token {
  readonly kind: TokKind;
  readonly text: string;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

class SourceShapeError extends Error {}

const REGEX_AFTER_WORD = new Set(["return", "typeof", "case", "in", "of", "delete", "void", "throw", "new", "instanceof", "do", "else", "yield", "await"]);

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  // Brace depths at which a template literal's `${` opened; a `}` at that depth resumes the template.
  const templateStack: number[] = [];
  let depth = 0;
  let i = 0;
  const fail = (what: string): never => {
    throw new SourceShapeError(`${what} at offset ${i}`);
  };
  const scanTemplate = (from: number): void => {
    // From just after "`" or "}" of a substitution; ends after "`" or after "${".
    let j = from;
    for (;;) {
      if (j >= src.length) fail("unterminated template literal");
      const c = src[j]!;
      if (c === "\\") j += 2;
      else if (c === "`") {
        out.push({ kind: "template", text: src.slice(from - 1, j + 1), start: from - 1, end: j + 1 });
        i = j + 1;
        return;
      } else if (c === "$" && src[j + 1] === "{") {
        out.push({ kind: "template", text: src.slice(from - 1, j + 2), start: from - 1, end: j + 2 });
        templateStack.push(depth);
        depth++;
        i = j + 2;
        return;
      } else j++;
    }
  };
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "/") {
      const nl = src.indexOf("\n", i);
      i = nl < 0 ? src.length : nl;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      const close = src.indexOf("*/", i + 2);
      if (close < 0) fail("unterminated comment");
      i = close + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) {
        if (src[j] === "\n") fail("unterminated string");
        j += src[j] === "\\" ? 2 : 1;
      }
      if (j >= src.length) fail("unterminated string");
      out.push({ kind: "string", text: src.slice(i, j + 1), start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (c === "`") {
      scanTemplate(i + 1);
      continue;
    }
    if (c === "/") {
      const prev = out[out.length - 1];
      const regexAllowed =
        prev === undefined ||
        (prev.kind === "punct" && !/^[)\]}]$/.test(prev.text)) ||
        (prev.kind === "word" && REGEX_AFTER_WORD.has(prev.text)) ||
        (prev.kind === "template" && prev.text.endsWith("${"));
      if (regexAllowed) {
        let j = i + 1;
        let inClass = false;
        while (j < src.length && (inClass || src[j] !== "/")) {
          if (src[j] === "\n") fail("unterminated regular expression");
          if (src[j] === "\\") j++;
          else if (src[j] === "[") inClass = true;
          else if (src[j] === "]") inClass = false;
          j++;
        }
        if (j >= src.length) fail("unterminated regular expression");
        j++;
        while (j < src.length && /[a-z]/i.test(src[j]!)) j++;
        out.push({ kind: "regex", text: src.slice(i, j), start: i, end: j });
        i = j;
        continue;
      }
    }
    if (/[A-Za-z0-9_$]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[A-Za-z0-9_$.]/.test(src[j]!) && !(src[j] === "." && !/[0-9]/.test(c))) j++;
      out.push({ kind: "word", text: src.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (src.startsWith("...", i)) {
      out.push({ kind: "punct", text: "...", start: i, end: i + 3 });
      i += 3;
      continue;
    }
    if (c === "}" && templateStack.length > 0 && templateStack[templateStack.length - 1] === depth - 1) {
      templateStack.pop();
      depth--;
      scanTemplate(i + 1);
      continue;
    }
    if (c === "{") depth++;
    if (c === "}") depth--;
    out.push({ kind: "punct", text: c, start: i, end: i + 1 });
    i++;
  }
  if (templateStack.length > 0) fail("unterminated template substitution");
  return out;
}

/** Index of the matching closing bracket for every opening one. */
function matchBrackets(tokens: readonly Token[]): Map<number, number> {
  const pairs: Record<string, string> = { "{": "}", "[": "]", "(": ")" };
  const stack: number[] = [];
  const match = new Map<number, number>();
  tokens.forEach((t, k) => {
    if (t.kind !== "punct") return;
    if (t.text in pairs) stack.push(k);
    else if (t.text === "}" || t.text === "]" || t.text === ")") {
      const open = stack.pop();
      if (open === undefined || pairs[tokens[open]!.text] !== t.text) throw new SourceShapeError(`unbalanced "${t.text}" at offset ${t.start}`);
      match.set(open, k);
    }
  });
  if (stack.length > 0) throw new SourceShapeError("unbalanced brackets");
  return match;
}

interface Member {
  readonly kind: "property" | "spread" | "other";
  readonly key?: string;
  /** Token indices: first token of the member, first and last token of the value. */
  readonly first: number;
  readonly valueFirst: number;
  readonly valueLast: number;
}

function keyText(t: Token): string | undefined {
  if (t.kind === "word") return t.text;
  if (t.kind === "string") {
    const inner = t.text.slice(1, -1);
    return inner.includes("\\") ? undefined : inner;
  }
  return undefined;
}

/** The members of the object literal whose braces are at token indices open..close. */
function members(tokens: readonly Token[], match: ReadonlyMap<number, number>, open: number, close: number): Member[] {
  const out: Member[] = [];
  let k = open + 1;
  while (k < close) {
    const first = k;
    let last = k;
    while (k < close && !(tokens[k]!.kind === "punct" && tokens[k]!.text === ",")) {
      last = match.get(k) ?? k;
      k = last + 1;
    }
    const t = tokens[first]!;
    const colon = tokens[first + 1];
    if (t.kind === "punct" && t.text === "...") out.push({ kind: "spread", first, valueFirst: first + 1, valueLast: last });
    else if (colon?.kind === "punct" && colon.text === ":" && keyText(t) !== undefined) out.push({ kind: "property", key: keyText(t)!, first, valueFirst: first + 2, valueLast: last });
    else out.push({ kind: "other", first, valueFirst: first, valueLast: last });
    k++; // the comma
  }
  return out;
}

interface Located {
  readonly tokens: readonly Token[];
  readonly match: ReadonlyMap<number, number>;
  /** The vendor's object literal (token indices of its braces) and its members. */
  readonly open: number;
  readonly close: number;
  readonly members: readonly Member[];
  readonly flag?: Member;
}

function locate(src: string, vendor: string): Located {
  const tokens = tokenize(src);
  const match = matchBrackets(tokens);
  const candidates: number[] = [];
  tokens.forEach((t, k) => {
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    if (keyText(t) === "vendors" && next?.text === ":" && prev?.kind === "punct" && (prev.text === "{" || prev.text === ",")) candidates.push(k);
  });
  if (candidates.length !== 1) {
    throw new SourceShapeError(candidates.length === 0 ? "no `vendors: { ... }` property in this file" : `${candidates.length} \`vendors:\` properties in this file; cannot tell which is the policy's`);
  }
  const vOpen = candidates[0]! + 2;
  if (tokens[vOpen]?.text !== "{") throw new SourceShapeError("`vendors` is not written as an object literal in this file");
  const vClose = match.get(vOpen)!;
  const vendorMembers = members(tokens, match, vOpen, vClose);
  if (vendorMembers.some((m) => m.kind !== "property")) throw new SourceShapeError("the `vendors` map has a spread, a computed key or a shorthand entry");
  const entries = vendorMembers.filter((m) => m.key === vendor);
  if (entries.length !== 1) throw new SourceShapeError(entries.length === 0 ? `vendor "${vendor}" is not in the \`vendors\` map of this file` : `vendor "${vendor}" appears ${entries.length} times`);
  const entry = entries[0]!;
  const open = entry.valueFirst;
  if (tokens[open]?.text !== "{" || match.get(open) !== entry.valueLast) throw new SourceShapeError(`vendor "${vendor}" is not written as an object literal`);
  const close = entry.valueLast;
  const own = members(tokens, match, open, close);
  if (own.some((m) => m.kind !== "property")) throw new SourceShapeError(`vendor "${vendor}" has a spread, a computed key or a shorthand entry`);
  if (own.length === 0) throw new SourceShapeError(`vendor "${vendor}" has no fields`);
  const flags = own.filter((m) => m.key === "quarantined");
  if (flags.length > 1) throw new SourceShapeError(`vendor "${vendor}" sets quarantined ${flags.length} times`);
  const flag = flags[0];
  if (flag && !(flag.valueFirst === flag.valueLast && (tokens[flag.valueFirst]!.text === "true" || tokens[flag.valueFirst]!.text === "false"))) {
    throw new SourceShapeError(`vendor "${vendor}" sets quarantined to an expression, not to true or false`);
  }
  return { tokens, match, open, close, members: own, ...(flag ? { flag } : {}) };
}

/** The flag as written: true, false, or undefined when absent. */
export function readQuarantineFlag(src: string, vendor: string): boolean | undefined {
  const l = locate(src, vendor);
  return l.flag ? l.tokens[l.flag.valueFirst]!.text === "true" : undefined;
}

const lineStart = (src: string, at: number) => src.lastIndexOf("\n", at - 1) + 1;
const lineEnd = (src: string, at: number) => {
  const nl = src.indexOf("\n", at);
  return nl < 0 ? src.length : nl;
};

function splice(src: string, edits: readonly { at: number; remove?: number; insert?: string }[]): string {
  let out = src;
  for (const e of [...edits].sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + (e.insert ?? "") + out.slice(e.at + (e.remove ?? 0));
  return out;
}

function insertFlag(src: string, l: Located): string {
  const { tokens } = l;
  const last = l.members[l.members.length - 1]!;
  const lastEnd = tokens[last.valueLast]!.end;
  const trailing = tokens[last.valueLast + 1]?.text === "," && last.valueLast + 1 < l.close ? tokens[last.valueLast + 1]! : undefined;
  const closeStart = tokens[l.close]!.start;
  const multiLine = src.slice(lastEnd, closeStart).includes("\n");
  if (!multiLine) return trailing ? splice(src, [{ at: trailing.end, insert: " quarantined: true," }]) : splice(src, [{ at: lastEnd, insert: ", quarantined: true" }]);
  const keyStart = tokens[last.first]!.start;
  const indent = /^[ \t]*/.exec(src.slice(lineStart(src, keyStart)))![0];
  const eol = lineEnd(src, (trailing ?? tokens[last.valueLast]!).end);
  if (trailing) return splice(src, [{ at: eol, insert: `\n${indent}quarantined: true,` }]);
  // The comma and the new line land at the same offset when nothing follows the value on its line.
  if (eol === lastEnd) return splice(src, [{ at: eol, insert: `,\n${indent}quarantined: true` }]);
  return splice(src, [
        { at: lastEnd, insert: "," },
        { at: eol, insert: `\n${indent}quarantined: true` },
      ]);
}

function removeFlag(src: string, l: Located): string {
  const { tokens } = l;
  const flag = l.flag!;
  const index = l.members.indexOf(flag);
  const prev = index > 0 ? l.members[index - 1] : undefined;
  const keyStart = tokens[flag.first]!.start;
  const valueEnd = tokens[flag.valueLast]!.end;
  const comma = tokens[flag.valueLast + 1]?.text === "," && flag.valueLast + 1 < l.close ? tokens[flag.valueLast + 1]! : undefined;
  const afterFlag = comma ? comma.end : valueEnd;
  const ls = lineStart(src, keyStart);
  const le = lineEnd(src, afterFlag);
  const ownLine = /^[ \t]*$/.test(src.slice(ls, keyStart)) && /^[ \t]*$/.test(src.slice(afterFlag, le)) && le < src.length;
  if (ownLine) {
    const edits = [{ at: ls, remove: le + 1 - ls }];
    // Last member without a trailing comma: the comma before it was added with it.
    const isLast = index === l.members.length - 1;
    if (isLast && !comma && prev) {
      const prevComma = tokens[prev.valueLast + 1]!;
      edits.push({ at: prevComma.start, remove: 1 });
    }
    return splice(src, edits);
  }
  if (prev) {
    const prevComma = tokens[prev.valueLast + 1]!;
    return splice(src, [{ at: prevComma.start, remove: valueEnd - prevComma.start }]);
  }
  const next = tokens[(comma ? flag.valueLast + 1 : flag.valueLast) + 1]!;
  return splice(src, [{ at: keyStart, remove: next.start - keyStart }]);
}

export interface FlagEdit {
  readonly before: string;
  readonly after: string;
  readonly changed: boolean;
  /** 1-based line of the vendor's entry. */
  readonly line: number;
}

/**
 * The source with the vendor's `quarantined` flag set (`on`) or cleared.
 * Setting writes `quarantined: true` (flipping an explicit `false`);
 * clearing removes the property. Throws a DiagnosticError when the source is
 * not in a shape this can edit safely.
 */
export function editQuarantineFlag(src: string, vendor: string, on: boolean, file = ""): FlagEdit {
  const refuse = (message: string): never => {
    const d: Diagnostic = {
      code: "policy-source-not-editable",
      severity: "error",
      path: `vendors.${vendor}`,
      ...(file ? { file } : {}),
      message: `cannot ${on ? "quarantine" : "release"} vendor "${vendor}" by editing the source: ${message}`,
      hint: `write the vendor as a literal entry in the policy's \`vendors: { ... }\` map, or set \`quarantined: ${on}\` by hand`,
    };
    throw new DiagnosticError([d]);
  };
  try {
    const l = locate(src, vendor);
    const line = src.slice(0, l.tokens[l.open]!.start).split("\n").length;
    const current = l.flag ? l.tokens[l.flag.valueFirst]!.text === "true" : false;
    if (current === on) return { before: src, after: src, changed: false, line };
    const flagToken = l.flag ? l.tokens[l.flag.valueFirst]! : undefined;
    const after = on
      ? flagToken
        ? splice(src, [{ at: flagToken.start, remove: flagToken.end - flagToken.start, insert: "true" }])
        : insertFlag(src, l)
      : removeFlag(src, l);
    // Fail closed unless the edited source reads back as intended.
    const check = readQuarantineFlag(after, vendor);
    if ((check === true) !== on) return refuse("the edited source does not read back as intended");
    return { before: src, after, changed: true, line };
  } catch (e) {
    if (e instanceof SourceShapeError) return refuse(e.message);
    throw e;
  }
}

/** Reads, edits and writes (atomically) the policy module at `absFile`. */
export function setQuarantineInFile(absFile: string, vendor: string, on: boolean, shownFile: string): FlagEdit {
  const src = fs.readFileSync(absFile, "utf8");
  const edit = editQuarantineFlag(src, vendor, on, shownFile);
  if (edit.changed) writeFileAtomically(absFile, edit.after);
  return edit;
}
