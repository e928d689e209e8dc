/**
 * The semantic diff as data. Renderers (Markdown, text, JSON) read it; the
 * CLI decides the exit code from `newSensitivePaths`.
 */
import type { TextPool } from "./text-pool";
import type { ResolvedPolicy } from "../../model";
import type { Connectivity } from "../analyze";
import type { KubeObject } from "../k8s/object";
import type { HashParts } from "../render";
import type { Classification, Status, VerifyReport } from "../verify";

/** One version being compared: a compiled policy or a folder of manifests. */
export interface DiffSide {
  /** What the side is, for headings, e.g. `policies/telecom (HEAD~1)`. */
  readonly label: string;
  readonly policy?: ResolvedPolicy;
  /** Compiled objects, or the manifests as loaded. */
  readonly objects: readonly KubeObject[];
  readonly report: VerifyReport;
  /** The combined-layer analysis of the side (all enforcing tiers). */
  readonly connectivity: Connectivity;
  /** Defaults to the policy's classification, else the namespace labels among `objects`. */
  readonly classification?: Classification;
  /** Names shared with the other side of the diff (see TextPool): an optimisation, never a change of meaning. */
  readonly texts?: TextPool;
  /** The SHA-256 of the manifest digest, when an adapter passes a faster one than the core's (same result). */
  readonly hashParts?: HashParts;
}

export interface DiffOptions {
  /** YYYY-MM-DD (UTC), for "expiring" and "expired". */
  readonly today: string;
  /** Exceptions expiring within this many days are listed; default 30. */
  readonly expiringWithinDays?: number;
}

export type Change = "added" | "removed";

export interface DiffHop {
  readonly from: string;
  readonly to: string;
  /** What the hop allows, e.g. `TCP 8080`. */
  readonly connections: string;
  /** The declared exception behind the hop, when there is one. */
  readonly exception?: string;
}

/** A source reaching a target, shown through one shortest path. */
export interface PathChange {
  readonly change: Change;
  readonly from: string;
  readonly to: string;
  readonly hops: readonly DiffHop[];
  /** Whether the target is in a sensitive zone and the source has trust vendor or external. */
  readonly sensitive: boolean;
  /** noPath invariants whose report lists this path (as a violation or a reported exception path). */
  readonly invariants: readonly string[];
}

export type FlowChangeKind = "added" | "removed" | "changed";

export interface FlowChange {
  readonly change: FlowChangeKind;
  readonly from: string;
  readonly to: string;
  /** Ports (and L7 narrowing) before and after; absent on the side where the pair has no flow. */
  readonly before?: string;
  readonly after?: string;
}

export interface FlowDiff {
  /** "policy" when both sides are policies (intent); "analyzer" when either is manifests (allowed connections). */
  readonly basis: "policy" | "analyzer";
  /** Zone pairs (policy) or namespace pairs (analyzer). */
  readonly groups: readonly FlowChange[];
  /** Service pairs (policy) or workload pairs (analyzer). */
  readonly pairs: readonly FlowChange[];
}

export interface ExceptionView {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly ports: string;
  readonly justification: string;
  readonly owner: string;
  readonly ticket: string;
  readonly expires: string;
}

export type ExceptionChangeKind = "added" | "removed" | "changed" | "expired" | "expiring";

export interface ExceptionChange {
  readonly change: ExceptionChangeKind;
  readonly id: string;
  readonly before?: ExceptionView;
  readonly after?: ExceptionView;
  /** Fields that differ (changed), or the days left (expiring; negative when expired). */
  readonly fields?: readonly string[];
  readonly daysLeft?: number;
}

export interface InvariantChange {
  readonly id: string;
  readonly title: string;
  readonly before?: Status;
  readonly after?: Status;
  readonly violationsBefore: number;
  readonly violationsAfter: number;
  /** Per-layer verdicts, `layer: before -> after`, only for layers that changed. */
  readonly layers: readonly { readonly layer: string; readonly before?: Status; readonly after?: Status }[];
}

export interface ObjectChange {
  readonly change: "added" | "removed" | "changed";
  readonly kind: string;
  /** "" for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
  /** Compact line diff of the YAML (changed objects only). */
  readonly diff?: readonly string[];
}

export interface ManifestDiff {
  readonly digestBefore: string;
  readonly digestAfter: string;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  /** Sorted by namespace, kind, name. */
  readonly objects: readonly ObjectChange[];
}

export interface DiffResult {
  readonly base: string;
  readonly head: string;
  readonly today: string;
  /** New paths from vendor/external-trust sources into sensitive zones: the gate. */
  readonly newSensitivePaths: number;
  readonly paths: readonly PathChange[];
  readonly flows: FlowDiff;
  readonly exceptions: readonly ExceptionChange[];
  readonly invariants: readonly InvariantChange[];
  readonly invariantsHoldBefore: boolean;
  readonly invariantsHoldAfter: boolean;
  readonly manifests: ManifestDiff;
}
