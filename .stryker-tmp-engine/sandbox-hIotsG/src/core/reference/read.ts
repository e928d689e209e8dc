/**
 * Tolerant readers for untyped manifest data. The reference evaluator reads
 * objects as `unknown` and never trusts their shape: a field of the wrong type
 * reads as absent.
 */
// @ts-nocheck

export type Json = Record<string, unknown>;

export function obj(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

export function list(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(obj(value) ?? {})) {
    if (typeof v === "string") out[key] = v;
    else if (typeof v === "number" || typeof v === "boolean") out[key] = String(v);
  }
  return out;
}

export function strings(value: unknown): string[] {
  return (list(value) ?? []).filter((v): v is string => typeof v === "string");
}

/** True when the key is present with a non-empty list (Istio treats an empty list as unset). */
export function hasItems(record: Json, key: string): boolean {
  const value = list(record[key]);
  return value !== undefined && value.length > 0;
}
