/** Object names derived from intent ids: DNS-1123 labels of at most 63 characters. */
// @ts-nocheck

import { sha256Hex } from "../render/sha256";

const MAX = 63;

/**
 * Lower-cases and replaces anything outside [a-z0-9-] by '-'. When the
 * result is longer than 63 characters it is cut and suffixed with 8 hex
 * characters of the full name's SHA-256, so distinct long names stay
 * distinct and the same name always maps to the same object name.
 */
export function objectName(raw: string): string {
  const clean = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-+|-+$/g, "");
  const base = clean.length > 0 ? clean : "x";
  if (base.length <= MAX) return base;
  const suffix = sha256Hex(raw).slice(0, 8);
  const head = base.slice(0, MAX - suffix.length - 1).replace(/-+$/, "");
  return `${head}-${suffix}`;
}
