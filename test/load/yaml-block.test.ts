/**
 * readBlockYaml must return exactly what js-yaml's
 * `load(text, { schema: CORE_SCHEMA, json: true })` returns, or decline
 * (undefined); it must never accept a text js-yaml refuses. It must also read,
 * without declining, the shapes kubectl and the YAML dumpers write for
 * Kubernetes objects, or it would be useless.
 *
 * Comparisons tell -0 from 0, NaN from everything but NaN, arrays from
 * objects, and check own keys: a reader that agrees "loosely" is still wrong.
 * Property runs use FC_SEED when set (printed on failure so a run can be replayed).
 */
import fc from "fast-check";
import { CORE_SCHEMA, type DumpOptions, dump, load } from "js-yaml";
import YAML from "yaml";
import { generateClusterWith } from "../../src/bench/generate";
import { clusterYamlFiles } from "../../src/bench/write";
import { type BlockDocument, readBlockYaml, readBlockYamlStream } from "../../src/adapters/load/yaml-block";
import { firstContentLine, splitYamlStream } from "../../src/adapters/load/yaml-fast";

const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;
const runs = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns });

/** Deep equality on parsed YAML: Object.is on leaves, same array-ness, same own keys. */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue(ra[k], rb[k]));
}

/** What js-yaml reads, or that it refuses the text. */
function jsYaml(text: string): { readonly value: unknown } | "refused" {
  try {
    return { value: load(text, { schema: CORE_SCHEMA, json: true }) };
  } catch {
    return "refused";
  }
}

/** Why readBlockYaml disagrees with js-yaml on `text`, or undefined when it agrees (a decline always agrees). */
function disagreement(text: string): string | undefined {
  const ours = readBlockYaml(text);
  if (ours === undefined) return undefined;
  const theirs = jsYaml(text);
  if (theirs === "refused") return `js-yaml refuses ${JSON.stringify(text)} but readBlockYaml read ${show(ours.value)}`;
  if (!sameValue(ours.value, theirs.value)) return `on ${JSON.stringify(text)}: readBlockYaml ${show(ours.value)}, js-yaml ${show(theirs.value)}`;
  return undefined;
}

function show(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === "number" && (!Number.isFinite(x) || Object.is(x, -0)) ? `<${Object.is(x, -0) ? "-0" : String(x)}>` : x)) ?? String(v);
}

function expectAgrees(text: string): void {
  expect(disagreement(text)).toBeUndefined();
}

/** Read (not declined) and equal to js-yaml. */
function expectReads(text: string): void {
  expect({ text, declined: readBlockYaml(text) === undefined }).toEqual({ text, declined: false });
  expectAgrees(text);
}

function expectDeclines(text: string): void {
  expect({ text, result: readBlockYaml(text) }).toEqual({ text, result: undefined });
}

describe("empty and comment-only documents (null vs undefined as js-yaml)", () => {
  test.each([
    ["", undefined],
    ["\n", undefined],
    ["   ", undefined],
    ["  \n", undefined],
    ["\n\n", null],
    [" \n\n", null],
    ["# only a comment", null],
    ["# a\n\n  # b\n", null],
    ["\r\n", null],
  ])("%j", (text, expected) => {
    expect(jsYaml(text)).toEqual({ value: expected });
    expect(readBlockYaml(text)).toEqual({ value: expected });
    // toEqual does not tell undefined from a missing key: check the value itself.
    expect(readBlockYaml(text)?.value).toBe(expected);
  });
});

