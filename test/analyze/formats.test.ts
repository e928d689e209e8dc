/**
 * The connection list in every output format, byte for byte, on a cluster
 * whose names need escaping in CSV (a comma), Markdown (a pipe) and DOT
 * (a quote and a backslash are impossible in Kubernetes names, but the
 * connection text and range ids go through the same escaping).
 */
import { analyze, buildCluster, formatConnectivity } from "../../src/core/analyze";

const objects = [
  { apiVersion: "v1", kind: "Namespace", metadata: { name: "a" } },
  { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "a", labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "i" }] } },
  { apiVersion: "v1", kind: "Pod", metadata: { name: "db", namespace: "a", labels: { app: "db" } }, spec: { containers: [{ name: "c", image: "i" }] } },
  {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "db", namespace: "a" },
    spec: { podSelector: { matchLabels: { app: "db" } }, policyTypes: ["Ingress", "Egress"], ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }], ports: [{ port: 5432 }, { port: 6432, protocol: "TCP" }] }] },
  },
  {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "web", namespace: "a" },
    spec: { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Ingress", "Egress"], egress: [{ to: [{ podSelector: {} }] }, { to: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ port: 443 }] }] },
  },
];
const conn = analyze(buildCluster(objects.map((object, index) => ({ file: "f.yaml", index, object }))).cluster);

test("txt", () => {
  expect(formatConnectivity(conn, "txt")).toBe(["a/web[Pod] => 10.0.0.0-10.255.255.255[External] : TCP 443", "a/web[Pod] => a/db[Pod] : TCP 5432,6432", ""].join("\n"));
});

test("csv quotes cells with commas", () => {
  expect(formatConnectivity(conn, "csv")).toBe(["src,dst,conn", 'a/web[Pod],10.0.0.0-10.255.255.255[External],TCP 443', 'a/web[Pod],a/db[Pod],"TCP 5432,6432"', ""].join("\n"));
});

test("md", () => {
  expect(formatConnectivity(conn, "md")).toBe(
    ["| src | dst | conn |", "|---|---|---|", "| a/web[Pod] | 10.0.0.0-10.255.255.255[External] | TCP 443 |", "| a/web[Pod] | a/db[Pod] | TCP 5432,6432 |", ""].join("\n"),
  );
});

test("dot: every node once, ranges as diamonds, sorted", () => {
  expect(formatConnectivity(conn, "dot")).toBe(
    [
      "digraph connectivity {",
      "  rankdir=LR;",
      '  "10.0.0.0-10.255.255.255[External]" [shape=diamond];',
      '  "a/db[Pod]" [shape=box];',
      '  "a/web[Pod]" [shape=box];',
      '  "a/web[Pod]" -> "10.0.0.0-10.255.255.255[External]" [label="TCP 443"];',
      '  "a/web[Pod]" -> "a/db[Pod]" [label="TCP 5432,6432"];',
      "}",
      "",
    ].join("\n"),
  );
});

test("json", () => {
  expect(JSON.parse(formatConnectivity(conn, "json"))).toEqual({
    // Workloads in id order.
    workloads: [
      { id: "a/db[Pod]", namespace: "a", name: "db", kind: "Pod", meshed: false },
      { id: "a/web[Pod]", namespace: "a", name: "web", kind: "Pod", meshed: false },
    ],
    connections: [
      { src: "a/web[Pod]", dst: "10.0.0.0-10.255.255.255[External]", conn: "TCP 443" },
      { src: "a/web[Pod]", dst: "a/db[Pod]", conn: "TCP 5432,6432" },
    ],
  });
  expect(formatConnectivity(conn, "json").endsWith("}\n")).toBe(true);
});
