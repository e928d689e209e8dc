import * as path from "node:path";
import type { Argv } from "yargs";
import { DiagnosticError, formatDiagnostic } from "../../../model/diagnostics";
import { ALL_LAYERS, type LayerSelection, OUTPUT_FORMATS, type OutputFormat, analyze, formatConnectivity } from "../../../core/analyze";
import type { IgnoredObject } from "../../../core/analyze";
import { writeFileAtomically } from "../../load/atomic-write";
import { loadCluster } from "../../load/manifests";
import { type Args, type CommandSpec, EXIT, type Io, str, strs } from "../command";
import { COMMAND_LINES } from "./listing";

/** Options shared by the commands that analyse manifests. */
export function manifestOptions(y: Argv): Argv {
  return y
    .option("layers", {
      type: "string",
      describe: "enforcement tiers that count: all, or a comma list of anp, np, banp, istio, istio-deny",
      default: "all",
    })
    .option("trust-domain", { type: "string", describe: "Istio trust domain for principals", default: "cluster.local" })
    .option("istio-root", { type: "string", describe: "Istio root namespace (mesh-wide policies)", default: "istio-system" });
}

export function parseLayers(text: string): LayerSelection {
  const items = text.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0 || items.includes("all")) return { ...ALL_LAYERS };
  const known = ["anp", "np", "banp", "istio", "istio-deny"];
  const bad = items.filter((i) => !known.includes(i));
  if (bad.length > 0)
    throw new DiagnosticError([
      { code: "bad-option", severity: "error", path: "--layers", message: `unknown layer ${bad.map((b) => JSON.stringify(b)).join(", ")}`, hint: `use all or ${known.join(", ")}` },
    ]);
  return {
    adminNetworkPolicy: items.includes("anp"),
    networkPolicy: items.includes("np"),
    baselineAdminNetworkPolicy: items.includes("banp"),
    istio: items.includes("istio") ? "full" : items.includes("istio-deny") ? "denyOnly" : "off",
  };
}

export function loadForAnalysis(args: Args, io: Io, key: string) {
  const paths = strs(args, key);
  const loaded = loadCluster(paths, io.cwd, { trustDomain: str(args, "trust-domain") ?? "cluster.local", istioRootNamespace: str(args, "istio-root") ?? "istio-system" });
  for (const d of loaded.diagnostics) io.stderr(formatDiagnostic(d) + "\n");
  if (loaded.ignored.length > 0) io.stderr(`ztseg: ignored ${summariseIgnored(loaded.ignored)} (no effect on connectivity)\n`);
  return loaded;
}

function summariseIgnored(ignored: readonly IgnoredObject[]): string {
  const counts = new Map<string, number>();
  for (const i of ignored) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${n} ${k}`).join(", ");
}

export const analyzeCommand: CommandSpec = {
  ...COMMAND_LINES.analyze,
  builder: (y) =>
    manifestOptions(
      y
        .positional("manifests", { type: "string", array: true, describe: "manifest files or folders (.yaml, .yml, .json)", demandOption: true })
        .option("format", { choices: OUTPUT_FORMATS, default: "txt" as OutputFormat, describe: "output format" })
        .option("out", { type: "string", describe: "write to this file (atomically) instead of stdout" }),
    ),
  run: (args, io) => {
    const layers = parseLayers(str(args, "layers") ?? "all");
    const { cluster } = loadForAnalysis(args, io, "manifests");
    const text = formatConnectivity(analyze(cluster, { layers }), (str(args, "format") ?? "txt") as OutputFormat);
    const out = str(args, "out");
    if (out !== undefined) writeFileAtomically(path.resolve(io.cwd, out), text);
    else io.stdout(text);
    return EXIT.ok;
  },
};
