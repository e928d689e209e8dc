/**
 * Inverts lists of group numbers: given, per item, the groups it belongs to
 * (each below `size`), the items of each group among those `keep` accepts,
 * as compressed rows: group g's items are list[start[g]] to
 * list[start[g + 1] - 1], in item order.
 */
export function invertLists(
  size: number,
  groupsOf: readonly (readonly number[])[],
  keep: (groups: readonly number[]) => boolean = () => true,
): { readonly start: Int32Array; readonly list: Int32Array } {
  const start = new Int32Array(size + 1);
  for (const gs of groupsOf) if (keep(gs)) for (const g of gs) start[g + 1]!++;
  for (let g = 0; g < size; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, size);
  const list = new Int32Array(start[size]!);
  groupsOf.forEach((gs, item) => {
    if (keep(gs)) for (const g of gs) list[fill[g]!++] = item;
  });
  return { start, list };
}
