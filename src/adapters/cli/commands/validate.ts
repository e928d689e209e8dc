import { checkExpiry, formatDiagnostic, hasErrors, DiagnosticError } from "../../../model";
import { loadPolicyModule } from "../../load/policy-module";
import { type CommandSpec, EXIT, str } from "../command";
import { COMMAND_LINES } from "./listing";

export const validateCommand: CommandSpec = {
  ...COMMAND_LINES.validate,
  builder: (y) =>
    y.positional("policy", { type: "string", describe: "policy module (.ts/.js) or a folder with index.ts", demandOption: true }),
  run: (args, io) => {
    const loaded = loadPolicyModule(str(args, "policy")!, io.cwd, io.importModule);
    const expiry = checkExpiry(loaded.policy, io.today).map((d) => ({ ...d, file: loaded.file }));
    const all = [...loaded.warnings, ...expiry];
    if (hasErrors(all)) throw new DiagnosticError(all);
    for (const d of all) io.stderr(formatDiagnostic(d) + "\n");
    const p = loaded.policy;
    const exceptions = p.flows.filter((f) => f.exception).length;
    io.stdout(
      `${loaded.file}: policy "${p.name}" is valid: ${p.zones.length} zones, ${p.services.length} services, ` +
        `${p.externals.length} externals, ${p.vendors.length} vendors, ${p.flows.length - exceptions} flows, ` +
        `${exceptions} exceptions, ${p.invariants.length} invariants\n`,
    );
    return EXIT.ok;
  },
};
