// Mutation run over the analyzer core with the suites that finish in seconds. The oracle, CLI, manifest and
// perf-equivalence suites (minutes under instrumentation) are left out, so a score from this config is a lower
// bound on the score of `npm run mutate`. Run it one file at a time: MUTATE=<file stem> (e.g. MUTATE=engine) names
// the file and gives the run its own incremental file and JSON report, reports/mutation/fast-<stem>.json, which
// `npm run mutate:score` merges (see docs/robustness.md; tools/mutate-fast.sh runs several files in a row).
import { readFileSync } from "node:fs";

const base = JSON.parse(readFileSync(new URL("./stryker.config.json", import.meta.url), "utf8"));
const fast = [
  "analyze/admin",
  "analyze/batched-paths",
  "analyze/class-index",
  "analyze/connectivity-mutants-18",
  "analyze/connset",
  "analyze/explain-text",
  "analyze/formats",
  "analyze/int32-store",
  "analyze/istio",
  "analyze/networkpolicy",
  "analyze/object-ids",
  "analyze/pod-shapes",
  "analyze/policy-compiler",
  "analyze/policy-compiler-mutants",
  "analyze/property-regressions",
  "analyze/range-atoms",
  "analyze/range-atoms-mutants",
  "analyze/row-filter",
  "analyze/rule-lists",
  "analyze/shared-memos",
  "analyze/verdict-cache-keys",
  "robustness/connectivity-mutants",
  "robustness/engine-mutants",
  "robustness/index-mutants",
  "robustness/mutants",
  "robustness/pod-ports",
  "robustness/reader-diagnostics",
];

const stem = process.env.MUTATE;
if (stem !== undefined && !/^[a-z0-9-]+$/.test(stem)) throw new Error(`MUTATE must be a file stem under src/core/analyze, e.g. engine; got ${JSON.stringify(stem)}`);
const perFile = stem
  ? {
      mutate: [`src/core/analyze/${stem}.ts`],
      incrementalFile: `reports/mutation/fast-${stem}-incremental.json`,
      jsonReporter: { fileName: `reports/mutation/fast-${stem}.json` },
      reporters: ["clear-text", "progress", "json"],
    }
  : {};

delete base.$schema;
export default {
  ...base,
  jest: { ...base.jest, config: { ...base.jest.config, testMatch: fast.map((f) => `<rootDir>/test/${f}.test.ts`) } },
  ...perFile,
};
