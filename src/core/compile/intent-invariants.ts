/**
 * noPath invariants checked on the resolved intent: a breadth-first search
 * over the flows in force. Declared exceptions are left out (they cross a
 * guardrail on purpose and are reported as exceptions, not as violations).
 * The analyzer checks the compiled objects themselves; this is the
 * compiler's own gate so it never emits a policy whose intent already fails.
 */
import type { Diagnostic } from "../../model/diagnostics";
import type { Endpoint, ResolvedFlow, ResolvedPolicy } from "../../model/resolved";
import type { Selector } from "../../model/schema";
import { endpointId } from "../../model/resolved";

export const INVARIANT_VIOLATED = "invariant-violated";

/** Zones by name per policy: selects() is asked per service and invariant, and a scan of the zones made that quadratic. */
const zonesByPolicy = new WeakMap<ResolvedPolicy, ReadonlyMap<string, ResolvedPolicy["zones"][number]>>();

function zoneNamed(policy: ResolvedPolicy, name: string): ResolvedPolicy["zones"][number] | undefined {
  let byName = zonesByPolicy.get(policy);
  if (!byName) {
    const map = new Map<string, ResolvedPolicy["zones"][number]>();
    // The first zone of a name, as Array.find would give.
    for (const z of policy.zones) if (!map.has(z.name)) map.set(z.name, z);
    zonesByPolicy.set(policy, (byName = map));
  }
  return byName.get(name);
}

export function selects(policy: ResolvedPolicy, sel: Selector, e: Endpoint): boolean {
  const zone = e.kind === "service" ? zoneNamed(policy, e.service.zone) : undefined;
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

export function checkIntentInvariants(policy: ResolvedPolicy, flows: readonly ResolvedFlow[]): Diagnostic[] {
  const edges = flows.filter((f) => !f.exception);
  const endpoints = new Map<string, Endpoint>();
  for (const f of edges) {
    endpoints.set(endpointId(f.from), f.from);
    endpoints.set(endpointId(f.to), f.to);
  }
  for (const s of policy.services) endpoints.set(s.id, { kind: "service", service: s });
  // Each endpoint's flows in flow order: the search reads them per node instead of scanning every flow per node.
  const outOf = new Map<string, ResolvedFlow[]>();
  for (const f of edges) {
    const from = endpointId(f.from);
    const list = outOf.get(from);
    if (list) list.push(f);
    else outOf.set(from, [f]);
  }
  for (const x of policy.externals) endpoints.set(x.name, { kind: "external", external: x });
  const out: Diagnostic[] = [];
  for (const inv of policy.invariants) {
    if (inv.kind !== "noPath") continue;
    const starts = [...endpoints.values()].filter((e) => selects(policy, inv.from, e)).map(endpointId).sort();
    // Breadth-first, so the reported path is a shortest one.
    const via = new Map<string, ResolvedFlow | null>(starts.map((s) => [s, null]));
    const queue = [...starts];
    let hit: string | undefined;
    for (let head = 0; head < queue.length && hit === undefined; head++) {
      const at = queue[head]!;
      for (const f of outOf.get(at) ?? []) {
        if (via.has(endpointId(f.to))) continue;
        via.set(endpointId(f.to), f);
        if (selects(policy, inv.to, f.to)) {
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
