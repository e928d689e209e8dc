/**
 * Nothing lost: a failure in the middle of writing output (a hook that
 * throws after the k-th file, a disk that fills up, a rename that fails)
 * leaves the previous output byte-identical and no temporary files behind,
 * both for writeTreeAtomically itself and through `ztseg compile` / `ztseg analyze`.
 */
// @ts-nocheck

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { writeFileAtomically, writeTreeAtomically } from "../../src/adapters/load/atomic-write";
import { runCli } from "../support/cli";
import { fixtureInput } from "../compile/fixture";

/**
 * Simulated faults inside node:fs for every module this test loads (the
 * atomic writer and the CLI): the n-th matching call throws an errno error.
 */
const mockFault = { op: "" as "" | "writeFileSync" | "renameSync", after: 0, calls: 0 };
jest.mock("node:fs", () => {
  const actual = jest.requireActual<typeof import("node:fs")>("node:fs");
  const faulty =
    <A extends unknown[], R>(op: "writeFileSync" | "renameSync", fn: (...args: A) => R) =>
    (...args: A): R => {
      if (mockFault.op === op && mockFault.calls++ === mockFault.after) {
        const e = new Error(`${op === "writeFileSync" ? "ENOSPC: no space left on device, write" : "EXDEV: simulated rename failure"}`) as NodeJS.ErrnoException;
        e.code = op === "writeFileSync" ? "ENOSPC" : "EXDEV";
        e.syscall = op === "writeFileSync" ? "write" : "rename";
        throw e;
      }
      return fn(...args);
    };
  return { ...actual, writeFileSync: faulty("writeFileSync", actual.writeFileSync), renameSync: faulty("renameSync", actual.renameSync) };
});

function armFault(op: "writeFileSync" | "renameSync", after: number): void {
  Object.assign(mockFault, { op, after, calls: 0 });
}
afterEach(() => Object.assign(mockFault, { op: "", after: 0, calls: 0 }));

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "ztseg-atomic-"));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** Every file under dir (relative path -> bytes), plus the folders, so extra empty folders show too. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        out[`${r}/`] = "";
        walk(r);
      } else out[r] = fs.readFileSync(path.join(dir, r)).toString("base64");
    }
  };
  walk("");
  return out;
}

const PREVIOUS = new Map([
  ["a.yaml", "kind: Old\n"],
  ["nested/b.yaml", "old: true\n"],
  ["nested/deeper/c.yaml", "ünïcödé: ✓\n"],
]);

function next(n: number): Map<string, string> {
  return new Map(Array.from({ length: n }, (_, i) => [`${i % 3 === 0 ? "" : `ns-${i % 3}/`}f${String(i).padStart(2, "0")}.yaml`, `new: ${i}\n`] as const));
}

describe("writeTreeAtomically", () => {
  test("a failure after any file leaves the previous folder byte-identical and no temporary folder", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.nat(), (n, k) => {
        const out = path.join(root, `out-${n}-${k}`);
        writeTreeAtomically(out, PREVIOUS);
        const before = snapshot(out);
        const failAt = k % n;
        let written = 0;
        expect(() =>
          writeTreeAtomically(out, next(n), {
            afterFile: () => {
              if (written++ === failAt) throw new Error("simulated crash");
            },
          }),
        ).toThrow("simulated crash");
        expect(written).toBe(failAt + 1);
        expect(snapshot(out)).toEqual(before);
        expect(fs.readdirSync(root).filter((e) => e.startsWith(`.out-${n}-${k}`))).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  test("the disk filling up mid-write leaves the previous folder and cleans up", () => {
    const out = path.join(root, "out");
    writeTreeAtomically(out, PREVIOUS);
    const before = snapshot(out);
    armFault("writeFileSync", 3);
    expect(() => writeTreeAtomically(out, next(8))).toThrow(/ENOSPC/);
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(root)).toEqual(["out"]);
  });

  test("a failing final rename restores the previous folder", () => {
    const out = path.join(root, "out");
    writeTreeAtomically(out, PREVIOUS);
    const before = snapshot(out);
    armFault("renameSync", 1); // the first rename moves the old folder aside, the second (new -> out) fails
    expect(() => writeTreeAtomically(out, next(4))).toThrow(/EXDEV/);
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(root)).toEqual(["out"]);
  });

  test("a path escaping the folder is refused without touching the previous output", () => {
    const out = path.join(root, "out");
    writeTreeAtomically(out, PREVIOUS);
    const before = snapshot(out);
    expect(() => writeTreeAtomically(out, new Map([["a.yaml", "x"], ["../escape.yaml", "x"]]))).toThrow(/outside the output folder/);
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(root)).toEqual(["out"]);
  });

  test("success replaces the folder exactly (stale files from the previous output are gone)", () => {
    const out = path.join(root, "out");
    writeTreeAtomically(out, PREVIOUS);
    writeTreeAtomically(out, next(2));
    expect(Object.keys(snapshot(out)).sort()).toEqual(["f00.yaml", "ns-1/", "ns-1/f01.yaml"]);
    expect(fs.readdirSync(root)).toEqual(["out"]);
  });
});

