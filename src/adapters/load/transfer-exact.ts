/**
 * Whether a parsed manifest survives the trip from the worker thread to the
 * main thread unchanged (read-in-order.ts). Readers make strings, booleans,
 * null, numbers, arrays and plain objects, and, for YAML 1.1 tags the `yaml`
 * library honours, a few other values (`!!binary` gives a Buffer, `!!set` a
 * Set, `!!timestamp` a Date). A file whose documents survive neither form is
 * read again on the main thread.
 */

/**
 * JSON.parse(JSON.stringify(value)) equals `value` in every way a reader of
 * manifests can observe. JSON loses NaN and the infinities (null) and -0
 * (0), which are numbers in YAML's core schema, and anything that is not a
 * plain object, an array or a primitive.
 */
export function sameAsJson(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object":
      return value === null || (everyMember(value, sameAsJson) ?? false);
    default:
      return false;
  }
}

/**
 * A structured clone of `value` equals it: primitives other than symbols,
 * and arrays, plain objects, Dates, Maps and Sets of such values. A clone
 * keeps every number and bigint, but makes a Buffer a Uint8Array and any
 * other class instance a plain object.
 */
export function sameAfterClone(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
    case "number":
    case "bigint":
    case "undefined":
      return true;
    case "object": {
      if (value === null) return true;
      if (value instanceof Date) return Object.getPrototypeOf(value) === Date.prototype;
      if (value instanceof Map) {
        for (const [k, v] of value) if (!sameAfterClone(k) || !sameAfterClone(v)) return false;
        return Object.getPrototypeOf(value) === Map.prototype;
      }
      if (value instanceof Set) {
        for (const v of value) if (!sameAfterClone(v)) return false;
        return Object.getPrototypeOf(value) === Set.prototype;
      }
      return everyMember(value, sameAfterClone) ?? false;
    }
    default:
      return false;
  }
}

/**
 * Whether every element of an array (with no holes) or every value of a
 * plain object passes `each`; undefined for any other object. JSON.parse and
 * a structured clone both make plain objects, so a null prototype or a class
 * instance would not come back as it was. Readers make data properties with
 * string keys only (JSON and a clone both drop symbol keys).
 */
function everyMember(value: object, each: (v: unknown) => boolean): boolean | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || !each(value[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const record = value as Record<string, unknown>;
  for (const key in record) if (!each(record[key])) return false;
  return true;
}
