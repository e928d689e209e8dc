/**
 * The Pulumi program's body: stack config -> policy module -> verified
 * component. Kept apart from index.ts so tests can run it under Pulumi's
 * mocks with jest's module loader and a fixed date.
 */
// @ts-nocheck

import * as pulumi from "@pulumi/pulumi";
import { checkExpiry, type Diagnostic, formatDiagnostic, formatDiagnostics, hasErrors, isDiagnosticError } from "../../../model";
import { loadPolicyModule, type ModuleImporter, tsxImporter } from "../../load/policy-module";
import { ZeroTrustSegmentation, type Deployment } from "../component";
import { parseStackConfig, type StackConfig } from "../config";

/** Logical name of the component: fixed, so renaming the policy does not replace every object. */
export const COMPONENT_NAME = "ztseg";

export interface ProgramDeps {
  /** Folder policy paths are relative to (Pulumi runs programs in the project root). */
  readonly cwd?: string;
  /** Default: today's date (UTC). */
  readonly today?: string;
  /** Default: tsx, so .ts policies need no build step. */
  readonly importer?: ModuleImporter;
  /** Default: the stack's config as Pulumi hands it over. */
  readonly config?: Readonly<Record<string, string>>;
}

export interface ProgramOutputs {
  readonly policy: string;
  readonly policyFile: string;
  readonly mode: pulumi.Output<Deployment["mode"]>;
  readonly manifestDigest: pulumi.Output<string>;
  readonly objectCounts: pulumi.Output<Record<string, number>>;
  readonly objectCount: pulumi.Output<number>;
  readonly objectKeys: pulumi.Output<string[]>;
  readonly registeredCount: pulumi.Output<number>;
  readonly invariants: pulumi.Output<string[]>;
}

/** User errors stop the program with their message only (RunError: no stack trace). */
function stop(diagnostics: readonly Diagnostic[], headline: string): never {
  throw new pulumi.RunError(`${headline}\n${formatDiagnostics(diagnostics)}`);
}

function deploymentFor(config: StackConfig): Deployment {
  switch (config.mode) {
    case "dry-run":
      return { mode: "dry-run" };
    case "enforce":
      return { mode: "enforce", namespaces: config.namespaces };
    case "render":
      return { mode: "render", directory: config.renderDirectory! };
  }
}

export function runProgram(deps: ProgramDeps = {}): ProgramOutputs {
  const cwd = deps.cwd ?? process.cwd();
  const today = deps.today ?? new Date().toISOString().slice(0, 10);
  let config: StackConfig;
  try {
    config = parseStackConfig(deps.config ?? pulumi.runtime.allConfig());
  } catch (e) {
    if (isDiagnosticError(e)) stop(e.diagnostics, "ztseg: invalid stack configuration (stacks/Pulumi.<stack>.yaml); nothing was deployed");
    throw e;
  }
  let loaded: ReturnType<typeof loadPolicyModule>;
  try {
    loaded = loadPolicyModule(config.policy, cwd, deps.importer ?? tsxImporter);
  } catch (e) {
    if (isDiagnosticError(e)) stop(e.diagnostics, `ztseg: cannot load the policy named by ztseg:policy ("${config.policy}"); nothing was deployed`);
    throw e;
  }
  const early = [...loaded.warnings, ...checkExpiry(loaded.policy, today).map((d) => ({ ...d, file: loaded.file }))];
  if (hasErrors(early)) stop(early.filter((d) => d.severity === "error"), `ztseg: policy "${loaded.policy.name}" is not deployable; nothing was deployed`);
  for (const d of early) void pulumi.log.warn(formatDiagnostic(d));

  const segmentation = new ZeroTrustSegmentation(COMPONENT_NAME, {
    policy: loaded.policy,
    today,
    deployment: deploymentFor(config),
    targets: config.targets,
    capabilities: config.capabilities,
    sourceFile: loaded.file,
    ...(config.trustDomain !== undefined ? { trustDomain: config.trustDomain } : {}),
  });
  return {
    policy: loaded.policy.name,
    policyFile: loaded.file,
    mode: segmentation.mode,
    manifestDigest: segmentation.manifestDigest,
    objectCounts: segmentation.objectCounts,
    objectCount: segmentation.objectCount,
    objectKeys: segmentation.objectKeys,
    registeredCount: segmentation.registeredCount,
    invariants: segmentation.invariants,
  };
}
