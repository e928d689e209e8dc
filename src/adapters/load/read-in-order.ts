/**
 * Reads manifest files in their listed order, parsing some of them on a
 * second thread when the input is large.
 *
 * Parsing YAML is most of the time `ztseg verify --manifests` spends on a
 * large dump (about 2.5 s of 124 MB). A worker thread claims files from the
 * same shared counter as the main thread and hands back each file's
 * documents as JSON, which the main thread reads in about 40 % of the time
 * the YAML takes. The main thread still consumes files strictly in the
 * listed order, so documents, their numbering and every diagnostic come out
 * exactly as a single-threaded read gives them.
 *
 * Neither thread claims more than AHEAD files past the one the main thread
 * consumes next, so files read ahead of their turn stay few; the worker's
 * results wait there as the message it sent, parsed only at their turn.
 *
 * The main thread never depends on the worker to finish: while it waits for
 * a file the worker claimed, it reads unclaimed files within that window;
 * files the worker stopped without delivering are read again on the main
 * thread, and so is any file the worker took longer over than it could
 * plausibly need (a worker that runs out of memory ends without a word, and
 * its events cannot reach a main thread that is blocked waiting). Files whose
 * documents would not survive the trip exactly, or whose reading printed a
 * warning, are read again on the main thread too. (The worker's start and
 * the patience are options, so that tests can stand in a worker that
 * misbehaves.)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from "node:worker_threads";
import type { ManifestDoc } from "../../core/analyze";
import { type Diagnostic, DiagnosticError } from "../../model/diagnostics";
import { sameAfterClone, sameAsJson } from "./transfer-exact";

/** What reading one file gave: its documents, or the diagnostics it failed with. */
export type FileRead = { readonly file: string; readonly docs: ManifestDoc[] } | { readonly file: string; readonly diagnostics: readonly Diagnostic[] };

/** A file's result as the worker posts it. `reread`: the main thread must read the file itself. */
export type WorkerResult =
  | { readonly index: number; readonly json: string }
  | { readonly index: number; readonly docs: ManifestDoc[] }
  | { readonly index: number; readonly diagnostics: readonly Diagnostic[] }
  | { readonly index: number; readonly reread: true }
  | { readonly index: number; readonly failure: string };

/** Slots of the shared counters. */
export const NEXT_FILE = 0;
export const DELIVERED = 1;
export const WORKER_DONE = 2;
/** How many files the main thread has consumed: the next one it needs is this index. */
export const CONSUMED = 3;
export const COUNTERS = 4;

/** Files either thread may claim past the next one the main thread consumes. */
export const AHEAD = 16;

/**
 * Below this many bytes of input the worker does not pay for itself: starting
 * it and warming its copy of the reader cost about as much as it saves (on
 * the bench's 18 MB cluster, reading took as long with it as without).
 */
export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/**
 * How long the main thread waits for one file the worker claimed before
 * reading it itself: far beyond what parsing takes (the bench's 124 MB
 * parse in 2.2 to 2.8 s, so a 32 MiB file, the largest read, in under a
 * second), so it only ends a wait on a worker that is gone. Reading a file on both threads gives the same result,
 * so a wait cut short costs time, never correctness.
 */
export function patienceMs(bytes: number): number {
  return 5_000 + bytes / 4096;
}

/** `ZTSEG_PARALLEL_READ`: "off" never starts the worker, "on" always does, anything else decides by size. */
export type ParallelMode = "auto" | "on" | "off";

export function parallelModeFromEnv(value: string | undefined): ParallelMode {
  return value === "on" || value === "off" ? value : "auto";
}

type Read = (file: string, cwd: string) => ManifestDoc[];

function readOne(file: string, cwd: string, read: Read): FileRead {
  try {
    return { file, docs: read(file, cwd) };
  } catch (e) {
    if (e instanceof DiagnosticError) return { file, diagnostics: e.diagnostics };
    throw e;
  }
}

/**
 * A file read ahead of its turn, kept as readOne's result or as what it threw:
 * thrown at its turn, so files before it are consumed first, as one thread
 * would consume them.
 */
type ReadAhead = FileRead | { readonly thrown: unknown };

function readAhead(file: string, cwd: string, read: Read): ReadAhead {
  try {
    return readOne(file, cwd, read);
  } catch (e) {
    return { thrown: e };
  }
}

function sizes(files: readonly string[], cwd: string): number[] {
  return files.map((f) => {
    try {
      return fs.statSync(path.resolve(cwd, f)).size;
    } catch {
      return 0; // unreadable files are reported by the read itself, in order
    }
  });
}

/** Starts the worker on the files, the shared counters and the port it posts to; undefined if it cannot start. */
export type SpawnReader = (files: readonly string[], cwd: string, counters: Int32Array, port: MessagePort) => { terminate(): unknown } | undefined;

export function startParseWorker(files: readonly string[], cwd: string, counters: Int32Array, port: MessagePort): Worker | undefined {
  try {
    // Compiled JavaScript beside this file, or the TypeScript source run through tsx (tests, `tsx` runs).
    const ts = __filename.endsWith(".ts");
    const file = path.join(__dirname, ts ? "parse-worker.ts" : "parse-worker.js");
    const execArgv = ts ? ["--require", require.resolve("tsx/cjs")] : [];
    const worker = new Worker(file, { workerData: { files, cwd, counters, port }, transferList: [port], execArgv });
    // The process exits when the main thread is done, whatever the worker is doing.
    worker.unref();
    // A worker that fails to start or throws reports here; its claimed files are then read by the main thread.
    worker.on("error", () => undefined);
    return worker;
  } catch {
    return undefined;
  }
}

