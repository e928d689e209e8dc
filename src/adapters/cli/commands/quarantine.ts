/**
 * `ztseg quarantine <vendor> --policy <module>` and `ztseg release <vendor>
 * --policy <module>`: incident containment as a reviewed change. The
 * command edits the policy source (the vendor's `quarantined` flag, nothing
 * else), after proving on the compiled result that the vendor is isolated in
 * every layer; the change then goes through review, `ztseg diff` and
 * `pulumi up` like any other. `--dry-run` shows the change and writes nothing.
 */
import { lineDiff } from "../../../core/diff";
import { endpointId, type ResolvedPolicy } from "../../../model";
import { DiagnosticError, hasErrors } from "../../../model";
import { flowVendors, vendorIsolation, withQuarantine } from "../../../core/vendors";
import { modelFromPolicy, ModelError } from "../../../core/verify";
import { formatPath } from "../../../core/verify/render";
import { editQuarantineFlag } from "../../load/policy-source";
import { writeFileAtomically } from "../../load/atomic-write";
import * as fs from "node:fs";
import { loadPolicyModule, resolvePolicyPath } from "../../load/policy-module";
import { type Args, bool, type CommandSpec, EXIT, type ExitCode, type Io, str } from "../command";
import { COMMAND_LINES } from "./listing";

function vendorFlows(policy: ResolvedPolicy, vendor: string): string[] {
  return policy.flows.filter((f) => flowVendors(policy, f).includes(vendor)).map((f) => `${f.id}  (${endpointId(f.from)} -> ${endpointId(f.to)})`);
}

function run(args: Args, io: Io, on: boolean): ExitCode {
  const vendor = str(args, "vendor")!;
  const policyArg = str(args, "policy")!;
  const loaded = loadPolicyModule(policyArg, io.cwd, io.importModule);
  const next = withQuarantine(loaded.policy, vendor, on);
  if (!next.policy || hasErrors(next.diagnostics)) throw new DiagnosticError(next.diagnostics.filter((d) => d.severity === "error").map((d) => ({ ...d, file: loaded.file })));
  const verb = on ? "quarantine" : "release";
  if (on) {
    let isolation;
    try {
      isolation = vendorIsolation(modelFromPolicy(next.policy, { sourceFile: loaded.file }), vendor);
    } catch (e) {
      if (e instanceof ModelError) throw new DiagnosticError([{ code: "compile-failed", severity: "error", path: "", file: loaded.file, message: `the quarantined policy does not compile: ${e.message.split("\n")[0]!}` }]);
      throw e;
    }
    for (const l of isolation.layers) io.stdout(`  ${l.isolated ? "isolated" : "NOT ISOLATED"}: ${l.layer}\n`);
    // The gate is what the cluster enforces (all layers together); a single layer that leaks is reported for defence in depth.
    const combined = isolation.layers.find((l) => l.layer === "combined")!;
    for (const l of isolation.layers) {
      if (l.isolated || l.layer === "combined") continue;
      io.stderr(`warning: ${l.layer} alone does not isolate vendor "${vendor}" (${l.paths.length} path(s), ${l.exits.length} exit(s)); the other layers do\n`);
    }
    if (!combined.isolated) {
      for (const l of isolation.layers) {
        for (const p of l.paths.slice(0, 5)) io.stdout(`${l.layer}: ${formatPath(p, "  ")}\n`);
        for (const x of l.exits.slice(0, 5)) io.stdout(`${l.layer}: exit to the vendor's addresses ${x}\n`);
      }
      io.stderr(`ztseg quarantine: vendor "${vendor}" would not be isolated in every layer; the policy was not changed\n`);
      return EXIT.violated;
    }
  }
  const abs = resolvePolicyPath(policyArg, io.cwd);
  const edit = editQuarantineFlag(fs.readFileSync(abs, "utf8"), vendor, on, loaded.file);
  if (!edit.changed) {
    io.stdout(`vendor "${vendor}" is already ${on ? "quarantined" : "not quarantined"} in ${loaded.file}; nothing to change\n`);
    return EXIT.ok;
  }
  const flows = vendorFlows(loaded.policy, vendor);
  const dry = bool(args, "dry-run");
  if (!dry) writeFileAtomically(abs, edit.after);
  io.stdout(`${dry ? "would change" : "changed"} ${loaded.file} (vendor "${vendor}", line ${edit.line}):\n${lineDiff(edit.before, edit.after, 0).map((l) => `  ${l}\n`).join("")}`);
  io.stdout(
    on
      ? `${flows.length} flow${flows.length === 1 ? "" : "s"} of ${vendor} ${flows.length === 1 ? "is" : "are"} no longer compiled:\n${flows.map((f) => `  - ${f}\n`).join("")}` +
          `guardrails: AdminNetworkPolicy ztseg-quarantine (priority 1) and Istio DENY quarantine-deny in every meshed namespace\n`
      : `${flows.length} flow${flows.length === 1 ? "" : "s"} of ${vendor} ${flows.length === 1 ? "is" : "are"} compiled again:\n${flows.map((f) => `  - ${f}\n`).join("")}`,
  );
  io.stdout(`next: review with \`ztseg diff --git HEAD ${policyArg}\`, commit, then \`pulumi up\` (see docs/incident-response.md)\n`);
  io.stderr(`ztseg ${verb}: ${dry ? "dry run, nothing written" : `wrote ${loaded.file}`}\n`);
  return EXIT.ok;
}

const builder: CommandSpec["builder"] = (y) =>
  y
    .positional("vendor", { type: "string", demandOption: true, describe: "vendor id (a key of the policy's vendors map)" })
    .option("policy", { type: "string", demandOption: true, describe: "policy module (.ts) or folder with index.ts whose source is edited" })
    .option("dry-run", { type: "boolean", default: false, describe: "show the change; write nothing" });

export const quarantineCommand: CommandSpec = {
  ...COMMAND_LINES.quarantine,
  builder,
  run: (args, io) => run(args, io, true),
};

export const releaseCommand: CommandSpec = {
  ...COMMAND_LINES.release,
  builder,
  run: (args, io) => run(args, io, false),
};