describe("through the CLI", () => {
  function writePolicy(): string {
    const file = path.join(root, "policy.js");
    fs.writeFileSync(file, `module.exports = ${JSON.stringify(fixtureInput())};\n`);
    return file;
  }

  test("ztseg compile: a write failure after some files keeps the previous output byte-identical", async () => {
    const policy = writePolicy();
    const out = path.join(root, "out");
    const first = await runCli(["compile", policy, "--out", out], { cwd: root });
    expect(first.code).toBe(0);
    // make the previous output differ from what the next run would write, so a partial write would show
    const edited = Object.keys(snapshot(out)).find((f) => f.endsWith(".yaml"))!;
    fs.appendFileSync(path.join(out, edited), "# hand edit\n");
    const before = snapshot(out);
    const fileCount = Object.keys(before).filter((k) => !k.endsWith("/")).length;
    expect(fileCount).toBeGreaterThan(3);
    for (const after of [0, 2, fileCount - 1]) {
      armFault("writeFileSync", after);
      const r = await runCli(["compile", policy, "--out", out], { cwd: root });
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/ENOSPC: no space left on device/);
      expect(r.stderr).toMatch(/previous output is unchanged/);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stdout).toBe("");
      expect(snapshot(out)).toEqual(before);
      expect(fs.readdirSync(root).sort()).toEqual(["out", "policy.js"]);
    }
    // and once the disk has room again the same command succeeds
    armFault("writeFileSync", 1e9);
    const again = await runCli(["compile", policy, "--out", out], { cwd: root });
    expect(again.code).toBe(0);
    expect(snapshot(out)).not.toEqual(before);
  });

  test("ztseg analyze --out: a failed write keeps the previous file and leaves no temporary file", async () => {
    const manifest = path.join(root, "m.yaml");
    fs.writeFileSync(manifest, "apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: a }\nspec: { containers: [{ name: c }] }\n");
    const out = path.join(root, "report", "conn.txt");
    writeFileAtomically(out, "previous report\n");
    armFault("writeFileSync", 0);
    const r = await runCli(["analyze", "m.yaml", "--out", out], { cwd: root });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/ENOSPC/);
    expect(fs.readFileSync(out, "utf8")).toBe("previous report\n");
    expect(fs.readdirSync(path.dirname(out))).toEqual(["conn.txt"]);
  });

  test("writeFileAtomically: a failing rename keeps the previous file and removes the temporary one", () => {
    const out = path.join(root, "one.txt");
    writeFileAtomically(out, "before\n");
    armFault("renameSync", 0);
    expect(() => writeFileAtomically(out, "after\n")).toThrow(/EXDEV/);
    expect(fs.readFileSync(out, "utf8")).toBe("before\n");
    expect(fs.readdirSync(root)).toEqual(["one.txt"]);
  });
});