describe("texts it reads exactly as js-yaml", () => {
  const cases: Record<string, string> = {
    "a pod as the yaml package writes it": [
      "apiVersion: v1",
      "kind: Pod",
      "metadata:",
      "  name: web-0",
      "  namespace: shop",
      "  labels:",
      "    app.kubernetes.io/name: web",
      "    tier: frontend",
      "spec:",
      "  containers:",
      "    - name: web",
      "      image: registry.example/shop/web:v1.2",
      "      ports:",
      "        - containerPort: 8080",
      "          protocol: TCP",
      "        - containerPort: 9090",
      "status:",
      "  podIP: 10.0.0.1",
      "",
    ].join("\n"),
    "kubectl style (sequences at their key's column, managedFields)": [
      "apiVersion: v1",
      "kind: Pod",
      "metadata:",
      "  annotations:",
      '    checksum/config: "0755"',
      "  creationTimestamp: \"2024-05-01T10:00:00Z\"",
      "  labels:",
      "    app: web",
      "  managedFields:",
      "  - apiVersion: v1",
      "    fieldsType: FieldsV1",
      "    fieldsV1:",
      "      f:metadata:",
      "        f:labels:",
      "          .: {}",
      "          f:app: {}",
      "      f:spec:",
      "        f:containers:",
      '          k:{"name":"web"}:',
      "            .: {}",
      "    manager: kubectl-client-side-apply",
      "    operation: Update",
      "  name: web-0",
      '  resourceVersion: "123456"',
      "  uid: 3f2c5a1e-8c1d-4e0b-9a55-1d2e3f4a5b6c",
      "spec:",
      "  containers:",
      "  - args:",
      "    - --port=8080",
      "    - -v",
      "    env:",
      "    - name: MODE",
      '      value: "true"',
      "    - name: EMPTY",
      '      value: ""',
      "    image: web:1",
      "    ports:",
      "    - containerPort: 8080",
      "      name: http",
      "      protocol: TCP",
      "    resources: {}",
      "  tolerations: []",
      "  dnsPolicy: ClusterFirst",
      "status: {}",
      "",
    ].join("\n"),
    "a network policy as js-yaml dumps it": dump({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "deny", namespace: "a" },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "x" } } }], ports: [{ port: 443 }] }] },
    }),
    "CRLF line ends": "kind: Pod\r\nmetadata:\r\n  name: p # trailing\r\n  labels: {}\r\nlist:\r\n- a\r\n- 'b'\r\n",
    "core schema numbers": "a: 8080\nb: '8080'\nc: 0755\nd: 1e3\ne: .5\nf: -0\ng: +1\nh: 0x1F\ni: 1_000\nj: 0o17\nk: 0b101\nl: -0.0\nm: -00\nn: 1.\no: -.5\np: +.5\nq: .inf\nr: -.Inf\ns: .NaN\nt: 0B1\nu: 1E3\nv: 123456789012345678901234567890\nw: 0x\nx: 12e\n",
    "core schema words": "a: yes\nb: no\nc: on\nd: off\ne: ~\nf:\ng: null\nh: Null\ni: NULL\nj: nULL\nk: true\nl: True\nm: TRUE\nn: tRUE\no: False\np: y\n",
    "non-string keys are stringified": "1: a\ntrue: b\nnull: c\n~: d\n0x10: e\n-0.0: f\n.nan: g\n1e3: h\n'1': i\n",
    "quotes with # and ': ' inside": "a: \"x # y: z\"\nb: 'p # q: r'\nc: 'it''s'\nd: \"say \\\"hi\\\"\"\ne: ''\nf: \"\"\n",
    "double-quoted escapes": 'a: "\\t\\n\\r\\0\\a\\b\\v\\f\\e\\ \\/\\\\\\N\\_\\L\\P"\nb: "\\x41\\u00e9\\U0001F600\\ud83d"\n',
    "trailing comments": "a: b # c\nd: 'e' # f\ng: \"h\"#i\nj: k#l\nm: [] # n\no: # p\n  q: r\n",
    "keys with spaces, colons in values": "key with spaces: v\na:b: c\nurl: http://x:80/p?q=1#frag\ntime: 12:30\nratio: a :b\n",
    "compact and nested sequences": "- -1\n- - a\n  - b\n- - - deep\n-\n- ~\n- a: 1\n  b: 2\n-   c: 3\n    d: 4\n",
    "entries on the line after the dash": "-\n  a: 1\n- # comment\n  - x\n",
    "empty values before a same-column sequence": "a:\n- 1\n- 2\nb:\nc: 3\n-x: 4\n",
    "blank lines and comments everywhere": "# head\n\na:   # why\n\n  # inside\n  b: 1\n\n# between\nc: 2\n# tail\n",
    "duplicate keys (last wins)": "a: 1\nb: 2\na: 3\n",
    "indented document": "  a: 1\n  b:\n    - x\n",
    "a top-level scalar": "hello # world\n",
    "a top-level sequence": "- a\n- b\n",
    "unicode": "名前: 値\nemoji: 😀\naccent: é\n",
    "dash, question and colon that start plain scalars": "a: -x\nb: ?y\nc: :z\nd: --\ne: ---\n",
  };
  for (const [name, text] of Object.entries(cases)) test(name, () => expectReads(text));
});

