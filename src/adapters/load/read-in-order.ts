/**
 * Reads manifest files in their listed order, parsing some of them on a
 * second thread when the input is large.
 *
 * Parsing YAML is most of the time `ztseg verify --manifests` spends on a
 * large dump (about 2.5 s of 124 MB). A worker thread claims files from the
 * same shared counter as the main thread and hands back each file's
 * documents as JSON, which the main thread reads in about half the time the
 * YAML takes. The main thread still consumes files strictly in the listed
 * order, so documents, their numbering and every diagnostic come out exactly
 * as a single-threaded read gives them; files read ahead of their turn wait
 * in a small map.
 *
 * The main thread never waits on the worker for long: when it needs a file
 * the worker claimed, it parses unclaimed files meanwhile, and a worker that
 * stops (or never starts) leaves the files it claimed but did not deliver to
 * the main thread, which reads them itself. (`spawn` is the worker's start,
 * replaceable so that tests can stand in a worker that stops early.)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from "node:worker_threads";
import type { ManifestDoc } from "../../core/analyze";
import { type Diagnostic, DiagnosticError } from "../../model/diagnostics";
import { sameAsJson } from "./json-exact";

/** What reading one file gave: its documents, or the diagnostics it failed with. */
export type FileRead = { readonly file: string; readonly docs: ManifestDoc[] } | { readonly file: string; readonly diagnostics: readonly Diagnostic[] };

/** A file's result as the worker posts it: documents as JSON text when that is exact, else cloned. */
export type WorkerResult =
  | { readonly index: number; readonly json: string }
  | { readonly index: number; readonly docs: ManifestDoc[] }
  | { readonly index: number; readonly diagnostics: readonly Diagnostic[] }
  | { readonly index: number; readonly failure: string };

/** Slots of the shared counters. */
export const NEXT_FILE = 0;
export const DELIVERED = 1;
export const WORKER_DONE = 2;
export const COUNTERS = 3;

/**
 * Below this many bytes of input the worker does not pay for itself: starting
 * it and warming its copy of the reader cost about as much as it saves (on
 * the bench's 18 MB cluster, reading took as long with it as without).
 */
export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/** `ZTSEG_PARALLEL_READ`: "off" never starts the worker, "on" always does, anything else decides by size. */
export type ParallelMode = "auto" | "on" | "off";

export function parallelModeFromEnv(value: string | undefined): ParallelMode {
  return value === "on" || value === "off" ? value : "auto";
}

function readOne(file: string, cwd: string, read: (file: string, cwd: string) => ManifestDoc[]): FileRead {
  try {
    return { file, docs: read(file, cwd) };
  } catch (e) {
    if (e instanceof DiagnosticError) return { file, diagnostics: e.diagnostics };
    throw e;
  }
}

function totalBytes(files: readonly string[], cwd: string): number {
  let total = 0;
  for (const f of files) {
    try {
      total += fs.statSync(path.resolve(cwd, f)).size;
    } catch {
      // Unreadable files are reported by the read itself, in order.
    }
  }
  return total;
}

/** The worker's script: compiled JavaScript beside this file, or the TypeScript source run through tsx (tests, `tsx` runs). */
function workerScript(): { file: string; execArgv: string[] } {
  const ts = __filename.endsWith(".ts");
  return { file: path.join(__dirname, ts ? "parse-worker.ts" : "parse-worker.js"), execArgv: ts ? ["--require", require.resolve("tsx/cjs")] : [] };
}

/** Starts the worker on the files, the shared counters and the port it posts to; undefined if it cannot start. */
export type SpawnReader = (files: readonly string[], cwd: string, counters: Int32Array, port: MessagePort) => { terminate(): unknown } | undefined;

export function startParseWorker(files: readonly string[], cwd: string, counters: Int32Array, port: MessagePort): Worker | undefined {
  const { file, execArgv } = workerScript();
  try {
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

/**
 * Every file's read, in the order given. `read` parses one file (it throws a
 * DiagnosticError for input it refuses); the worker runs the same reader
 * (readManifestFile) on the files it claims.
 */
export function* readFilesInOrder(
  files: readonly string[],
  cwd: string,
  read: (file: string, cwd: string) => ManifestDoc[],
  mode: ParallelMode = "auto",
  spawn: SpawnReader = startParseWorker,
): Generator<FileRead> {
  const parallel = files.length > 1 && (mode === "on" || (mode === "auto" && totalBytes(files, cwd) >= PARALLEL_MIN_BYTES));
  if (!parallel) {
    for (const file of files) yield readOne(file, cwd, read);
    return;
  }
  const counters = new Int32Array(new SharedArrayBuffer(COUNTERS * 4));
  const { port1, port2 } = new MessageChannel();
  const worker = spawn(files, cwd, counters, port2);
  /** Files read ahead of their turn, by index: the main thread's own reads, and what the worker delivered. */
  const ready = new Map<number, FileRead>();
  const drain = (): void => {
    for (let m = receiveMessageOnPort(port1); m !== undefined; m = receiveMessageOnPort(port1)) {
      const r = m.message as WorkerResult;
      ready.set(r.index, fromWorker(files[r.index]!, r));
    }
  };
  try {
    for (let i = 0; i < files.length; i++) {
      for (;;) {
        drain();
        if (ready.has(i)) break;
        const claimed = Atomics.add(counters, NEXT_FILE, 1);
        if (claimed < files.length) {
          ready.set(claimed, readOne(files[claimed]!, cwd, read));
          continue;
        }
        // Every file is claimed and file i is the worker's: wait for a delivery, unless the worker has stopped.
        const delivered = Atomics.load(counters, DELIVERED);
        drain();
        if (ready.has(i)) break;
        if (Atomics.load(counters, WORKER_DONE) !== 0 || worker === undefined) {
          drain();
          if (!ready.has(i)) ready.set(i, readOne(files[i]!, cwd, read));
          break;
        }
        Atomics.wait(counters, DELIVERED, delivered, 100);
      }
      const r = ready.get(i)!;
      ready.delete(i);
      yield r;
    }
  } finally {
    // Nothing is left to claim once the loop has run; on an early exit, claim the rest so the worker stops.
    Atomics.store(counters, NEXT_FILE, files.length);
    port1.close();
    void worker?.terminate();
  }
}

function fromWorker(file: string, r: WorkerResult): FileRead {
  if ("json" in r) return { file, docs: JSON.parse(r.json) as ManifestDoc[] };
  if ("docs" in r) return { file, docs: r.docs };
  if ("diagnostics" in r) return { file, diagnostics: r.diagnostics };
  throw new Error(`reading ${file} on the worker thread failed: ${r.failure}`);
}

/** The worker's side: claims files until none is left, posting each result; always marks itself done. */
export function serveReads(files: readonly string[], cwd: string, counters: Int32Array, port: MessagePort, read: (file: string, cwd: string) => ManifestDoc[]): void {
  try {
    for (;;) {
      const index = Atomics.add(counters, NEXT_FILE, 1);
      if (index >= files.length) break;
      let result: WorkerResult;
      try {
        const docs = read(files[index]!, cwd);
        result = sameAsJson(docs) ? { index, json: JSON.stringify(docs) } : { index, docs };
      } catch (e) {
        result = e instanceof DiagnosticError ? { index, diagnostics: e.diagnostics } : { index, failure: e instanceof Error ? (e.stack ?? e.message) : String(e) };
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
