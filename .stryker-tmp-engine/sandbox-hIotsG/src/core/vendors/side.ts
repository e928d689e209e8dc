/** The inventory of one analysed version (a compiled policy or a folder of manifests), as the diff and report build it. */
// @ts-nocheck

import type { DiffSide } from "../diff/types";
import { sideClassification } from "../diff/naming";
import { LABELS } from "../k8s/object";
import { vendorInventory, type VendorInventory } from "./inventory";

export function inventoryFromSide(side: DiffSide): VendorInventory {
  const namespaceLabels = new Map<string, Readonly<Record<string, string>>>();
  for (const o of side.objects) if (o.kind === "Namespace") namespaceLabels.set(o.metadata.name, { [LABELS.nsName]: o.metadata.name, ...(o.metadata.labels ?? {}) });
  return vendorInventory({
    subject: side.label,
    connectivity: side.connectivity,
    classification: sideClassification(side),
    ...(side.policy ? { policy: side.policy } : {}),
    namespaceLabels,
  });
}
