/**
 * Runs ztseg's Pulumi code under Pulumi's unit-test mocks, recording every
 * registration.
 */
// @ts-nocheck

import type * as Pulumi from "@pulumi/pulumi";
import type { ModuleImporter } from "../../src/adapters/load/policy-module";
import { REPO_ROOT } from "../support/cli";

export { REPO_ROOT };

export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly provider: string | undefined;
  readonly inputs: Record<string, unknown>;
}

export interface MockRun<T> {
  readonly registrations: Registration[];
  readonly pulumi: typeof Pulumi;
  /** What `load` returned, or the error it threw. */
  readonly result: { ok: true; value: T } | { ok: false; error: unknown };
}

/** jest's require, so policy modules share this process's copy of src/. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const jestImporter: ModuleImporter = (p) => require(p);

let pulumiModule: typeof Pulumi | undefined;

/**
 * Sets fresh mocks and the stack config, then runs `load`, which requires
 * the modules under test. The first call sets the mocks before any of them
 * is imported; later calls reuse the loaded modules (Pulumi keeps its
 * runtime state process-wide, so new mocks apply to them) because loading
 * @pulumi/kubernetes afresh per test costs seconds.
 */
export async function underMocks<T>(config: Readonly<Record<string, string>>, load: () => T, options: { preview?: boolean } = {}): Promise<MockRun<T>> {
  const registrations: Registration[] = [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pulumi = (pulumiModule ??= require("@pulumi/pulumi") as typeof Pulumi);
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registrations.push({ type: args.type, name: args.name, custom: args.custom ?? false, provider: args.provider, inputs: args.inputs as Record<string, unknown> });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "ztseg",
    "test",
    options.preview ?? false,
  );
  pulumi.runtime.setAllConfig({ ...config });
  let result: MockRun<T>["result"];
  try {
    result = { ok: true, value: load() };
  } catch (error) {
    result = { ok: false, error };
  }
  return { registrations, pulumi, result };
}

/** The value of an output (mocks resolve every output). */
export function valueOf<T>(o: Pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply((v) => resolve(v)));
}

/** Lets pending registrations reach the mock monitor. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}
