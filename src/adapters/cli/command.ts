/** The shape every CLI command has; main.ts wires them into yargs. */
import type { Argv } from "yargs";
import type { ModuleImporter } from "../load/policy-module";

/** Exit codes: 0 ok, 1 an invariant (or a gate such as a new sensitive path) fails, 2 bad input, 3 internal error. */
export const EXIT = { ok: 0, violated: 1, badInput: 2, internal: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A usage mistake found by a command's argument check (yargs `.check`): bad input, exit 2, reported like
 * yargs' own argument errors. yargs hands a check's error to the fail handler as it does a command's, so
 * the class is what tells them apart (any other error there is ztseg's own, exit 3).
 */
export class UsageError extends Error {}

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** Today's date (UTC, YYYY-MM-DD), injected so expiry checks are testable. */
  readonly today: string;
  /** Whether stdout is a terminal (colours, etc.). */
  readonly isTty: boolean;
  /** Loads policy modules; tsx in the real CLI, the test runner's require in tests. */
  readonly importModule: ModuleImporter;
}

export type Args = { readonly [key: string]: unknown; readonly _: ReadonlyArray<string | number> };

export interface CommandSpec {
  readonly command: string;
  readonly describe: string;
  readonly builder: (y: Argv) => Argv;
  readonly run: (args: Args, io: Io) => Promise<ExitCode> | ExitCode;
}

export function str(args: Args, key: string): string | undefined {
  const v = args[key];
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}
export function strs(args: Args, key: string): string[] {
  const v = args[key];
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.flatMap((x) => String(x).split(",")).map((s) => s.trim()).filter((s) => s.length > 0);
}
export function bool(args: Args, key: string): boolean {
  return args[key] === true;
}
