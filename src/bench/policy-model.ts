/**
 * A policy-language model the size of a generated cluster, for measuring the
 * compiler: one zone per namespace, one service per workload, and flows in
 * the same shape as the generated NetworkPolicies. Pure and seeded.
 *
 * Vendor flows end at internal integration services whose only outgoing
 * flows go to external partner ranges, so the model satisfies its own noPath
 * invariant and the compiler emits everything instead of refusing.
 */
import type { PolicyInput } from "../model";
import { derive, mulberry32 } from "./random";
import type { SizeParams } from "./generate";

type FlowInput = NonNullable<PolicyInput["flows"]>[number];
type ServiceInput = NonNullable<PolicyInput["services"]>[string];
type ZoneInput = PolicyInput["zones"][string];

const VENDORS = ["fieldops", "callcenter", "martech", "smsagg", "mailer", "netops"] as const;
const TEAMS = ["billing", "care", "network", "provisioning", "analytics", "portal", "messaging", "identity", "charging"] as const;

export function generatePolicyInput(params: SizeParams, seed: number): PolicyInput {
  const rng = mulberry32(derive(seed, "policy-model"));
  const zones: Record<string, ZoneInput> = {};
  const services: Record<string, ServiceInput> = {};
  const flows: FlowInput[] = [];
  const internal: string[] = [];
  const sensitive: string[] = [];
  const vendorZones: string[] = [];
  const W = params.workloadsPerNamespace;
  for (let i = 0; i < params.namespaces; i++) {
    let name: string;
    if (i < params.sensitiveNamespaces) {
      name = `${i % 2 === 0 ? "crm" : "subscriber-data"}-${i}`;
      zones[name] = { namespace: name, trust: "internal", data: [i % 2 === 0 ? "crm" : "subscriber"], labels: { team: i % 2 === 0 ? "crm" : "subscriber" } };
      sensitive.push(name);
    } else if (i < params.sensitiveNamespaces + params.vendorNamespaces) {
      const vendor = VENDORS[i % VENDORS.length]!;
      name = `vendor-${vendor}-${i}`;
      zones[name] = { namespace: name, trust: "vendor", vendor, labels: { team: vendor } };
      vendorZones.push(name);
    } else {
      const team = rng.pick(TEAMS);
      const env = rng.pick(["prod", "staging", "dev"] as const);
      name = `${team}-${env}-${i}`;
      zones[name] = { namespace: name, trust: "internal", labels: { team, env } };
      internal.push(name);
    }
    for (let j = 0; j < W; j++) {
      const svc = j === W - 1 ? "integration" : j === 0 ? "gateway" : j === 1 ? "api" : j === 2 ? "store" : `svc-${j}`;
      const ports: NonNullable<ServiceInput["ports"]> = { http: { port: rng.pick([8080, 8081, 8443]) }, grpc: { port: 9090 }, metrics: { port: 9102 } };
      if (svc === "store") ports.pg = { port: 5432 };
      if (svc === "integration") {
        ports.diameter = { port: 3868, protocol: "SCTP" };
        ports.sip = { port: 5060, protocol: "UDP" };
      }
      services[`${name}/${svc}`] = { labels: { app: svc, tier: svc === "gateway" ? "web" : "api" }, ports };
    }
    flows.push({ from: `${name}/gateway`, to: `${name}/api`, ports: ["grpc"], ...(i % 3 === 0 ? { http: { methods: ["GET", "POST"] } } : {}) });
    flows.push({ from: `${name}/api`, to: `${name}/store`, ports: ["pg"] });
    for (let j = 3; j < W - 1; j++) flows.push({ from: `${name}/svc-${j}`, to: `${name}/api`, ports: ["grpc", "http"] });
    flows.push({ from: `${name}/integration`, to: `partner-${i % Math.min(16, params.namespaces)}`, ports: ["https", "diameter"] });
  }
  // Cross-namespace flows: internal gateways in a ring, internal apis into sensitive integrations, vendors into internal integrations.
  internal.forEach((z, k) => {
    const next = internal[(k + 1) % internal.length]!;
    if (next !== z) flows.push({ from: `${z}/gateway`, to: `${next}/gateway`, ports: ["http"] });
    if (sensitive.length > 0) flows.push({ from: `${z}/api`, to: `${sensitive[k % sensitive.length]!}/integration`, ports: ["http", "diameter"] });
  });
  vendorZones.forEach((z, k) => {
    if (internal.length > 0) flows.push({ from: `${z}/integration`, to: `${internal[(k * 7) % internal.length]!}/integration`, ports: ["http"] });
  });
  const externals: NonNullable<PolicyInput["externals"]> = {};
  for (let p = 0; p < Math.min(16, params.namespaces); p++) {
    externals[`partner-${p}`] = {
      cidrs: [{ cidr: `198.51.100.${p * 16}/28`, except: [`198.51.100.${p * 16 + 8}/29`] }, `2001:db8:${p.toString(16)}::/48`],
      trust: "external",
      ports: { https: { port: 443 }, diameter: { port: 3868, protocol: "SCTP" } },
    };
  }
  return {
    name: "bench",
    dataClasses: { crm: { sensitive: true }, subscriber: { sensitive: true } },
    zones,
    vendors: Object.fromEntries(VENDORS.map((v) => [v, { name: `${v} Ltd`, owner: "integrations@operator.example" }])),
    services,
    externals,
    flows,
    invariants: [
      { kind: "noPath", from: { trust: ["vendor", "external"] }, to: { sensitive: true } },
      { kind: "defaultDeny" },
      { kind: "mtlsStrict" },
    ],
  };
}
