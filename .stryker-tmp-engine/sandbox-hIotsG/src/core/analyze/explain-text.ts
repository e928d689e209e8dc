/** Renders an Explanation as plain lines for the terminal and reports. */
// @ts-nocheck

import type { Explanation } from "./connectivity";
import type { ConnSet } from "./connset";
import type { IstioTrace, SideTrace } from "./engine";
import type { PolicyRef } from "./model";
import type { Protocol } from "./connset";

function ref(p: PolicyRef): string {
  return `${p.kind} ${p.namespace !== undefined && !p.kind.startsWith("Admin") && !p.kind.startsWith("Baseline") ? `${p.namespace}/` : ""}${p.name}`;
}

function cs(c: ConnSet): string {
  return c.toDisplayString();
}

type Query = { protocol: Protocol; port: number };

/** Which tier decided the queried connection on one side, in words. */
function decidedBy(side: SideTrace, q: Query): string {
  const what = `${q.port}/${q.protocol}`;
  for (const t of side.tiers) {
    if (!t.enabled) continue;
    const hit = t.hits.find((h) => h.decided.has(q.protocol, q.port));
    if (t.tier === "NetworkPolicy") {
      if (!t.selects) continue;
      return hit
        ? `${what} allowed by ${ref(hit.policy)} ${hit.rule}`
        : `${what} denied: NetworkPolicy isolates this pod for ${side.direction} and no rule admits this peer on ${what}`;
    }
    if (hit && hit.action !== "Pass") return `${what} ${hit.action === "Allow" ? "allowed" : "denied"} by ${ref(hit.policy)} ${hit.rule}`;
  }
  return `${what} allowed: no policy decides it`;
}

function sideLines(side: SideTrace, subject: string, q?: Query): string[] {
  const out = [`  ${side.direction} of ${subject}: ${cs(side.allowed)}${q ? `; ${decidedBy(side, q)}` : ""}`];
  for (const t of side.tiers) {
    if (!t.enabled) {
      out.push(`    ${t.tier}: layer not counted (allows everything)`);
      continue;
    }
    if (t.tier === "NetworkPolicy") {
      if (!t.selects) out.push(`    NetworkPolicy: no policy selects this pod for ${side.direction}; not isolated`);
      else if (t.hits.length === 0) out.push(`    NetworkPolicy: isolated for ${side.direction}, and no rule admits this peer: denied`);
      else out.push(...t.hits.map((h) => `    NetworkPolicy: allowed ${cs(h.decided)} by ${ref(h.policy)} ${h.rule}`));
      continue;
    }
    if (!t.selects) {
      out.push(`    ${t.tier}: no policy selects this pod`);
      continue;
    }
    if (t.hits.length === 0) out.push(`    ${t.tier}: no rule matches this peer`);
    for (const h of t.hits) out.push(`    ${t.tier}: ${h.action} ${cs(h.decided)} by ${ref(h.policy)} ${h.rule}`);
  }
  return out;
}

function istioLines(t: IstioTrace): string[] {
  if (!t.enabled) return ["  Istio: layer not counted"];
  if (!t.meshed) return ["  Istio: destination has no sidecar; not enforced"];
  const out = [`  Istio (TCP only): ${cs(t.allowed)}`];
  for (const m of t.modes)
    out.push(`    mTLS ${m.mode} on ${cs(m.ports)}: caller is ${m.caller}${m.refused ? ", refused (STRICT needs mTLS)" : ""}`);
  if (!t.allowPoliciesApply) out.push("    no ALLOW policy applies to the destination");
  else if (!t.hits.some((h) => h.action === "ALLOW")) out.push("    ALLOW policies apply and none admits this caller: denied");
  for (const h of t.hits) out.push(`    ${h.action} ${cs(h.ports)} by ${ref(h.policy)} rules[${h.rule}]`);
  return out;
}

export function explanationText(e: Explanation): string[] {
  const head = e.query
    ? `${e.src} -> ${e.dst} ${e.query.port}/${e.query.protocol}: ${e.verdict ? "ALLOWED" : "DENIED"}`
    : `${e.src} -> ${e.dst}: ${cs(e.allowed)}`;
  const out = [head];
  if (e.parts.length === 0) out.push("  external to external traffic is not analysed");
  for (const p of e.parts) {
    if (e.parts.length > 1) out.push(` ${p.srcPods} -> ${p.dstPods}: ${cs(p.allowed)}`);
    if (p.egress) out.push(...sideLines(p.egress, e.src, e.query));
    else out.push(`  egress: ${e.src} is outside the cluster; no policy restricts it`);
    if (p.ingress) out.push(...sideLines(p.ingress, e.dst, e.query));
    else out.push(`  ingress: ${e.dst} is outside the cluster; no policy restricts it`);
    if (p.istio) out.push(...istioLines(p.istio));
  }
  if (e.query) out.push(`  result: ${e.query.port}/${e.query.protocol} is ${e.verdict ? "allowed" : "denied"}; all allowed: ${cs(e.allowed)}`);
  return out;
}
