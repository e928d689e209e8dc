/**
 * Kubernetes label selectors: matchLabels and matchExpressions (In, NotIn,
 * Exists, DoesNotExist), ANDed. A missing selector and `{}` differ only at the
 * call site (missing often means "none"); here `{}` matches everything.
 */
// @ts-nocheck

export type Requirement =
  | { readonly key: string; readonly op: "In" | "NotIn"; readonly values: readonly string[] }
  | { readonly key: string; readonly op: "Exists" | "DoesNotExist" };

export interface Selector {
  readonly requirements: readonly Requirement[];
}

export const MATCH_ALL: Selector = { requirements: [] };

export function matches(selector: Selector, labels: Readonly<Record<string, string>>): boolean {
  for (const r of selector.requirements) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.op) {
      case "In":
        if (!has || !r.values.includes(labels[r.key]!)) return false;
        break;
      case "NotIn":
        if (has && r.values.includes(labels[r.key]!)) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
    }
  }
  return true;
}

export function isMatchAll(selector: Selector): boolean {
  return selector.requirements.length === 0;
}

/** `app=web,tier in (a,b),!legacy` — for explanations. */
export function formatSelector(selector: Selector): string {
  if (selector.requirements.length === 0) return "{}";
  return selector.requirements
    .map((r) => {
      switch (r.op) {
        case "In":
          return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(",")})`;
        case "NotIn":
          return `${r.key} notin (${r.values.join(",")})`;
        case "Exists":
          return r.key;
        case "DoesNotExist":
          return `!${r.key}`;
      }
    })
    .join(",");
}
