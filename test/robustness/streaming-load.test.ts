/**
 * `ztseg verify --manifests` builds the cluster file by file
 * (buildManifestCluster) instead of reading every document first. It must
 * build exactly what the whole-array path builds, and fail the same way:
 * every file's errors first, then the checks across documents.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildCluster } from "../../src/core/analyze";
import { buildManifestCluster, readManifestDocs } from "../../src/adapters/load/manifests";
import { DiagnosticError } from "../../src/model/diagnostics";

const pod = (ns: string, name: string, app: string) => `apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: ${ns}, labels: { app: ${app} } }
spec: { containers: [{ name: main, image: x, ports: [{ name: http, containerPort: 8080 }] }] }
`;
const deny = (ns: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny, namespace: ${ns} }
spec: { podSelector: {}, policyTypes: [Ingress] }
`;

function withFiles(files: Record<string, string>, fn: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ztseg-stream-"));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function failure(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DiagnosticError) return e.diagnostics.map((d) => `${d.file ?? ""}: ${d.message}`);
    throw e;
  }
  throw new Error("expected a DiagnosticError");
}

describe("buildManifestCluster", () => {
  test("builds the same cluster as buildCluster on every document read at once", () => {
    withFiles({ "a.yaml": `${pod("shop", "web", "web")}---\n${deny("shop")}`, "b.yaml": `${pod("crm", "api", "api")}---\n${pod("crm", "db", "db")}` }, (dir) => {
      const streamed = buildManifestCluster([dir], dir);
      const whole = buildCluster(readManifestDocs([dir], dir));
      expect(streamed).toEqual(whole);
      expect(streamed.cluster.workloads.map((w) => w.id)).toEqual(["crm/api[Pod]", "crm/db[Pod]", "shop/web[Pod]"]);
      expect(streamed.cluster.networkPolicies.map((p) => `${p.ref.namespace}/${p.ref.name}`)).toEqual(["shop/deny"]);
    });
  });

  test("a duplicate across files fails with the first declaration named", () => {
    withFiles({ "a.yaml": pod("shop", "web", "web"), "b.yaml": pod("shop", "web", "other") }, (dir) => {
      const problems = failure(() => buildManifestCluster([dir], dir));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/b\.yaml:1 \(document 1\): duplicate object: Pod shop\/web is already declared at \S*a\.yaml:1 \(document 1\)/);
    });
  });

  test("every file's errors come first, alone, as when every document is read at once", () => {
    const files = { "a.yaml": "kind: [unclosed\n", "b.yaml": pod("shop", "web", "web"), "c.yaml": pod("shop", "web", "again"), "d.yaml": "a: b: c\n" };
    withFiles(files, (dir) => {
      const streamed = failure(() => buildManifestCluster([dir], dir));
      expect(streamed).toEqual(failure(() => readManifestDocs([dir], dir)));
      expect(streamed.map((p) => path.basename(p.split(":")[0]!))).toEqual(["a.yaml", "d.yaml"]);
    });
  });

  test("the builder's own diagnostics are returned, not thrown", () => {
    const badSelector = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: np, namespace: shop }
spec: { podSelector: { matchExpressions: [{ key: app, operator: Near }] } }
`;
    withFiles({ "a.yaml": `${pod("shop", "web", "web")}---\n${badSelector}` }, (dir) => {
      const built = buildManifestCluster([dir], dir);
      expect(built.diagnostics.filter((d) => d.severity === "error").map((d) => d.message).join("\n")).toMatch(/Near/);
    });
  });
});

describe("buildCluster on an iterable", () => {
  test("reads a generator once, in order, and builds what the array gives", () => {
    const docs = readManifestDocsFromText(`${pod("shop", "b", "b")}---\n${pod("shop", "a", "a")}`);
    let pulled = 0;
    function* gen() {
      for (const d of docs) {
        pulled++;
        yield d;
      }
    }
    expect(buildCluster(gen())).toEqual(buildCluster(docs));
    expect(pulled).toBe(2);
  });
});

function readManifestDocsFromText(text: string) {
  let docs: ReturnType<typeof readManifestDocs> = [];
  withFiles({ "x.yaml": text }, (dir) => (docs = readManifestDocs([dir], dir)));
  return docs;
}
