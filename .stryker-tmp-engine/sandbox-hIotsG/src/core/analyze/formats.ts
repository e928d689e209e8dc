/** Output formats for the connection list. All are sorted and deterministic. */
// @ts-nocheck

import type { Connectivity, Edge, Node } from "./connectivity";

export const OUTPUT_FORMATS = ["txt", "json", "csv", "md", "dot"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

function nodeId(n: Node): string {
  return n.kind === "workload" ? n.id : n.range.id;
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function mdCell(s: string): string {
  return s.replace(/\|/g, "\\|");
}

function dotId(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export function formatConnectivity(c: Connectivity, format: OutputFormat): string {
  const edges: readonly Edge[] = c.edges();
  switch (format) {
    case "txt":
      return c.lines().map((l) => l + "\n").join("");
    case "json":
      return (
        JSON.stringify(
          {
            workloads: c.workloads.map((w) => ({ id: w.id, namespace: w.namespace, name: w.name, kind: w.kind, meshed: w.meshed })),
            connections: edges.map((e) => ({ src: nodeId(e.src), dst: nodeId(e.dst), conn: e.conns.toDisplayString() })),
          },
          null,
          2,
        ) + "\n"
      );
    case "csv":
      return ["src,dst,conn", ...edges.map((e) => [nodeId(e.src), nodeId(e.dst), e.conns.toDisplayString()].map(csvCell).join(","))]
        .map((l) => l + "\n")
        .join("");
    case "md":
      return ["| src | dst | conn |", "|---|---|---|", ...edges.map((e) => `| ${mdCell(nodeId(e.src))} | ${mdCell(nodeId(e.dst))} | ${mdCell(e.conns.toDisplayString())} |`)]
        .map((l) => l + "\n")
        .join("");
    case "dot": {
      const ids = new Set<string>();
      for (const e of edges) {
        ids.add(nodeId(e.src));
        ids.add(nodeId(e.dst));
      }
      for (const w of c.workloads) ids.add(w.id);
      const lines = ["digraph connectivity {", "  rankdir=LR;"];
      for (const id of [...ids].sort()) lines.push(`  ${dotId(id)} [shape=${id.endsWith("[External]") ? "diamond" : "box"}];`);
      for (const e of edges) lines.push(`  ${dotId(nodeId(e.src))} -> ${dotId(nodeId(e.dst))} [label=${dotId(e.conns.toDisplayString())}];`);
      lines.push("}");
      return lines.map((l) => l + "\n").join("");
    }
  }
}
