/**
 * Runs ztseg's Pulumi code under Pulumi's unit-test mocks. Mocks are set
 * before the modules under test are imported (jest.isolateModules gives
 * each run fresh copies), and every registration is recorded.
 */
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

export async function underMocks<T>(config: Readonly<Record<string, string>>, load: () => T, options: { preview?: boolean } = {}): Promise<MockRun<T>> {
  const registrations: Registration[] = [];
  let pulumi: typeof Pulumi | undefined;
  let result: MockRun<T>["result"] | undefined;
  let ready: Promise<void> = Promise.resolve();
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const p = require("@pulumi/pulumi") as typeof Pulumi;
    pulumi = p;
    ready = p.runtime.setMocks(
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
    p.runtime.setAllConfig({ ...config });
    try {
      result = { ok: true, value: load() };
    } catch (error) {
      result = { ok: false, error };
    }
  });
  await ready;
  return { registrations, pulumi: pulumi!, result: result! };
}

/** The value of an output (mocks resolve every output). */
export function valueOf<T>(o: Pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply((v) => resolve(v)));
}

/** Lets pending registrations reach the mock monitor. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}
