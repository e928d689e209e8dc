/**
 * `ztseg report <policy | --manifests dir> --html <file>`: one self-contained
 * HTML page for auditors (zone graph, flows, exceptions, invariants per
 * layer, manifest digest, policy revision), written atomically. Exit 0 once
 * written (verdicts are in the page; `ztseg verify` is the gate), 2 on bad input.
 */
import * as path from "node:path";
import { CAPABILITY_PROFILES } from "../../../core/compile";
import { summarizeSide } from "../../../core/diff";
import { reportHtml, reportModel, zoneGraphDot } from "../../../core/report";
import { DiagnosticError } from "../../../model";
import { writeFileAtomically } from "../../load/atomic-write";
import { renderSvg } from "../../render/graph";
import { type CommandSpec, EXIT, str, UsageError } from "../command";
import { gitRevision, loadSide } from "./diff";
import { COMMAND_LINES } from "./listing";

export const reportCommand: CommandSpec = {
  ...COMMAND_LINES.report,
  builder: (y) =>
    y
      .positional("policy", { type: "string", describe: "policy module (.ts/.js) or folder with index.ts" })
      .option("manifests", { type: "string", describe: "report on this folder of manifests instead of a policy" })
      .option("classification", { type: "string", describe: "YAML file classifying namespaces and external CIDRs (with --manifests)" })
      .option("html", { type: "string", demandOption: true, describe: "output file" })
      .option("capabilities", { type: "string", default: "full", describe: `capability profile: ${Object.keys(CAPABILITY_PROFILES).join(", ")}` })
      .check((a) => {
        if ((a.policy === undefined) === (a.manifests === undefined)) throw new UsageError("give either a policy or --manifests <dir>");
        return true;
      }),
  run: async (args, io) => {
    const input = str(args, "policy") ?? str(args, "manifests")!;
    const profile = str(args, "capabilities") ?? "full";
    const capabilities = CAPABILITY_PROFILES[profile];
    if (!capabilities) throw new DiagnosticError([{ code: "unknown-capability-profile", severity: "error", path: "", message: `unknown capability profile "${profile}"` }]);
    const abs = path.resolve(io.cwd, input);
    const side = loadSide({ shown: input, abs, cwd: io.cwd }, io, { capabilities }, str(args, "classification"));
    const revision = gitRevision(io.cwd, [abs]);
    // The side's summary already holds manifestDigest(side.objects): the objects are not rendered twice.
    const model = reportModel({ side, digest: summarizeSide(side).digest, generated: io.today, ...(revision ? { revision } : {}) });
    const svg = await renderSvg(zoneGraphDot(model));
    const out = str(args, "html")!;
    writeFileAtomically(path.resolve(io.cwd, out), reportHtml(model, svg));
    io.stderr(`ztseg report: wrote ${out} (${model.zones.length} zones, ${model.flows.length} flows, invariants ${side.report.holds ? "hold" : "FAIL"})\n`);
    return EXIT.ok;
  },
};
