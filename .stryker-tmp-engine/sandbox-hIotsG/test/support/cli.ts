/** Runs the CLI in-process with captured output; policy modules load through jest's require. */
// @ts-nocheck

import * as path from "node:path";
import { run } from "../../src/adapters/cli/main";
import type { Io } from "../../src/adapters/cli/command";

export const REPO_ROOT = path.resolve(__dirname, "../..");

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(argv: readonly string[], options: { cwd?: string; today?: string } = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd: options.cwd ?? REPO_ROOT,
    today: options.today ?? "2026-11-25",
    isTty: false,
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    importModule: (p) => require(p),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
