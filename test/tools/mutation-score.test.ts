import { fileScores, type Mutant, render, type Report, score } from "../../tools/mutation-score";

const mutant = (id: string, status: Mutant["status"], line: number, mutatorName = "ConditionalExpression", replacement = "true"): Mutant => ({
  id,
  status,
  mutatorName,
  replacement,
  location: { start: { line, column: 3 } },
});

const srcA = "const a = 1;\nif (a > 0) go();\nreturn a;\n";
const older: Report = { files: { "src/a.ts": { source: srcA, mutants: [mutant("1", "Survived", 2), mutant("2", "Survived", 2)] } } };
const newer: Report = {
  files: {
    "src/a.ts": {
      source: srcA,
      mutants: [mutant("1", "Killed", 2), mutant("2", "Timeout", 2), mutant("3", "Survived", 2, "EqualityOperator", "a >= 0"), mutant("4", "NoCoverage", 3), mutant("5", "RuntimeError", 1), mutant("6", "Ignored", 1)],
    },
  },
};
const other: Report = { files: { "src/b.ts": { source: "old text\n", mutants: [mutant("1", "Killed", 1), mutant("2", "Killed", 1), mutant("3", "Killed", 1)] } } };

test("Stryker's score: detected over valid mutants, errors and ignored ones left out", () => {
  expect(score({ killed: 1, timeout: 1, survived: 1, noCoverage: 1 })).toBe(50);
  expect(score({ killed: 3, timeout: 0, survived: 1, noCoverage: 0 })).toBe(75);
  expect(score({ killed: 0, timeout: 0, survived: 0, noCoverage: 0 })).toBeNaN();
});

test("each file's figures come from the newest report holding it, and stale sources are flagged", () => {
  const files = fileScores(
    [
      { name: "old.json", report: older },
      { name: "b.json", report: other },
      { name: "new.json", report: newer },
    ],
    (f) => (f === "src/a.ts" ? srcA : "new text\n"),
  );
  expect(files.map((f) => [f.file, f.report, f.current, f.killed, f.timeout, f.survived, f.noCoverage, f.errors])).toEqual([
    ["src/a.ts", "new.json", true, 1, 1, 1, 1, 1],
    ["src/b.ts", "b.json", false, 3, 0, 0, 0, 0],
  ]);
  expect(files[0]!.undetected).toEqual([
    { line: 2, column: 3, mutator: "EqualityOperator", replacement: "a >= 0", status: "Survived", code: "if (a > 0) go();" },
    { line: 3, column: 3, mutator: "ConditionalExpression", replacement: "true", status: "NoCoverage", code: "return a;" },
  ]);
});

test("the table totals every file and says when the sources are not all current", () => {
  const files = fileScores([{ name: "new.json", report: newer }, { name: "b.json", report: other }], () => srcA);
  const text = render(files, true);
  // a: 2 of 4 detected; b: 3 of 3; together 5 of 7.
  expect(text).toContain("| src/a.ts | 50.00 % | 1 | 1 | 1 | 1 | 1 | current |");
  expect(text).toContain("| src/b.ts | 100.00 % | 3 | 0 | 0 | 0 | 0 | STALE (b.json) |");
  expect(text).toContain("| **all 2 files** | **71.43 %** | 4 | 1 | 1 | 1 | 1 | MIXED |");
  expect(text).toContain('  2:3 survived EqualityOperator -> "a >= 0"   if (a > 0) go();');
  expect(text).toContain('  3:3 no coverage ConditionalExpression -> "true"   return a;');
  expect(render(fileScores([{ name: "new.json", report: newer }], () => srcA), false)).not.toContain("survived EqualityOperator");
});
