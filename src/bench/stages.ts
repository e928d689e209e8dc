/**
 * The stages the benchmark measures that belong to modules other engineers
 * may not have landed yet (verification, semantic diff, CLI commands). Each
 * is looked up at run time; when missing, the stage carries the reason it
 * is not measured instead of a figure.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Cluster, Connectivity, ManifestDoc } from "../core/analyze";
import { nativeSha256OfParts } from "../adapters/cli/sha256";

export interface Stages {
  readonly vendorPaths?: VendorPathStage;
  readonly vendorPathsMissing: string;
  readonly diff?: DiffStage;
  readonly diffMissing: string;
  readonly cliArgs?: (dir: string) => string[];
  readonly cliMissing: string;
}

type Module = Readonly<Record<string, unknown>>;

export interface PathCheckResult {
  readonly status: string;
  readonly violations: readonly { readonly kind: string; readonly from?: string }[];
}

/**
 * ztseg's noPath check (vendor or external -> sensitive) on analysed layers.
 * `prepare` analyses every layer (layers that analyse the cluster alike
 * share one analysis, as in `ztseg verify`) and computes the combined layer's class
 * relation (connectivity, untimed); `run` is the transitive check itself, on
 * the combined layer or with the defence-in-depth layers too. As in `ztseg
 * verify`, the search lifts the class relation to the workloads it expands,
 * and evaluates the single layers lazily, inside the timing.
 */
export interface VendorPathStage {
  prepare(cluster: Cluster, layers: "combined" | "all"): unknown;
  run(prepared: unknown): PathCheckResult;
}

/**
 * ztseg's semantic diff of two manifest versions: `prepare` analyses and
 * verifies both sides (untimed), `run` compares them.
 */
export interface DiffStage {
  prepare(before: readonly ManifestDoc[], after: readonly ManifestDoc[]): unknown;
  run(prepared: unknown): unknown;
}

interface DiffApi {
  manifestSide(docs: readonly ManifestDoc[], options: { label: string; texts?: unknown; hashParts?: (parts: Iterable<string>) => string }): { readonly side?: unknown; readonly diagnostics: readonly { readonly message: string }[] };
  /** One pool of names for both sides, as `ztseg diff` builds them (absent in older trees). */
  TextPool?: new () => unknown;
  diffSides(base: unknown, head: unknown, options: { today: string }): unknown;
}

function diffStage(diff: Module | undefined, today: string): DiffStage | string {
  if (!diff) return "src/core/diff not available";
  const api = diff as Partial<DiffApi>;
  if (typeof api.manifestSide !== "function" || typeof api.diffSides !== "function") return `src/core/diff lacks manifestSide/diffSides (exports: ${functionsOf(diff).join(", ")})`;
  const { manifestSide, diffSides, TextPool } = api as DiffApi;
  const side = (docs: readonly ManifestDoc[], label: string, texts: unknown) => {
    // The digest hashed as `ztseg diff` hashes it (node:crypto); trees that predate the option ignore it.
    const r = manifestSide(docs, { label, hashParts: nativeSha256OfParts, ...(texts !== undefined ? { texts } : {}) });
    if (r.side === undefined) throw new Error(`diff: ${label} did not load: ${r.diagnostics[0]?.message ?? "?"}`);
    return r.side;
  };
  return {
    prepare: (before, after) => {
      const texts = TextPool ? new TextPool() : undefined;
      return [side(before, "before", texts), side(after, "after", texts)] as const;
    },
    run: (prepared) => {
      const [base, head] = prepared as readonly [unknown, unknown];
      return diffSides(base, head, { today });
    },
  };
}

/** The shapes the bench uses from src/core/verify, checked at load time. */
interface VerifyApi {
  makeView(cluster: Cluster, layers: unknown): { readonly conn: Connectivity };
  LAYER_SELECTIONS: Readonly<Record<string, unknown>>;
  classifyFromLabels(labels: ReadonlyMap<string, Readonly<Record<string, string>>>): unknown;
  DEFAULT_MANIFEST_INVARIANTS: readonly { readonly kind: string }[];
  checkNoPath(inv: unknown, ctx: unknown): PathCheckResult;
  /** Layers with one key analyse the cluster alike and share a view, as in `ztseg verify` (absent in older trees). */
  analysisKey?(cluster: Cluster, layers: unknown): string;
}

function vendorPathStage(verify: Module | undefined, invariants: Module | undefined): VendorPathStage | string {
  if (!verify) return "src/core/verify not available";
  const api = { ...verify, ...(invariants ?? {}) } as Partial<VerifyApi>;
  const missing = (["makeView", "LAYER_SELECTIONS", "classifyFromLabels", "DEFAULT_MANIFEST_INVARIANTS", "checkNoPath"] as const).filter((k) => api[k] === undefined);
  if (missing.length > 0) return `src/core/verify lacks ${missing.join(", ")}`;
  const { makeView, LAYER_SELECTIONS, classifyFromLabels, DEFAULT_MANIFEST_INVARIANTS, checkNoPath, analysisKey } = api as VerifyApi;
  const noPath = DEFAULT_MANIFEST_INVARIANTS.find((i) => i.kind === "noPath");
  if (!noPath) return "src/core/verify has no default noPath invariant";
  return {
    prepare(cluster, layers) {
      const names = layers === "combined" ? ["combined"] : Object.keys(LAYER_SELECTIONS);
      const byKey = new Map<string, ReturnType<typeof makeView>>();
      const views = new Map(
        names.map((n) => {
          const key = analysisKey ? analysisKey(cluster, LAYER_SELECTIONS[n]) : n;
          let view = byKey.get(key);
          if (!view) byKey.set(key, (view = makeView(cluster, LAYER_SELECTIONS[n])));
          return [n, view] as const;
        }),
      );
      // Only the combined layer's class relation is computed ahead: a single layer alone (Istio alone, the
      // guardrails alone) admits nearly every pair, and its whole relation does not fit in memory at L. The
      // search evaluates what it needs of those layers lazily, as `ztseg verify` does, so that work is timed.
      views.get("combined")?.conn.edgeCount();
      const classification = classifyFromLabels(new Map(cluster.namespaces.map((n) => [n.name, n.labels])));
      return { classification, views, exceptions: [] };
    },
    run: (ctx) => checkNoPath(noPath, ctx),
  };
}

/** Imports a module of this build (compiled .js, or .ts under tsx) when it exists. */
async function optionalModule(relative: string): Promise<Module | undefined> {
  const base = path.resolve(__dirname, relative);
  const file = [".js", ".ts"].map((ext) => base + ext).find((f) => fs.existsSync(f));
  if (file === undefined) return undefined;
  const mod: unknown = await import(file);
  return typeof mod === "object" && mod !== null ? (mod as Module) : undefined;
}

const functionsOf = (m: Module): string[] => Object.keys(m).filter((k) => typeof m[k] === "function").sort();

export async function loadStages(repo: string, today: string): Promise<Stages> {
  const verify = await optionalModule("../core/verify/index");
  const invariants = verify ? await optionalModule("../core/verify/invariants") : undefined;
  const vendor = vendorPathStage(verify, invariants);
  const diff = await optionalModule("../core/diff/index");
  const differ = diffStage(diff, today);
  const cli = detectCli(repo);
  return {
    ...(typeof vendor === "string" ? {} : { vendorPaths: vendor }),
    vendorPathsMissing: typeof vendor === "string" ? vendor : "",
    ...(typeof differ === "string" ? {} : { diff: differ }),
    diffMissing: typeof differ === "string" ? differ : "",
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
