/**
 * noPath invariants checked on the resolved intent: a breadth-first search
 * over the flows in force. Declared exceptions are left out (they cross a
 * guardrail on purpose and are reported as exceptions, not as violations).
 * The analyzer checks the compiled objects themselves; this is the
 * compiler's own gate so it never emits a policy whose intent already fails.
 */
import type { Diagnostic } from "../../model/diagnostics";
import type { Endpoint, ResolvedFlow } from "../../model/resolved";
import type { Selector } from "../../model/schema";
import { endpointId } from "../../model/resolved";
import { type Ctx, groupBy } from "./context";

export const INVARIANT_VIOLATED = "invariant-violated";

export function selects(ctx: Ctx, sel: Selector, e: Endpoint): boolean {
  // By name through the context's index: selects() is asked per service and invariant, and a scan of the zones made that quadratic.
  const zone = e.kind === "service" ? ctx.zoneByName.get(e.service.zone) : undefined;
  const trust = e.kind === "external" ? e.external.trust : (zone?.trust ?? "internal");
  const vendor = e.kind === "external" ? e.external.vendor : zone?.vendor;
  const sensitive = zone?.sensitive ?? false;
  return (
    (sel.trust?.includes(trust) ?? false) ||
    (sel.sensitive !== undefined && sel.sensitive === sensitive) ||
    (zone !== undefined && (sel.dataClasses?.some((c) => zone.data.includes(c)) ?? false)) ||
    (zone !== undefined && (sel.zones?.includes(zone.name) ?? false)) ||
    (e.kind === "service" && (sel.services?.includes(e.service.id) ?? false)) ||
    (e.kind === "external" && (sel.externals?.includes(e.external.name) ?? false)) ||
    (vendor !== undefined && (sel.vendors?.includes(vendor) ?? false))
  );
}

/** The noPath invariants searched over the flows in force (`ctx.flows`). */
export function checkIntentInvariants(ctx: Ctx): Diagnostic[] {
  const { policy } = ctx;
  const edges = ctx.flows.filter((f) => !f.exception);
  const endpoints = new Map<string, Endpoint>();
  for (const f of edges) {
    endpoints.set(endpointId(f.from), f.from);
    endpoints.set(endpointId(f.to), f.to);
  }
  for (const s of policy.services) endpoints.set(s.id, { kind: "service", service: s });
  // Each endpoint's flows in flow order: the search reads them per node instead of scanning every flow per node.
  const outOf = groupBy(edges, (f) => endpointId(f.from));
  for (const x of policy.externals) endpoints.set(x.name, { kind: "external", external: x });
  const out: Diagnostic[] = [];
  for (const inv of policy.invariants) {
    if (inv.kind !== "noPath") continue;
    const starts = [...endpoints.values()].filter((e) => selects(ctx, inv.from, e)).map(endpointId).sort();
    // Breadth-first, so the reported path is a shortest one.
    const via = new Map<string, ResolvedFlow | null>(starts.map((s) => [s, null]));
    const queue = [...starts];
    let hit: string | undefined;
    for (let head = 0; head < queue.length && hit === undefined; head++) {
      const at = queue[head]!;
      for (const f of outOf.get(at) ?? []) {
        if (via.has(endpointId(f.to))) continue;
        via.set(endpointId(f.to), f);
        if (selects(ctx, inv.to, f.to)) {
          hit = endpointId(f.to);
          break;
        }
        queue.push(endpointId(f.to));
      }
    }
    if (hit === undefined) continue;
    const hops: ResolvedFlow[] = [];
    for (let f = via.get(hit); f; f = via.get(endpointId(f.from))) hops.unshift(f);
    out.push({
      code: INVARIANT_VIOLATED,
      severity: "error",
      path: inv.origin,
      message: `invariant "${inv.id}" fails: ${[endpointId(hops[0]!.from), ...hops.map((f) => endpointId(f.to))].join(" -> ")} (flows ${hops.map((f) => `"${f.id}" at ${f.origin}`).join(", ")})`,
      hint: "remove a flow on the path, or declare the crossing as an exception with justification, owner, ticket and expiry",
    });
  }
  return out;
}
