/**
 * What the target cluster's CNI and mesh can enforce. The compiler refuses
 * to emit a rule the target would enforce more openly than written.
 */
// @ts-nocheck

export interface CapabilityProfile {
  /** NetworkPolicy `endPort` (port ranges). A CNI without it enforces only `port`. */
  readonly endPort: boolean;
  readonly sctp: boolean;
  /** Named ports in NetworkPolicy; without them ztseg emits numbers, which is exact. */
  readonly namedPorts: boolean;
  /** AdminNetworkPolicy (policy.networking.k8s.io/v1alpha1), needed by the guardrails target. */
  readonly adminNetworkPolicy: boolean;
  /** Istio security.istio.io/v1 (1.22 or later), needed by the istio target. */
  readonly istio: boolean;
}

export const DEFAULT_CAPABILITIES: CapabilityProfile = { endPort: true, sctp: true, namedPorts: true, adminNetworkPolicy: true, istio: true };

export const CAPABILITY_PROFILES: Readonly<Record<string, CapabilityProfile>> = {
  full: DEFAULT_CAPABILITIES,
  "no-endport": { ...DEFAULT_CAPABILITIES, endPort: false },
  "no-sctp": { ...DEFAULT_CAPABILITIES, sctp: false },
  "no-named-ports": { ...DEFAULT_CAPABILITIES, namedPorts: false },
  "no-anp": { ...DEFAULT_CAPABILITIES, adminNetworkPolicy: false },
  "no-mesh": { ...DEFAULT_CAPABILITIES, istio: false, adminNetworkPolicy: false },
  /** A conservative baseline: plain NetworkPolicy with numbers, no ranges, no SCTP, no ANP, no mesh. */
  minimal: { endPort: false, sctp: false, namedPorts: false, adminNetworkPolicy: false, istio: false },
};
