/**
 * Kubernetes LabelSelector matching: matchLabels and matchExpressions are
 * ANDed; an empty selector matches everything.
 */
// @ts-nocheck

import { list, obj, strings, text } from "./read";

export type Labels = Readonly<Record<string, string>>;

export function selectorMatches(selector: unknown, labels: Labels): boolean {
  const sel = obj(selector) ?? {};
  for (const [key, value] of Object.entries(obj(sel.matchLabels) ?? {})) {
    if (labels[key] !== String(value)) return false;
  }
  for (const raw of list(sel.matchExpressions) ?? []) {
    if (!expressionMatches(obj(raw) ?? {}, labels)) return false;
  }
  return true;
}

function expressionMatches(expression: Record<string, unknown>, labels: Labels): boolean {
  const key = text(expression.key) ?? "";
  const values = strings(expression.values);
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  switch (text(expression.operator)) {
    case "In":
      return has && values.includes(labels[key] ?? "");
    case "NotIn":
      return !has || !values.includes(labels[key] ?? "");
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    default:
      // An unknown operator is invalid; the API server would reject it, so it selects nothing.
      return false;
  }
}
