/**
 * The catalogue of malformed and hostile manifests, one row each, through the
 * CLI (`ztseg analyze <paths> --out <file>` and `ztseg verify --manifests`):
 * exit 2, a diagnostic naming the file, the document and (where known) the
 * line, no stack trace, and nothing written.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../support/cli";
import { MANIFEST_LIMITS } from "../../src/adapters/load/manifests";

/** A namespace and a pod with a named port: the valid backdrop most rows add one bad object to. */
const BASE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels: { app: web }
spec:
  containers:
    - name: web
      ports:
        - { name: http, containerPort: 8080 }
`;

/** A NetworkPolicy in shop (document 2 of its file, starting on line 3) with the given spec lines. */
function policy(specYaml: string): string {
  return `apiVersion: v1
kind: ConfigMap
metadata: { name: filler, namespace: shop }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: np
  namespace: shop
spec:
  podSelector: {}
${specYaml}`;
}

type Files = Record<string, string | ((dir: string) => void)>;

interface Row {
  readonly name: string;
  readonly files: Files;
  /** Expected exit code (2 for every rejected input). */
  readonly code: 0 | 2;
  /** Each must match stderr (file, document, line and the problem). */
  readonly stderr: readonly RegExp[];
  /** Paths handed to the commands (default: every top-level file, sorted). */
  readonly paths?: readonly string[];
}

function deepFlow(depth: number): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: deep }\ndata:\n  x: ${"[".repeat(depth)}${"]".repeat(depth)}\n`;
}

function deepBlock(depth: number): string {
  let text = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: deep }\ndata:\n";
  for (let i = 0; i < depth; i++) text += `${"  ".repeat(i + 1)}k${i}:\n`;
  return text + `${"  ".repeat(depth + 1)}leaf: 1\n`;
}

