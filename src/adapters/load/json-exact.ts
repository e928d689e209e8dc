/**
 * Whether JSON.parse(JSON.stringify(value)) gives back a value equal to
 * `value` in every way a reader of manifests can observe. Parsed YAML holds
 * strings, booleans, null, numbers, arrays and plain objects; of those, JSON
 * loses only some numbers: NaN and the infinities become null, and -0
 * becomes 0 (`.nan`, `.inf` and `-00` are numbers in YAML's core schema).
 * Anything else (undefined, a Date, a Map, an object that is not plain) is
 * not known to survive, so it answers false.
 */
export function sameAsJson(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object": {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!(i in value) || !sameAsJson(value[i])) return false;
        return true;
      }
      // JSON.parse makes plain objects: a null prototype or a class instance would not come back as it was.
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      // Readers make data properties with string keys only (JSON and a structured clone both drop symbol keys).
      const record = value as Record<string, unknown>;
      for (const key in record) if (!sameAsJson(record[key])) return false;
      return true;
    }
    default:
      return false;
  }
}
