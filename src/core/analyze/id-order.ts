/**
 * Sorts node indices into id order in place: each is replaced by its place in
 * id order (`rank`), the places are sorted as plain numbers (no comparator,
 * no copy), then mapped back to nodes (`order`).
 */
export function sortIntoIdOrder(list: Int32Array, rank: Int32Array, order: readonly number[]): void {
  for (let i = 0; i < list.length; i++) list[i] = rank[list[i]!]!;
  list.sort();
  for (let i = 0; i < list.length; i++) list[i] = order[list[i]!]!;
}
