/**
 * Timing helpers and the benchmark's result shapes. A figure is either
 * measured or says why not: a missing module is reported, never estimated.
 */
export type Figure =
  | {
      readonly status: "measured";
      readonly value: number;
      readonly unit: "ms" | "s" | "MB" | "pages";
      readonly runs: number;
      readonly warmup?: boolean;
      /** Untimed calls before the timed ones (in-process stages). */
      readonly warmupCalls?: number;
      readonly min?: number;
      readonly max?: number;
    }
  | { readonly status: "not-measured"; readonly reason: string };

/** A stage slower than this is measured once, without warm-up. */
export const SLOW_MS = 3000;

export const notMeasured = (reason: string): Figure => ({ status: "not-measured", reason });

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The warm-up before timed calls: at least one call, then more until the
 * stage itself has run this long (`ms`, setup not counted) or this many
 * calls, and never past `wallMs` of wall time with setup included. V8
 * optimises a function only after many calls; with a single warm-up call,
 * stages of a few milliseconds were timed half-interpreted (S connectivity
 * read about 30 ms where the optimised engine takes about 7). Stages of
 * L, called once or twice, were too: L connectivity's second and third
 * calls took 590 to 770 ms and its fourth to fourteenth 340 to 650, and the
 * L vendor check (whose setup, a fresh analysis of about 0.7 s per call,
 * the budget used to count) 60 to 100 ms on its second to fourth calls and
 * 20 to 35 ms from about the fifth. The cold cost is what the CLI figure
 * measures.
 */
export const WARMUP = { ms: 3000, calls: 20, wallMs: 30_000 } as const;

export interface TimingClock {
  /** Milliseconds, monotonic. */
  readonly now: () => number;
}

const HRTIME: TimingClock = { now: () => Number(process.hrtime.bigint()) / 1e6 };

/**
 * Median wall time in ms of `runs` calls after a warm-up (see WARMUP);
 * `setup` runs untimed before each call. Stages that take seconds skip the
 * warm-up (JIT warm-up is noise at that scale) and are then measured once,
 * so L and XL finish in minutes; the figure records how many runs it is the
 * median of and how many warm-up calls preceded them.
 */
export function timeMedian<S>(runs: number, setup: () => S, fn: (s: S) => unknown, clock: TimingClock = HRTIME): Figure {
  const once = (): number => {
    const s = setup();
    const t0 = clock.now();
    fn(s);
    return clock.now() - t0;
  };
  const started = clock.now();
  const first = once();
  if (first > SLOW_MS) return { status: "measured", value: round(first), unit: "ms", runs: 1, warmup: false, min: round(first), max: round(first) };
  let warmupCalls = 1;
  let warm = first;
  while (warmupCalls < WARMUP.calls && warm < WARMUP.ms && clock.now() - started < WARMUP.wallMs) {
    warm += once();
    warmupCalls++;
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(once());
  return { status: "measured", value: round(median(times)), unit: "ms", runs: times.length, warmup: true, warmupCalls, min: round(Math.min(...times)), max: round(Math.max(...times)) };
}

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

export type MetricName = "cli" | "rss" | "connectivity" | "vendorPaths" | "diff";

/** The targets of the benchmark (this 2-core machine; medians). XL has none yet. */
export const TARGETS: Readonly<Record<MetricName, { readonly unit: "s" | "ms" | "MB"; readonly S: number; readonly M: number; readonly L: number }>> = {
  cli: { unit: "s", S: 0.5, M: 1, L: 3 },
  connectivity: { unit: "ms", S: 20, M: 100, L: 500 },
  vendorPaths: { unit: "ms", S: 2, M: 5, L: 20 },
  diff: { unit: "ms", S: 50, M: 200, L: 1000 },
  rss: { unit: "MB", S: 150, M: 300, L: 1024 },
};

export const METRIC_TITLES: Readonly<Record<MetricName | "cliOneThread" | "cliPageFaults" | "load" | "listing" | "compile" | "resolve" | "vendorPathsAllLayers" | "diffSides", string>> = {
  cli: "whole CLI process, parse included",
  cliOneThread: "the same, ZTSEG_PARALLEL_READ=off (run by run alternately)",
  rss: "peak RSS of the CLI process",
  cliPageFaults: "CLI minor page faults (first touches of memory)",
  load: "load (documents -> cluster, its shared indexes)",
  connectivity: "full connectivity after load",
  listing: "the relation listed edge by edge",
  vendorPaths: "transitive vendor-path check",
  vendorPathsAllLayers: "vendor-path check, every layer",
  diff: "semantic diff, 1% changed",
  diffSides: "diff: build both sides (verify + summary)",
  compile: "compile policy model (same size)",
  resolve: "resolve policy model (same size)",
};

export type Verdict = "pass" | "fail" | "no-target" | "not-measured";

export function verdict(metric: MetricName, size: string, fig: Figure): Verdict {
  if (fig.status !== "measured") return "not-measured";
  const t = TARGETS[metric];
  const target = size === "S" || size === "M" || size === "L" ? t[size] : undefined;
  if (target === undefined) return "no-target";
  return fig.value < target ? "pass" : "fail";
}

/** What touching fresh memory costs on this machine: a figure that explains the CLI's, which faults in every page it uses. */
export interface FreshPageCost {
  readonly bytes: number;
  readonly ms: number;
  /** Minor page faults while filling; 0 where the platform does not count them. */
  readonly faults: number;
  /** ms / faults, in microseconds; undefined without a fault count. */
  readonly microsPerFault?: number;
}

/**
 * Fills a freshly allocated buffer once and times it. On most hosts a
 * first touch costs well under a microsecond per 4 KiB page; on some virtual
 * machines it costs tens, and then the pages a process touches, not its
 * instructions, set much of its wall time.
 */
export function freshPageCost(bytes: number = 64 << 20): FreshPageCost {
  // Keep `bytes` above 32 MiB: glibc serves smaller blocks from memory the process freed once its dynamic mmap
  // threshold has risen (see src/adapters/cli/malloc-thresholds.ts), and those pages are already faulted in.
  const faults = (): number => process.resourceUsage().minorPageFault;
  const f0 = faults();
  const t0 = process.hrtime.bigint();
  const a = new Float64Array(bytes / 8);
  a.fill(1);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const n = faults() - f0;
  return { bytes, ms: round(ms), faults: n, ...(n > 0 ? { microsPerFault: round((ms * 1000) / n) } : {}) };
}

export const numberAfter = (pattern: RegExp, text: string): number | undefined => {
  const m = pattern.exec(text)?.[1];
  return m === undefined ? undefined : Number(m);
};

/** Peak RSS and minor page faults from GNU time's `-v` report (the child's stderr ends with it). */
export function parseTimeVerbose(stderr: string): { maxRssKb?: number; minorFaults?: number } {
  const maxRssKb = numberAfter(/Maximum resident set size \(kbytes\): (\d+)/, stderr);
  const minorFaults = numberAfter(/Minor \(reclaiming a frame\) page faults: (\d+)/, stderr);
  return { ...(maxRssKb !== undefined ? { maxRssKb } : {}), ...(minorFaults !== undefined ? { minorFaults } : {}) };
}
