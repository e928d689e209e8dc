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
import { MessageChannel, Worker, receiveMessageOnPort } from "node:worker_threads";
import { buildManifestCluster, readManifestFile } from "../../src/adapters/load/manifests";
import { sameAfterClone, sameAsJson } from "../../src/adapters/load/transfer-exact";
import { AHEAD, CONSUMED, DELIVERED, type FileRead, NEXT_FILE, type SpawnReader, WORKER_DONE, readFilesInOrder, serveReads, startParseWorker } from "../../src/adapters/load/read-in-order";
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
  // A YAML 1.1 `!!binary` value is a Buffer, which neither JSON nor a structured clone carries as it is.
  "0-binary.yaml": "%YAML 1.1\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  k: !!binary aGVsbG8=\n",
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
  return [...readFilesInOrder(files, dir, readManifestFile, { mode: "off" })];
}

test("the fixture has what the parallel path must carry: a failing file, numbers JSON changes, and many files", () => {
  const reads = alone();
  expect(reads.filter((r) => "diagnostics" in r).map((r) => r.file)).toEqual(["0-broken.yaml"]);
  const numbers = reads.find((r) => r.file === "0-numbers.yaml");
  expect(numbers !== undefined && "docs" in numbers && !sameAsJson(numbers.docs)).toBe(true);
  expect(files.length).toBeGreaterThan(20);
  const binary = reads.find((r) => r.file === "0-binary.yaml");
  expect(binary && "docs" in binary && Buffer.isBuffer((binary.docs[0]!.object as { data: { k: unknown } }).data.k)).toBe(true);
});

test("two threads read what one reads, file by file, in order", () => {
  // The real worker (run through tsx here), given time to deliver before the main thread starts, so both threads read.
  // Its first five files, in name order, are the `0-` ones: a Buffer, a failure, an empty file, odd numbers, JSON.
  let delivered = 0;
  const waitForWorker: SpawnReader = (names, cwd, counters, port) => {
    const worker = startParseWorker(names, cwd, counters, port);
    const until = Date.now() + 60_000;
    while (Atomics.load(counters, DELIVERED) < 5 && Atomics.load(counters, WORKER_DONE) === 0 && Date.now() < until) Atomics.wait(counters, DELIVERED, Atomics.load(counters, DELIVERED), 50);
    delivered = Atomics.load(counters, DELIVERED);
    return worker;
  };
  const together = [...readFilesInOrder(files, dir, readManifestFile, { mode: "on", spawn: waitForWorker })];
  expect(delivered).toBeGreaterThanOrEqual(5);
  // toStrictEqual compares numbers with Object.is (-0 and 0 differ, NaN equals NaN) and checks classes (a Buffer is not a Uint8Array).
  expect(together).toStrictEqual(alone());
  const numbers = together.find((r) => r.file === "0-numbers.yaml");
  expect(numbers && "docs" in numbers && Object.is((numbers.docs[0]!.object as { odd: { negzero: number } }).odd.negzero, -0)).toBe(true);
});

test("a cluster built with ZTSEG_PARALLEL_READ=on equals one built on one thread, diagnostics included", () => {
  // Through buildManifestCluster and its switch. On files this small the main thread may read them all before the
  // worker starts; the test above is the one that makes sure the worker's reads are compared.
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
  expect(build("on")).toStrictEqual(one);
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
        port.postMessage(sameAsJson(docs) ? { index, json: JSON.stringify(docs) } : sameAfterClone(docs) ? { index, docs } : { index, reread: true });
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
  expect([...readFilesInOrder(files, dir, readManifestFile, { mode: "on", spawn: stoppingWorker(5, (k) => k % 2 === 0) })]).toStrictEqual(want);
  expect([...readFilesInOrder(files, dir, readManifestFile, { mode: "on", spawn: stoppingWorker(AHEAD, () => false) })]).toStrictEqual(want);
  expect([...readFilesInOrder(files, dir, readManifestFile, { mode: "on", spawn: () => undefined })]).toStrictEqual(want);
});

test("a worker that claims a file and is never heard from again (as when it runs out of memory) costs a wait, not the read", () => {
  const gone: SpawnReader = (_names, _cwd, counters) => {
    Atomics.add(counters, NEXT_FILE, 1);
    return { terminate: () => undefined };
  };
  const started = Date.now();
  expect([...readFilesInOrder(files, dir, readManifestFile, { mode: "on", spawn: gone, patience: () => 50 })]).toStrictEqual(alone());
  expect(Date.now() - started).toBeLessThan(20_000);
});

