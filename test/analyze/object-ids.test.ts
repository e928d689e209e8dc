/**
 * ObjectIds gives each object a small id in order of first use. The ids are
 * exact cache keys (connectivity.ts, policy-compiler.ts), so an object asked
 * for again must get the id it got first, and two objects never one id.
 */
import { ObjectIds } from "../../src/core/analyze/object-ids";

test("ids are given in order of first use, kept on every later ask, and never shared", () => {
  const ids = new ObjectIds();
  const [a, b, c] = [{}, {}, []];
  expect([ids.of(a), ids.of(b), ids.of(a), ids.of(c), ids.of(b), ids.of(a), ids.of(c)]).toEqual([0, 1, 0, 2, 1, 0, 2]);
  // Equal content is not the same object: a fresh {} is a new id.
  expect(ids.of({})).toBe(3);
});

test("over many objects asked in any order, the ids stay distinct and stable", () => {
  const ids = new ObjectIds<{ n: number }>();
  const objects = Array.from({ length: 200 }, (_, n) => ({ n }));
  const first = objects.map((o) => ids.of(o));
  expect(new Set(first).size).toBe(objects.length);
  const again = [...objects].reverse().map((o) => ids.of(o)).reverse();
  expect(again).toEqual(first);
});
