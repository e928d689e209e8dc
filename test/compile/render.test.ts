/** Rendering: canonical YAML, file tree, digests, names, and determinism of the whole pipeline. */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { parseAllDocuments } from "yaml";
import { compile, objectName } from "../../src/core/compile";
import { INDEX_FILE, manifestDigest, renderManifestTree, sha256Hex, sha256HexOfParts, toYaml } from "../../src/core/render";
import type { PolicyInput } from "../../src/model";
import { fixtureInput, resolved } from "./fixture";
import { nativeSha256OfParts } from "../../src/adapters/cli/sha256";

const nodeSha = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

describe("sha256", () => {
  test("matches node:crypto on block boundaries and known vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    for (const n of [55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) expect(sha256Hex("x".repeat(n))).toBe(nodeSha("x".repeat(n)));
  });
  test("matches node:crypto on arbitrary unicode text", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (s) => sha256Hex(s) === nodeSha(s)), { numRuns: 200 });
  });
  // The core's own, and the node:crypto one the CLI passes to diff sides (HashParts): both must be the hash of the parts joined.
  test("of parts: the hash of the parts joined, wherever they are cut (inside a surrogate pair too)", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "é", "€", "😀", "\uD800", "\uDC00", "\n"), maxLength: 200 });
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (s, cuts) => {
        const at = [...new Set(cuts.map((c) => c % (s.length + 1)))].sort((a, b) => a - b);
        const parts = [0, ...at].map((from, i) => s.slice(from, [...at, s.length][i]));
        expect(parts.join("")).toBe(s);
        expect(sha256HexOfParts(parts)).toBe(nodeSha(s));
        expect(nativeSha256OfParts(parts)).toBe(nodeSha(s));
      }),
      { numRuns: 300 },
    );
  });
  test("of parts: texts longer than its buffer, multi-byte characters across the buffer's end", () => {
    const big = "x".repeat(65_535) + "😀€é".repeat(30_000) + "\uD83D";
    expect(sha256HexOfParts([big])).toBe(nodeSha(big));
    expect(sha256HexOfParts([big.slice(0, 100_001), big.slice(100_001), ""])).toBe(nodeSha(big));
    expect(sha256Hex(big)).toBe(nodeSha(big));
    expect(sha256HexOfParts([])).toBe(nodeSha(""));
    expect(nativeSha256OfParts([big.slice(0, 100_001), big.slice(100_001), ""])).toBe(nodeSha(big));
    expect(nativeSha256OfParts([])).toBe(nodeSha(""));
    // A pair cut after its high surrogate, with an empty part between the halves.
    expect(nativeSha256OfParts(["a\uD83D", "", "\uDE00b"])).toBe(nodeSha("a\uD83D\uDE00b"));
  });
  test("of parts by node:crypto: parts gathered into batches, a batch ending inside a surrogate pair", () => {
    // Batches close after 65,536 characters: texts of a few batches, cut anywhere, end batches on either half of a pair.
    const long = "😀".repeat(70_000) + "x😀".repeat(10_000);
    fc.assert(
      fc.property(fc.array(fc.nat(long.length), { maxLength: 8 }), (cuts) => {
        const at = [...new Set(cuts)].sort((a, b) => a - b);
        const parts = [0, ...at].map((from, i) => long.slice(from, [...at, long.length][i]));
        expect(nativeSha256OfParts(parts)).toBe(nodeSha(long));
      }),
      { numRuns: 40 },
    );
    expect(nativeSha256OfParts(["x".repeat(65_535) + "\uD83D", "\uDE00"])).toBe(nodeSha("x".repeat(65_535) + "😀"));
  });
});

describe("names", () => {
  test("short DNS-1123 names are kept, long ones cut to 63 with a stable hash suffix", () => {
    expect(objectName("crm-api-ingress")).toBe("crm-api-ingress");
    const long = `${"a".repeat(60)}-ingress`;
    const n = objectName(long);
    expect(n.length).toBeLessThanOrEqual(63);
    expect(n).toMatch(/^a+-[0-9a-f]{8}$/);
    expect(objectName(long)).toBe(n);
    expect(objectName(`${"a".repeat(60)}-egress`)).not.toBe(n);
  });
});