describe("texts it declines", () => {
  const cases: Record<string, string> = {
    "block scalar": "a: |\n  x\n",
    "folded scalar": "a: >-\n  x\n",
    "multi-line plain scalar": "a: b\n  c\n",
    "multi-line top-level scalar": "hello\nworld\n",
    "multi-line double-quoted scalar": 'a: "b\n  c"\n',
    "scalar on its own line": "a:\n  hello\n",
    "non-empty flow sequence": "a: [1, 2]\n",
    "flow mapping": "a: {b: c}\n",
    "anchor and alias": "a: &x 1\nb: *x\n",
    tag: "a: !!str 1\n",
    "explicit key": "? a\n: b\n",
    "tab indentation": "a:\n\tb: c\n",
    "tab in a value": "a: b\tc\n",
    "__proto__ key": "__proto__: 1\n",
    "merge key": "a: 1\n<<: {}\n",
    "document marker": "a: 1\n---\nb: 2\n",
    "document end marker": "a: 1\n...\n",
    "directive": "%YAML 1.2\n---\na: 1\n",
    "lone CR": "a: 1\rb: 2\n",
    "byte-order mark": "\uFEFFa: 1\n",
    "control character": "a: b\u0001\n",
    "unknown escape": 'a: "\\q"\n',
    "escape beyond Unicode": 'a: "\\UFFFFFFFF"\n',
    "deeper than the limit": `${Array.from({ length: 95 }, (_, i) => `${" ".repeat(i)}a:`).join("\n")} 1\n`,
  };
  for (const [name, text] of Object.entries(cases)) test(name, () => expectDeclines(text));

  test("nesting just under the limit is read", () => {
    expectReads(`${Array.from({ length: 85 }, (_, i) => `${" ".repeat(i)}a:`).join("\n")} 1\n`);
  });
});

describe("texts js-yaml refuses or reads surprisingly (declined or the same)", () => {
  test.each([
    "a: b: c",
    "a: 'x'\n  b: c",
    "a:\n  - b\n  c: d",
    "- a:\n  - b\n  c: d",
    "  a: 1\nb: 2",
    "a:\n    b: 1\n  c: 2",
    '"a":b',
    'a: "b" x',
    "a: []x",
    "a: - b",
    "a: :",
    "- a\n  b",
    "- # c\n  a",
    "a:\n  -\n- b",
    "- a\nb: 1",
    "a: 1\n- b",
    "a #b: c",
    "a:#b",
    ": a",
    "- : a",
    "-\n-",
    "- -\n  -",
    "a:\n-\n  b",
    "a: 'b'c",
    "'a' 'b'",
    "a: ,b",
    "a: @b",
    "a: `b",
    "a:\n  - b\n - c",
    "a:\n - b\n  - c",
    "a: b\n # c\n  d",
    "---word: x",
    "a: '\u0085'",
  ])("%j", expectAgrees);
});

describe("a generated cluster (the benchmark's manifests)", () => {
  test("every document is read, as js-yaml reads it", () => {
    const params = { namespaces: 6, workloadsPerNamespace: 4, replicas: 2, vendorNamespaces: 2, sensitiveNamespaces: 1 };
    const files = clusterYamlFiles(generateClusterWith(params, 7).objects);
    let documents = 0;
    for (const text of files.values()) {
      for (const chunk of splitYamlStream(text) ?? []) {
        documents++;
        expectReads(chunk.text);
      }
      // Whole files are read in one pass, as the chunks are read one by one.
      expect(readBlockYamlStream(text)).toEqual(viaChunks(text));
    }
    expect(documents).toBeGreaterThan(100);
  });
});

/**
 * What readBlockYamlStream must return when it reads a stream: the split's
 * chunks with content, each read by readBlockYaml, numbered and placed as the
 * split numbers them; or undefined when any of that declines.
 */