/** Nine levels of ten aliases each: 10^9 nodes if expanded. */
function aliasBomb(): string {
  const lines = ["  a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 10; i++) lines.push(`  a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(", ")}]`);
  return `apiVersion: v1\nkind: Namespace\nmetadata: { name: ok }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: bomb }\ndata:\n${lines.join("\n")}\n`;
}

/** 50 MiB of comments after a valid object: must be refused by size before it is read. */
function hugeFile(dir: string): void {
  const fd = fs.openSync(path.join(dir, "huge.yaml"), "w");
  try {
    fs.writeSync(fd, BASE);
    const chunk = Buffer.from(`# ${"x".repeat(1021)}\n`.repeat(1024)); // 1 MiB
    for (let i = 0; i < 50; i++) fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
}

const ROWS: readonly Row[] = [
  {
    name: "invalid YAML (unterminated flow sequence)",
    files: { "bad.yaml": `${BASE}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [web\n  x: {\n` },
    code: 2,
    stderr: [/bad\.yaml:2\d:\d+: document 3: .*\[bad-yaml\]/],
  },
  {
    name: "wrong type: a string where a list belongs",
    files: { "base.yaml": BASE, "np.yaml": policy(`  egress: "all of them"\n`) },
    code: 2,
    stderr: [/np\.yaml:5 \(document 2\): NetworkPolicy np\.spec\.egress: must be a list \[bad-manifest\]/],
  },
  {
    name: "wrong type: an object where a string belongs",
    files: { "base.yaml": `${BASE}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: { nested: true }\n` },
    code: 2,
    stderr: [/base\.yaml:18 \(document 3\): Namespace\.metadata\.name: (must be a string|is required) \[bad-manifest\]/],
  },
  {
    name: "unknown kind: ignored with a note, not fatal",
    files: { "base.yaml": BASE, "widget.yaml": "apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w, namespace: shop }\n" },
    code: 0,
    stderr: [/ignored 1 Widget \(no effect on connectivity\)/],
  },
  {
    name: "duplicate object across two files",
    files: { "a.yaml": BASE, "b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: shop }\n---\napiVersion: v1\nkind: Pod\nmetadata: { name: web, namespace: shop }\nspec: { containers: [{ name: web }] }\n" },
    code: 2,
    stderr: [/b\.yaml:5 \(document 2\): Pod web\.metadata\.name: duplicate object: Pod shop\/web is already declared at a\.yaml:6 \(document 2\)/],
  },
  {
    name: "duplicate object: omitted namespace is the default namespace",
    files: { "a.yaml": "apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { containers: [{ name: c }] }\n---\napiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: default }\nspec: { containers: [{ name: c }] }\n" },
    code: 2,
    stderr: [/a\.yaml:6 \(document 2\): Pod p\.metadata\.name: duplicate object: Pod default\/p/],
  },
  {
    // Deployment a/b in namespace x and Deployment b in namespace x/a would otherwise share one workload id.
    name: "a name holding / (refused by the API server) is refused, not merged with another workload",
    files: {
      "a.yaml": `${BASE}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: a/b, namespace: shop }\nspec: { selector: { matchLabels: { app: x } }, template: { metadata: { labels: { app: x } }, spec: { containers: [{ name: c }] } } }\n`,
    },
    code: 2,
    stderr: [/a\.yaml:18 \(document 3\): Deployment a\/b\.metadata\.name: "a\/b" may not contain "\/" \(rename it: the API server refuses names and namespaces holding \/ or %\) \[bad-manifest\]/],
  },
  {
    name: "a namespace holding % or named .. is refused",
    files: { "a.yaml": "apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: 'a%2Fb' }\nspec: { containers: [{ name: c }] }\n---\napiVersion: v1\nkind: Namespace\nmetadata: { name: '..' }\n" },
    code: 2,
    stderr: [/a\.yaml:1 \(document 1\): Pod p\.metadata\.namespace: "a%2Fb" may not contain "%"/, /a\.yaml:6 \(document 2\): Namespace \.\.\.metadata\.name: "\.\." is not a valid object name/],
  },
  {
    name: "selector: unknown operator",
    files: { "base.yaml": BASE, "np.yaml": policy(`  ingress:\n    - from:\n        - podSelector:\n            matchExpressions: [{ key: app, operator: Matches, values: [web] }]\n`) },
    code: 2,
    stderr: [/np\.yaml:5 \(document 2\): NetworkPolicy np\.spec\.ingress\[0\]\.from\[0\]\.podSelector\.matchExpressions\[0\]\.operator: unknown operator "Matches"/],
  },
  {
    name: "selector: In without values",
    files: { "base.yaml": BASE, "np.yaml": policy(`  ingress:\n    - from:\n        - namespaceSelector:\n            matchExpressions: [{ key: team, operator: In }]\n`) },
    code: 2,
    stderr: [/np\.yaml:5 \(document 2\): NetworkPolicy np\.spec\.ingress\[0\]\.from\[0\]\.namespaceSelector\.matchExpressions\[0\]\.values: must not be empty for In/],
  },
  {
    name: "selector: Exists with values",
    files: { "base.yaml": BASE, "np.yaml": policy(`  ingress:\n    - from:\n        - podSelector:\n            matchExpressions: [{ key: app, operator: Exists, values: [web] }]\n`) },
    code: 2,
    stderr: [/np\.yaml:5 \(document 2\): NetworkPolicy np\.spec\.ingress\[0\]\.from\[0\]\.podSelector\.matchExpressions\[0\]\.values: must be empty for Exists/],
  },
  {
    name: "invalid CIDR (prefix too long)",
    files: { "base.yaml": BASE, "np.yaml": policy(`  egress:\n    - to:\n        - ipBlock: { cidr: 10.0.0.0/33 }\n`) },
    code: 2,
    stderr: [/np\.yaml:5 \(document 2\): NetworkPolicy np\.spec\.egress\[0\]\.to\[0\]\.ipBlock\.cidr: not a CIDR: "10\.0\.0\.0\/33"/],
  },
  {
    name: "invalid CIDR (not an address)",
    files: { "base.yaml": BASE, "np.yaml": policy(`  egress:\n    - to:\n        - ipBlock: { cidr: "fd00::g/8" }\n`) },
    code: 2,
    stderr: [/np\.yaml:5 \(document 2\): NetworkPolicy np\.spec\.egress\[0\]\.to\[0\]\.ipBlock\.cidr: not a CIDR/],
  },
  {
    name: "except outside the CIDR",
    files: { "base.yaml": BASE, "np.yaml": policy(`  ingress:\n    - from:\n        - ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16, 192.168.0.0/16, "fd00::/64"] }\n`) },
    code: 2,
    stderr: [
      /np\.yaml:5 \(document 2\): NetworkPolicy np\.spec\.ingress\[0\]\.from\[0\]\.ipBlock\.except\[1\]: 192\.168\.0\.0\/16 is not strictly inside the cidr 10\.0\.0\.0\/8/,
      /ipBlock\.except\[2\]: fd00::\/64 is not strictly inside/,
    ],
  },
  {
    name: "except equal to the CIDR (must be a strict subset)",
    files: { "base.yaml": BASE, "np.yaml": policy(`  ingress:\n    - from:\n        - ipBlock: { cidr: "fd00::/8", except: ["fd00::/8"] }\n`) },
    code: 2,
    stderr: [/ipBlock\.except\[0\]: fd00::\/8 is not strictly inside the cidr fd00::\/8/],
  },
  {
    name: "port out of range",
    files: { "base.yaml": BASE, "np.yaml": policy(`  ingress:\n    - ports:\n        - { port: 65536 }\n        - { port: 80, endPort: 70000 }\n`) },
    code: 2,
    stderr: [/np\.yaml:5 \(document 2\): NetworkPolicy np\.spec\.ingress\[0\]\.ports\[0\]\.port: must be an integer from 1 to 65535/, /ports\[1\]\.endPort/],
  },
  {
    name: "named port longer than 15 characters (container port)",
    files: { "pod.yaml": BASE.replace("name: http,", "name: http-for-the-web-ui,") },
    code: 2,
    stderr: [/pod\.yaml:6 \(document 2\): Pod web\.spec\.containers\[0\]\.ports\[0\]\.name: named port "http-for-the-web-ui" is 19 characters long; Kubernetes allows at most 15/],
  },
  {
    name: "named port longer than 15 characters (NetworkPolicy port)",
    files: { "base.yaml": BASE, "np.yaml": policy(`  ingress:\n    - ports:\n        - { port: metrics-exporter-port }\n`) },
    code: 2,
    stderr: [/np\.yaml:5 \(document 2\): NetworkPolicy np\.spec\.ingress\[0\]\.ports\[0\]\.port: named port "metrics-exporter-port" is 21 characters long/],
  },
  {
    name: `a 50 MiB file (limit ${MANIFEST_LIMITS.fileBytes / 1024 / 1024} MiB, refused before reading)`,
    files: { "huge.yaml": hugeFile },
    code: 2,
    stderr: [/huge\.yaml: 50\.0 MiB exceeds the 32 MiB limit for one manifest file .*\[file-too-large\]/],
  },
  {
    name: "deeply nested YAML flow collections (parser recursion)",
    files: { "deep.yaml": deepFlow(20000) },
    code: 2,
    stderr: [/deep\.yaml:\d+(:\d+)?: document 1: nested deeper than 64 levels .*\[manifest-too-deep\]/],
  },
  {
    name: "deeply nested YAML block maps (parses, then refused by depth)",
    files: { "deep.yaml": `${BASE}---\n${deepBlock(100)}` },
    code: 2,
    stderr: [/deep\.yaml:18: document 3: nested deeper than 64 levels/],
  },
  {
    name: "deeply nested JSON",
    files: { "deep.json": `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"d"},"data":${"[".repeat(100000)}${"]".repeat(100000)}}` },
    code: 2,
    stderr: [/deep\.json:1: document 1: nested deeper than 64 levels/],
  },
  {
    name: "YAML alias bomb (alias expansion bounded)",
    files: { "bomb.yaml": aliasBomb() },
    code: 2,
    stderr: [/bomb\.yaml:5: document 2: YAML aliases expand beyond the limit \(100\).*\[yaml-alias-limit\]/],
  },
  {
    name: "symlink loop: a folder linking back to its parent",
    files: {
      "m/base.yaml": BASE,
      "m/sub/back": (dir) => fs.symlinkSync("..", path.join(dir, "m/sub/back")),
    },
    paths: ["m"],
    code: 2,
    stderr: [/m\/sub\/back: symbolic link loop: this folder contains itself .*\[symlink-loop\]/],
  },
  {
    name: "symlink loop: a manifest linking to itself",
    files: { "m/base.yaml": BASE, "m/self.yaml": (dir) => fs.symlinkSync("self.yaml", path.join(dir, "m/self.yaml")) },
    paths: ["m"],
    code: 2,
    stderr: [/m\/self\.yaml: symbolic link loop .*\[symlink-loop\]/],
  },
  {
    name: "symlinked folder without a loop is followed once (no duplicates)",
    files: {
      "m/real/base.yaml": BASE,
      "m/alias": (dir) => fs.symlinkSync("real", path.join(dir, "m/alias")),
    },
    paths: ["m"],
    code: 0,
    stderr: [/^$/],
  },
];

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "ztseg-robust-"));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function materialise(row: Row, index: number): string {
  const dir = path.join(root, `row-${index}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const [rel, content] of Object.entries(row.files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    if (typeof content === "string") fs.writeFileSync(path.join(dir, rel), content);
    else content(dir);
  }
  return dir;
}

const STACK_TRACE = /^\s+at .+\(.*:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;

describe.each(ROWS.map((row, i) => [row.name, row, i] as const))("%s", (_name, row, index) => {
  let dir: string;
  let paths: string[];
  beforeAll(() => {
    dir = materialise(row, index);
    paths = row.paths ? [...row.paths] : Object.keys(row.files).sort();
  });

  test("ztseg analyze --out: exit code, diagnostic with file/document/line, no stack trace, nothing written", async () => {
    const out = path.join(dir, "out", "connectivity.txt");
    const r = await runCli(["analyze", ...paths, "--out", out], { cwd: dir });
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).not.toMatch(/internal error/);
    for (const re of row.stderr) expect(r.stderr).toMatch(re);
    expect(r.code).toBe(row.code);
    if (row.code === 2) {
      expect(r.stderr).toMatch(/nothing was written\n$/);
      expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
    } else {
      expect(fs.readFileSync(out, "utf8")).toMatch(/shop\/web\[Pod\]/);
    }
    expect(r.stdout).toBe("");
    // no temporary files from the atomic write either
    if (fs.existsSync(path.join(dir, "out"))) expect(fs.readdirSync(path.join(dir, "out"))).toEqual(["connectivity.txt"]);
  });

  test("ztseg verify --manifests: same verdict, no report on stdout when rejected", async () => {
    const r = await runCli(["verify", "--manifests", ...paths], { cwd: dir });
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).not.toMatch(/internal error/);
    if (row.code === 2) {
      expect(r.code).toBe(2);
      // verify reads documents without the analyzer's notes (ignored kinds), so only errors must appear
      for (const re of row.stderr) expect(r.stderr).toMatch(re);
      expect(r.stdout).toBe("");
    } else {
      expect([0, 1]).toContain(r.code);
      expect(r.stdout.length).toBeGreaterThan(0);
    }
  });
});
