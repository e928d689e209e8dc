/**
 * The benchmark: `npm run bench -- --size S,M --runs 5 --seed 42`.
 *
 * Per size: generate a cluster and its 1%-changed next version, then measure
 * in this process (medians after a warm-up) load, full connectivity, the
 * vendor-path check, the semantic diff and the compiler on a policy model of
 * the same size; then the whole CLI process (wall time and peak RSS) on the
 * manifests written as YAML. On S it also checks the fast engine against the
 * brute-force evaluator. Prints a table and writes bench/results.json.
 *
 * Stages whose module is not in the tree are reported as not measured.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { writeFileAtomically } from "../adapters/load/atomic-write";
import { PARALLEL_MIN_BYTES } from "../adapters/load/read-in-order";
import { analyze, buildCluster, indexCluster, type ManifestDoc } from "../core/analyze";
import { compile } from "../core/compile";
import { resolvePolicy } from "../model";
import { checkAgreement, type Agreement } from "./agreement";
import { expectedCounts, generateCluster, type GeneratedCluster, type Manifest, type Mutation, mutateCluster, SIZES, type SizeName } from "./generate";
import { type Figure, freshPageCost, METRIC_TITLES, type MetricName, notMeasured, numberAfter, parseTimeVerbose, round, TARGETS, timeMedian, verdict, type Verdict } from "./measure";
import { generatePolicyInput } from "./policy-model";
import { loadStages, type Stages } from "./stages";
import { writeClusterYaml } from "./write";

const REPO = path.resolve(__dirname, "..", "..");

interface SizeResult {
  readonly size: SizeName;
  readonly counts: Record<string, number>;
  readonly figures: Record<string, Figure>;
  readonly verdicts: Partial<Record<MetricName, Verdict>>;
  readonly growthBasis: { readonly classes: number; readonly policies: number; readonly workloads: number; readonly edges: number };
  readonly agreement?: Agreement;
  /** What the vendor-path check found, against the planted chains. */
  readonly vendorCheck?: { readonly status: string; readonly paths: number; readonly fromNamespaces: readonly string[]; readonly plantedOnly: boolean };
  readonly cliCommand?: string;
}

const toDocs = (objects: readonly Manifest[]): ManifestDoc[] => objects.map((object, index) => ({ file: "generated.yaml", index, object }));

/** Pods that agree on namespace, labels, named ports and ServiceAccount: the analyzer's classes. */
function countClasses(objects: readonly Manifest[]): number {
  const keys = new Set<string>();
  for (const o of objects) {
    if (o.kind !== "Pod") continue;
    const spec = o.spec as { serviceAccountName?: string; containers?: { ports?: unknown[] }[] };
    const labels = Object.entries(o.metadata.labels ?? {}).sort();
    keys.add(JSON.stringify([o.metadata.namespace, labels, spec.serviceAccountName, spec.containers?.map((c) => c.ports)]));
  }
  return keys.size;
}

/**
 * What measureSize keeps of the generated material: the first version's
 * documents (until loaded), the figures it reports, the planted answers, and
 * the directory the CLI reads (written here, while the objects are at hand).
 */
interface Generated {
  docs: ManifestDoc[] | undefined;
  readonly objects: number;
  readonly classes: number;
  readonly changedPolicies: number;
  readonly planted: GeneratedCluster["planted"];
  readonly yamlDir: string | undefined;
}

function generated(size: SizeName, seed: number, stages: Stages, log: (s: string) => void): Generated {
  const t0 = Date.now();
  const { gen, next, docs } = material(size, seed);
  log(`[${size}] generated ${gen.objects.length} objects in ${Date.now() - t0} ms`);
  let yamlDir: string | undefined;
  if (stages.cliArgs) {
    yamlDir = path.join(os.tmpdir(), `ztseg-bench-${size}-${seed}`);
    const t1 = Date.now();
    const files = writeClusterYaml(yamlDir, gen.objects);
    log(`[${size}] wrote ${files} YAML files to ${yamlDir} in ${Date.now() - t1} ms`);
  }
  return { docs, objects: gen.objects.length, classes: countClasses(gen.objects), changedPolicies: next.changed.length, planted: gen.planted, yamlDir };
}

function agreementOn(size: SizeName, seed: number): Agreement {
  const { gen, docs } = material(size, seed);
  return checkAgreement(gen, docs, seed);
}

