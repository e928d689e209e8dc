/**
 * A copy of a string that shares no storage with the text it was cut from.
 * V8 makes a string of 13 or more characters cut from another a view into it,
 * so one kept value (a label, a name, a cache key) keeps its whole source
 * alive: on a cluster dump, every file's text stayed in memory to the end.
 * Concatenating and cutting again gives a view into a fresh string of the
 * value's own length; shorter strings are copies already.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}
