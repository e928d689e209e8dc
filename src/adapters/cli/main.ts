/**
 * ztseg's command line. Commands live one per file in commands/; this file
 * only wires them to yargs and maps failures to exit codes, printing
 * diagnostics instead of stack traces.
 */
import yargs from "yargs";
import { DiagnosticError, formatDiagnostic } from "../../model/diagnostics";
import { type CommandSpec, EXIT, type ExitCode, type Io, UsageError } from "./command";
import { commandsFor } from "./commands";
import type { ModuleImporter } from "../load/policy-module";

export function defaultIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    today: new Date().toISOString().slice(0, 10),
    isTty: process.stdout.isTTY === true,
    importModule: loadTsxImporter(),
  };
}

/** tsx's importer, loaded on first use: commands that never load a policy module skip the policy language's modules. */
function loadTsxImporter(): ModuleImporter {
  let importer: ModuleImporter | undefined;
  return (file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, deferred load; importModule is synchronous
    importer ??= (require("../load/policy-module") as typeof import("../load/policy-module")).tsxImporter;
    return importer(file);
  };
}

/** Runs the CLI in-process and returns the exit code (tests call this directly). */
export async function run(argv: readonly string[], io: Io = defaultIo(), given?: readonly CommandSpec[]): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  let parseError: string | undefined;
  const parser = yargs([...argv])
    .scriptName("ztseg")
    .usage("$0 <command> [options]\n\nZero-trust segmentation policy as code.\nExit codes: 0 ok, 1 an invariant fails, 2 bad input.")
    .strict()
    .demandCommand(1, "name a command (see --help)")
    .recommendCommands()
    .help()
    .alias("h", "help")
    .version(false)
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err && !(err instanceof UsageError)) throw err;
      parseError = msg;
    });
  let helpText = "";
  try {
    // Inside the try: a command module that fails to load is reported like any other failure.
    for (const spec of given ?? (await commandsFor(argv))) {
      parser.command(spec.command, spec.describe, spec.builder, async (args) => {
        // yargs still calls the handler after a validation failure reported through fail(): never run on bad arguments.
        if (parseError !== undefined) return;
        code = await spec.run(args, io);
      });
    }
    await parser.parseAsync([...argv], {}, (_err, _argv, output) => {
      helpText = output;
    });
  } catch (e) {
    if (e instanceof DiagnosticError) {
      for (const d of e.diagnostics) io.stderr(formatDiagnostic(d) + "\n");
      const n = e.diagnostics.filter((d) => d.severity === "error").length;
      io.stderr(`ztseg: ${n} error${n === 1 ? "" : "s"}; nothing was written\n`);
      return EXIT.badInput;
    }
    const msg = e instanceof Error ? e.message : String(e);
    if (isSystemError(e)) {
      // The environment failed (disk full, permissions, ...), not ztseg: say so plainly; writes are atomic.
      io.stderr(`ztseg: ${msg}; the previous output is unchanged\n`);
      return EXIT.internal;
    }
    io.stderr(`ztseg: internal error: ${msg}\n`);
    if (process.env.ZTSEG_DEBUG && e instanceof Error && e.stack) io.stderr(e.stack + "\n");
    return EXIT.internal;
  }
  if (parseError !== undefined) {
    if (helpText) io.stderr(helpText + "\n");
    io.stderr(`ztseg: ${parseError}\n`);
    return EXIT.badInput;
  }
  if (helpText) io.stdout(helpText + "\n");
  return code;
}

/** An error from the operating system (node's errno errors carry a code such as ENOSPC and the failed syscall). */
function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string" && typeof (e as NodeJS.ErrnoException).syscall === "string";
}

export function main(argv: readonly string[]): void {
  run(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`ztseg: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = EXIT.internal;
    },
  );
}