export interface ReadOptions {
  readonly mode?: ParallelMode;
  /** Starts the worker (default startParseWorker). */
  readonly spawn?: SpawnReader;
  /** How long to wait for a file the worker claimed, given its size (default patienceMs). */
  readonly patience?: (bytes: number) => number;
}

/**
 * Every file's read, in the order given. `read` parses one file (it throws a
 * DiagnosticError for input it refuses); the worker runs the same reader
 * (readManifestFile) on the files it claims.
 */

export function* readFilesInOrder(files: readonly string[], cwd: string, read: Read, options: ReadOptions = {}): Generator<FileRead> {
  const { mode = "auto", spawn = startParseWorker, patience = patienceMs } = options;
  const bytes = files.length > 1 && mode !== "off" ? sizes(files, cwd) : [];
  const parallel = files.length > 1 && (mode === "on" || (mode === "auto" && bytes.reduce((a, b) => a + b, 0) >= PARALLEL_MIN_BYTES));
  if (!parallel) {
    for (const file of files) yield readOne(file, cwd, read);
    return;
  }
  const counters = new Int32Array(new SharedArrayBuffer(COUNTERS * 4));
  const { port1, port2 } = new MessageChannel();
  const worker = spawn(files, cwd, counters, port2);
  /** Files read ahead of their turn, by index: the main thread's own reads, and the worker's messages. */
  const ready = new Map<number, ReadAhead | WorkerResult>();
  /** Keeps the worker's messages for files not yet consumed; a late one for a file read meanwhile is dropped. */
  const drain = (next: number): void => {
    for (let m = receiveMessageOnPort(port1); m !== undefined; m = receiveMessageOnPort(port1)) {
      const r = m.message as WorkerResult;
      if (r.index >= next && !ready.has(r.index)) ready.set(r.index, r);
    }
  };
  try {
    for (let i = 0; i < files.length; i++) {
      let waitingSince: number | undefined;
      for (;;) {
        drain(i);
        if (ready.has(i)) break;
        if (Atomics.load(counters, NEXT_FILE) < i + AHEAD) {
          const claimed = Atomics.add(counters, NEXT_FILE, 1);
          if (claimed < files.length) {
            ready.set(claimed, readAhead(files[claimed]!, cwd, read));
            continue;
          }
        }
        // File i is the worker's and not here yet: wait for a delivery, unless the worker has stopped or is overdue.
        const delivered = Atomics.load(counters, DELIVERED);
        drain(i);
        if (ready.has(i)) break;
        waitingSince ??= Date.now();
        if (worker === undefined || Atomics.load(counters, WORKER_DONE) !== 0 || Date.now() - waitingSince > patience(bytes[i] ?? 0)) {
          drain(i);
          if (!ready.has(i)) ready.set(i, readOne(files[i]!, cwd, read));
          break;
        }
        Atomics.wait(counters, DELIVERED, delivered, 100);
      }
      const r = ready.get(i)!;
      ready.delete(i);
      Atomics.store(counters, CONSUMED, i + 1);
      Atomics.notify(counters, CONSUMED);
      if ("thrown" in r) throw r.thrown;
      yield "index" in r ? fromWorker(files[i]!, r, () => readOne(files[i]!, cwd, read)) : r;
    }
  } finally {
    // Nothing is left to claim once the loop has run; on an early exit, claim the rest so the worker stops.
    Atomics.store(counters, NEXT_FILE, files.length);
    Atomics.store(counters, CONSUMED, files.length);
    Atomics.notify(counters, CONSUMED);
    port1.close();
    void worker?.terminate();
  }
}

function fromWorker(file: string, r: WorkerResult, readHere: () => FileRead): FileRead {
  if ("json" in r) return { file, docs: JSON.parse(r.json) as ManifestDoc[] };
  if ("docs" in r) return { file, docs: r.docs };
  if ("diagnostics" in r) return { file, diagnostics: r.diagnostics };
  if ("reread" in r) return readHere();
  throw new Error(`reading ${file} on the worker thread failed: ${r.failure}`);
}

/**
 * The worker's side: claims files within the window until none is left,
 * posting each result, and always marks itself done. `warned` says whether
 * reading the last file printed a warning (and forgets it): such a file is
 * left to the main thread, whose warnings reach the user.
 */
export function serveReads(files: readonly string[], cwd: string, counters: Int32Array, port: MessagePort, read: Read, warned: () => boolean = () => false): void {
  try {
    for (;;) {
      // Wait while the window past the main thread's next file is full.
      for (let consumed = Atomics.load(counters, CONSUMED); Atomics.load(counters, NEXT_FILE) >= consumed + AHEAD; consumed = Atomics.load(counters, CONSUMED))
        Atomics.wait(counters, CONSUMED, consumed, 100);
      const index = Atomics.add(counters, NEXT_FILE, 1);
      if (index >= files.length) break;
      let result: WorkerResult;
      try {
        const docs = read(files[index]!, cwd);
        result = warned() ? { index, reread: true } : sameAsJson(docs) ? { index, json: JSON.stringify(docs) } : sameAfterClone(docs) ? { index, docs } : { index, reread: true };
      } catch (e) {
        result = warned()
          ? { index, reread: true }
          : e instanceof DiagnosticError
            ? { index, diagnostics: e.diagnostics }
            : { index, failure: e instanceof Error ? (e.stack ?? e.message) : String(e) };
      }
      port.postMessage(result);
      Atomics.add(counters, DELIVERED, 1);
      Atomics.notify(counters, DELIVERED);
    }
  } finally {
    Atomics.store(counters, WORKER_DONE, 1);
    Atomics.notify(counters, DELIVERED);
  }
}
