import { ALL_LAYERS, type Cluster, type LayerSelection } from "../analyze";
import type { LayerName } from "./report";

/** Which enforcement tiers count in each defence-in-depth layer. */
export const LAYER_SELECTIONS: Readonly<Record<LayerName, LayerSelection>> = {
  combined: ALL_LAYERS,
  networkpolicy: { adminNetworkPolicy: false, networkPolicy: true, baselineAdminNetworkPolicy: false, istio: "off" },
  istio: { adminNetworkPolicy: false, networkPolicy: false, baselineAdminNetworkPolicy: false, istio: "full" },
  guardrails: { adminNetworkPolicy: true, networkPolicy: false, baselineAdminNetworkPolicy: true, istio: "denyOnly" },
};

/**
 * A key that two layer selections share when they analyse this cluster
 * identically, rule attributions included, so one analysis can serve both:
 * a tier with no objects in the cluster enforces nothing and explains
 * nothing (no NetworkPolicy, no AdminNetworkPolicy, no
 * BaselineAdminNetworkPolicy, or no PeerAuthentication and no
 * AuthorizationPolicy, when Istio admits everything: PERMISSIVE, no policy).
 */
export function analysisKey(cluster: Cluster, layers: LayerSelection): string {
  const np = layers.networkPolicy && cluster.networkPolicies.length > 0;
  const anp = layers.adminNetworkPolicy && cluster.adminPolicies.length > 0;
  const banp = layers.baselineAdminNetworkPolicy && cluster.baselinePolicy !== undefined;
  const istio = cluster.peerAuthentications.length > 0 || cluster.authorizationPolicies.length > 0 ? layers.istio : "off";
  return `anp=${anp} np=${np} banp=${banp} istio=${istio}`;
}
