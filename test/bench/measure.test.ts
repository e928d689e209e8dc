/**
 * The bench's timing: a warm-up long enough for V8 to optimise fast stages,
 * none for stages that take seconds, and exactly `runs` timed calls.
 * A fake clock makes every call take a chosen time.
 */
import { freshPageCost, median, parseTimeVerbose, SLOW_MS, timeMedian, type TimingClock, WARMUP } from "../../src/bench/measure";

/** A clock that advances only when a call "runs": call i of fn takes `duration(i)` ms; setup takes no time. */
function fakeStage(duration: (call: number) => number): { clock: TimingClock; setup: () => void; fn: () => void; calls: () => number } {
  let t = 0;
  let calls = 0;
  return {
    clock: { now: () => t },
    setup: () => undefined,
    fn: () => {
      t += duration(calls++);
    },
    calls: () => calls,
  };
}

describe("timeMedian", () => {
  it("warms a fast stage up to the call limit, then times exactly `runs` calls", () => {
    const stage = fakeStage((i) => (i < WARMUP.calls ? 10 : 3 + (i % 3)));
    const f = timeMedian(5, stage.setup, stage.fn, stage.clock);
    expect(stage.calls()).toBe(WARMUP.calls + 5);
    expect(f).toMatchObject({ status: "measured", runs: 5, warmup: true, warmupCalls: WARMUP.calls });
    // Timed calls only: 3,4,5,3,4 (the 10 ms warm-up calls never count).
    if (f.status === "measured") {
      expect(f.value).toBe(median([3, 4, 5, 3, 4]));
      expect(f.max).toBe(5);
    }
  });

  it("stops warming up once the warm-up time is spent", () => {
    const perCall = WARMUP.ms / 3 + 1;
    const stage = fakeStage(() => perCall);
    const f = timeMedian(2, stage.setup, stage.fn, stage.clock);
    // Calls 1..3 take more than WARMUP.ms together: no fourth warm-up call.
    expect(f).toMatchObject({ warmupCalls: 3, runs: 2 });
    expect(stage.calls()).toBe(5);
  });

  it("measures a slow stage once, without warm-up", () => {
    const stage = fakeStage(() => SLOW_MS + 1);
    const f = timeMedian(5, stage.setup, stage.fn, stage.clock);
    expect(stage.calls()).toBe(1);
    expect(f).toMatchObject({ status: "measured", runs: 1, warmup: false, value: SLOW_MS + 1 });
  });

  it("does not count setup against the warm-up, up to the wall-time cap", () => {
    // Setup takes 100 ms and the stage 2 ms: the stage gets every warm-up call it would get with a free setup.
    let t = 0;
    const clock = { now: () => t };
    const f = timeMedian(
      3,
      () => {
        t += 100;
      },
      () => {
        t += 2;
      },
      clock,
    );
    expect(f).toMatchObject({ warmupCalls: WARMUP.calls, runs: 3 });
    // A setup so slow that the wall-time cap ends the warm-up first.
    const setupMs = WARMUP.wallMs / 4;
    const g = timeMedian(
      1,
      () => {
        t += setupMs;
      },
      () => {
        t += 2;
      },
      clock,
    );
    // Calls 1..4 take the warm-up past the cap (setup and stage): no fifth warm-up call.
    expect(g).toMatchObject({ warmupCalls: 4, runs: 1 });
  });

  it("runs setup before every call, untimed", () => {
    let t = 0;
    let setups = 0;
    const clock = { now: () => t };
    const f = timeMedian(
      3,
      () => {
        setups++;
        t += 1000; // setup time must not be counted
      },
      () => {
        t += 2;
      },
      clock,
    );
    expect(f).toMatchObject({ value: 2, runs: 3 });
    expect(setups).toBe((f.status === "measured" ? f.warmupCalls! : 0) + 3);
  });
});

describe("parseTimeVerbose", () => {
  // The tail of GNU time -v, as it follows the child's own stderr.
  const report = [
    "ztseg: 1 invariant fails",
    '\tCommand being timed: "node bin/ztseg verify --manifests /tmp/x"',
    "\tMaximum resident set size (kbytes): 71328",
    "\tMajor (requiring I/O) page faults: 3",
    "\tMinor (reclaiming a frame) page faults: 12301",
    "\tExit status: 1",
  ].join("\n");

  it("reads peak RSS and minor (not major) page faults", () => {
    expect(parseTimeVerbose(report)).toEqual({ maxRssKb: 71328, minorFaults: 12301 });
  });

  it("leaves out what the report lacks", () => {
    expect(parseTimeVerbose("\tMaximum resident set size (kbytes): 900\n")).toEqual({ maxRssKb: 900 });
    expect(parseTimeVerbose("no report")).toEqual({});
  });
});

describe("freshPageCost", () => {
  it("fills the buffer it is given and divides its time by the faults it counted", () => {
    // Above glibc's 32 MiB ceiling for its dynamic mmap threshold, so the buffer is always mapped afresh: a smaller
    // one may come from memory that this process freed and malloc kept, already faulted in (no faults to count).
    const bytes = 40 << 20;
    const c = freshPageCost(bytes);
    expect(c.bytes).toBe(bytes);
    expect(c.ms).toBeGreaterThan(0);
    if (process.platform === "linux") {
      // At least one fault however large the host's pages (an unfilled buffer is never faulted in); the count is
      // the process's, so other threads' faults may add to the one per 4 KiB page.
      expect(c.faults).toBeGreaterThan(0);
      expect(c.faults).toBeLessThan(2 * (bytes / 4096) + 1000);
      expect(c.microsPerFault).toBeCloseTo((c.ms * 1000) / c.faults, 0);
    }
  });
});
