/**
 * The connectivity analyzer: any cluster's manifests in, the exact allowed
 * (source, destination, protocol, port) relation out, with explanations.
 * Pure: the adapters read files; this module only sees parsed documents.
 */
export { buildCluster, type ManifestDoc, type ClusterOptions, type IgnoredObject, type BuildResult } from "./cluster";
export { ConnSet, PROTOCOLS, type Protocol } from "./connset";
export { ALL_LAYERS, sharedIndexes, type LayerSelection, type Tier, type RuleHit, type TierTrace, type SideTrace, type IstioTrace, type IstioHit } from "./engine";
export { type ExternalRange, rangeBounds } from "./externals";
export {
  analyze,
  indexCluster,
  UnknownPeerError,
  type AnalyzeOptions,
  type ClassExplanation,
  type Connectivity,
  type Edge,
  type Explanation,
  type Node,
  type NodeIds,
  type PathsOptions,
  type Peer,
  type Reached,
  type ReachOptions,
  type ReachResult,
  type Workload,
} from "./connectivity";
export type { Cluster } from "./model";
export { explanationText } from "./explain-text";
export { formatConnectivity, type OutputFormat, OUTPUT_FORMATS } from "./formats";
