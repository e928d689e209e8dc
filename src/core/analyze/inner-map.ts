/** The map stored under `key` in a map of maps, made and stored when missing (for caches keyed in several steps). */
export function innerMap<K, K2, V>(map: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let inner = map.get(key);
  if (inner === undefined) map.set(key, (inner = new Map()));
  return inner;
}
