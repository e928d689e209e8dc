/**
 * The reader takes container ports that need no diagnostic by a short path
 * (no path strings, no sort scratch). This checks, on random port lists with
 * valid and invalid fields, that what it reads and reports is exactly what a
 * field-by-field model of the rules says: the named ports in (name, protocol,
 * port) order, and one error per bad field, at its path, in field order.
 */
import fc from "fast-check";
import { buildCluster, type ManifestDoc } from "../../src/core/analyze";

const PORTS = [80, 1, 65535, 0, 65536, 8.5, "8080", "80x", null, undefined, -1];
const NAMES = ["http", "metrics", "grpc", "a1", "", null, undefined, 5, true, { x: 1 }];
const PROTOCOLS = [undefined, null, "TCP", "UDP", "SCTP", "tcp", 6];

interface Expected {
  readonly namedPorts: { name: string; port: number; protocol: string }[];
  readonly errors: string[];
}

/** The rules, one field at a time, as docs/semantics.md states them for Pod container ports. */
function model(containers: readonly (readonly Record<string, unknown>[])[]): Expected {
  const namedPorts: Expected["namedPorts"] = [];
  const errors: string[] = [];
  containers.forEach((ports, ci) =>
    ports.forEach((p, pi) => {
      const at = `Pod p.spec.containers[${ci}].ports[${pi}]`;
      const rawPort = p["containerPort"];
      const n = typeof rawPort === "string" && /^\d+$/.test(rawPort) ? Number(rawPort) : rawPort;
      let port: number | undefined;
      if (rawPort !== undefined && rawPort !== null) {
        if (typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 65535) port = n;
        else errors.push(`${at}.containerPort`);
      }
      const rawName = p["name"];
      let name: string | undefined;
      if (typeof rawName === "string") name = rawName;
      else if (typeof rawName === "number" || typeof rawName === "boolean") name = String(rawName);
      else if (rawName !== undefined && rawName !== null) errors.push(`${at}.name`);
      const rawProtocol = p["protocol"];
      let protocol = "TCP";
      if (rawProtocol === "UDP" || rawProtocol === "SCTP") protocol = rawProtocol;
      else if (rawProtocol !== undefined && rawProtocol !== null && rawProtocol !== "TCP") errors.push(`${at}.protocol`);
      if (port !== undefined && name !== undefined && name !== "") namedPorts.push({ name, port, protocol });
    }),
  );
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  namedPorts.sort((a, b) => cmp(a.name, b.name) || cmp(a.protocol, b.protocol) || a.port - b.port);
  return { namedPorts, errors };
}

const portEntry = fc.record(
  { containerPort: fc.constantFrom(...PORTS), name: fc.constantFrom(...NAMES), protocol: fc.constantFrom(...PROTOCOLS) },
  { requiredKeys: [] },
);

describe("container ports: the short path reads what the checked reading reads", () => {
  it("matches the field-by-field model on random port lists", () => {
    fc.assert(
      fc.property(fc.array(fc.array(portEntry, { maxLength: 20 }), { minLength: 1, maxLength: 3 }), (containers) => {
        const pod = {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: "p", namespace: "ns" },
          spec: { containers: containers.map((ports, i) => ({ name: `c${i}`, ports })) },
        };
        const docs: ManifestDoc[] = [{ file: "f.yaml", index: 0, object: pod }];
        const built = buildCluster(docs);
        const expected = model(containers);
        expect(built.cluster.workloads[0]!.pods[0]!.namedPorts).toEqual(expected.namedPorts);
        expect(built.diagnostics.map((d) => d.path)).toEqual(expected.errors);
      }),
      { numRuns: 400 },
    );
  });

  it("orders more than a handful of named ports like a few (the two sorts agree)", () => {
    const names = Array.from({ length: 40 }, (_, i) => `p${(i * 7) % 40}`);
    const ports = names.map((name, i) => ({ name, containerPort: 1000 + ((i * 13) % 40), protocol: i % 3 === 0 ? "UDP" : "TCP" }));
    for (const count of [2, 3, 16, 17, 40]) {
      const list = ports.slice(0, count);
      const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "ns" }, spec: { containers: [{ name: "c", ports: list }] } };
      const got = buildCluster([{ file: "f.yaml", index: 0, object: pod }]).cluster.workloads[0]!.pods[0]!.namedPorts;
      expect(got).toEqual(model([list]).namedPorts);
    }
  });
});
