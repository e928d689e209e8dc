/**
 * Exception expiry: the one check that depends on the date, kept apart from
 * resolution (a pure function of the input) and free of the zod schemas, so
 * commands that read only manifests do not load them.
 */
import type { Diagnostic } from "./diagnostics";
import type { ResolvedPolicy } from "./resolved";

/** Time-dependent checks, kept apart so resolution stays a pure function of the input. */
export function checkExpiry(policy: ResolvedPolicy, today: string, warnWithinDays = 30): Diagnostic[] {
  const out: Diagnostic[] = [];
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  for (const f of policy.flows) {
    if (!f.exception) continue;
    const exp = Date.parse(`${f.exception.expires}T00:00:00Z`);
    const days = Math.round((exp - todayMs) / 86_400_000);
    if (days < 0) {
      out.push({
        code: "exception-expired",
        severity: "error",
        path: `${f.origin}.expires`,
        message: `exception "${f.exception.id}" expired on ${f.exception.expires} (ticket ${f.exception.ticket}, owner ${f.exception.owner})`,
        hint: "renew it with a new expiry and ticket, or remove the exception",
      });
    } else if (days <= warnWithinDays) {
      out.push({
        code: "exception-expiring",
        severity: "warning",
        path: `${f.origin}.expires`,
        message: `exception "${f.exception.id}" expires in ${days} day${days === 1 ? "" : "s"} (${f.exception.expires})`,
      });
    }
  }
  return out;
}
