/**
 * The auditor's report as one self-contained HTML page: inline CSS, the
 * zone graph as inline SVG (rendered beforehand), no script and no external
 * resource, so it opens offline and prints. Same input, same bytes.
 */
// @ts-nocheck

import { formatPath } from "../verify/render";
import { LAYER_NAMES, type InvariantResult, type Status } from "../verify/report";
import type { ReportModel } from "./model";

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
const h = escapeHtml;

/** The SVG as Graphviz writes it, without the XML prolog and with a fluid width. */
export function inlineSvg(svg: string): string {
  return svg
    .replace(/<\?xml[^>]*\?>\s*/g, "")
    .replace(/<!DOCTYPE[^>]*>\s*/g, "")
    .replace(/<!--[\s\S]*?-->\s*/g, "")
    .replace(/<svg\b([^>]*?)\swidth="[^"]*"\s+height="[^"]*"/, '<svg$1 role="img" aria-label="Zones and allowed flows" class="graph"');
}

const LAYER_HEAD: Readonly<Record<(typeof LAYER_NAMES)[number], string>> = { combined: "All layers", networkpolicy: "NetworkPolicy alone", istio: "Istio alone", guardrails: "Guardrails alone" };

function badge(s: Status | undefined): string {
  if (s === undefined) return `<span class="muted">—</span>`;
  const cls = s === "holds" ? "ok" : s === "fails" ? "bad" : "na";
  return `<span class="badge ${cls}">${s === "not-applicable" ? "n/a" : s}</span>`;
}

function table(head: readonly string[], rows: readonly string[][], cls = ""): string {
  return `<table${cls ? ` class="${cls}"` : ""}><thead><tr>${head.map((x) => `<th>${x}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.join("")}</tr>`).join("\n")}</tbody></table>`;
}
const td = (s: string, cls = "") => `<td${cls ? ` class="${cls}"` : ""}>${s}</td>`;
const code = (s: string) => `<code>${h(s)}</code>`;

function invariantRows(results: readonly InvariantResult[]): string[][] {
  return results.map((r) => {
    const layer = (name: string) => r.layers.find((l) => l.layer === name)?.status;
    const count = r.violations.length + (r.reported.length > 0 ? ` (+${r.reported.length} by exception)` : "");
    return [td(`${code(r.id)}<div class="sub">${h(r.title)}</div>`), td(badge(r.status)), ...LAYER_NAMES.map((l) => td(r.kind === "noPath" ? badge(layer(l)) : `<span class="muted">—</span>`)), td(String(count), "num")];
  });
}

function pathDetails(results: readonly InvariantResult[]): string {
  const blocks = results.flatMap((r) => [
    ...r.violations.filter((v) => v.kind === "path").map((v) => ({ id: r.id, kind: "violation", text: formatPath(v, "") })),
    ...r.reported.map((p) => ({ id: r.id, kind: "allowed by exception", text: formatPath(p, "") })),
  ]);
  if (blocks.length === 0) return "";
  return `<h3>Paths behind the verdicts</h3>${blocks.map((b) => `<details><summary>${code(b.id)}: ${h(b.kind)}</summary><pre>${h(b.text)}</pre></details>`).join("\n")}`;
}

