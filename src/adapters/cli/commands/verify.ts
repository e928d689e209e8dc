/**
 * `ztseg verify <policy>` compiles a policy and proves its invariants on the
 * compiled objects; `ztseg verify --manifests <paths..>` proves the default
 * invariants on any cluster's YAML. Exit 0 all hold, 1 one fails, 2 bad input.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DiagnosticError, formatDiagnostic, hasErrors } from "../../../model/diagnostics";
import { checkExpiry } from "../../../model/expiry";
import { CAPABILITY_PROFILES } from "../../../core/compile";
import { type ClassificationFile, verifyBuiltCluster, verifyPolicy, type VerifyReport } from "../../../core/verify";
import { verifyJson, verifyMarkdown, verifyText } from "../../../core/verify/render";
import type { KubeObject } from "../../../core/k8s/object";
import { buildManifestCluster, readManifestDocs } from "../../load/manifests";
import { type CommandSpec, EXIT, type Io, str, strs, UsageError } from "../command";
import { COMMAND_LINES } from "./listing";

const FORMATS = ["text", "json", "md"] as const;

/*
 * The classification schema, the YAML reader and the policy loader (with the
 * policy language's zod schemas) are imported only on the paths that use
 * them: `verify --manifests` on a plain cluster dump needs none of them, and
 * their loading was a large part of a small cluster's verification time.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- deferred, synchronous loads (see above) */
function classificationSchema() {
  const { z } = require("zod") as typeof import("zod");
  const { TrustLevel } = require("../../../model/schema") as typeof import("../../../model/schema");
  return z
    .object({
      namespaces: z.record(z.string(), z.object({ trust: TrustLevel.optional(), sensitive: z.boolean().optional(), vendor: z.string().optional() }).strict()).optional(),
      externals: z.record(z.string(), z.object({ cidrs: z.array(z.string()).min(1), trust: TrustLevel, vendor: z.string().optional() }).strict()).optional(),
    })
    .strict();
}

export function readClassification(file: string, cwd: string): ClassificationFile {
  const YAML = require("yaml") as typeof import("yaml");
  const { zodDiagnostics } = require("../../../model/resolve") as typeof import("../../../model/resolve");
  const abs = path.resolve(cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(abs, "utf8");
  } catch {
    throw new DiagnosticError([{ code: "file-not-found", severity: "error", path: "", file, message: "cannot read the classification file" }]);
  }
  let data: unknown;
  try {
    data = YAML.parse(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new DiagnosticError([{ code: "invalid-yaml", severity: "error", path: "", file, message: e instanceof Error ? e.message.split("\n")[0]! : String(e) }]);
  }
  const parsed = classificationSchema().safeParse(data);
  if (!parsed.success) throw new DiagnosticError(zodDiagnostics(parsed.error).map((d) => ({ ...d, file })));
  return parsed.data as ClassificationFile;
}
/* eslint-enable @typescript-eslint/no-require-imports */

function print(report: VerifyReport, format: string, io: Io): void {
  io.stdout(format === "json" ? verifyJson(report) : format === "md" ? verifyMarkdown(report) : verifyText(report));
}

export const verifyCommand: CommandSpec = {
  ...COMMAND_LINES.verify,
  builder: (y) =>
    y
      .positional("policy", { type: "string", describe: "policy module (.ts/.js) or folder with index.ts" })
      .option("manifests", { type: "string", array: true, describe: "verify these manifest files/folders instead of a policy" })
      .option("with", { type: "string", array: true, describe: "hand-written manifests deployed beside the policy's objects, analysed together with them" })
      .option("classification", { type: "string", describe: "YAML file classifying namespaces and external CIDRs (with --manifests)" })
      .option("capabilities", { type: "string", default: "full", describe: `capability profile: ${Object.keys(CAPABILITY_PROFILES).join(", ")}` })
      .option("format", { choices: FORMATS, default: "text" as const, describe: "output format" })
      .check((a) => {
        if ((a.policy === undefined) === (a.manifests === undefined)) throw new UsageError("give either a policy or --manifests <paths..>");
        return true;
      }),
  run: async (args, io) => {
    const format = str(args, "format") ?? "text";
    const manifests = strs(args, "manifests");
    if (manifests.length > 0) {
      // Built file by file: a large dump's parsed documents are never all held, nor kept through the analysis.
      const built = buildManifestCluster(manifests, io.cwd);
      const classFile = str(args, "classification");
      const classification = classFile !== undefined ? readClassification(classFile, io.cwd) : undefined;
      const result = verifyBuiltCluster(built, { subject: manifests.join(", "), ...(classification ? { classification } : {}) });
      if (!result.report) throw new DiagnosticError(result.diagnostics);
      for (const d of result.diagnostics) io.stderr(formatDiagnostic(d) + "\n");
      print(result.report, format, io);
      return result.report.holds ? EXIT.ok : EXIT.violated;
    }
    const profile = str(args, "capabilities") ?? "full";
    const capabilities = CAPABILITY_PROFILES[profile];
    if (!capabilities) {
      throw new DiagnosticError([{ code: "unknown-capability-profile", severity: "error", path: "", message: `unknown capability profile "${profile}"`, hint: `profiles: ${Object.keys(CAPABILITY_PROFILES).join(", ")}` }]);
    }
    const { loadPolicyModule } = await import("../../load/policy-module");
    const loaded = loadPolicyModule(str(args, "policy")!, io.cwd, io.importModule);
    const expiry = checkExpiry(loaded.policy, io.today).map((d) => ({ ...d, file: loaded.file }));
    for (const d of [...loaded.warnings, ...expiry]) if (d.severity === "warning") io.stderr(formatDiagnostic(d) + "\n");
    const extra = strs(args, "with");
    const extraObjects = extra.length > 0 ? readManifestDocs(extra, io.cwd).map((d) => d.object as KubeObject) : [];
    const result = verifyPolicy(loaded.policy, { today: io.today, compile: { capabilities, sourceFile: loaded.file }, extraObjects });
    const diags = result.diagnostics.map((d) => ({ ...d, file: d.file ?? loaded.file }));
    if (!result.report || hasErrors(diags)) throw new DiagnosticError(diags.filter((d) => d.severity === "error"));
    print(result.report, format, io);
    return result.report.holds ? EXIT.ok : EXIT.violated;
  },
};
