// @ts-nocheck
import { ALL_LAYERS, type LayerSelection } from "../analyze";
import type { LayerName } from "./report";

/** Which enforcement tiers count in each defence-in-depth layer. */
export const LAYER_SELECTIONS: Readonly<Record<LayerName, LayerSelection>> = {
  combined: ALL_LAYERS,
  networkpolicy: { adminNetworkPolicy: false, networkPolicy: true, baselineAdminNetworkPolicy: false, istio: "off" },
  istio: { adminNetworkPolicy: false, networkPolicy: false, baselineAdminNetworkPolicy: false, istio: "full" },
  guardrails: { adminNetworkPolicy: true, networkPolicy: false, baselineAdminNetworkPolicy: true, istio: "denyOnly" },
};
