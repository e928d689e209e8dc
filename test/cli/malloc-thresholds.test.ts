/**
 * The CLI raises malloc's thresholds at start (malloc-thresholds.ts), so that
 * memory freed during a run is reused instead of faulted in again. Its effect
 * is a benchmark figure (`npm run bench`: the CLI's page faults), not asserted
 * here: these tests pin the conditions it depends on.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { raiseMallocThresholds, THRESHOLD_BUFFER_BYTES } from "../../src/adapters/cli/malloc-thresholds";
import { REPO_ROOT } from "../support/cli";

test("the buffer is larger than the blocks a run frees and within glibc's 32 MiB limit for raising the thresholds", () => {
  expect(THRESHOLD_BUFFER_BYTES).toBeGreaterThanOrEqual(16 << 20);
  expect(THRESHOLD_BUFFER_BYTES).toBeLessThan(32 << 20);
});

test("only Linux gets the buffer", () => {
  expect(raiseMallocThresholds("linux")?.byteLength).toBe(THRESHOLD_BUFFER_BYTES);
  expect(raiseMallocThresholds("darwin")).toBeUndefined();
  expect(raiseMallocThresholds("win32")).toBeUndefined();
});

test("the CLI's entry point raises them before it runs a command", () => {
  const entry = fs.readFileSync(path.join(REPO_ROOT, "src/adapters/cli/entry.ts"), "utf8");
  expect(entry.indexOf("raiseMallocThresholds();")).toBeGreaterThan(-1);
  expect(entry.indexOf("raiseMallocThresholds();")).toBeLessThan(entry.indexOf("main(process.argv"));
});
