/**
 * ZeroTrustSegmentation: a Pulumi ComponentResource that compiles a ztseg
 * policy, proves its invariants, and registers exactly the verified objects
 * as its children. Verification runs before the component itself is
 * registered, so a failing invariant leaves the stack untouched: not even
 * the component appears in the preview.
 */
// @ts-nocheck

import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { type Diagnostic, isDiagnosticError, type ResolvedPolicy } from "../../model";
import type { CapabilityProfile, CompileOptions, Target } from "../../core/compile";
import { objectKey } from "../../core/k8s/object";
import type { NamespaceMode } from "./config";
import { planSegmentation, type SegmentationPlan, withTrustDomain } from "./plan";
import { assertSupported, registerObject } from "./resources";

export const COMPONENT_TYPE = "ztseg:index:ZeroTrustSegmentation";

/** How the verified objects reach (or do not reach) a cluster. */
export type Deployment =
  /** Compile and verify only: no Kubernetes resource is registered; outputs say what would be deployed. */
  | { readonly mode: "dry-run" }
  /** Register every object with the cluster (the ambient provider, or the one given). */
  | { readonly mode: "enforce"; readonly namespaces: NamespaceMode; readonly provider?: k8s.Provider }
  /** Register every object with a provider that writes YAML to `directory` instead of calling a cluster. */
  | { readonly mode: "render"; readonly directory: string };

export interface ZeroTrustSegmentationArgs {
  readonly policy: ResolvedPolicy;
  /** ISO date against which exception expiry is checked (the program passes today's date). */
  readonly today: string;
  readonly deployment: Deployment;
  /** Default: every target. */
  readonly targets?: ReadonlySet<Target>;
  /** Default: everything supported. */
  readonly capabilities?: CapabilityProfile;
  /** Policy file shown in the ztseg.dev/source annotation (keep it equal to `ztseg compile`'s for equal digests). */
  readonly sourceFile?: string;
  /** Overrides the policy's SPIFFE trust domain (Istio principals). */
  readonly trustDomain?: string;
}

/** Thrown when the policy does not compile or fails verification; Pulumi prints it without a stack trace. */
export class SegmentationError extends pulumi.RunError {
  readonly diagnostics: readonly Diagnostic[];
  constructor(message: string, diagnostics: readonly Diagnostic[]) {
    super(message);
    this.name = "SegmentationError";
    this.diagnostics = diagnostics;
  }
}

function plan(args: ZeroTrustSegmentationArgs): SegmentationPlan {
  const policy = args.trustDomain !== undefined ? withTrustDomain(args.policy, args.trustDomain) : args.policy;
  const compile: CompileOptions = {
    ...(args.targets ? { targets: args.targets } : {}),
    ...(args.capabilities ? { capabilities: args.capabilities } : {}),
    ...(args.sourceFile !== undefined ? { sourceFile: args.sourceFile } : {}),
  };
  try {
    const p = planSegmentation(policy, { today: args.today, compile });
    assertSupported(p.objects);
    return p;
  } catch (e) {
    if (isDiagnosticError(e)) throw new SegmentationError(e.message, e.diagnostics);
    if (e instanceof Error) throw new SegmentationError(e.message, []);
    throw e;
  }
}

export class ZeroTrustSegmentation extends pulumi.ComponentResource {
  /** The verified plan (plain data): objects, digest, counts and the verification report. */
  readonly plan: SegmentationPlan;
  /** sha256 of the compiled set as one canonical YAML stream: equals `manifest-digest` in `ztseg compile`'s index.txt. */
  readonly manifestDigest: pulumi.Output<string>;
  /** Compiled objects per kind. */
  readonly objectCounts: pulumi.Output<Record<string, number>>;
  readonly objectCount: pulumi.Output<number>;
  /** `kind/namespace/name` of every compiled object, sorted: what is (or in dry-run, would be) deployed. */
  readonly objectKeys: pulumi.Output<string[]>;
  /** Number of Kubernetes resources registered: objectCount, or 0 in dry-run. */
  readonly registeredCount: pulumi.Output<number>;
  readonly mode: pulumi.Output<Deployment["mode"]>;
  /** One line per invariant, e.g. `holds no-vendor-path-to-sensitive`. */
  readonly invariants: pulumi.Output<string[]>;
  /** The registered children, in the plan's object order. */
  readonly children: readonly pulumi.CustomResource[];

  constructor(name: string, args: ZeroTrustSegmentationArgs, opts: pulumi.ComponentResourceOptions = {}) {
    // Before super(): a policy that fails verification must not register even the component.
    const verified = plan(args);
    super(COMPONENT_TYPE, name, {}, opts);
    this.plan = verified;
    for (const w of verified.warnings) void pulumi.log.warn(`${w.path ? `${w.path}: ` : ""}${w.message} [${w.code}]`, this);

    const d = args.deployment;
    let children: pulumi.CustomResource[] = [];
    if (d.mode !== "dry-run") {
      const provider = d.mode === "render" ? new k8s.Provider(`${name}-render`, { renderYamlToDirectory: d.directory }, { parent: this }) : d.provider;
      const ctx = { parent: this, prefix: name, namespaces: d.mode === "render" ? ("manage" as const) : d.namespaces, ...(provider ? { provider } : {}) };
      children = verified.objects.map((o) => registerObject(o, ctx));
    }
    this.children = children;

    this.manifestDigest = pulumi.output(verified.digest);
    this.objectCounts = pulumi.output({ ...verified.counts });
    this.objectCount = pulumi.output(verified.objects.length);
    this.objectKeys = pulumi.output(verified.objects.map(objectKey));
    this.registeredCount = pulumi.output(children.length);
    this.mode = pulumi.output(d.mode);
    this.invariants = pulumi.output(verified.report.invariants.map((r) => `${r.status} ${r.id}`));
    this.registerOutputs({
      manifestDigest: this.manifestDigest,
      objectCounts: this.objectCounts,
      objectCount: this.objectCount,
      objectKeys: this.objectKeys,
      registeredCount: this.registeredCount,
      mode: this.mode,
      invariants: this.invariants,
    });
  }
}
