import { DiagnosticError } from "../../../model/diagnostics";
import { type Peer, type Protocol, UnknownPeerError, analyze, explanationText } from "../../../core/analyze";
import { type CommandSpec, EXIT, str } from "../command";
import { loadForAnalysis, manifestOptions, parseLayers } from "./analyze";
import { COMMAND_LINES } from "./listing";

function badOption(option: string, message: string, hint?: string): DiagnosticError {
  return new DiagnosticError([{ code: "bad-option", severity: "error", path: option, message, ...(hint !== undefined ? { hint } : {}) }]);
}

/** `ns/name[Kind]` is a workload; anything that parses as an address is an IP. */
export function parsePeer(text: string): Peer {
  const t = text.trim();
  if (/^[0-9.]+$/.test(t) || (t.includes(":") && !t.includes("/"))) return { kind: "ip", address: t };
  return { kind: "workload", id: t };
}

/** `8080/TCP`, `53/udp` or `8080` (TCP). */
export function parsePortQuery(text: string): { protocol: Protocol; port: number } {
  const m = /^(\d+)(?:\/(tcp|udp|sctp))?$/i.exec(text.trim());
  const port = m ? Number(m[1]) : NaN;
  if (!m || port < 1 || port > 65535) throw badOption("--port", `not a port: ${JSON.stringify(text)}`, "write e.g. 8080/TCP, 53/UDP or 9000/SCTP");
  return { protocol: (m[2] ?? "TCP").toUpperCase() as Protocol, port };
}

export const explainCommand: CommandSpec = {
  ...COMMAND_LINES.explain,
  builder: (y) =>
    manifestOptions(
      y
        .positional("manifests", { type: "string", array: true, describe: "manifest files or folders", demandOption: true })
        .option("from", { type: "string", demandOption: true, describe: "source: workload id (ns/name[Kind]) or IP address" })
        .option("to", { type: "string", demandOption: true, describe: "destination: workload id (ns/name[Kind]) or IP address" })
        .option("port", { type: "string", describe: "one connection to decide, e.g. 8080/TCP" }),
    ),
  run: (args, io) => {
    const layers = parseLayers(str(args, "layers") ?? "all");
    const portText = str(args, "port");
    const query = portText !== undefined ? parsePortQuery(portText) : undefined;
    const { cluster } = loadForAnalysis(args, io, "manifests");
    const conn = analyze(cluster, { layers });
    try {
      const e = conn.explain(parsePeer(str(args, "from")!), parsePeer(str(args, "to")!), query);
      io.stdout(explanationText(e).join("\n") + "\n");
    } catch (err) {
      if (err instanceof UnknownPeerError) {
        const hint = err.suggestions.length > 0 ? `did you mean ${err.suggestions.map((s) => JSON.stringify(s)).join(" or ")}?` : "run ztseg analyze to list workload ids";
        throw badOption("--from/--to", err.message, hint);
      }
      throw err;
    }
    return EXIT.ok;
  },
};
