// @ts-nocheck
import fc from "fast-check";
import { lineDiff } from "../../src/core/diff";

/** Rebuilds both texts from a full-context diff: proves the diff is a correct edit script. */
function apply(lines: readonly string[]): { before: string[]; after: string[] } {
  const before: string[] = [];
  const after: string[] = [];
  for (const l of lines) {
    const tag = l[0];
    const text = l.slice(2);
    if (tag !== "+") before.push(text);
    if (tag !== "-") after.push(text);
  }
  return { before, after };
}

function lcsLength(a: readonly string[], b: readonly string[]): number {
  const memo = new Map<string, number>();
  const go = (i: number, j: number): number => {
    if (i === a.length || j === b.length) return 0;
    const key = `${i},${j}`;
    let v = memo.get(key);
    if (v === undefined) memo.set(key, (v = a[i] === b[j] ? 1 + go(i + 1, j + 1) : Math.max(go(i + 1, j), go(i, j + 1))));
    return v;
  };
  return go(0, 0);
}

describe("lineDiff", () => {
  test("shows removals before additions with context and elides the rest", () => {
    const a = ["a", "b", "c", "d", "e", "f", "g", "h"].join("\n");
    const b = ["a", "b", "c", "d", "E", "f", "g", "h"].join("\n");
    expect(lineDiff(a, b, 1)).toEqual(["...", "  d", "- e", "+ E", "  f", "..."]);
    expect(lineDiff(a, b, 2)).toEqual(["...", "  c", "  d", "- e", "+ E", "  f", "  g", "..."]);
  });

  test("identical texts have no changed lines", () => {
    expect(lineDiff("x\ny", "x\ny").some((l) => l.startsWith("-") || l.startsWith("+"))).toBe(false);
  });

  test("with unlimited context it is an exact edit script, and minimal in changed lines", () => {
    const line = fc.constantFrom("a", "b", "c", "d");
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.array(line, { maxLength: 12 }), (x, y) => {
        fc.pre(x.join("\n") !== y.join("\n"));
        const out = lineDiff(x.join("\n"), y.join("\n"), 1000);
        const { before, after } = apply(out);
        expect(before.join("\n")).toBe(x.join("\n"));
        expect(after.join("\n")).toBe(y.join("\n"));
        // Minimal: the kept lines are a longest common subsequence.
        expect(out.filter((l) => l.startsWith(" ")).length).toBe(lcsLength(x.join("\n").split("\n"), y.join("\n").split("\n")));
      }),
      { numRuns: 200 },
    );
  });
});