function viaChunks(text: string): BlockDocument[] | undefined {
  const chunks = splitYamlStream(text);
  if (chunks === undefined) return undefined;
  const out: BlockDocument[] = [];
  for (const chunk of chunks) {
    if (!/(?:^|\n)[ \t]*[^ \t\r\n#]/.test(chunk.text)) continue; // no content: not a document the stream returns
    const read = readBlockYaml(chunk.text);
    if (read === undefined) return undefined;
    out.push({ index: chunk.index, line: firstContentLine(chunk), value: read.value });
  }
  return out;
}

function sameDocuments(a: readonly BlockDocument[], b: readonly BlockDocument[]): boolean {
  return a.length === b.length && a.every((d, i) => d.index === b[i]!.index && d.line === b[i]!.line && sameValue(d.value, b[i]!.value));
}

// ---- Generators ----

/** Pieces of strings that stress quoting, comments, indicators, escapes and core-schema look-alikes. */
const NASTY_PIECES = [
  "a", "b", "z", "Q", " ", "  ", "-", "- ", ":", ": ", "#", " #", "'", '"', "\\", "\n", "\t", "\r", "[", "]", "{", "}", ",",
  "&", "*", "!", "|", ">", "?", "%", "@", "`", "~", "0", "1", "9", ".", "e", "x", "o", "_", "+", "é", "😀", "\u0085", "\u2028",
  "\u00a0", "\u0000", "\u007f", "\ufeff", "null", "true", "True", "yes", "no", "on", "off", ".inf", "-.Inf", ".nan", "1e3", "0x1F",
  "0o17", "0b1", "-0", "-.5", "1_000", "0755", "---", "...", "http://x", "a:b", "<<", "__proto__",
];
const nastyString = fc.array(fc.constantFrom(...NASTY_PIECES), { maxLength: 5 }).map((parts) => parts.join(""));
const nastyNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, 0, NaN, Infinity, -Infinity, 1e21, 2 ** 53 + 2, 0.5, 1e-7));
const nastyLeaf = fc.oneof(nastyString, nastyNumber, fc.boolean(), fc.constant(null));

function valueOf(leaf: fc.Arbitrary<unknown>, key: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const { node } = fc.letrec((tie) => ({
    node: fc.oneof(
      { maxDepth: 4, depthSize: "small" },
      leaf,
      fc.array(tie("node"), { maxLength: 4 }),
      fc.dictionary(key, tie("node"), { maxKeys: 4, noNullPrototype: true }),
    ),
  }));
  return node;
}

const nastyValue = valueOf(nastyLeaf, fc.oneof(nastyString, fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/)));

/** Kubernetes-like: identifier keys, one-line printable leaves, objects at the top. */
const printable = fc.string({ unit: fc.constantFrom(..." !\"#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~é", "0", "1", "-", " ", ":", "#"), maxLength: 24 });
const k8sKey = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,10}(\.[a-z]{1,5}\/[a-z][a-z-]{0,8})?$/);
const k8sLeaf = fc.oneof(printable, fc.constantFrom("TCP", "v1", "10.0.0.1", "8080", "true", "null", "", "0755", "1e3", "yes"), fc.integer(), fc.boolean(), fc.constant(null));
const k8sObject = fc.dictionary(k8sKey, valueOf(k8sLeaf, k8sKey), { minKeys: 1, maxKeys: 6, noNullPrototype: true });

type Dumper = { readonly name: string; readonly write: (v: unknown) => string };

const jsYamlDumper = (opts: DumpOptions): Dumper => ({ name: `js-yaml ${JSON.stringify(opts)}`, write: (v) => dump(v, opts) });
const yamlDumper = (opts: YAML.ToStringOptions): Dumper => ({ name: `yaml ${JSON.stringify(opts)}`, write: (v) => YAML.stringify(v, opts) });