/** The generated cluster, its 1%-changed next version and both as documents; deterministic for (size, seed). */
function material(size: SizeName, seed: number): { gen: GeneratedCluster; next: Mutation; docs: ManifestDoc[]; nextDocs: ManifestDoc[] } {
  const gen = generateCluster({ size, seed });
  const next = mutateCluster(gen.objects, { fraction: 0.01, seed: seed + 1 });
  return { gen, next, docs: toDocs(gen.objects), nextDocs: toDocs(next.objects) };
}

function measureSize(size: SizeName, seed: number, runs: number, stages: Stages, log: (s: string) => void): SizeResult {
  const params = SIZES[size];
  // What the stages hold is what the CLI would: it builds its cluster file by file and keeps no parsed document
  // through the analysis, so the analysis stages run with the cluster alone, and the diff with the two versions'
  // documents. (Holding the generator's objects and both versions' documents throughout made every major
  // collection mark them too: about 400 MB at L, which no ztseg process holds.) A stage that needs the
  // documents again generates them again: the generator is deterministic.
  const first = generated(size, seed, stages, log);
  let docs: ManifestDoc[] | undefined = first.docs;
  first.docs = undefined;
  const figures: Record<string, Figure> = {};

  // Load: documents -> cluster, and the pod classes, address space, compiled policies and node order every analysis of it shares.
  // The last timed result is kept: at L and XL one load or analysis takes long enough not to repeat it untimed.
  let loaded: ReturnType<typeof buildCluster> | undefined;
  figures.load = timeMedian(runs, () => docs!, (d) => {
    loaded = buildCluster(d);
    // What every analysis of the cluster shares (the layer views): classes, address space, the policies compiled
    // over them, and the nodes in id order.
    indexCluster(loaded.cluster);
  });
  docs = undefined;
  let built: ReturnType<typeof buildCluster> | undefined = loaded!;
  loaded = undefined;
  const cluster = built.cluster;
  const errors = built.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) log(`[${size}] warning: the analyzer reported ${errors.length} errors on the generated cluster, e.g. ${errors[0]!.message}`);
  // The whole one-hop relation: every pod class's row towards classes and ranges, computed and held, and the
  // workload-level relation counted from them (edgeCount()), without listing it per workload.
  let edges = 0;
  figures.connectivity = timeMedian(runs, () => cluster, (c) => (edges = analyze(c).edgeCount()));
  // The same relation listed edge by edge in id order (what `ztseg analyze` prints), held per workload.
  // At XL the listing is not held (the edge count says how large it would be).
  figures.listing =
    size === "XL" ? notMeasured(`the listing of ${edges} edges is not held at XL`) : timeMedian(runs, () => cluster, (c) => analyze(c).forEachEdge(() => undefined));
  log(`[${size}] load ${show(figures.load)}, connectivity ${show(figures.connectivity)} (${edges} edges), listing ${show(figures.listing)}`);

  // Each vendor-check run needs fresh analyses (untimed); when one analysis takes seconds, measure once.
  const slow = figures.connectivity.status === "measured" && figures.connectivity.warmup === false;
  const checkRuns = slow ? 1 : runs;
  let vendorCheck: SizeResult["vendorCheck"];
  const vp = stages.vendorPaths;
  if (vp) {
    let prepared: unknown;
    figures.vendorPaths = timeMedian(checkRuns, () => (prepared = vp.prepare(cluster, "combined")), (ctx) => vp.run(ctx));
    // The check must find paths, and only from the vendor namespaces the generator planted chains in
    // (asked again of the last prepared analysis: at L one analysis takes seconds).
    const result = vp.run(prepared);
    figures.vendorPathsAllLayers = timeMedian(Math.min(checkRuns, 3), () => vp.prepare(cluster, "all"), (ctx) => vp.run(ctx));
    const from = [...new Set(result.violations.map((v) => (v.from ?? "").split("/")[0]!))].sort();
    const expected = first.planted.vendorNamespacesReachingSensitive;
    vendorCheck = { status: result.status, paths: result.violations.length, fromNamespaces: from, plantedOnly: from.length > 0 && from.every((n) => expected.includes(n)) };
  } else {
    figures.vendorPaths = notMeasured(stages.vendorPathsMissing);
    figures.vendorPathsAllLayers = notMeasured(stages.vendorPathsMissing);
  }
  // The diff builds its own sides from the documents.
  built = undefined;
  const differ = stages.diff;
  if (differ && size === "XL") {
    // A side's summary walks every edge of the relation (flows.ts): at L that took minutes for 10 million edges.
    const why = `not run at XL: building a diff side walks every one of the ${edges} edges (L, with 10 million, took minutes)`;
    figures.diffSides = notMeasured(why);
    figures.diff = notMeasured(why);
  } else if (differ) {
    // Building a side verifies it and summarises what the diff compares (paths, relation per name pair, digest).
    const both = material(size, seed);
    figures.diffSides = timeMedian(Math.min(checkRuns, 3), () => undefined, () => differ.prepare(both.docs, both.nextDocs));
    const prepared = differ.prepare(both.docs, both.nextDocs);
    figures.diff = timeMedian(checkRuns, () => prepared, (p) => differ.run(p));
  } else {
    figures.diff = notMeasured(stages.diffMissing);
    figures.diffSides = notMeasured(stages.diffMissing);
  }

  const input = generatePolicyInput(params, seed);
  figures.resolve = timeMedian(runs, () => input, (i) => resolvePolicy(i));
  const resolved = resolvePolicy(input);
  if (resolved.policy) {
    const policy = resolved.policy;
    figures.compile = timeMedian(runs, () => policy, (p) => compile(p));
  } else figures.compile = notMeasured(`the generated policy model did not resolve: ${resolved.diagnostics[0]?.message ?? "?"}`);
  log(`[${size}] vendor paths ${show(figures.vendorPaths)}, diff ${show(figures.diff)}, compile ${show(figures.compile)}`);

  // Whole processes are slower to repeat: at most 5 runs, and one when the in-process analysis alone takes seconds.
  const cli = measureCli(first.yamlDir, slow ? 1 : Math.max(1, Math.min(runs, 5)), !slow, stages);
  figures.cli = cli.wall;
  figures.rss = cli.rss;
  figures.cliPageFaults = cli.faults;
  figures.cliOneThread = cli.oneThread?.wall ?? notMeasured(`the input is under ${PARALLEL_MIN_BYTES / 1024 / 1024} MiB, which the CLI reads on one thread anyway`);
  log(`[${size}] CLI ${show(figures.cli)}, peak RSS ${show(figures.rss)}, ${show(figures.cliPageFaults)} faulted in; read on one thread ${show(figures.cliOneThread)}`);

  const agreement = size === "S" ? agreementOn(size, seed) : undefined;
  if (agreement) log(`[S] agreement with the brute-force evaluator: ${agreement.agree ? "holds" : "FAILS"} on ${agreement.queries} queries; speed ratio ${agreement.speedRatio}x`);

  const verdicts: Partial<Record<MetricName, Verdict>> = {};
  for (const m of Object.keys(TARGETS) as MetricName[]) verdicts[m] = verdict(m, size, figures[m]!);
  const counts = expectedCounts(params);
  return {
    size,
    counts: { ...counts, classes: first.classes, objects: first.objects, changedPolicies: first.changedPolicies },
    figures,
    verdicts,
    growthBasis: { classes: first.classes, policies: counts.networkPolicies, workloads: counts.workloads, edges },
    ...(agreement ? { agreement } : {}),
    ...(vendorCheck ? { vendorCheck } : {}),
    ...(cli.command ? { cliCommand: cli.command } : {}),
  };
}