test("no thread claims more than AHEAD files past the next one the main thread consumes", () => {
  let counters: Int32Array | undefined;
  let widest = 0;
  // A worker that claims one file and sits on it: the main thread reads ahead while it waits, within the window.
  const sitting: SpawnReader = (_names, _cwd, c) => {
    counters = c;
    Atomics.add(c, NEXT_FILE, 1);
    return { terminate: () => undefined };
  };
  const watching = (file: string, cwd: string) => {
    if (counters) widest = Math.max(widest, Atomics.load(counters, NEXT_FILE) - Atomics.load(counters, CONSUMED));
    return readManifestFile(file, cwd);
  };
  expect([...readFilesInOrder(files, dir, watching, { mode: "on", spawn: sitting, patience: () => 50 })]).toStrictEqual(alone());
  expect(widest).toBe(AHEAD);
  // The worker's side waits at the window's edge too: here until another thread says every file before it is consumed.
  const c = new Int32Array(new SharedArrayBuffer(16));
  Atomics.store(c, NEXT_FILE, AHEAD);
  const mover = new Worker(
    "const { workerData: w } = require('node:worker_threads'); setTimeout(() => { Atomics.store(w.c, w.at, w.n); Atomics.notify(w.c, w.at); }, 300);",
    { eval: true, workerData: { c, at: CONSUMED, n: files.length } },
  );
  const { port1, port2 } = new MessageChannel();
  const t0 = Date.now();
  serveReads(files, dir, c, port2, readManifestFile);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(200);
  const indices: number[] = [];
  for (let m = receiveMessageOnPort(port1); m !== undefined; m = receiveMessageOnPort(port1)) indices.push((m.message as { index: number }).index);
  // Claimed from where the window stood, never before it: files 0..AHEAD-1 were someone else's.
  expect(indices[0]).toBe(AHEAD);
  expect(indices).toEqual(Array.from({ length: files.length - AHEAD }, (_, k) => AHEAD + k));
  port1.close();
  return mover.terminate();
});

test("the worker's side posts JSON only where it is exact, passes diagnostics on, reports other failures, and marks itself done", () => {
  const names = ["good.yaml", "0-numbers.yaml", "0-broken.yaml", "crash.yaml", "0-binary.yaml", "warns.yaml"];
  fs.copyFileSync(path.join(dir, files.find((f) => !f.startsWith("0-"))!), path.join(dir, "good.yaml"));
  try {
    const counters = new Int32Array(new SharedArrayBuffer(16));
    const { port1, port2 } = new MessageChannel();
    let warning = false;
    serveReads(
      names,
      dir,
      counters,
      port2,
      (file, cwd) => {
        if (file === "crash.yaml") throw new Error("disk on fire");
        if (file === "warns.yaml") {
          warning = true;
          return readManifestFile("good.yaml", cwd);
        }
        return readManifestFile(file, cwd);
      },
      () => {
        const w = warning;
        warning = false;
        return w;
      },
    );
    expect(Atomics.load(counters, WORKER_DONE)).toBe(1);
    expect(Atomics.load(counters, DELIVERED)).toBe(6);
    expect(Atomics.load(counters, NEXT_FILE)).toBeGreaterThanOrEqual(names.length);
    const byIndex = new Map<number, object>();
    for (let m = receiveMessageOnPort(port1); m !== undefined; m = receiveMessageOnPort(port1)) byIndex.set((m.message as { index: number }).index, m.message as object);
    port1.close();
    expect(Object.keys(byIndex.get(0)!)).toEqual(["index", "json"]);
    expect(Object.keys(byIndex.get(1)!)).toEqual(["index", "docs"]);
    expect(byIndex.get(2)).toEqual({ index: 2, diagnostics: [expect.objectContaining({ file: expect.stringContaining("0-broken.yaml") as unknown })] });
    expect(byIndex.get(3)).toEqual({ index: 3, failure: expect.stringContaining("disk on fire") as unknown });
    // A Buffer survives neither form, and a file whose reading warned must print its warning on the main thread.
    expect(byIndex.get(4)).toEqual({ index: 4, reread: true });
    expect(byIndex.get(5)).toEqual({ index: 5, reread: true });
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
  expect(() => [...readFilesInOrder(files, dir, readManifestFile, { mode: "on", spawn: crashing })]).toThrow(/on the worker thread failed: Error: boom/);
});

test("a file that throws while read ahead fails the read at its turn, after the files before it", () => {
  // A worker that claims file 0 and delivers it late: the main thread reads files 1.. ahead meanwhile, and file 2's
  // read throws an error that is not a diagnostic (a bug, say). One thread would hand out files 0 and 1 first.
  let port: import("node:worker_threads").MessagePort | undefined;
  let counters: Int32Array | undefined;
  const late: SpawnReader = (_names, _cwd, c, p) => {
    counters = c;
    port = p;
    Atomics.add(c, NEXT_FILE, 1);
    return { terminate: () => undefined };
  };
  const failing = (file: string, cwd: string) => {
    if (file === files[2]) {
      // Deliver file 0 now, so the main thread's wait for it ends as soon as this read-ahead returns.
      port!.postMessage({ index: 0, docs: readManifestFile(files[0]!, cwd) });
      Atomics.add(counters!, DELIVERED, 1);
      throw new TypeError("not a diagnostic");
    }
    return readManifestFile(file, cwd);
  };
  const seen: string[] = [];
  expect(() => {
    for (const r of readFilesInOrder(files, dir, failing, { mode: "on", spawn: late, patience: () => 60_000 })) seen.push(r.file);
  }).toThrow(TypeError);
  expect(seen).toEqual([files[0], files[1]]);
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

test("sameAfterClone answers false exactly for what a structured clone would change", () => {
  expect(sameAfterClone({ a: [1, -0, NaN, 2n, undefined, null, "x", new Date(0), new Map([["k", new Set([1])]])] })).toBe(true);
  for (const bad of [Buffer.from("hi"), new Uint8Array(2), Object.create(null) as object, new (class Point {})(), () => 1, Symbol("s"), new Map([["k", Buffer.from("x")]])]) {
    expect(sameAfterClone(bad)).toBe(false);
    expect(sameAfterClone({ a: [{ b: bad }] })).toBe(false);
  }
});