/** Every dumper configuration; the ones that never wrap lines are used for "must not decline". */
const NO_WRAP_DUMPERS: readonly Dumper[] = [
  jsYamlDumper({ lineWidth: -1 }),
  jsYamlDumper({ lineWidth: -1, noArrayIndent: true }),
  jsYamlDumper({ lineWidth: -1, indent: 4 }),
  jsYamlDumper({ lineWidth: -1, indent: 1, noArrayIndent: true }),
  jsYamlDumper({ lineWidth: -1, quotingType: '"' }),
  jsYamlDumper({ lineWidth: -1, forceQuotes: true }),
  jsYamlDumper({ lineWidth: -1, forceQuotes: true, quotingType: '"' }),
  yamlDumper({ lineWidth: 0 }),
  yamlDumper({ lineWidth: 0, indentSeq: false }),
  yamlDumper({ lineWidth: 0, indent: 4 }),
  yamlDumper({ lineWidth: 0, defaultStringType: "QUOTE_SINGLE" }),
  yamlDumper({ lineWidth: 0, defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" }),
];
const DUMPERS: readonly Dumper[] = [
  ...NO_WRAP_DUMPERS,
  jsYamlDumper({}),
  jsYamlDumper({ flowLevel: 1 }),
  jsYamlDumper({ flowLevel: 2, noArrayIndent: true }),
  yamlDumper({}),
  yamlDumper({ collectionStyle: "flow" }),
];

const dumper = fc.constantFrom(...DUMPERS);

/** One edit with a YAML-significant character: insert, replace or delete at a position (a fraction of the length). */
const EDIT_CHARS = [" ", "  ", "-", "- ", ":", ": ", "#", " #", "'", '"', "\n", "\n  ", "[", "]", "{", "}", "\t", "&", "*", "?", "|", ">", "!", "0", "\r", "\r\n", ",", "\\"];
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), kind: fc.constantFrom("insert", "replace", "delete"), text: fc.constantFrom(...EDIT_CHARS) });

function applyEdit(text: string, e: { at: number; kind: string; text: string }): string {
  const i = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  if (e.kind === "insert") return text.slice(0, i) + e.text + text.slice(i);
  if (e.kind === "replace") return text.slice(0, i) + e.text + text.slice(i + 1);
  return text.slice(0, i) + text.slice(i + 1);
}

/** Lines of YAML-like tokens at random indentation: stresses how indentation is read far more than dumps do. */
const soupLine = fc
  .tuple(
    fc.integer({ min: 0, max: 5 }),
    fc.constantFrom("", "", "- ", "- - ", "-", "-  "),
    fc.constantFrom("", "a: ", "b:", "a:  ", "'c': ", '"d": ', "e : ", "1: ", "~: ", "? ", ": ", "f:g: ", "h #i: ", "[]: ", "-: "),
    fc.constantFrom("", "", "v", "w  ", "'q'", '"r"', "[]", "{}", "1", "-.5", "-", "- x", "x: y", "~", "'", "a #b", "|", ">-", "&a", "*a", ":", "a:b", "[x]"),
    fc.constantFrom("", "", " # c", "#c", "  #"),
  )
  .map(([indent, dash, key, value, comment]) => " ".repeat(indent) + dash + key + value + comment);
const soup = fc.array(soupLine, { minLength: 1, maxLength: 8 }).map((lines) => lines.join("\n"));

/**
 * Block YAML written from a random tree with random layout choices: indentation
 * steps, sequences at their key's column or indented, compact or split entries,
 * extra blanks after dashes, comments and blank lines, and now and then a line
 * shifted by one column. Mostly valid YAML with far more layouts than dumpers use.
 */
type Tree = string | { readonly seq: readonly Tree[] } | { readonly map: ReadonlyArray<readonly [string, Tree]> };

const LEAVES = ["a", "b c", "'q'", "'it''s'", '"r # s"', '"\\u00e9\\t"', "1", "-2", "0x1F", "1e3", ".5", "-0", "~", "null", "True", "yes", "[]", "{}", "http://x:80", "a:b", "x #y", "", "-", "--", "?x"];
const KEYS = ["a", "b", "key with space", "'q'", '"d"', "1", "~", "true", "-x", "k.io/n", "f:x", "a#b", "''"];
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 4, depthSize: "small" },
    fc.constantFrom(...LEAVES),
    fc.array(tie("node"), { minLength: 1, maxLength: 3 }).map((seq) => ({ seq })),
    fc.array(fc.tuple(fc.constantFrom(...KEYS), tie("node")), { minLength: 1, maxLength: 3 }).map((map) => ({ map })),
  ),
})).node;

