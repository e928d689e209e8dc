/**
 * Exceptions added, changed or removed, and those of the new version that
 * expire within the warning window or have expired (today is injected).
 * From a policy they are read from its exceptions; from manifests, from the
 * annotations the compiler writes (ticket, expiry, owner; the ticket names it).
 */
// @ts-nocheck

import type { ResolvedPolicy } from "../../model";
import { endpointId } from "../../model";
import { ANNOTATIONS, type KubeObject } from "../k8s/object";
import { portLabel } from "./flows";
import type { DiffSide, ExceptionChange, ExceptionView } from "./types";

const FIELDS = ["from", "to", "ports", "justification", "owner", "ticket", "expires"] as const;

/** Every declared exception of a policy, as auditors read it (the diff and the HTML report share this). */
export function policyExceptions(policy: ResolvedPolicy): ExceptionView[] {
  return policy.flows.flatMap((f) =>
    f.exception
      ? [
          {
            id: f.exception.id,
            from: endpointId(f.from),
            to: endpointId(f.to),
            ports: f.ports.map(portLabel).join(", "),
            justification: f.exception.justification,
            owner: f.exception.owner,
            ticket: f.exception.ticket,
            expires: f.exception.expires,
          },
        ]
      : [],
  );
}

function fromAnnotations(objects: readonly KubeObject[]): ExceptionView[] {
  const out = new Map<string, ExceptionView>();
  for (const o of objects) {
    const a = o.metadata.annotations ?? {};
    const tickets = a[ANNOTATIONS.exceptionTicket]?.split(",") ?? [];
    const expires = a[ANNOTATIONS.exceptionExpires]?.split(",") ?? [];
    const owners = a[ANNOTATIONS.exceptionOwner]?.split(",") ?? [];
    tickets.forEach((ticket, i) => {
      if (!out.has(ticket)) out.set(ticket, { id: ticket, from: "", to: "", ports: "", justification: "", owner: owners[i] ?? "", ticket, expires: expires[i] ?? "" });
    });
  }
  return [...out.values()];
}

export function sideExceptions(side: DiffSide): Map<string, ExceptionView> {
  const list = side.policy ? policyExceptions(side.policy) : fromAnnotations(side.objects);
  return new Map(list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((e) => [e.id, e]));
}

/** Whole days from `today` to `date` (both YYYY-MM-DD, UTC); negative once past. */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

const ORDER: Readonly<Record<ExceptionChange["change"], number>> = { added: 0, changed: 1, expiring: 2, expired: 3, removed: 4 };

export function diffExceptions(base: DiffSide, head: DiffSide, today: string, withinDays: number): ExceptionChange[] {
  const before = sideExceptions(base);
  const after = sideExceptions(head);
  const out: ExceptionChange[] = [];
  for (const [id, a] of after) {
    const b = before.get(id);
    if (!b) out.push({ change: "added", id, after: a });
    else {
      const fields = FIELDS.filter((f) => a[f] !== b[f]);
      if (fields.length > 0) out.push({ change: "changed", id, before: b, after: a, fields });
    }
    if (a.expires === "") continue;
    // `expires` is the last valid day: 0 days left on it, expired from the day after.
    const days = daysUntil(a.expires, today);
    if (days < 0) out.push({ change: "expired", id, after: a, daysLeft: days });
    else if (days <= withinDays) out.push({ change: "expiring", id, after: a, daysLeft: days });
  }
  for (const [id, b] of before) if (!after.has(id)) out.push({ change: "removed", id, before: b });
  return out.sort((x, y) => ORDER[x.change] - ORDER[y.change] || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
