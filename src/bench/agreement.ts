/**
 * Agreement of the fast analyzer with the brute-force reference evaluator
 * on a generated cluster: a seeded sample of workload pairs plus every
 * planted chain hop and decoy, each asked on every (protocol, port) the
 * cluster mentions (policy ports, range edges and their neighbours, declared
 * container ports) plus one port nothing mentions.
 */
import { analyze, buildCluster, type ManifestDoc } from "../core/analyze";
import { prepareReference } from "../core/reference";
import type { GeneratedCluster, Protocol } from "./generate";
import { round } from "./measure";
import { derive, mulberry32 } from "./random";

export interface Agreement {
  readonly agree: boolean;
  readonly pairs: number;
  readonly queries: number;
  readonly allowedAnswers: number;
  readonly mismatches: readonly string[];
  /** Building the fast engine's cluster, analyze, and answering every query. */
  readonly fastMs: number;
  /** Reading the objects and answering every query by brute force. */
  readonly referenceMs: number;
  /** referenceMs / fastMs. */
  readonly speedRatio: number;
}

type PortQuery = readonly [Protocol, number];

function mentionedPorts(objects: GeneratedCluster["objects"]): PortQuery[] {
  const seen = new Map<string, PortQuery>();
  const add = (protocol: Protocol, port: number) => {
    if (port >= 1 && port <= 65535) seen.set(`${protocol}/${port}`, [protocol, port]);
  };
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (typeof v !== "object" || v === null) return;
    const o = v as Record<string, unknown>;
    const protocol = (typeof o.protocol === "string" ? o.protocol : "TCP") as Protocol;
    for (const key of ["port", "containerPort", "endPort"]) {
      const n = o[key];
      if (typeof n === "number") for (const d of [-1, 0, 1]) add(protocol, n + d);
    }
    Object.values(o).forEach(visit);
  };
  for (const o of objects) if (o.kind === "NetworkPolicy" || o.kind === "Pod") visit(o.spec);
  add("TCP", 1);
  return [...seen.values()].sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1));
}

export function checkAgreement(gen: GeneratedCluster, docs: readonly ManifestDoc[], seed: number, samplePairs = 150): Agreement {
  const rng = mulberry32(derive(seed, "agreement"));
  const ports = mentionedPorts(gen.objects);
  const t0 = process.hrtime.bigint();
  const conn = analyze(buildCluster([...docs]).cluster);
  const ids = conn.workloads.map((w) => w.id);
  const pairs = new Map<string, readonly [string, string]>();
  const byNamespace = new Map<string, string[]>();
  for (const w of conn.workloads) byNamespace.set(w.namespace, [...(byNamespace.get(w.namespace) ?? []), w.id]);
  for (let i = 0; i < samplePairs; i++) {
    const a = rng.pick(ids);
    // Half the pairs share a namespace, where most allowed connections are.
    const b = i % 2 === 0 ? rng.pick(ids) : rng.pick(byNamespace.get(a.split("/")[0]!) ?? ids);
    pairs.set(`${a} ${b}`, [a, b]);
  }
  for (const c of gen.planted.chains) for (const h of c.connections) pairs.set(`${h.from} ${h.to}`, [h.from, h.to]);
  for (const d of gen.planted.decoys) pairs.set(`${d.from} ${d.to}`, [d.from, d.to]);
  const list = [...pairs.values()];
  const w = (id: string) => ({ kind: "workload" as const, id });
  const fast: boolean[] = [];
  for (const [a, b] of list) for (const [p, n] of ports) fast.push(conn.allows(w(a), w(b), p, n));
  const fastMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const t1 = process.hrtime.bigint();
  const ref = prepareReference(gen.objects);
  const slow: boolean[] = [];
  for (const [a, b] of list) for (const [p, n] of ports) slow.push(ref.allows(w(a), w(b), p, n));
  const referenceMs = Number(process.hrtime.bigint() - t1) / 1e6;
  const mismatches: string[] = [];
  let k = 0;
  for (const [a, b] of list) {
    for (const [p, n] of ports) {
      if (fast[k] !== slow[k] && mismatches.length < 20) mismatches.push(`${a} -> ${b} ${p}/${n}: fast ${String(fast[k])}, reference ${String(slow[k])}`);
      k++;
    }
  }
  return {
    agree: fast.every((v, i) => v === slow[i]),
    pairs: list.length,
    queries: fast.length,
    allowedAnswers: slow.filter(Boolean).length,
    mismatches,
    fastMs: round(fastMs),
    referenceMs: round(referenceMs),
    speedRatio: round(referenceMs / fastMs, 1),
  };
}
