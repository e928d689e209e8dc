/**
 * Typed shapes of the objects the compiler emits: the subset of each
 * upstream API that ztseg uses. Tests validate them against the upstream
 * schemas (kubernetes-models, @kubernetes-models/istio, an AdminNetworkPolicy
 * v1alpha1 schema).
 */
// @ts-nocheck

import type { KubeObject } from "../k8s/object";

export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: "In" | "NotIn" | "Exists" | "DoesNotExist"; readonly values?: readonly string[] }[];
}

// networking.k8s.io/v1 NetworkPolicy
export interface NetworkPolicyPort {
  readonly protocol: "TCP" | "UDP" | "SCTP";
  readonly port?: number | string;
  readonly endPort?: number;
}
export interface IPBlock {
  readonly cidr: string;
  readonly except?: readonly string[];
}
export interface NetworkPolicyPeer {
  readonly namespaceSelector?: LabelSelector;
  readonly podSelector?: LabelSelector;
  readonly ipBlock?: IPBlock;
}
export interface NetworkPolicySpec {
  readonly podSelector: LabelSelector;
  readonly policyTypes: readonly ("Ingress" | "Egress")[];
  readonly ingress?: readonly { readonly from: readonly NetworkPolicyPeer[]; readonly ports: readonly NetworkPolicyPort[] }[];
  readonly egress?: readonly { readonly to: readonly NetworkPolicyPeer[]; readonly ports: readonly NetworkPolicyPort[] }[];
}

// security.istio.io/v1
export type MtlsMode = "STRICT" | "PERMISSIVE";
export interface PeerAuthenticationSpec {
  readonly selector?: { readonly matchLabels: Readonly<Record<string, string>> };
  readonly mtls: { readonly mode: MtlsMode };
  readonly portLevelMtls?: Readonly<Record<string, { readonly mode: MtlsMode }>>;
}
export interface IstioSource {
  readonly principals?: readonly string[];
  readonly namespaces?: readonly string[];
  readonly ipBlocks?: readonly string[];
  /** Only ever narrows an ipBlocks match to the written `except`; notPrincipals/notNamespaces are never emitted. */
  readonly notIpBlocks?: readonly string[];
}
export interface IstioOperation {
  readonly ports?: readonly string[];
  readonly methods?: readonly string[];
  readonly paths?: readonly string[];
}
export interface IstioRule {
  readonly from?: readonly { readonly source: IstioSource }[];
  readonly to?: readonly { readonly operation: IstioOperation }[];
}
export interface AuthorizationPolicySpec {
  readonly selector?: { readonly matchLabels: Readonly<Record<string, string>> };
  readonly action?: "ALLOW" | "DENY";
  readonly rules?: readonly IstioRule[];
}

// policy.networking.k8s.io/v1alpha1 AdminNetworkPolicy
export type AnpAction = "Allow" | "Deny" | "Pass";
export interface AnpPort {
  readonly portNumber?: { readonly protocol: "TCP" | "UDP" | "SCTP"; readonly port: number };
  readonly portRange?: { readonly protocol: "TCP" | "UDP" | "SCTP"; readonly start: number; readonly end: number };
}
export interface AnpPods {
  readonly namespaceSelector: LabelSelector;
  readonly podSelector: LabelSelector;
}
export interface AnpIngressPeer {
  readonly namespaces?: LabelSelector;
  readonly pods?: AnpPods;
}
export interface AnpEgressPeer extends AnpIngressPeer {
  readonly networks?: readonly string[];
}
export interface AnpIngressRule {
  readonly name: string;
  readonly action: AnpAction;
  readonly from: readonly AnpIngressPeer[];
  readonly ports?: readonly AnpPort[];
}
export interface AnpEgressRule {
  readonly name: string;
  readonly action: AnpAction;
  readonly to: readonly AnpEgressPeer[];
  readonly ports?: readonly AnpPort[];
}
export interface AdminNetworkPolicySpec {
  readonly priority: number;
  readonly subject: { readonly namespaces?: LabelSelector; readonly pods?: AnpPods };
  readonly ingress?: readonly AnpIngressRule[];
  readonly egress?: readonly AnpEgressRule[];
}

export type NamespaceObject = KubeObject<never>;
export type ServiceAccountObject = KubeObject<never>;
export type NetworkPolicyObject = KubeObject<NetworkPolicySpec>;
export type PeerAuthenticationObject = KubeObject<PeerAuthenticationSpec>;
export type AuthorizationPolicyObject = KubeObject<AuthorizationPolicySpec>;
export type AdminNetworkPolicyObject = KubeObject<AdminNetworkPolicySpec>;

export const API = {
  namespace: { apiVersion: "v1", kind: "Namespace" },
  serviceAccount: { apiVersion: "v1", kind: "ServiceAccount" },
  networkPolicy: { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy" },
  peerAuthentication: { apiVersion: "security.istio.io/v1", kind: "PeerAuthentication" },
  authorizationPolicy: { apiVersion: "security.istio.io/v1", kind: "AuthorizationPolicy" },
  adminNetworkPolicy: { apiVersion: "policy.networking.k8s.io/v1alpha1", kind: "AdminNetworkPolicy" },
} as const;
