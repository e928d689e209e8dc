/**
 * ztseg's library API: the policy language, the compiler, the analyzer,
 * verification, the semantic diff and rendering. All pure; the CLI, Pulumi
 * and jest adapters live under src/adapters.
 */
// @ts-nocheck

export * from "./model";
export { compile, ALL_TARGETS, TARGETS, CAPABILITY_PROFILES, DEFAULT_CAPABILITIES, type CompileOptions, type CompileResult, type Target, type CapabilityProfile } from "./core/compile";
export { toYaml, renderManifestTree, manifestDigest } from "./core/render";
export { buildCluster, analyze, ConnSet, ALL_LAYERS, type Connectivity, type ManifestDoc, type LayerSelection, type Peer } from "./core/analyze";
export { verifyPolicy, verifyManifests, modelFromPolicy, modelFromObjects, type VerifyReport } from "./core/verify";
export type { KubeObject } from "./core/k8s/object";
