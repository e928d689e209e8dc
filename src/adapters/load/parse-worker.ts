/**
 * The worker thread of read-in-order.ts: reads the manifest files it claims
 * with the same reader as the main thread and posts each result back.
 */
import { type MessagePort, workerData } from "node:worker_threads";
import { readManifestFile } from "./manifests";
import { serveReads } from "./read-in-order";

// The `yaml` reader reports some readings (a collection used as a key, made a string) with process.emitWarning. A
// worker's output reaches the terminal only when the main thread's event loop turns, which may be never before it
// exits, so the warning is counted here instead and the file read again on the main thread, which prints it.
let warnings = 0;
process.emitWarning = (() => {
  warnings++;
}) as typeof process.emitWarning;
const warned = (): boolean => {
  const any = warnings > 0;
  warnings = 0;
  return any;
};

const data = workerData as { files: string[]; cwd: string; counters: Int32Array; port: MessagePort };
serveReads(data.files, data.cwd, data.counters, data.port, readManifestFile, warned);
