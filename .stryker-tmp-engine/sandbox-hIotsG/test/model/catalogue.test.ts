/**
 * The bad-input catalogue: every malformed policy is rejected with a stable
 * code at the exact path, both in memory (resolvePolicy / checkExpiry) and
 * through `ztseg validate`, which must exit 2, name the file and the path,
 * print no stack trace and write nothing.
 */
// @ts-nocheck

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkExpiry, type Diagnostic, resolvePolicy } from "../../src/model";
import { REPO_ROOT, runCli } from "../support/cli";

const TODAY = "2026-11-25";

/** A small valid policy; each case breaks one thing in a fresh copy. */
function base() {
  return {
    name: "shop",
    dataClasses: { crm: { sensitive: true }, clicks: {} },
    zones: {
      crm: { namespace: "crm", trust: "internal", data: ["crm"] },
      web: { namespace: "web", trust: "internal", data: ["clicks"] },
      legacy: { namespace: "legacy", trust: "internal", mesh: false },
      "vendor-x": { namespace: "vendor-x", trust: "vendor", vendor: "acme" },
    } as Record<string, Record<string, unknown>>,
    vendors: { acme: { name: "Acme Ltd", owner: "ops-lead" } },
    services: {
      "crm/crm-api": { labels: { app: "crm-api" }, ports: { http: { port: 8080 }, grpc: { port: 9090 } } },
      "crm/crm-db": { labels: { app: "crm-db" }, ports: { postgres: { port: 5432 } } },
      "web/frontend": { labels: { app: "frontend" }, ports: { http: { port: 8080 }, syslog: { port: 514, protocol: "UDP" } } },
      "legacy/batch": { labels: { app: "batch" }, ports: { http: { port: 8080 } } },
      "vendor-x/connector": { labels: { app: "connector" }, ports: { metrics: { port: 9102 } } },
    } as Record<string, Record<string, unknown>>,
    externals: {
      partner: { trust: "external", cidrs: ["198.51.100.0/24"] as unknown[], ports: { https: { port: 443 } } },
      "acme-cloud": { trust: "vendor", vendor: "acme", cidrs: ["203.0.113.0/24"], ports: { https: { port: 443 } } },
    } as Record<string, Record<string, unknown>>,
    flows: [
      { from: "web/frontend", to: "crm/crm-api", ports: ["http"] },
      { from: "crm/crm-api", to: "crm/crm-db", ports: ["postgres"] },
      { from: "crm/crm-api", to: "web/frontend", ports: ["syslog"] },
      { from: "vendor-x/connector", to: "acme-cloud", ports: ["https"] },
    ] as Record<string, unknown>[],
    exceptions: [] as Record<string, unknown>[],
    invariants: [{ kind: "noPath", id: "no-vendor-path", from: { trust: ["vendor", "external"] }, to: { sensitive: true } }] as Record<string, unknown>[],
  };
}
type Policy = ReturnType<typeof base>;
const edit = (f: (p: Policy) => void): Policy => {
  const p = base();
  f(p);
  return p;
};
const exception = (extra: Record<string, unknown> = {}) => ({
  id: "vendor-reads-crm",
  from: "vendor-x/connector",
  to: "crm/crm-api",
  ports: ["http"],
  justification: "migration of the legacy ticket archive",
  owner: "crm-lead",
  ticket: "SEC-101",
  expires: "2027-03-31",
  ...extra,
});

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "ztseg-catalogue-"));
}
function listTree(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

interface Expected {
  code: string;
  path: string;
  /** Substring of the rendered hint, e.g. `did you mean "crm/crm-api"?`. */
  hint?: string;
  /** Substring of the rendered message. */
  message?: string;
}

/** Runs `ztseg validate` on a module written to a fresh folder and checks the exit code, the rendering and that nothing was written. */
async function expectCliRejects(fileName: string, source: string, expected: Expected, today = TODAY): Promise<string> {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, fileName), source);
  const before = listTree(dir);
  const r = await runCli(["validate", fileName], { cwd: dir, today });
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  const where = expected.path ? `${fileName}: ${expected.path}: ` : `${fileName}: `;
  const line = r.stderr.split("\n").find((l) => l.startsWith(where) && l.endsWith(`[${expected.code}]`));
  expect(line).toBeDefined();
  if (expected.hint !== undefined) expect(line).toContain(expected.hint);
  if (expected.message !== undefined) expect(line).toContain(expected.message);
  expect(r.stderr).toMatch(/nothing was written/);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(listTree(dir)).toEqual(before);
  fs.rmSync(dir, { recursive: true, force: true });
  return line!;
}

