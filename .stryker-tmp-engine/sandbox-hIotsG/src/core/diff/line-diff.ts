/**
 * A compact line diff (longest common subsequence), printed like a unified
 * diff without headers: changed lines with `-`/`+`, a little context with
 * two spaces, `...` where unchanged lines are skipped.
 */
// @ts-nocheck

type Op = { readonly tag: " " | "-" | "+"; readonly line: string };

/** Above this many cells the LCS table is not built: the object is shown as replaced. */
const MAX_CELLS = 4_000_000;

function ops(a: readonly string[], b: readonly string[]): Op[] {
  // Common prefix and suffix first: generated objects usually differ in a few lines.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const head: Op[] = a.slice(0, pre).map((line) => ({ tag: " ", line }));
  const tail: Op[] = a.slice(a.length - suf).map((line) => ({ tag: " ", line }));
  const x = a.slice(pre, a.length - suf);
  const y = b.slice(pre, b.length - suf);
  const mid: Op[] = [];
  if ((x.length + 1) * (y.length + 1) > MAX_CELLS) {
    for (const line of x) mid.push({ tag: "-", line });
    for (const line of y) mid.push({ tag: "+", line });
    return [...head, ...mid, ...tail];
  }
  const w = y.length + 1;
  const lcs = new Uint32Array((x.length + 1) * w);
  for (let i = x.length - 1; i >= 0; i--)
    for (let j = y.length - 1; j >= 0; j--) lcs[i * w + j] = x[i] === y[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      mid.push({ tag: " ", line: x[i]! });
      i++;
      j++;
    } else if (i < x.length && (j >= y.length || lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) {
      // Removals before additions, as in a unified diff.
      mid.push({ tag: "-", line: x[i]! });
      i++;
    } else {
      mid.push({ tag: "+", line: y[j]! });
      j++;
    }
  }
  return [...head, ...mid, ...tail];
}

export function lineDiff(before: string, after: string, context = 2): string[] {
  const list = ops(before.split("\n"), after.split("\n"));
  const keep = new Array<boolean>(list.length).fill(false);
  list.forEach((op, k) => {
    if (op.tag === " ") return;
    for (let d = Math.max(0, k - context); d <= Math.min(list.length - 1, k + context); d++) keep[d] = true;
  });
  const out: string[] = [];
  let skipped = false;
  list.forEach((op, k) => {
    if (!keep[k]) {
      skipped = true;
      return;
    }
    if (skipped) out.push("...");
    skipped = false;
    out.push(`${op.tag === " " ? " " : op.tag} ${op.line}`);
  });
  if (skipped && out.length > 0) out.push("...");
  return out;
}
