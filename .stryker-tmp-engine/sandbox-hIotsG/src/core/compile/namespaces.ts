/** Namespaces labelled with what they are, and one ServiceAccount per service identity. */
// @ts-nocheck

import { LABELS } from "../k8s/object";
import { type Ctx, meta } from "./context";
import { API, type NamespaceObject, type ServiceAccountObject } from "./types";

export function namespaceLabels(ctx: Ctx, zoneName: string): Record<string, string> {
  const zone = ctx.zoneByName.get(zoneName)!;
  const labels: Record<string, string> = {
    ...zone.labels,
    [LABELS.nsName]: zone.namespace,
    [LABELS.zone]: zone.name,
    [LABELS.trust]: zone.trust,
    [LABELS.sensitive]: zone.sensitive ? "true" : "false",
  };
  for (const cls of zone.data) labels[`${LABELS.dataPrefix}${cls}`] = "true";
  if (zone.vendor !== undefined) labels[LABELS.vendor] = zone.vendor;
  if (zone.vendor !== undefined && ctx.quarantined.has(zone.vendor)) labels[LABELS.quarantined] = "true";
  if (zone.mesh) labels[LABELS.istioInjection] = "enabled";
  return labels;
}

export function namespaces(ctx: Ctx): NamespaceObject[] {
  return ctx.policy.zones.map((zone) => {
    const what = [
      `${zone.trust} zone "${zone.name}"`,
      zone.vendor !== undefined ? `operated by vendor "${zone.vendor}"` : undefined,
      zone.data.length > 0 ? `holding ${zone.data.join(", ")} data` : undefined,
      zone.sensitive ? "(sensitive)" : undefined,
      zone.mesh ? "in the mesh" : "outside the mesh",
    ];
    return {
      ...API.namespace,
      metadata: meta(ctx, zone.namespace, undefined, `Namespace of ${what.filter((s) => s !== undefined).join(" ")}.`, [], namespaceLabels(ctx, zone.name)),
    };
  });
}

/** Services sharing a ServiceAccount share one object (the resolver warns about it). */
export function serviceAccounts(ctx: Ctx): ServiceAccountObject[] {
  const byKey = new Map<string, { namespace: string; sa: string; services: string[] }>();
  for (const s of ctx.policy.services) {
    const key = `${s.namespace}/${s.serviceAccount}`;
    const entry = byKey.get(key) ?? { namespace: s.namespace, sa: s.serviceAccount, services: [] };
    entry.services.push(s.id);
    byKey.set(key, entry);
  }
  return [...byKey.values()].map((e) => ({
    ...API.serviceAccount,
    metadata: meta(ctx, e.sa, e.namespace, `Identity of ${e.services.sort().join(", ")} (mesh principal ${ctx.policy.trustDomain}/ns/${e.namespace}/sa/${e.sa}).`),
  }));
}
