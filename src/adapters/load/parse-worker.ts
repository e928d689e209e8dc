/**
 * The worker thread of read-in-order.ts: reads the manifest files it claims
 * with the same reader as the main thread and posts each result back.
 */
import { type MessagePort, workerData } from "node:worker_threads";
import { readManifestFile } from "./manifests";
import { serveReads } from "./read-in-order";

const data = workerData as { files: string[]; cwd: string; counters: Int32Array; port: MessagePort };
serveReads(data.files, data.cwd, data.counters, data.port, readManifestFile);