describe("YAML and tree", () => {
  const objects = compile(resolved(), { sourceFile: "policies/fixture.ts" }).objects;

  test("keys in the order apiVersion, kind, metadata, spec; name first in metadata; no timestamps", () => {
    const yaml = toYaml(objects);
    const docs = parseAllDocuments(yaml);
    expect(docs.length).toBe(objects.length);
    for (const d of docs) {
      const keys = Object.keys(d.toJS() as object);
      expect(keys.slice(0, 3)).toEqual(["apiVersion", "kind", "metadata"]);
      if (keys.includes("spec")) expect(keys[3]).toBe("spec");
      expect(Object.keys((d.toJS() as { metadata: object }).metadata)[0]).toBe("name");
    }
    expect(yaml).not.toMatch(/creationTimestamp|\d{2}:\d{2}:\d{2}/);
    // YAML 1.1 readers must see strings, not dates or numbers.
    expect(yaml).toContain('ztseg.dev/exception-expires: "2099-01-31"');
    expect(yaml).toContain('- "8080"');
  });

  test("Namespaces come first, then objects sorted by kind, namespace and name", () => {
    const kinds = parseAllDocuments(toYaml(objects)).map((d) => (d.toJS() as { kind: string }).kind);
    expect(kinds[0]).toBe("Namespace");
    expect(toYaml([...objects].reverse())).toBe(toYaml(objects));
  });

  test("one folder per namespace, _cluster for cluster-scoped, one file per kind, an index with every digest", () => {
    const tree = renderManifestTree(objects);
    expect([...tree.keys()]).toContain("_cluster/namespace.yaml");
    expect([...tree.keys()]).toContain("_cluster/adminnetworkpolicy.yaml");
    expect([...tree.keys()]).toContain("crm/networkpolicy.yaml");
    expect([...tree.keys()]).toContain("crm/authorizationpolicy.yaml");
    const index = tree.get(INDEX_FILE)!;
    expect(index).toContain(`manifest-digest ${manifestDigest(objects)}`);
    const entries = index.split("\n").filter((l) => /^[0-9a-f]{64} {2}/.test(l));
    expect(entries.length).toBe(objects.length);
    // Each digest is the sha256 of that object's document in its file.
    for (const line of entries) {
      const [digest, kind, ref, file] = line.split("  ") as [string, string, string, string];
      const docs = tree.get(file)!.split("---\n").filter((d) => d.length > 0);
      const [ns, name] = ref.split("/") as [string, string];
      const doc = docs.find((d) => d.includes(`kind: ${kind}\n`) && d.includes(`  name: ${name}\n`) && (ns === "-" || d.includes(`  namespace: ${ns}\n`)));
      expect(doc).toBeDefined();
      expect(nodeSha(doc!)).toBe(digest);
    }
    const all = [...tree.entries()].filter(([k]) => k !== INDEX_FILE).map(([, v]) => v).join("");
    expect(parseAllDocuments(all).length).toBe(objects.length);
  });

  test("the manifest digest changes with any object and not with order", () => {
    const d = manifestDigest(objects);
    expect(manifestDigest([...objects].reverse())).toBe(d);
    const changed = objects.map((o, i) => (i === 5 ? { ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, x: "y" } } } : o));
    expect(manifestDigest(changed)).not.toBe(d);
  });
});

describe("determinism", () => {
  const shuffleRecord = <T>(r: Record<string, T> | undefined, order: number[]): Record<string, T> => {
    const entries = Object.entries(r ?? {});
    return Object.fromEntries(entries.map((e, i) => ({ e, k: order[i % order.length]! + i / 1000 })).sort((a, b) => a.k - b.k).map((x) => x.e));
  };
  const shuffleArray = <T>(a: readonly T[] | undefined, order: number[]): T[] =>
    (a ?? []).map((e, i) => ({ e, k: order[i % order.length]! + i / 1000 })).sort((x, y) => x.k - y.k).map((x) => x.e);

  test("compiling twice gives byte-identical YAML", () => {
    expect(toYaml(compile(resolved()).objects)).toBe(toYaml(compile(resolved()).objects));
  });

  test("declaration order of zones, services, externals, labels, CIDRs, flows and exceptions does not change a byte", () => {
    const reference = toYaml(compile(resolved()).objects);
    fc.assert(
      fc.property(fc.array(fc.nat(100), { minLength: 1, maxLength: 12 }), (order) => {
        const p: PolicyInput = fixtureInput();
        const shuffled: PolicyInput = {
          ...p,
          zones: shuffleRecord(p.zones, order),
          services: Object.fromEntries(Object.entries(shuffleRecord(p.services, order)).map(([k, s]) => [k, { ...s, labels: shuffleRecord(s.labels, order), ports: shuffleRecord(s.ports, order) }])),
          externals: Object.fromEntries(Object.entries(shuffleRecord(p.externals, order)).map(([k, e]) => [k, { ...e, cidrs: shuffleArray(e.cidrs, order) }])),
          vendors: shuffleRecord(p.vendors, order),
          flows: shuffleArray(p.flows, order),
          exceptions: shuffleArray(p.exceptions, order),
        };
        expect(toYaml(compile(resolved(shuffled)).objects)).toBe(reference);
      }),
      { numRuns: 25 },
    );
  });
});
