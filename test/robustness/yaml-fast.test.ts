/**
 * The fast YAML path (js-yaml per document, our own stream split) must read
 * every stream it accepts exactly as the full `yaml` parser does: same
 * objects, same document indices, same lines, same refusals. Streams it does
 * not model must be handed to the full parser.
 */
import fc from "fast-check";
import YAML from "yaml";
import { parseManifestText, parseYamlFast, parseYamlFull } from "../../src/adapters/load/manifests";
import { splitYamlStream } from "../../src/adapters/load/yaml-fast";
import { DiagnosticError } from "../../src/model";

/** The documents read, or which documents were refused and why (one entry per document and code). */
type Outcome = { docs: unknown } | { refused: string[] };

function outcome(f: () => unknown): Outcome {
  try {
    return { docs: f() };
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    return { refused: [...new Set(e.diagnostics.map((d) => `${d.path} ${d.code}`))].sort() };
  }
}

function expectSame(text: string): void {
  const fast = outcome(() => parseYamlFast(text, "m.yaml"));
  expect(fast).not.toEqual({ docs: undefined });
  const full = outcome(() => parseYamlFull(text, "m.yaml"));
  // When both refuse, the parsers may word and place a syntax error differently, but not blame another document.
  expect(fast).toEqual(full);
}

describe("streams the fast path reads like the full parser", () => {
  const cases: Record<string, string> = {
    "leading marker": "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n",
    "no marker": "apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n",
    "comments before the first marker": "# generated\n\n---\nkind: Pod\nmetadata: { name: p }\n",
    "content before the first marker": "kind: A\n---\nkind: B\n---\n\n# only a comment\n---\nkind: C\n",
    "marker with a trailing comment and blanks": "--- # one\nkind: A\n---   \nkind: B\n",
    "empty documents and trailing marker": "---\n---\nkind: A\n---\n",
    "comments and blank lines before content": "---\n# about the pod\n\n\nkind: Pod\n",
    "CRLF line ends": "---\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\n---\r\nkind: Q\r\n",
    "core schema scalars": "---\na: yes\nb: 0o17\nc: 0x1F\nd: 1e3\ne: ~\nf: 2024-01-01\ng: .inf\nh: '0012'\ni: 012\nj: true\nk: 1.50\n",
    "duplicate keys (last wins)": "---\nkind: A\nkind: B\n",
    "---word is content, not a marker": "---\nkey: |\n  ---x\nlist:\n- ---y\n",
    "quoted strings with marker-like text": '---\na: "--- not a marker"\nb: \'... nor this\'\n',
    "block scalars": "---\ndata:\n  script: |\n    echo hi\n    # not a comment\n  folded: >-\n    a\n    b\n",
    "non-string keys": "---\n1: a\ntrue: b\n",
    "quoted text that looks like an alias or anchor": '---\nb: \'*not-alias\'\nc: "&not-anchor"\n',
    "a plain scalar with an ampersand inside": "---\nurl: a&b=c\n",
  };
  for (const [name, text] of Object.entries(cases)) test(name, () => expectSame(text));
});

describe("streams the fast path leaves to the full parser", () => {
  // Alias bomb written right after a quoted key, where no blank precedes the alias.
  const bomb = ['{"l0": [1, 2, 3, 4, 5, 6, 7, 8], ', ...Array.from({ length: 7 }, (_, i) => `"l${i + 1}": &l${i + 1} [${Array.from({ length: 8 }, () => `*l${i}`).join(",")}], `)].join("").replace('"l0": [', '"l0": &l0 [');
  const cases: Record<string, string> = {
    directive: "%YAML 1.2\n---\nkind: A\n",
    "document end marker": "kind: A\n...\n---\nkind: B\n",
    "content on the marker line": "--- {kind: A}\n",
    anchor: "---\na: &x [1, 2]\nb: *x\n",
    "alias-like glob (conservatively)": "---\nhosts:\n- *.example.com\n",
    "alias bomb after a quoted key": `---\n{${bomb}"end": 1}\n`,
    "byte-order mark before a one-line document": '\uFEFF{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "allow"}}\n',
    "byte-order mark before a stream": '\uFEFF{"kind": "A"}\n---\nkind: B\n',
    "a marker after a Unicode line separator in a comment": "a: 1 # x\u2028---\nb: 2\n",
    "lone CR line breaks": "a: 1\r---\rb: 2\r",
    "binary and signed radix numbers": "---\na: 0b101\nb: -0x10\nc: +0o7\nd: [+.5, -.5]\n",
    "binary and signed radix numbers, one per document": "---\na: 0b101\n---\nb: -0x10\n---\nc: +0o7\n---\nd: +.5\n",
    "binary and signed radix numbers as keys": "---\n0b1: a\n---\n-0x1: b\n",
    // js-yaml names a null key "null", the `yaml` reader "".
    "a null key": "---\na: 1\n---\n~: a\n",
    "a null key in a list": "---\nitems:\n- null: a\n",
    "a null key in a flow mapping": "---\na: {Null: 1}\n",
    tags: "---\na: !!float 1\nb: !!binary aGk=\nc: !local x\n",
    "syntax error in the second document": "---\nkind: A\n---\nkind: [B\nx: {\n",
    "tab indentation error": "---\nkind: A\nspec:\n\tx: 1\n",
    "control characters": "---\na: \"x\u0001y\"\n",
  };
  for (const [name, text] of Object.entries(cases))
    test(name, () => {
      expect(outcome(() => parseYamlFast(text, "m.yaml"))).toEqual({ docs: undefined });
      // and the public entry point still reads it (or refuses it) through the full parser
      expect(outcome(() => parseManifestText(text, "m.yaml"))).toEqual(outcome(() => parseYamlFull(text, "m.yaml")));
    });
});