function show(f: Figure | undefined): string {
  if (!f) return "-";
  return f.status === "measured" ? `${f.value} ${f.unit}` : "not measured";
}

interface CliFigures {
  readonly wall: Figure;
  readonly rss: Figure;
  readonly faults: Figure;
}

/**
 * Whole-process wall time, peak RSS and minor page faults of the CLI on the
 * manifests written as YAML. When the input is large enough for the CLI to
 * parse on two threads, the same command with `ZTSEG_PARALLEL_READ=off` runs
 * too, alternating with it run by run, so the two figures share the
 * machine's state (its speed varied 1.5 to 2 times between runs of this
 * bench); `oneThread` is undefined otherwise.
 */
function measureCli(dir: string | undefined, runs: number, warmup: boolean, stages: Stages): CliFigures & { oneThread?: CliFigures; command?: string } {
  if (!stages.cliArgs || dir === undefined) return { wall: notMeasured(stages.cliMissing), rss: notMeasured(stages.cliMissing), faults: notMeasured(stages.cliMissing) };
  const args = stages.cliArgs(dir);
  const bin = path.join(REPO, "bin", "ztseg");
  const useTime = fs.existsSync("/usr/bin/time");
  const inputBytes = fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
  const variants: { readonly env: NodeJS.ProcessEnv; readonly walls: number[]; readonly rss: number[]; readonly faults: number[] }[] = [
    { env: process.env, walls: [], rss: [], faults: [] },
    ...(inputBytes >= PARALLEL_MIN_BYTES ? [{ env: { ...process.env, ZTSEG_PARALLEL_READ: "off" }, walls: [], rss: [], faults: [] }] : []),
  ];
  for (let i = warmup ? 0 : 1; i <= runs; i++) {
    for (const v of variants) {
      const start = process.hrtime.bigint();
      const options = { stdio: ["ignore", "ignore", "pipe"] as ("ignore" | "pipe")[], encoding: "utf8" as const, maxBuffer: 64 << 20, env: v.env };
      const r = useTime ? spawnSync("/usr/bin/time", ["-v", process.execPath, bin, ...args], options) : spawnSync(process.execPath, ["-e", RSS_WRAPPER, bin, ...args], options);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (r.status !== 0 && r.status !== 1) {
        const why = `ztseg ${args.join(" ")} exited ${String(r.status)}: ${(r.stderr ?? "").split("\n").slice(0, 3).join(" ")}`;
        return { wall: notMeasured(why), rss: notMeasured(why), faults: notMeasured(why) };
      }
      const usage: { maxRssKb?: number | undefined; minorFaults?: number } = useTime ? parseTimeVerbose(r.stderr) : { maxRssKb: numberAfter(/ZTSEG_BENCH_MAXRSS_KB=(\d+)/, r.stderr) };
      if (i === 0) continue; // warm-up: file cache and compiled code cache
      v.walls.push(seconds);
      if (usage.maxRssKb !== undefined) v.rss.push(usage.maxRssKb / 1024);
      if (usage.minorFaults !== undefined) v.faults.push(usage.minorFaults);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const med = (xs: number[]) => sorted(xs)[xs.length >> 1]!;
  const figures = (v: (typeof variants)[number]): CliFigures => ({
    wall: { status: "measured", value: round(med(v.walls), 3), unit: "s", runs, warmup, min: round(Math.min(...v.walls), 3), max: round(Math.max(...v.walls), 3) },
    rss: v.rss.length > 0 ? { status: "measured", value: round(Math.max(...v.rss), 1), unit: "MB", runs } : notMeasured("peak RSS not reported"),
    faults: v.faults.length > 0 ? { status: "measured", value: med(v.faults), unit: "pages", runs, min: Math.min(...v.faults), max: Math.max(...v.faults) } : notMeasured("minor page faults are read from /usr/bin/time -v, absent here"),
  });
  const command = `node bin/ztseg ${args.map((a) => (a === dir ? "<dir>" : a)).join(" ")}`;
  return { ...figures(variants[0]!), ...(variants[1] ? { oneThread: figures(variants[1]) } : {}), command };
}

/** Runs the CLI in a child and prints its peak RSS, for machines without /usr/bin/time. */
const RSS_WRAPPER = `
const { spawnSync } = require("node:child_process");
const r = spawnSync(process.execPath, process.argv.slice(1), { stdio: ["ignore", "ignore", "inherit"] });
process.stderr.write("ZTSEG_BENCH_MAXRSS_KB=" + process.resourceUsage().maxRSS + "\\n");
process.exitCode = r.status ?? 3;
`;

/** log(t_b/t_a) / log(n_b/n_a) for connectivity time against classes x policies and against workloads. */
function growth(results: readonly SizeResult[]): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  const first = results[0];
  for (const r of results.slice(1)) {
    if (!first) break;
    const a = first.figures.connectivity;
    const b = r.figures.connectivity;
    if (a?.status !== "measured" || b?.status !== "measured") continue;
    const ratio = Math.log(b.value / a.value);
    const cp = Math.log((r.growthBasis.classes * r.growthBasis.policies) / (first.growthBasis.classes * first.growthBasis.policies));
    const wl = Math.log(r.growthBasis.workloads / first.growthBasis.workloads);
    out[`connectivity ${first.size}->${r.size} vs classes x policies`] = round(ratio / cp, 3);
    out[`connectivity ${first.size}->${r.size} vs workloads`] = round(ratio / wl, 3);
  }
  return out;
}

function table(results: readonly SizeResult[]): string {
  const rows: string[][] = [["metric", ...results.map((r) => r.size)]];
  const metrics: (keyof typeof METRIC_TITLES)[] = ["cli", "cliOneThread", "rss", "cliPageFaults", "load", "connectivity", "listing", "vendorPaths", "vendorPathsAllLayers", "diff", "diffSides", "resolve", "compile"];
  for (const m of metrics) {
    rows.push([
      METRIC_TITLES[m],
      ...results.map((r) => {
        const f = r.figures[m];
        if (!f || f.status !== "measured") return "not measured";
        const t = m in TARGETS ? TARGETS[m as MetricName] : undefined;
        const target = t && (r.size === "S" || r.size === "M" || r.size === "L") ? t[r.size] : undefined;
        const v = r.verdicts[m as MetricName];
        return `${f.value} ${f.unit}${target !== undefined ? ` (< ${target} ${t!.unit}: ${v})` : ""}`;
      }),
    ]);
  }
  rows.push(["pods / workloads / classes / policies", ...results.map((r) => `${r.counts.pods} / ${r.counts.workloads} / ${r.counts.classes} / ${r.counts.networkPolicies}`)]);
  rows.push(["one-hop edges", ...results.map((r) => String(r.growthBasis.edges))]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      size: { type: "string", default: "S,M" },
      runs: { type: "string", default: "7" },
      seed: { type: "string", default: "42" },
      out: { type: "string", default: path.join(REPO, "bench", "results.json") },
    },
  });
  const sizes = values.size.split(",").map((s) => s.trim().toUpperCase());
  const bad = sizes.filter((s) => !(s in SIZES));
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  if (bad.length > 0 || !Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
    process.stderr.write(`usage: npm run bench -- [--size S,M,L,XL] [--runs N>=1] [--seed N]${bad.length ? ` (unknown size ${bad.join(", ")})` : ""}\n`);
    process.exitCode = 2;
    return;
  }
  const log = (s: string) => process.stderr.write(s + "\n");
  const date = new Date();
  const stages = await loadStages(REPO, date.toISOString().slice(0, 10));
  const cpus = os.cpus();
  // Measured before any size, in a process that has touched little memory yet.
  const freshPages = freshPageCost();
  const results: SizeResult[] = [];
  const reportOf = (complete: boolean) => ({
    command: `npm run bench -- --size ${sizes.join(",")} --runs ${runs} --seed ${seed}`,
    date: date.toISOString(),
    seed,
    runs,
    machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpu: cpus[0]?.model ?? "unknown", cores: cpus.length, memoryGB: round(os.totalmem() / 2 ** 30, 1), nodeOptions: process.env.NODE_OPTIONS ?? "", freshPages },
    targets: TARGETS,
    growthExponent: growth(results),
    ...(complete ? {} : { incomplete: `sizes still to measure: ${sizes.slice(results.length).join(", ")}` }),
    results,
  });
  for (const size of sizes as SizeName[]) {
    results.push(measureSize(size, seed, runs, stages, log));
    // Written after every size: a large size that runs out of memory keeps the figures of the ones before it.
    if (results.length < sizes.length) writeFileAtomically(values.out, JSON.stringify(reportOf(false), null, 2) + "\n");
  }
  const report = reportOf(true);
  process.stdout.write(`\nztseg benchmark (${report.command}; ${report.machine.cpu}, ${report.machine.cores} cores, node ${report.machine.node})\n\n${table(results)}\n\n`);
  for (const [k, v] of Object.entries(report.growthExponent)) process.stdout.write(`growth exponent, ${k}: ${v}\n`);
  const fp = report.machine.freshPages;
  process.stdout.write(`first touch of memory: ${fp.bytes >> 20} MiB in ${fp.ms} ms, ${fp.faults} page faults${fp.microsPerFault !== undefined ? ` (${fp.microsPerFault} µs each)` : ""}\n`);
  for (const r of results) {
    for (const [k, f] of Object.entries(r.figures)) if (f.status !== "measured") process.stdout.write(`${r.size} ${k}: not measured: ${f.reason}\n`);
    if (r.vendorCheck) process.stdout.write(`${r.size} vendor-path check: ${r.vendorCheck.status}, ${r.vendorCheck.paths} paths from ${r.vendorCheck.fromNamespaces.length} vendor namespaces, ${r.vendorCheck.plantedOnly ? "all with planted chains" : "NOT matching the planted chains"}\n`);
    if (r.agreement) process.stdout.write(`S agreement with the brute-force evaluator: ${r.agreement.agree ? "holds" : "FAILS"} (${r.agreement.queries} queries over ${r.agreement.pairs} workload pairs; speed ratio ${r.agreement.speedRatio}x)\n`);
  }
  writeFileAtomically(values.out, JSON.stringify(report, null, 2) + "\n");
  process.stdout.write(`\nwrote ${path.relative(process.cwd(), values.out)}\n`);
  if (results.some((r) => r.agreement && !r.agreement.agree)) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 3;
});
