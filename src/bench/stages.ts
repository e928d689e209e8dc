/**
 * The stages the benchmark measures that belong to modules other engineers
 * may not have landed yet (verification, semantic diff, CLI commands). Each
 * is looked up at run time; when missing, the stage carries the reason it
 * is not measured instead of a figure.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Cluster, Connectivity } from "../core/analyze";
import type { Manifest } from "./generate";

export interface Stages {
  readonly vendorPaths?: { readonly name: string; readonly run: (conn: Connectivity, cluster: Cluster) => unknown };
  readonly vendorPathsMissing: string;
  readonly diff?: { readonly name: string; readonly run: (before: Cluster, after: Cluster, beforeObjects: readonly Manifest[], afterObjects: readonly Manifest[]) => unknown };
  readonly diffMissing: string;
  readonly cliArgs?: (dir: string) => string[];
  readonly cliMissing: string;
}

type Module = Readonly<Record<string, unknown>>;

/** Imports `<dir>/index` of this build (compiled .js, or .ts under tsx) when the module exists. */
async function optionalModule(dir: string): Promise<Module | undefined> {
  const base = path.resolve(__dirname, dir, "index");
  const file = [".js", ".ts"].map((ext) => base + ext).find((f) => fs.existsSync(f));
  if (file === undefined) return undefined;
  const mod: unknown = await import(file);
  return typeof mod === "object" && mod !== null ? (mod as Module) : undefined;
}

const functionsOf = (m: Module): string[] => Object.keys(m).filter((k) => typeof m[k] === "function").sort();

export async function loadStages(repo: string): Promise<Stages> {
  const verify = await optionalModule("../core/verify");
  const diff = await optionalModule("../core/diff");
  const vendorFn = verify && ["checkVendorPaths", "vendorPaths", "verifyConnectivity"].find((n) => typeof verify[n] === "function");
  const diffFn = diff && ["diffClusters", "semanticDiff", "diffConnectivity"].find((n) => typeof diff[n] === "function");
  const cli = detectCli(repo);
  return {
    ...(verify && vendorFn ? { vendorPaths: { name: vendorFn, run: verify[vendorFn] as (conn: Connectivity, cluster: Cluster) => unknown } } : {}),
    vendorPathsMissing: !verify ? "src/core/verify not available" : `src/core/verify has no vendor-path entry point the bench knows (exports: ${functionsOf(verify).join(", ")})`,
    ...(diff && diffFn ? { diff: { name: diffFn, run: diff[diffFn] as NonNullable<Stages["diff"]>["run"] } } : {}),
    diffMissing: !diff ? "src/core/diff not available" : `src/core/diff has no entry point the bench knows (exports: ${functionsOf(diff).join(", ")})`,
    ...cli,
  };
}

/** `ztseg verify --manifests <dir>` when that command exists, else `ztseg analyze <dir> --format json`. */
function detectCli(repo: string): Pick<Stages, "cliArgs" | "cliMissing"> {
  const bin = path.join(repo, "bin", "ztseg");
  const help = (args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args, "--help"], { encoding: "utf8" });
    return r.status === 0 ? `${r.stdout}${r.stderr}` : undefined;
  };
  if (help(["verify"])?.includes("--manifests")) return { cliArgs: (dir) => ["verify", "--manifests", dir], cliMissing: "" };
  if (help(["analyze"])?.includes("--format")) return { cliArgs: (dir) => ["analyze", dir, "--format", "json"], cliMissing: "" };
  return { cliMissing: "neither `ztseg verify --manifests` nor `ztseg analyze` is available in bin/ztseg (run npm run build)" };
}