test("document lines count every marker and blank line", () => {
  const chunks = splitYamlStream("# c\n---\na: 1\n\n---\n\n\nb: 2\n")!;
  expect(chunks.map((c) => [c.index, c.startLine])).toEqual([
    [0, 3],
    [1, 6],
  ]);
});

// Random manifest-like values written by the `yaml` stringifier (with random comments and
// blank lines between documents) read the same on both paths.
const key = fc.stringMatching(/^[a-zA-Z][-a-zA-Z0-9_./]{0,12}$/);
const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom("yes", "no", "0o7", "1e3", "2024-01-01", "~", "-", "---", "- x", "#", "a: b", "%x", "...", "*x", "&y", "0b101", "-0x1F", "+0o7", "+.5", "-.5e3", "0x1F"));
const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("v"), { maxLength: 3 }), fc.dictionary(key, tie("v"), { maxKeys: 4 })),
})).v;

test("random streams: the fast path and the full parser agree", () => {
  let compared = 0;
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), fc.constantFrom("", "# note\n", "\n\n", "\n# x\n\n"), fc.boolean()), { minLength: 1, maxLength: 5 }), (docs) => {
      const text = docs.map(([o, gap, flow]) => `---\n${gap}${YAML.stringify(o, { lineWidth: 0, ...(flow ? { collectionStyle: "flow" } : {}) })}`).join("");
      if (parseYamlFast(text, "m.yaml") === undefined) return; // left to the full parser: nothing to compare
      expectSame(text);
      compared++;
    }),
    { numRuns: 500 },
  );
  // The comparison must not be vacuous: most generated streams take the fast path.
  expect(compared).toBeGreaterThan(125);
});

test("the depth limit is the same on both paths: 64 levels pass, 65 are refused", () => {
  const nested = (levels: number): string => {
    let text = "";
    for (let i = 0; i < levels - 1; i++) text += `${"  ".repeat(i)}k${i}:\n`;
    return `---\n${text}${"  ".repeat(levels - 1)}leaf: 1\n`;
  };
  for (const [levels, ok] of [
    [64, true],
    [65, false],
  ] as const) {
    const text = nested(levels);
    const fast = outcome(() => parseYamlFast(text, "d.yaml"));
    expect(fast).toEqual(outcome(() => parseYamlFull(text, "d.yaml")));
    expect("docs" in fast).toBe(ok);
    if (!ok) expect(fast).toEqual({ refused: ["document 1 manifest-too-deep"] });
  }
});

test("plain scalars that look like numbers, booleans or null read the same through parseManifestText as through the yaml reader", () => {
  const values = ["1_000", "0o17", "0x1F", "017", "+12", "-12", "1e3", "1.5e3", ".5", "+1", "0.", "1.", "-.inf", "+.inf", ".NaN", "0b", "0x", "08", "1:20", "2001-12-14", "~", "Null", "TRUE", "tRue", "1e+3", "e3", "1.2.3", "0.1e-2", "0x_1", "+0x1", "-0o7", "0b101", "0be0623570", "+.5e3", "-1_0", "-00"];
  // The two readers differ on these (js-yaml: 0 and the text, the `yaml` reader: -0 and infinities): both fast paths must leave them to the full parser.
  const divergent = ["-0", "1e400", "-1E309", "1.e400", ".5e400", "9".repeat(215) + "e99", "1".repeat(400), "0x" + "f".repeat(300), "0o" + "7".repeat(400)];
  for (const v of [...values, ...divergent]) {
    // Block documents take the one-pass reader; the flow list sends the file through the split and the per-document checks.
    for (const text of [`---\na: ${v}\n---\n${v}: a\n`, `---\na: ${v}\nb: [${v}]\n`]) {
      expect([text, outcome(() => parseManifestText(text, "m.yaml"))]).toEqual([text, outcome(() => parseYamlFull(text, "m.yaml"))]);
    }
  }
});
