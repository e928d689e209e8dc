/**
 * `ztseg vendors <policy | --manifests dir>`: every third party, what it can
 * reach directly and transitively, its exceptions, and whether a sensitive
 * zone is within reach. Exit 0 when none is, 1 when one is, 2 on bad input.
 */
import * as path from "node:path";
import { CAPABILITY_PROFILES } from "../../../core/compile";
import { INVENTORY_FORMATS, type InventoryFormat, inventoryFromSide, renderInventory } from "../../../core/vendors";
import { DiagnosticError } from "../../../model";
import { type CommandSpec, EXIT, str, UsageError } from "../command";
import { loadSide } from "./diff";
import { COMMAND_LINES } from "./listing";

export const vendorsCommand: CommandSpec = {
  ...COMMAND_LINES.vendors,
  builder: (y) =>
    y
      .positional("policy", { type: "string", describe: "policy module (.ts/.js) or folder with index.ts" })
      .option("manifests", { type: "string", describe: "inventory this folder of manifests instead of a policy (vendors from ztseg.dev/vendor namespace labels)" })
      .option("classification", { type: "string", describe: "YAML file classifying namespaces and external CIDRs (with --manifests)" })
      .option("format", { choices: INVENTORY_FORMATS, default: "text" as const, describe: "output format" })
      .option("capabilities", { type: "string", default: "full", describe: `capability profile: ${Object.keys(CAPABILITY_PROFILES).join(", ")}` })
      .check((a) => {
        if ((a.policy === undefined) === (a.manifests === undefined)) throw new UsageError("give either a policy or --manifests <dir>");
        return true;
      }),
  run: (args, io) => {
    const input = str(args, "policy") ?? str(args, "manifests")!;
    const profile = str(args, "capabilities") ?? "full";
    const capabilities = CAPABILITY_PROFILES[profile];
    if (!capabilities) throw new DiagnosticError([{ code: "unknown-capability-profile", severity: "error", path: "", message: `unknown capability profile "${profile}"`, hint: `profiles: ${Object.keys(CAPABILITY_PROFILES).join(", ")}` }]);
    const side = loadSide({ shown: input, abs: path.resolve(io.cwd, input), cwd: io.cwd }, io, { capabilities }, str(args, "classification"));
    const inventory = inventoryFromSide(side);
    io.stdout(renderInventory(inventory, (str(args, "format") ?? "text") as InventoryFormat));
    return inventory.holds ? EXIT.ok : EXIT.violated;
  },
};