/** A small deterministic generator for layout choices (mulberry32), so a failing seed replays. */
function randomFrom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function renderTree(root: Tree, seed: number): string {
  const rand = randomFrom(seed);
  const chance = (p: number): boolean => rand() < p;
  const step = (): number => 1 + Math.floor(rand() * 3);
  const pad = (n: number): string => " ".repeat(Math.max(0, n + (chance(0.02) ? (chance(0.5) ? 1 : -1) : 0)));
  const comment = (): string => (chance(0.1) ? " # note" : "");
  const inline = (t: Tree): string | undefined => (typeof t === "string" ? t : "seq" in t ? (t.seq.length === 0 ? "[]" : undefined) : t.map.length === 0 ? "{}" : undefined);
  const lines: string[] = [];
  const emit = (line: string): void => {
    lines.push(line);
    if (chance(0.05)) lines.push(chance(0.5) ? "" : `${" ".repeat(Math.floor(rand() * 6))}# between`);
  };
  // Writes `t` with its first line starting at `col`; `lead` replaces that line's indentation (a dash for compact entries).
  const write = (t: Tree, col: number, lead: string | undefined): void => {
    const first = (): string => lead ?? pad(col);
    const text = inline(t);
    if (typeof t === "string" || text !== undefined) return emit(first() + (text ?? "") + comment());
    if ("seq" in t) {
      t.seq.forEach((item, i) => writeEntry(item, col, i === 0 ? first() : pad(col)));
      return;
    }
    t.map.forEach(([key, value], i) => {
      const head = (i === 0 ? first() : pad(col)) + key + ":";
      const v = inline(value);
      if (v !== undefined) return emit(head + (v === "" ? "" : " ") + v + comment());
      emit(head + comment());
      const sameColumn = typeof value !== "string" && "seq" in value && chance(0.5);
      write(value, sameColumn ? col : col + step(), undefined);
    });
  };
  const writeEntry = (item: Tree, col: number, indent: string): void => {
    const v = inline(item);
    if (v !== undefined) return emit(`${indent}-${v === "" ? "" : " "}${v}${comment()}`);
    if (chance(0.7)) {
      const gap = 1 + (chance(0.2) ? 1 : 0);
      return write(item, col + 1 + gap, `${indent}-${" ".repeat(gap)}`);
    }
    emit(`${indent}-${comment()}`);
    write(item, col + step(), undefined);
  };
  write(root, chance(0.1) ? 1 : 0, undefined);
  return lines.join(chance(0.1) ? "\r\n" : "\n") + (chance(0.8) ? "\n" : "");
}

// ---- Properties ----

describe("properties", () => {
  test("dumps of nasty values: declined or read as js-yaml", () => {
    fc.assert(
      fc.property(nastyValue, dumper, (value, d) => {
        const text = d.write(value);
        const why = disagreement(text);
        if (why !== undefined) throw new Error(`${d.name}: ${why}`);
      }),
      runs(1500),
    );
  });

  test("dumps of Kubernetes-like objects: never declined, read as js-yaml", () => {
    fc.assert(
      fc.property(k8sObject, fc.constantFrom(...NO_WRAP_DUMPERS), (value, d) => {
        const text = d.write(value);
        if (readBlockYaml(text) === undefined) throw new Error(`${d.name} declined: ${JSON.stringify(text)}`);
        const why = disagreement(text);
        if (why !== undefined) throw new Error(`${d.name}: ${why}`);
      }),
      runs(1000),
    );
  });

  test("mutated dumps: declined when js-yaml refuses, else declined or read as js-yaml", () => {
    const base = fc.oneof(fc.tuple(k8sObject, dumper), fc.tuple(nastyValue, dumper)).map(([v, d]) => d.write(v));
    fc.assert(
      fc.property(base, fc.array(edit, { minLength: 1, maxLength: 3 }), (text, edits) => {
        const why = disagreement(edits.reduce(applyEdit, text));
        if (why !== undefined) throw new Error(why);
      }),
      runs(2500),
    );
  });

  test("rendered trees: declined when js-yaml refuses, else declined or read as js-yaml", () => {
    fc.assert(
      fc.property(tree, fc.integer(), (t, seed) => {
        const why = disagreement(renderTree(t, seed));
        if (why !== undefined) throw new Error(why);
      }),
      runs(4000),
    );
  });

  test("line soup: declined when js-yaml refuses, else declined or read as js-yaml", () => {
    fc.assert(
      fc.property(soup, (text) => {
        const why = disagreement(text);
        if (why !== undefined) throw new Error(why);
      }),
      runs(6000),
    );
  });
});

