/** The vendor inventory as text (terminal), Markdown (reviews, audits) and JSON (machines). */
// @ts-nocheck

import type { DirectReach, TransitiveReach, VendorEntry, VendorInventory } from "./inventory";

export const INVENTORY_FORMATS = ["text", "md", "json"] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function headline(inv: VendorInventory): string {
  const exposed = inv.vendors.filter((v) => v.sensitiveInReach.length > 0).length;
  return inv.holds
    ? `${plural(inv.vendors.length, "vendor")}; no sensitive zone is within reach of any of them`
    : `${plural(inv.vendors.length, "vendor")}; ${plural(exposed, "vendor reaches", "vendors reach")} a sensitive zone`;
}

function title(v: VendorEntry): string {
  return `${v.id}${v.name !== undefined ? ` (${v.name})` : ""}${v.quarantined ? " [QUARANTINED]" : ""}`;
}

const reachText = (r: TransitiveReach) => `${r.name}${r.sensitive ? " [SENSITIVE]" : ""}`;
const directText = (d: DirectReach) => `${d.name}${d.sensitive ? " [SENSITIVE]" : ""}: ${d.connections} (from ${d.from.join(", ")})`;

export function inventoryText(inv: VendorInventory): string {
  const lines: string[] = [`vendor inventory of ${inv.subject}: ${headline(inv)}`, ""];
  for (const v of inv.vendors) {
    lines.push(title(v));
    if (v.owner !== undefined || v.contract !== undefined) lines.push(`  owner: ${v.owner ?? "-"}   contract: ${v.contract ?? "-"}`);
    lines.push(`  zones: ${v.zones.length > 0 ? v.zones.map((z) => `${z.name} (namespace ${z.namespace})`).join(", ") : "none"}`);
    lines.push(`  address sets: ${v.addressSets.length > 0 ? v.addressSets.map((a) => `${a.name} (${a.cidrs.join(", ")})`).join("; ") : "none"}`);
    lines.push(`  direct (${v.direct.length}):`);
    for (const d of v.direct) lines.push(`    ${directText(d)}`);
    const further = v.reach.filter((r) => r.depth > 1);
    lines.push(`  transitive (${v.reach.length} in reach, ${further.length} beyond one hop):`);
    for (const r of further) lines.push(`    depth ${r.depth}: ${reachText(r)} via ${r.path.join(" -> ")}`);
    lines.push(`  exceptions: ${v.exceptions.length > 0 ? "" : "none"}`);
    for (const x of v.exceptions) lines.push(`    ${x.id}: ${x.from} -> ${x.to} ${x.ports} (owner ${x.owner}, ticket ${x.ticket}, expires ${x.expires})`);
    lines.push(
      v.sensitiveInReach.length === 0
        ? "  sensitive zones in reach: none"
        : `  SENSITIVE ZONES IN REACH (${v.sensitiveInReach.length}):\n${v.sensitiveInReach.map((r) => `    depth ${r.depth}: ${r.name} via ${r.path.join(" -> ")}`).join("\n")}`,
    );
    lines.push("");
  }
  return lines.join("\n");
}

const mdCell = (s: string) => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\n/g, " ");

export function inventoryMarkdown(inv: VendorInventory): string {
  const out: string[] = [`## Vendor inventory: ${mdCell(inv.subject)}`, "", `${inv.holds ? "✅" : "❌"} ${headline(inv)}.`, ""];
  out.push("| Vendor | Owner | Contract | Zones | Address sets | Direct | In reach (max depth) | Exceptions | Sensitive in reach |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const v of inv.vendors) {
    const maxDepth = v.reach.reduce((m, r) => Math.max(m, r.depth), 0);
    out.push(
      `| ${mdCell(title(v))} | ${mdCell(v.owner ?? "")} | ${mdCell(v.contract ?? "")} | ${mdCell(v.zones.map((z) => z.name).join(", "))} | ${mdCell(v.addressSets.map((a) => a.name).join(", "))} | ${v.direct.length} | ${v.reach.length} (${maxDepth}) | ${v.exceptions.length} | ${v.sensitiveInReach.length === 0 ? "none" : `**${v.sensitiveInReach.map((r) => mdCell(r.name)).join(", ")}**`} |`,
    );
  }
  for (const v of inv.vendors) {
    out.push("", `### ${mdCell(title(v))}`, "");
    if (v.description !== undefined) out.push(mdCell(v.description), "");
    out.push("| Reaches | Depth | Connections (direct) | Path |", "| --- | --- | --- | --- |");
    const direct = new Map(v.direct.map((d) => [d.name, d]));
    for (const r of v.reach) out.push(`| ${mdCell(r.name)}${r.sensitive ? " **sensitive**" : ""} | ${r.depth} | ${mdCell(direct.get(r.name)?.connections ?? "")} | ${mdCell(r.path.join(" → "))} |`);
    if (v.reach.length === 0) out.push("| nothing | | | |");
    if (v.exceptions.length > 0) {
      out.push("", "| Exception | Flow | Ports | Owner | Ticket | Expires |", "| --- | --- | --- | --- | --- | --- |");
      for (const x of v.exceptions) out.push(`| ${mdCell(x.id)} | ${mdCell(`${x.from} → ${x.to}`)} | ${mdCell(x.ports)} | ${mdCell(x.owner)} | ${mdCell(x.ticket)} | ${x.expires} |`);
    }
  }
  return out.join("\n") + "\n";
}

export function inventoryJson(inv: VendorInventory): string {
  return JSON.stringify(inv, null, 2) + "\n";
}

export function renderInventory(inv: VendorInventory, format: InventoryFormat): string {
  return format === "json" ? inventoryJson(inv) : format === "md" ? inventoryMarkdown(inv) : inventoryText(inv);
}
