/**
 * Peer cases: inputs and expected connection lists from other projects' test
 * suites, read at run time from ../shared/oracle (never copied here).
 * External ranges are compared per address (see oracle-compare.ts).
 */
// @ts-nocheck

import * as fs from "node:fs";
import * as path from "node:path";
import { readManifestDocs } from "../../src/adapters/load/manifests";
import { analyze, buildCluster } from "../../src/core/analyze";
import { REPO_ROOT } from "../support/cli";
import { compareLines, parseLines } from "./oracle-compare";

const ORACLE = path.resolve(REPO_ROOT, "../shared/oracle/cases");
const present = fs.existsSync(ORACLE);

/**
 * Cases that cannot match, with the documented semantic choice behind each,
 * and the exact differences they are allowed to show. Currently none: every
 * case matches. Add entries here only with a reason from docs/semantics.md.
 */
const EXCEPTIONS: Record<string, { reason: string; differences: string[] }> = {};

/** The peer analyzers model IPv4 only; ztseg also lists IPv6 ranges, which the comparison leaves out. */
function isIpv6Line(line: string): boolean {
  const [src, rest] = line.split(" => ");
  const dst = rest?.split(" : ")[0] ?? "";
  return [src ?? "", dst].some((n) => n.endsWith("[External]") && n.includes(":"));
}

/** Lines for the ingress controller were removed upstream in most cases; drop any left. */
function isIngressControllerLine(line: string): boolean {
  return line.includes("{ingress-controller}");
}

if (!present) {
  test.skip(`oracle cases skipped: ${ORACLE} is absent (the peer cases live beside the repository, not in it)`, () => undefined);
} else {
  const cases = fs.readdirSync(ORACLE).filter((c) => fs.existsSync(path.join(ORACLE, c, "expected.txt"))).sort();
  const matched: string[] = [];

  describe("peer oracle cases", () => {
    test("there are cases to compare", () => {
      expect(cases.length).toBeGreaterThan(100);
    });

    test.each(cases)("%s", (name) => {
      const dir = path.join(ORACLE, name);
      const { cluster, diagnostics } = buildCluster(readManifestDocs([path.join(dir, "inputs")]));
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const ours = analyze(cluster).lines();
      const expected = fs.readFileSync(path.join(dir, "expected.txt"), "utf8").split("\n").filter((l) => !isIngressControllerLine(l));
      const diffs = compareLines(parseLines(expected.join("\n")), parseLines(ours.filter((l) => !isIpv6Line(l)).join("\n")));
      const exception = EXCEPTIONS[name];
      if (exception) {
        expect(diffs).toEqual(exception.differences);
      } else {
        expect(diffs).toEqual([]);
        matched.push(name);
      }
    });

    afterAll(() => {
      // The count the closing note reports.
      process.stdout.write(`oracle: ${matched.length} of ${cases.length} cases match exactly; ${Object.keys(EXCEPTIONS).length} documented exceptions\n`);
    });
  });
}