const CSS = `
:root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f7f8fa;--card:#fff;--red:#b42318;--redbg:#fde2e1;--green:#067647;--greenbg:#dcfae6;--amber:#b54708;--amberbg:#fef0c7;--blue:#1d4f91}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
header{background:#102a43;color:#fff;padding:28px 40px 24px}
header h1{margin:0 0 4px;font-size:24px;font-weight:600}
header p{margin:0;color:#bcccdc}
.meta{display:grid;grid-template-columns:repeat(4,auto);gap:6px 28px;margin-top:16px;font-size:13px;justify-content:start}
.meta dt{color:#9fb3c8;text-transform:uppercase;font-size:11px;letter-spacing:.06em}
.meta dd{margin:0;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
main{padding:24px 40px 48px;max-width:1600px}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:20px 24px;margin:0 0 20px}
h2{font-size:17px;margin:0 0 12px;color:#102a43}
h3{font-size:14px;margin:18px 0 8px}
.cards{display:grid;grid-template-columns:repeat(5,1fr);gap:14px;margin-bottom:20px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 18px}
.card .n{font-size:26px;font-weight:600}
.card .l{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.05em}
.card.bad{border-color:#f4b8b3;background:#fff6f5}.card.ok{border-color:#a6e9c1;background:#f6fef9}
table{border-collapse:collapse;width:100%;font-size:13px}
th{text-align:left;font-weight:600;color:#374151;background:#f3f4f6;border-bottom:1px solid var(--line);padding:7px 10px;white-space:nowrap}
td{border-bottom:1px solid var(--line);padding:6px 10px;vertical-align:top}
tr.vendor td{background:#fff5f4}
td.num{text-align:right;font-variant-numeric:tabular-nums}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;background:#f3f4f6;border-radius:4px;padding:1px 5px}
pre{background:#0f172a;color:#e2e8f0;padding:12px 14px;border-radius:8px;overflow:auto;font-size:12px}
.sub{color:var(--muted);font-size:12px}
.muted{color:var(--muted)}
.badge{display:inline-block;border-radius:999px;padding:1px 9px;font-size:12px;font-weight:600}
.badge.ok{background:var(--greenbg);color:var(--green)}.badge.bad{background:var(--redbg);color:var(--red)}.badge.na{background:#eef2f6;color:var(--muted)}
.badge.vendor{background:var(--amberbg);color:var(--amber)}.badge.sens{background:var(--redbg);color:var(--red)}.badge.trust{background:#e0ecfb;color:var(--blue)}
.graphbox{overflow:auto;border:1px solid var(--line);border-radius:8px;background:#fff;padding:8px}
svg.graph{display:block;width:100%;height:auto;min-width:900px}
.legend{display:flex;gap:22px;flex-wrap:wrap;font-size:12px;color:var(--muted);margin-top:10px}
.legend span::before{content:"";display:inline-block;width:22px;height:0;border-top:3px solid #8a94a6;vertical-align:middle;margin-right:6px}
.legend .red::before{border-color:#d92d20}.legend .dash::before{border-top-style:dashed}
.legend .sens::before{height:12px;border:2px solid #b42318;background:#fde2e1;width:16px;border-radius:3px}
details summary{cursor:pointer;margin:6px 0}
footer{color:var(--muted);font-size:12px;padding:0 40px 32px}
@media print{body{background:#fff}section{break-inside:avoid}}
`;

