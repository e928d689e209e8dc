/**
 * The depth bound at its edge. The block reader declines documents it would
 * have to nest deeper than the bound allows, and what it reads skips the
 * separate depth check: a document must be accepted exactly when its
 * nesting (maps and lists, empty ones included) is within the limit, as
 * the yaml library's reading of it measures it (js-yaml stops at 100 nodes).
 */
import { parse } from "yaml";
import { DiagnosticError } from "../../src/model/diagnostics";
import { MANIFEST_LIMITS, nestingDepth, parseManifestText } from "../../src/adapters/load/manifests";

/** A ConfigMap whose data nests `levels` block maps under `data`, ending in `leaf`. */
function nested(levels: number, leaf: string, asList: boolean): string {
  let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n";
  let indent = "  ";
  for (let i = 0; i < levels; i++) {
    text += asList && i % 2 === 1 ? `${indent}- k${i}:\n` : `${indent}k${i}:\n`;
    indent += asList && i % 2 === 1 ? "    " : "  ";
  }
  return text + `${indent}leaf: ${leaf}\n`;
}

function accepted(text: string): boolean {
  try {
    parseManifestText(text, "deep.yaml");
    return true;
  } catch (e) {
    if (e instanceof DiagnosticError && e.diagnostics.every((d) => d.code === "manifest-too-deep")) return false;
    throw e;
  }
}

describe("the manifest depth bound at its edge", () => {
  const limit = MANIFEST_LIMITS.depth;
  for (const leaf of ["1", "{}", "[]"])
    for (const asList of [false, true])
      it(`accepts exactly the documents within ${limit} levels (leaf ${leaf}${asList ? ", lists between maps" : ""})`, () => {
        const depths: number[] = [];
        for (let levels = 30; levels <= limit + 2; levels++) {
          const text = nested(levels, leaf, asList);
          const depth = nestingDepth(parse(text));
          expect(accepted(text)).toBe(depth <= limit);
          depths.push(depth);
        }
        // Both sides of the edge were tried, right at it.
        expect(depths.some((d) => d === limit || d === limit - 1)).toBe(true);
        expect(depths.some((d) => d === limit + 1 || d === limit + 2)).toBe(true);
      });
});
