/**
 * Tests written to kill surviving mutants of the analyzer core (Stryker,
 * `npm run mutate`): each pins a behaviour the other suites left open.
 */
import { ConnSet } from "../../src/core/analyze";

test("ConnSet.ports covers exactly its range on its protocol", () => {
  const s = ConnSet.ports("TCP", 80, 82);
  expect([79, 80, 81, 82, 83].map((p) => s.has("TCP", p))).toEqual([false, true, true, true, false]);
  expect(s.has("UDP", 80)).toBe(false);
});