export function reportHtml(m: ReportModel, svg: string): string {
  const r = m.report;
  const holding = r.invariants.filter((i) => i.status !== "fails").length;
  const sensitive = m.zones.filter((z) => z.sensitive).length;
  const vendorFlows = m.flows.filter((f) => f.vendorFacing).length;
  const rev = m.revision ? `${m.revision.commit.slice(0, 12)}${m.revision.dirty ? " (uncommitted changes)" : ""}` : "not in version control";
  const trustBadge = (t: string) => `<span class="badge ${t === "vendor" ? "vendor" : "trust"}">${h(t)}</span>`;
  const cards = [
    ["zones", `${m.zones.length}`, `${sensitive} sensitive`, ""],
    ["services", `${m.services.length}`, `${m.externals.length} externals`, ""],
    ["flows", `${m.flows.length}`, `${vendorFlows} vendor-facing`, ""],
    ["exceptions", `${m.exceptions.length}`, "declared, time-boxed", ""],
    ["invariants", `${holding}/${r.invariants.length}`, r.holds ? "all hold" : "some fail", r.holds ? "ok" : "bad"],
  ]
    .map(([l, n, s, cls]) => `<div class="card ${cls}"><div class="l">${l}</div><div class="n">${n}</div><div class="sub">${s}</div></div>`)
    .join("");
  const exceptions =
    m.exceptions.length === 0
      ? `<p class="muted">No declared exceptions.</p>`
      : table(
          ["Exception", "Flow", "Ports", "Owner", "Ticket", "Expires", "Justification"],
          m.exceptions.map((e) => [td(code(e.id)), td(`${h(e.from)} → ${h(e.to)}`), td(h(e.ports)), td(h(e.owner)), td(h(e.ticket)), td(h(e.expires)), td(h(e.justification))]),
        );
  const zones = table(
    ["Zone", "Namespace", "Trust", "Data classes", "Vendor", "Description"],
    m.zones.map((z) => [
      td(`<strong>${h(z.name)}</strong>`),
      td(code(z.namespace)),
      td(trustBadge(z.trust)),
      td(`${z.sensitive ? `<span class="badge sens">sensitive</span> ` : ""}${h(z.data.join(", "))}`),
      td(h(z.vendor ?? "")),
      td(h(z.description ?? ""), "sub"),
    ]),
  );
  const flows = table(
    ["From", "To", "Ports and HTTP rules", "Vendor-facing", "Exception"],
    m.flows.map((f) => [td(h(f.from)), td(h(f.to)), td(h(f.ports)), td(f.vendorFacing ? `<span class="badge bad">yes</span>` : ""), td(f.exception !== undefined ? code(f.exception) : "")]),
  ).replace(/<tr>(?=<td>[^<]*<\/td><td>[^<]*<\/td><td>[^<]*<\/td><td><span class="badge bad">)/g, '<tr class="vendor">');
  const vendors =
    m.vendors.vendors.length === 0
      ? `<p class="muted">No third parties declared.</p>`
      : table(
          ["Vendor", "Owner", "Contract", "Zones", "Address sets", "Reaches directly", "In reach (max depth)", "Exceptions", "Sensitive in reach"],
          m.vendors.vendors.map((v) => [
            td(`<strong>${h(v.id)}</strong>${v.quarantined ? ` <span class="badge bad">quarantined</span>` : ""}${v.name !== undefined ? `<div class="sub">${h(v.name)}</div>` : ""}`),
            td(h(v.owner ?? "")),
            td(h(v.contract ?? "")),
            td(h(v.zones.map((z) => z.name).join(", "))),
            td(h(v.addressSets.map((a) => `${a.name} (${a.cidrs.join(", ")})`).join("; ")), "sub"),
            td(h(v.direct.map((d) => `${d.name} ${d.connections}`).join("; ")), "sub"),
            td(`${v.reach.length} (${v.reach.reduce((n, r) => Math.max(n, r.depth), 0)})`, "num"),
            td(h(v.exceptions.map((x) => `${x.id} (expires ${x.expires})`).join(", "))),
            td(v.sensitiveInReach.length === 0 ? `<span class="badge ok">none</span>` : `<span class="badge bad">${h(v.sensitiveInReach.map((r) => r.name).join(", "))}</span>`),
          ]),
        );
  const services = table(["Service", "Zone", "Ports", "Identity"], m.services.map((s) => [td(h(s.id)), td(h(s.zone)), td(h(s.ports)), td(code(s.identity))]));
  const externals = table(["External", "Trust", "Addresses", "Vendor"], m.externals.map((e) => [td(h(e.name)), td(trustBadge(e.trust)), td(h(e.cidrs), "sub"), td(h(e.vendor ?? ""))]));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>ztseg report: ${h(m.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Segmentation report: ${h(m.title)}</h1>
<p>${h(m.subject)}: zones, allowed flows, exceptions and the invariants proven on the compiled manifests.</p>
<dl class="meta">
<div><dt>Policy revision</dt><dd>${h(rev)}</dd></div>
<div><dt>Generated</dt><dd>${h(m.generated)}</dd></div>
<div><dt>Objects</dt><dd>${m.objects}</dd></div>
<div><dt>Manifest digest (sha256)</dt><dd id="digest">${h(m.digest)}</dd></div>
</dl>
</header>
<main>
<div class="cards">${cards}</div>
<section id="graph"><h2>Zones and allowed flows</h2>
<div class="graphbox">${inlineSvg(svg)}</div>
<div class="legend"><span class="red">a vendor can drive it (starts at a vendor or at something a vendor reaches)</span><span>other allowed flow</span><span class="dash">declared exception</span><span class="sens">sensitive zone</span></div>
</section>
<section id="invariants"><h2>Invariants, per enforcement layer</h2>
${table(["Invariant", "Verdict", ...LAYER_NAMES.map((l) => LAYER_HEAD[l]), "Violations"], invariantRows(r.invariants))}
${pathDetails(r.invariants)}
</section>
<section id="exceptions"><h2>Exceptions</h2>${exceptions}</section>
<section id="vendors"><h2>Vendors</h2><p class="sub">Every third party, what it can open connections to (directly, and over any number of hops through the cluster) and whether a sensitive zone is within reach.</p>${vendors}</section>
<section id="zones"><h2>Zones</h2>${zones}</section>
<section id="flows"><h2>Flows</h2>${flows}</section>
<section id="services"><h2>Services</h2>${services}</section>
<section id="externals"><h2>External endpoints</h2>${externals}</section>
</main>
<footer>Generated by ztseg on ${h(m.generated)} from ${h(m.subject)}. This page is self-contained: it loads nothing and runs no script.</footer>
</body>
</html>
`;
}
