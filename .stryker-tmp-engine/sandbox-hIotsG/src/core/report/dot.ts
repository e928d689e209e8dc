/**
 * The zone graph as Graphviz DOT: one cluster per trust level, zones and
 * externals as nodes, one edge per zone pair with its ports. Edges a vendor
 * can drive are red; sensitive zones are shaded. Deterministic text.
 */
// @ts-nocheck

import type { TrustLevel } from "../../model";
import type { ReportModel } from "./model";

const q = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

const CLUSTERS: readonly { trust: TrustLevel; label: string; fill: string; pen: string }[] = [
  { trust: "external", label: "Outside: internet and partners", fill: "#f4f5f7", pen: "#aab1bd" },
  { trust: "vendor", label: "Vendors (third parties)", fill: "#fff4e5", pen: "#e8a33d" },
  { trust: "internal", label: "Internal zones", fill: "#eef4fb", pen: "#7aa0c8" },
];

/** At most this many port labels per edge; the rest are counted. */
const MAX_PORT_LABELS = 3;

export function zoneGraphDot(m: ReportModel): string {
  const lines = [
    "digraph zones {",
    '  graph [rankdir=LR, fontname="Helvetica", fontsize=12, nodesep=0.25, ranksep=1.1, bgcolor="transparent", pad=0.2, newrank=true];',
    '  node [fontname="Helvetica", fontsize=11, shape=box, style="rounded,filled", penwidth=1.2];',
    '  edge [fontname="Helvetica", fontsize=9, color="#8a94a6", fontcolor="#4a5568", arrowsize=0.7];',
  ];
  const node = (id: string, label: string, attrs: string) => `    ${q(id)} [label=${q(label)}, ${attrs}];`;
  for (const c of CLUSTERS) {
    const zones = m.zones.filter((z) => z.trust === c.trust);
    const externals = m.externals.filter((e) => e.trust === c.trust);
    if (zones.length + externals.length === 0) continue;
    lines.push(`  subgraph ${q(`cluster_${c.trust}`)} {`, `    label=${q(c.label)}; style="rounded,filled"; fillcolor=${q(c.fill)}; color=${q(c.pen)}; fontsize=13; fontcolor="#2d3748";`);
    for (const z of zones) {
      const data = z.data.length > 0 ? `\n${z.data.join(", ")}` : "";
      const ns = z.namespace !== z.name ? `\nns ${z.namespace}` : "";
      const attrs = z.sensitive ? 'fillcolor="#fde2e1", color="#b42318", penwidth=2.2, fontcolor="#7a271a"' : c.trust === "vendor" ? 'fillcolor="#ffe8c2", color="#c77c12"' : 'fillcolor="#ffffff", color="#5b7fa6"';
      lines.push(node(`zone:${z.name}`, `${z.sensitive ? "SENSITIVE  " : ""}${z.name}${ns}${data}`, attrs));
    }
    for (const e of externals) lines.push(node(`ext:${e.name}`, `${e.name}\n(external)`, 'shape=note, style="filled", fillcolor="#ffffff", color="#8a94a6"'));
    lines.push("  }");
  }
  const zoneNames = new Set(m.zones.map((z) => z.name));
  const id = (g: string) => (zoneNames.has(g) ? `zone:${g}` : `ext:${g}`);
  const known = new Set([...m.zones.map((z) => `zone:${z.name}`), ...m.externals.map((e) => `ext:${e.name}`)]);
  const pairs = new Map<string, { from: string; to: string; ports: Set<string>; vendor: boolean; exception: boolean }>();
  for (const f of m.flows) {
    if (f.fromGroup === f.toGroup) continue;
    const key = `${f.fromGroup}\u0000${f.toGroup}`;
    const cur = pairs.get(key) ?? { from: f.fromGroup, to: f.toGroup, ports: new Set<string>(), vendor: false, exception: false };
    for (const p of f.ports.replace(/ \[.*\]$/, "").split(/[;,] */)) if (p) cur.ports.add(p);
    cur.vendor ||= f.vendorFacing;
    cur.exception ||= f.exception !== undefined;
    pairs.set(key, cur);
  }
  for (const key of [...pairs.keys()].sort()) {
    const p = pairs.get(key)!;
    for (const end of [id(p.from), id(p.to)]) {
      if (known.has(end)) continue;
      known.add(end);
      lines.push(`  ${q(end)} [label=${q(end.replace(/^(zone|ext):/, ""))}, shape=box];`);
    }
    const ports = [...p.ports].sort();
    const label = ports.slice(0, MAX_PORT_LABELS).join("\n") + (ports.length > MAX_PORT_LABELS ? `\n+${ports.length - MAX_PORT_LABELS} more` : "");
    // Only edges a vendor can drive carry their ports in the picture; the flows table has all of them.
    const style = p.vendor ? `label=${q(label)}, color="#d92d20", fontcolor="#b42318", penwidth=2.4` : `tooltip=${q(label)}, color="#a9b4c4"`;
    const dashed = p.exception ? `, style="dashed"` : "";
    lines.push(`  ${q(id(p.from))} -> ${q(id(p.to))} [${style}${dashed}];`);
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}
