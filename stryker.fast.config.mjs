// Mutation run over the analyzer core with the suites that finish in seconds. The oracle, CLI, manifest and
// perf-equivalence suites (minutes under instrumentation) are left out, so a score from this config is a lower
// bound on the score of `npm run mutate`. Run it one file at a time (see docs/robustness.md).
import { readFileSync } from "node:fs";

const base = JSON.parse(readFileSync(new URL("./stryker.config.json", import.meta.url), "utf8"));
const fast = [
  "analyze/admin",
  "analyze/connset",
  "analyze/explain-text",
  "analyze/formats",
  "analyze/istio",
  "analyze/networkpolicy",
  "analyze/property-regressions",
  "analyze/shared-memos",
  "analyze/verdict-cache-keys",
  "robustness/connectivity-mutants",
  "robustness/engine-mutants",
  "robustness/index-mutants",
  "robustness/mutants",
  "robustness/reader-diagnostics",
];

delete base.$schema;
export default {
  ...base,
  jest: { ...base.jest, config: { ...base.jest.config, testMatch: fast.map((f) => `<rootDir>/test/${f}.test.ts`) } },
};