describe("readBlockYamlStream", () => {
  test("numbers documents as the split does, empty ones included, and places each at its first content line", () => {
    const text = "# head comment\n\n---\n---   \n# c\n\na: 1\n--- # note\r\nb:\r\n  - x\r\n---\n\n";
    expect(readBlockYamlStream(text)).toEqual([
      { index: 1, line: 7, value: { a: 1 } },
      { index: 2, line: 9, value: { b: ["x"] } },
    ]);
    expect(readBlockYamlStream(text)).toEqual(viaChunks(text));
  });

  test("content before the first marker is document 0; a stream without markers is one document", () => {
    expect(readBlockYamlStream("a: 1\n---\nb: 2")).toEqual([
      { index: 0, line: 1, value: { a: 1 } },
      { index: 1, line: 3, value: { b: 2 } },
    ]);
    expect(readBlockYamlStream("\n  # c\n  a: 1\n")).toEqual([{ index: 0, line: 3, value: { a: 1 } }]);
    expect(readBlockYamlStream("")).toEqual([]);
    expect(readBlockYamlStream("# only\n---\n")).toEqual([]);
  });

  test.each([
    ["content on a marker line", "---\na: 1\n--- b: 2\n"],
    ["a marker glued to text", "a: 1\n---x\n"],
    ["a marker glued to a comment", "a: 1\n---# c\n"],
    ["a document end marker", "a: 1\n...\n---\nb: 2\n"],
    ["a directive", "%YAML 1.2\n---\na: 1\n"],
    ["a binary number", "---\na: 1\n---\nb: 0b101\n"],
    ["a signed hexadecimal key", "---\n-0x1F: a\n"],
    ["a signed octal number in a list", "---\na:\n- +0o7\n"],
    ["a signed number starting with a dot", "---\na: -.5\n"],
    ["an anchor", "---\na: &x 1\n"],
    ["a null key", "---\nNULL: 1\n"],
    ["-0", "a: -0\n"],
    ["a number beyond a double", "a: 1e400\n"],
    ["content below a document at a smaller column", "  a: 1\nb: 2\n"],
    ["a tab", "---\na:\t1\n"],
  ])("declines %s", (_name, text) => {
    expect(readBlockYamlStream(text)).toBeUndefined();
  });

  test("numbers the two readers agree on are read", () => {
    expect(readBlockYamlStream("a: 0x1F\nb: 0o17\nc: .5\nd: -5\ne: +5\nf: 0\ng: -00\nh: 1e308\nnull_: 1\n")).toEqual([
      { index: 0, line: 1, value: { a: 31, b: 15, c: 0.5, d: -5, e: 5, f: 0, g: -0, h: 1e308, null_: 1 } },
    ]);
  });

  const separator = fc.constantFrom("---\n", "---\n", "--- # c\n", "---   \n", "---\r\n", "\n---\n", "# c\n---\n", "---\n---\n", "---x\n", "--- a\n", "...\n", "%YAML 1.2\n---\n", "-- -\n");
  const documentText = fc.oneof(
    fc.tuple(tree, fc.integer()).map(([t, seed]) => renderTree(t, seed)),
    fc.tuple(k8sObject, fc.constantFrom(...NO_WRAP_DUMPERS)).map(([v, d]) => d.write(v)),
    soup,
  );

  test("random streams: declined, or read as the split and readBlockYaml read them", () => {
    let read = 0;
    fc.assert(
      fc.property(fc.option(documentText), fc.array(fc.tuple(separator, documentText), { maxLength: 4 }), (head, rest) => {
        const ends = (t: string): string => (t === "" || t.endsWith("\n") ? t : `${t}\n`);
        const text = ends(head ?? "") + rest.map(([sep, doc]) => sep + ends(doc)).join("");
        const streamed = readBlockYamlStream(text);
        if (streamed === undefined) return;
        read++;
        const chunked = viaChunks(text);
        if (chunked === undefined || !sameDocuments(streamed, chunked)) throw new Error(`on ${JSON.stringify(text)}: stream ${show(streamed)}, chunks ${show(chunked)}`);
      }),
      runs(3000),
    );
    // Not vacuous: a good share of the streams is read whole.
    expect(read).toBeGreaterThan(300);
  });
});