function inMemory(input: unknown, today = TODAY): Diagnostic[] {
  const { policy, diagnostics } = resolvePolicy(input);
  return policy ? [...diagnostics, ...checkExpiry(policy, today)] : [...diagnostics];
}

/** The in-memory check and the CLI check for a policy given as plain data. */
async function expectRejected(input: unknown, expected: Expected, today = TODAY): Promise<string> {
  const diags = inMemory(input, today);
  const match = diags.find((d) => d.severity === "error" && d.code === expected.code && d.path === expected.path);
  expect({ found: match !== undefined, diags }).toEqual(expect.objectContaining({ found: true }));
  if (expected.hint !== undefined) expect(match?.hint).toContain(expected.hint);
  return expectCliRejects("policy.js", `exports.default = ${JSON.stringify(input, null, 2)};\n`, expected, today);
}

describe("bad-input catalogue", () => {
  test("the base policy itself is valid (so each case fails for its own reason)", async () => {
    expect(inMemory(base()).filter((d) => d.severity === "error")).toEqual([]);
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "policy.js"), `module.exports = ${JSON.stringify(base())};`);
    const r = await runCli(["validate", "policy.js"], { cwd: dir });
    expect(r.code).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // References.
  test("unknown service reference", async () => {
    await expectRejected(edit((p) => (p.flows[0]!.to = "crm/billing")), { code: "unknown-reference", path: "flows[0].to", message: 'unknown service "crm/billing"' });
  });

  test("near-miss service name renders file, path and a did-you-mean hint", async () => {
    const input = edit((p) => p.flows.push({ from: "web/frontend", to: "crm/crm-apii", ports: ["http"] }));
    const line = await expectRejected(input, { code: "unknown-reference", path: "flows[4].to", hint: 'did you mean "crm/crm-api"?' });
    expect(line).toBe('policy.js: flows[4].to: unknown service "crm/crm-apii" (did you mean "crm/crm-api"?) [unknown-reference]');
  });

  test("service written without its zone suggests the full zone/service name", async () => {
    await expectRejected(edit((p) => (p.flows[0]!.to = "crm-api")), { code: "unknown-reference", path: "flows[0].to", hint: 'did you mean "crm/crm-api"?' });
  });

  test("near-miss data class on a zone", async () => {
    await expectRejected(edit((p) => (p.zones.crm!.data = ["crmm"])), { code: "unknown-reference", path: "zones.crm.data[0]", hint: 'did you mean "crm"?' });
  });

  test("unknown vendor on a vendor zone", async () => {
    await expectRejected(edit((p) => (p.zones["vendor-x"]!.vendor = "acmee")), { code: "unknown-reference", path: 'zones["vendor-x"].vendor', hint: 'did you mean "acme"?' });
  });

  test("service key naming an unknown zone", async () => {
    await expectRejected(
      edit((p) => (p.services["crn/cache"] = { labels: { app: "cache" } })),
      { code: "unknown-reference", path: 'services["crn/cache"]', hint: 'did you mean "crm"?' },
    );
  });

  test("service key without a zone", async () => {
    await expectRejected(edit((p) => (p.services["cache"] = { labels: { app: "cache" } })), { code: "invalid-service-key", path: "services.cache" });
  });

  test("unknown zone in an invariant selector", async () => {
    await expectRejected(
      edit((p) => (p.invariants[0]!.to = { zones: ["crn"] })),
      { code: "unknown-reference", path: "invariants[0].to.zones[0]", hint: 'did you mean "crm"?' },
    );
  });

  // Duplicates.
  test("duplicate flow ids", async () => {
    await expectRejected(
      edit((p) => {
        p.flows[0]!.id = "frontend-to-crm";
        p.flows[1]!.id = "frontend-to-crm";
      }),
      { code: "duplicate-flow", path: "flows[1].id", message: "already used by flows[0]" },
    );
  });

  test("duplicate implicit flow ids (same from and to twice)", async () => {
    await expectRejected(edit((p) => p.flows.push({ from: "web/frontend", to: "crm/crm-api", ports: ["grpc"] })), { code: "duplicate-flow", path: "flows[4]" });
  });

  test("duplicate namespace", async () => {
    await expectRejected(edit((p) => (p.zones.web!.namespace = "crm")), { code: "duplicate-namespace", path: "zones.web.namespace", message: 'already used by zone "crm"' });
  });

  test("duplicate pod selector in one namespace", async () => {
    await expectRejected(edit((p) => (p.services["crm/crm-api2"] = { labels: { app: "crm-api" } })), { code: "duplicate-selector", path: 'services["crm/crm-api2"].labels' });
  });

  test("duplicate invariant id", async () => {
    await expectRejected(edit((p) => p.invariants.push({ kind: "defaultDeny", id: "no-vendor-path" })), { code: "duplicate-invariant", path: "invariants[1].id" });
  });

  // Syntax.
  test("invalid namespace syntax", async () => {
    await expectRejected(edit((p) => (p.zones.crm!.namespace = "CRM_ns")), { code: "invalid-syntax", path: "zones.crm.namespace" });
  });

  test("invalid label key", async () => {
    await expectRejected(edit((p) => (p.zones.crm!.labels = { "-team": "x" })), { code: "invalid-label", path: 'zones.crm.labels["-team"]' });
  });

  test("label value longer than 63 characters", async () => {
    await expectRejected(
      edit((p) => (p.services["crm/crm-api"]!.labels = { app: "a".repeat(64) })),
      { code: "invalid-label", path: 'services["crm/crm-api"].labels.app', message: "at most 63 characters" },
    );
  });

  test("reserved ztseg label on a zone", async () => {
    await expectRejected(edit((p) => (p.zones.crm!.labels = { "ztseg.dev/trust": "internal" })), { code: "reserved-label", path: "zones.crm.labels" });
  });

  test("service without pod labels", async () => {
    await expectRejected(edit((p) => (p.services["crm/crm-db"]!.labels = {})), { code: "missing-pod-labels", path: 'services["crm/crm-db"].labels' });
  });

  test("unknown field (typo)", async () => {
    await expectRejected(edit((p) => (p.zones.crm!.trusts = "internal")), { code: "unknown-field", path: "zones.crm", message: '"trusts"' });
  });

  test("invalid trust level", async () => {
    await expectRejected(edit((p) => (p.zones.web!.trust = "partner")), { code: "invalid-value", path: "zones.web.trust" });
  });

  test("vendor zone that names no vendor", async () => {
    await expectRejected(edit((p) => delete p.zones["vendor-x"]!.vendor), { code: "missing-vendor", path: 'zones["vendor-x"].vendor' });
  });

  // Addresses.
  test("invalid CIDR", async () => {
    await expectRejected(edit((p) => (p.externals.partner!.cidrs = ["198.51.100.0/33"])), { code: "invalid-cidr", path: "externals.partner.cidrs[0]" });
  });

  test("invalid IPv6 CIDR", async () => {
    await expectRejected(edit((p) => (p.externals.partner!.cidrs = ["2001:db8::1::/64"])), { code: "invalid-cidr", path: "externals.partner.cidrs[0]" });
  });

  test("except outside its CIDR", async () => {
    await expectRejected(
      edit((p) => (p.externals.partner!.cidrs = [{ cidr: "198.51.100.0/24", except: ["198.51.100.0/25", "203.0.113.0/25"] }])),
      { code: "except-outside-cidr", path: "externals.partner.cidrs[0].except[1]" },
    );
  });

  test("except of the other IP family", async () => {
    await expectRejected(
      edit((p) => (p.externals.partner!.cidrs = [{ cidr: "2001:db8::/32", except: ["10.0.0.0/8"] }])),
      { code: "except-outside-cidr", path: "externals.partner.cidrs[0].except[0]" },
    );
  });

  test("flow between two externals", async () => {
    await expectRejected(edit((p) => p.flows.push({ from: "partner", to: "acme-cloud", ports: ["https"] })), { code: "external-to-external", path: "flows[4]" });
  });

  // Ports.
  test("port 0 on a service", async () => {
    await expectRejected(edit((p) => (p.services["crm/crm-db"]!.ports = { postgres: { port: 0 } })), { code: "out-of-range", path: 'services["crm/crm-db"].ports.postgres.port' });
  });

  test("port 65536 in a flow", async () => {
    await expectRejected(edit((p) => (p.flows[1]!.ports = [65536])), { code: "out-of-range", path: "flows[1].ports[0]" });
  });

  test("endPort below port", async () => {
    await expectRejected(
      edit((p) => (p.services["web/frontend"]!.ports = { rtp: { port: 20000, endPort: 10000, protocol: "UDP" } })),
      { code: "invalid-port-range", path: 'services["web/frontend"].ports.rtp.endPort' },
    );
  });

  test("unknown protocol in a flow port", async () => {
    await expectRejected(edit((p) => (p.flows[1]!.ports = [{ port: 5432, protocol: "ICMP" }])), { code: "invalid-value", path: "flows[1].ports[0].protocol" });
  });

  test("named port the target does not declare", async () => {
    await expectRejected(edit((p) => (p.flows[0]!.ports = ["htp"])), { code: "unknown-port", path: "flows[0].ports[0]", hint: 'did you mean "http"?' });
  });

  test("numeric port the target does not declare", async () => {
    await expectRejected(edit((p) => (p.flows[1]!.ports = [5433])), { code: "undeclared-port", path: "flows[1].ports[0]", hint: "postgres=TCP/5432" });
  });

  test("protocol mismatch", async () => {
    await expectRejected(
      edit((p) => (p.flows[2]!.ports = [{ port: 514, protocol: "TCP" }])),
      { code: "protocol-mismatch", path: "flows[2].ports[0]", message: "declares port 514 as UDP, not TCP" },
    );
  });

  test("flow without ports", async () => {
    await expectRejected(edit((p) => (p.flows[0]!.ports = [])), { code: "out-of-range", path: "flows[0].ports" });
  });

  test("HTTP narrowing towards a service outside the mesh", async () => {
    await expectRejected(
      edit((p) => p.flows.push({ from: "web/frontend", to: "legacy/batch", ports: ["http"], http: { methods: ["GET"] } })),
      { code: "http-not-enforceable", path: "flows[4].http" },
    );
  });

  // Trust boundaries and exceptions.
  test("vendor flow into a sensitive zone without an exception", async () => {
    await expectRejected(
      edit((p) => p.flows.push({ from: "vendor-x/connector", to: "crm/crm-api", ports: ["http"] })),
      { code: "vendor-flow-into-sensitive", path: "flows[4]", hint: "declare it under exceptions" },
    );
  });

  test("external address set opening connections into a sensitive zone", async () => {
    await expectRejected(edit((p) => p.flows.push({ from: "partner", to: "crm/crm-db", ports: ["postgres"] })), { code: "vendor-flow-into-sensitive", path: "flows[4]" });
  });

  test("expired exception (checked against the CLI's today)", async () => {
    const input = edit((p) => p.exceptions.push(exception({ expires: "2026-11-24" })));
    // The same policy is valid the day the exception still runs.
    expect(inMemory(input, "2026-11-24").filter((d) => d.severity === "error")).toEqual([]);
    await expectRejected(input, { code: "exception-expired", path: "exceptions[0].expires", message: "SEC-101" }, "2026-11-25");
  });

  test("exception without justification", async () => {
    await expectRejected(
      edit((p) => {
        const x: Record<string, unknown> = exception();
        delete x.justification;
        p.exceptions.push(x);
      }),
      { code: "missing-field", path: "exceptions[0].justification" },
    );
  });

  test("exception without owner", async () => {
    await expectRejected(
      edit((p) => {
        const x: Record<string, unknown> = exception();
        delete x.owner;
        p.exceptions.push(x);
      }),
      { code: "missing-field", path: "exceptions[0].owner" },
    );
  });

  test("exception with a blank owner", async () => {
    await expectRejected(edit((p) => p.exceptions.push(exception({ owner: "   " }))), { code: "out-of-range", path: "exceptions[0].owner" });
  });

  test("exception expiring on a day that does not exist", async () => {
    await expectRejected(edit((p) => p.exceptions.push(exception({ expires: "2027-02-30" }))), { code: "invalid-date", path: "exceptions[0].expires" });
  });

  test("invariant selector with no criterion", async () => {
    await expectRejected(edit((p) => (p.invariants[0]!.from = {})), { code: "empty-selector", path: "invariants[0].from" });
  });

  // Whole documents and modules.
  test("empty policy object", async () => {
    await expectRejected({}, { code: "missing-field", path: "zones" });
  });

  test("policy with no zones", async () => {
    await expectRejected({ name: "empty", zones: {} }, { code: "empty-policy", path: "zones" });
  });

  test("module that throws while loading", async () => {
    await expectCliRejects("policy.js", 'throw new Error("cannot read inventory.csv");\n', { code: "module-failed", path: "", message: "threw while loading: cannot read inventory.csv" });
  });

  test("module that exports nothing", async () => {
    await expectCliRejects("policy.js", "// forgot the export\nconst policy = {};\n", { code: "no-export", path: "", message: "exports no policy" });
  });

  test("module with only a named export", async () => {
    await expectCliRejects("policy.js", `exports.policy = ${JSON.stringify(base())};\n`, { code: "no-export", path: "", message: 'no default export (it exports "policy")' });
  });

  test("TypeScript module whose definePolicy() rejects the policy", async () => {
    const model = path.join(REPO_ROOT, "src/model").split(path.sep).join("/");
    const input = edit((p) => (p.flows[0]!.to = "crm/crm-apii"));
    const source = `import { definePolicy } from ${JSON.stringify(model)};\nexport default definePolicy(${JSON.stringify(input)} as never);\n`;
    await expectCliRejects("index.ts", source, { code: "unknown-reference", path: "flows[0].to", hint: 'did you mean "crm/crm-api"?' });
  });

  test("module that throws a DiagnosticError from another copy of ztseg keeps its diagnostics", async () => {
    const source = [
      "class DiagnosticError extends Error {",
      "  constructor(diagnostics) { super('x'); this.name = 'DiagnosticError'; this.diagnostics = diagnostics; }",
      "}",
      "throw new DiagnosticError([{ code: 'unknown-reference', severity: 'error', path: 'flows[2].from', message: 'unknown service \"a/b\"' }]);",
    ].join("\n");
    await expectCliRejects("policy.js", source, { code: "unknown-reference", path: "flows[2].from" });
  });

  test("policy path that does not exist", async () => {
    const dir = tempDir();
    const r = await runCli(["validate", "nowhere"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nowhere: no such file or folder");
    expect(r.stderr).toContain("[file-not-found]");
    expect(listTree(dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("every error is reported in one run, not only the first", async () => {
    const input = edit((p) => {
      p.flows[0]!.to = "crm/crm-apii";
      p.zones.web!.namespace = "crm";
      p.externals.partner!.cidrs = [{ cidr: "198.51.100.0/24", except: ["10.0.0.0/8"] }];
    });
    const { diagnostics } = resolvePolicy(input);
    // Schema errors stop before resolution; fix the schema error and both resolution errors appear together.
    expect(diagnostics.map((d) => d.code)).toEqual(["except-outside-cidr"]);
    const fixed = edit((p) => {
      p.flows[0]!.to = "crm/crm-apii";
      p.zones.web!.namespace = "crm";
      p.flows[1]!.ports = ["postgress"];
    });
    expect(resolvePolicy(fixed).diagnostics.map((d) => `${d.code}@${d.path}`).sort()).toEqual(
      ["duplicate-namespace@zones.web.namespace", "unknown-port@flows[1].ports[0]", "unknown-reference@flows[0].to"].sort(),
    );
  });
});
