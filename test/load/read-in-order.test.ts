/**
 * Reading manifest files on two threads (read-in-order.ts) must give exactly
 * what reading them one by one gives: the same documents with the same
 * values (numbers JSON cannot carry included), in the same order, and the
 * same diagnostics, whichever thread read each file and even when the worker
 * stops before delivering what it claimed.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import { buildManifestCluster, readManifestFile } from "../../src/adapters/load/manifests";
import { sameAsJson } from "../../src/adapters/load/json-exact";
import { DELIVERED, type FileRead, NEXT_FILE, type SpawnReader, WORKER_DONE, readFilesInOrder, serveReads, startParseWorker } from "../../src/adapters/load/read-in-order";
import { clusterYamlFiles } from "../../src/bench/write";
import { generateClusterWith } from "../../src/bench/generate";
import { DiagnosticError } from "../../src/model/diagnostics";

let dir: string;
let files: string[];

/** Documents whose numbers JSON would change, a file that fails, JSON, an empty file, among a generated cluster's files. */
const EXTRA: Record<string, string> = {
  "0-numbers.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: numbers\ndata: {}\nodd:\n  nan: .nan\n  inf: -.inf\n  negzero: -00\n  big: 1e400\n",
  "0-broken.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n",
  "0-empty.yaml": "",
  "0-pod.json": JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default", labels: { app: "p" } }, spec: { containers: [{ name: "c", image: "x" }] } }),
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ztseg-read-"));
  const gen = generateClusterWith({ namespaces: 24, workloadsPerNamespace: 4, replicas: 2, vendorNamespaces: 3, sensitiveNamespaces: 2 }, 7);
  for (const [name, text] of [...clusterYamlFiles(gen.objects), ...Object.entries(EXTRA)]) fs.writeFileSync(path.join(dir, name), text);
  files = fs.readdirSync(dir).sort();
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function alone(): FileRead[] {
  return [...readFilesInOrder(files, dir, readManifestFile, "off")];
}

test("the fixture has what the parallel path must carry: a failing file, numbers JSON changes, and many files", () => {
  const reads = alone();
  expect(reads.filter((r) => "diagnostics" in r).map((r) => r.file)).toEqual(["0-broken.yaml"]);
  const numbers = reads.find((r) => r.file === "0-numbers.yaml");
  expect(numbers !== undefined && "docs" in numbers && !sameAsJson(numbers.docs)).toBe(true);
  expect(files.length).toBeGreaterThan(20);
});

test("two threads read what one reads, file by file, in order", () => {
  // The real worker (run through tsx here), given time to deliver before the main thread starts, so both threads read.
  let delivered = 0;
  const waitForWorker: SpawnReader = (names, cwd, counters, port) => {
    const worker = startParseWorker(names, cwd, counters, port);
    const until = Date.now() + 60_000;
    while (Atomics.load(counters, DELIVERED) < 3 && Atomics.load(counters, WORKER_DONE) === 0 && Date.now() < until) Atomics.wait(counters, DELIVERED, Atomics.load(counters, DELIVERED), 50);
    delivered = Atomics.load(counters, DELIVERED);
    return worker;
  };
  const together = [...readFilesInOrder(files, dir, readManifestFile, "on", waitForWorker)];
  expect(delivered).toBeGreaterThanOrEqual(3);
  // toEqual compares numbers with Object.is: -0 and 0 differ, NaN equals NaN.
  expect(together).toEqual(alone());
  const numbers = together.find((r) => r.file === "0-numbers.yaml");
  expect(numbers && "docs" in numbers && Object.is((numbers.docs[0]!.object as { odd: { negzero: number } }).odd.negzero, -0)).toBe(true);
});

test("a cluster built from two threads' reading equals one built from one thread's, diagnostics included", () => {
  const ok = files.filter((f) => f !== "0-broken.yaml");
  const build = (mode: string) => {
    process.env["ZTSEG_PARALLEL_READ"] = mode;
    try {
      return buildManifestCluster(ok.map((f) => path.join(dir, f)));
    } finally {
      delete process.env["ZTSEG_PARALLEL_READ"];
    }
  };
  const one = build("off");
  expect(one.cluster.workloads.length).toBeGreaterThan(50);
  expect(build("on")).toEqual(one);
  const fail = (mode: string): unknown => {
    process.env["ZTSEG_PARALLEL_READ"] = mode;
    try {
      buildManifestCluster([dir]);
      return undefined;
    } catch (e) {
      return e instanceof DiagnosticError ? e.diagnostics : e;
    } finally {
      delete process.env["ZTSEG_PARALLEL_READ"];
    }
  };
  const failure = fail("off");
  expect(failure).toEqual([expect.objectContaining({ file: expect.stringContaining("0-broken.yaml") as unknown })]);
  expect(fail("on")).toEqual(failure);
});

/** A stand-in worker that claims `claims` files, delivers those `deliver` picks (in serveReads' message forms), and stops. */
function stoppingWorker(claims: number, deliver: (n: number) => boolean): SpawnReader {
  return (names, cwd, counters, port) => {
    const claimed: number[] = [];
    for (let k = 0; k < claims; k++) claimed.push(Atomics.add(counters, NEXT_FILE, 1));
    for (const [k, index] of claimed.entries()) {
      if (!deliver(k) || index >= names.length) continue;
      try {
        const docs = readManifestFile(names[index]!, cwd);
        port.postMessage(sameAsJson(docs) ? { index, json: JSON.stringify(docs) } : { index, docs });
      } catch (e) {
        port.postMessage({ index, diagnostics: (e as DiagnosticError).diagnostics });
      }
      Atomics.add(counters, DELIVERED, 1);
    }
    Atomics.store(counters, WORKER_DONE, 1);
    port.close();
    return { terminate: () => undefined };
  };
}

test("files a stopped worker claimed but never delivered are read by the main thread, in their place", () => {
  const want = alone();
  expect([...readFilesInOrder(files, dir, readManifestFile, "on", stoppingWorker(5, (k) => k % 2 === 0))]).toEqual(want);
  expect([...readFilesInOrder(files, dir, readManifestFile, "on", stoppingWorker(files.length, () => false))]).toEqual(want);
  expect([...readFilesInOrder(files, dir, readManifestFile, "on", () => undefined)]).toEqual(want);
});

test("the worker's side posts JSON only where it is exact, passes diagnostics on, reports other failures, and marks itself done", () => {
  const names = ["good.yaml", "0-numbers.yaml", "0-broken.yaml", "crash.yaml"];
  fs.copyFileSync(path.join(dir, files.find((f) => !f.startsWith("0-"))!), path.join(dir, "good.yaml"));
  try {
    const counters = new Int32Array(new SharedArrayBuffer(16));
    const { port1, port2 } = new MessageChannel();
    serveReads(names, dir, counters, port2, (file, cwd) => {
      if (file === "crash.yaml") throw new Error("disk on fire");
      return readManifestFile(file, cwd);
    });
    expect(Atomics.load(counters, WORKER_DONE)).toBe(1);
    expect(Atomics.load(counters, DELIVERED)).toBe(4);
    expect(Atomics.load(counters, NEXT_FILE)).toBeGreaterThanOrEqual(names.length);
    const byIndex = new Map<number, object>();
    for (let m = receiveMessageOnPort(port1); m !== undefined; m = receiveMessageOnPort(port1)) byIndex.set((m.message as { index: number }).index, m.message as object);
    port1.close();
    expect(Object.keys(byIndex.get(0)!)).toEqual(["index", "json"]);
    expect(Object.keys(byIndex.get(1)!)).toEqual(["index", "docs"]);
    expect(byIndex.get(2)).toEqual({ index: 2, diagnostics: [expect.objectContaining({ file: expect.stringContaining("0-broken.yaml") as unknown })] });
    expect(byIndex.get(3)).toEqual({ index: 3, failure: expect.stringContaining("disk on fire") as unknown });
  } finally {
    fs.rmSync(path.join(dir, "good.yaml"));
  }
});

test("a failure on the worker's side fails the read rather than dropping the file", () => {
  const crashing: SpawnReader = (names, _cwd, counters, port) => {
    const index = Atomics.add(counters, NEXT_FILE, 1);
    port.postMessage({ index, failure: "Error: boom" });
    Atomics.add(counters, DELIVERED, 1);
    Atomics.store(counters, WORKER_DONE, 1);
    expect(index).toBeLessThan(names.length);
    return { terminate: () => undefined };
  };
  expect(() => [...readFilesInOrder(files, dir, readManifestFile, "on", crashing)]).toThrow(/on the worker thread failed: Error: boom/);
});

function holey(): number[] {
  const a: number[] = [];
  a[2] = 3;
  return a;
}

test("sameAsJson answers false exactly for what JSON would change", () => {
  expect(sameAsJson({ a: [1, "x", true, null, { b: 2.5 }] })).toBe(true);
  for (const bad of [NaN, Infinity, -Infinity, -0, undefined, 1n, new Date(0), new Map(), Object.create(null) as object, holey()]) {
    expect(sameAsJson(bad)).toBe(false);
    expect(sameAsJson({ a: [{ b: bad }] })).toBe(false);
  }
  expect(sameAsJson(0)).toBe(true);
});
