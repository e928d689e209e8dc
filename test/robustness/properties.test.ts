/**
 * Property tests over random policies and random manifests.
 *
 * 1. Every random valid policy compiles to objects that validate against the
 *    upstream schemas (kubernetes-models, @kubernetes-models/istio, the ANP schema).
 * 2. Soundness and completeness of the compiler: the connectivity the analyzer
 *    computes on the compiled objects plus one representative pod per service
 *    equals exactly the intent's flows, per layer where the layer can express
 *    them: NetworkPolicy and the combined layers on every protocol and port,
 *    between services and to/from probe addresses inside, outside and at the
 *    excepts of the externals; Istio on TCP into meshed services; the
 *    guardrails never cut an intended flow.
 * 3. Random manifests (JSON-ish objects shaped like Kubernetes kinds) never
 *    crash the loader or buildCluster: problems come back as diagnostics.
 */
import fc from "fast-check";
import YAML from "yaml";
import { Namespace, ServiceAccount } from "kubernetes-models/v1";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { AuthorizationPolicy } from "@kubernetes-models/istio/security.istio.io/v1";
import { PeerAuthentication } from "@kubernetes-models/istio/security.istio.io/v1beta1";
import { type PolicyInput, type ResolvedPolicy, DiagnosticError, formatDiagnostics, formatIp, hasErrors, parseIp, resolvePolicy } from "../../src/model";
import { compile } from "../../src/core/compile";
import { type Connectivity, ConnSet, type Peer, analyze, buildCluster } from "../../src/core/analyze";
import type { KubeObject } from "../../src/core/k8s/object";
import { representativeWorkloads, serviceWorkloadId } from "../../src/core/verify/representative";
import { LAYER_SELECTIONS } from "../../src/core/verify/layers";
import { parseManifestText } from "../../src/adapters/load/manifests";
import { AdminNetworkPolicySchema } from "../compile/anp-schema";

// ---------------------------------------------------------------- random policies

const ZONE_NAMES = ["alpha", "beta", "gamma"] as const;
const PORT_NAMES = ["http", "grpc", "sip", "rtp", "sig"] as const;
const PORT_BASES = [80, 443, 5060, 8080, 9000] as const;
const PROTOCOLS = ["TCP", "UDP", "SCTP"] as const;
const TRUSTS = ["internal", "vendor", "external"] as const;

/** Fixed address blocks (overlapping on purpose: ext-b's IPv6 block contains ext-c). */
const EXTERNALS = {
  "ext-a": ["203.0.113.0/24"],
  "ext-b": [{ cidr: "198.51.100.0/24", except: ["198.51.100.128/25"] }, "2001:db8::/32"],
  "ext-c": [{ cidr: "2001:db8:1::/48", except: ["2001:db8:1:1::/64"] }],
} as const;
type ExternalName = keyof typeof EXTERNALS;
/** Addresses outside every external: only DNS-free default deny applies to them. */
const OUTSIDE = ["192.0.2.77", "2001:db9::1"];

type PortSpecInput = { port: number; endPort?: number; protocol: (typeof PROTOCOLS)[number] };

interface ServiceDraft {
  readonly id: string;
  readonly ports: Record<string, PortSpecInput>;
}

const portsArb: fc.Arbitrary<Record<string, PortSpecInput>> = fc
  .uniqueArray(fc.integer({ min: 0, max: PORT_NAMES.length - 1 }), { minLength: 1, maxLength: 3 })
  .chain((idx) =>
    fc.tuple(
      ...idx.map((i) =>
        fc.record({ protocol: fc.constantFrom(...PROTOCOLS), width: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 })) }).map(({ protocol, width }) => {
          const port = PORT_BASES[i]!; // one base per name, so ports of a service never overlap
          return [PORT_NAMES[i]!, width > 0 ? { port, endPort: port + width, protocol } : { port, protocol }] as const;
        }),
      ),
    ),
  )
  .map((entries) => Object.fromEntries(entries));

const zoneArb = fc.record({
  trust: fc.constantFrom(...TRUSTS),
  sensitive: fc.boolean(),
  mesh: fc.boolean(),
  services: fc.integer({ min: 1, max: 2 }),
});

/** How a flow names a destination port: by name, as a spec, or (TCP single ports) as a bare number. */
type PortRef = "name" | "spec" | "number";

const policyArb: fc.Arbitrary<PolicyInput> = fc
  .record({
    zones: fc.uniqueArray(fc.constantFrom(...ZONE_NAMES), { minLength: 1, maxLength: 3 }).chain((names) => fc.tuple(...names.map((n) => zoneArb.map((z) => [n, z] as const)))),
    externals: fc.uniqueArray(fc.constantFrom(...(Object.keys(EXTERNALS) as ExternalName[])), { maxLength: 3 }).chain((names) =>
      fc.tuple(...names.map((n) => fc.constantFrom(...TRUSTS).map((t) => [n, t] as const))),
    ),
    seedPorts: fc.array(portsArb, { minLength: 6, maxLength: 6 }),
    flowPicks: fc.array(
      fc.record({
        from: fc.nat(),
        to: fc.nat(),
        ports: fc.array(fc.record({ pick: fc.nat(), ref: fc.constantFrom<PortRef>("name", "spec", "number") }), { minLength: 1, maxLength: 3 }),
        externalPort: fc.record({ port: fc.integer({ min: 1, max: 65535 }), endPort: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), protocol: fc.constantFrom(...PROTOCOLS) }),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ zones, externals, seedPorts, flowPicks }) => {
    const input = {
      name: "random",
      trustDomain: "cluster.local",
      dataClasses: { secret: { sensitive: true }, plain: {} },
      vendors: { v1: { name: "Vendor One", owner: "ops" } },
      zones: {} as Record<string, Record<string, unknown>>,
      services: {} as Record<string, Record<string, unknown>>,
      externals: {} as Record<string, Record<string, unknown>>,
      flows: [] as Array<Record<string, unknown>>,
    };
    const drafts: ServiceDraft[] = [];
    const endpointTrust = new Map<string, string>();
    const sensitiveService = new Set<string>();
    const meshedService = new Set<string>();
    let k = 0;
    for (const [name, z] of zones) {
      input.zones[name] = { namespace: `ns-${name}`, trust: z.trust, data: z.sensitive ? ["secret"] : ["plain"], mesh: z.mesh, ...(z.trust === "vendor" ? { vendor: "v1" } : {}) };
      for (let i = 0; i < z.services; i++) {
        const id = `${name}/svc${i}`;
        const ports = seedPorts[k++ % seedPorts.length]!;
        input.services[id] = { labels: { app: `${name}-svc${i}` }, ports };
        drafts.push({ id, ports });
        endpointTrust.set(id, z.trust);
        if (z.sensitive) sensitiveService.add(id);
        if (z.mesh) meshedService.add(id);
      }
    }
    for (const [name, trust] of externals) {
      input.externals[name] = { cidrs: EXTERNALS[name], trust, ...(trust === "vendor" ? { vendor: "v1" } : {}) };
      endpointTrust.set(name, trust);
    }
    const endpoints = [...drafts.map((d) => d.id), ...externals.map(([n]) => n)];
    const seen = new Set<string>();
    for (const f of flowPicks) {
      const from = endpoints[f.from % endpoints.length]!;
      const to = endpoints[f.to % endpoints.length]!;
      const dst = drafts.find((d) => d.id === to);
      const src = drafts.find((d) => d.id === from);
      if (!src && !dst) continue; // external to external: not enforceable, rejected by validation
      // vendor/external into a sensitive zone needs an exception: keep random policies to plain flows
      if (endpointTrust.get(from) !== "internal" && sensitiveService.has(to)) continue;
      // plaintext into the mesh is refused by the compiler (mTLS STRICT could not admit it): not a valid random policy
      if (src && dst && meshedService.has(to) && !meshedService.has(from)) continue;
      if (seen.has(`${from} ${to}`)) continue; // the default flow id is "<from> -> <to>": one flow per pair
      seen.add(`${from} ${to}`);
      let ports: unknown[];
      if (dst) {
        const names = Object.keys(dst.ports);
        ports = [
          ...new Map(
            f.ports.map(({ pick, ref }) => {
              const name = names[pick % names.length]!;
              const spec = dst.ports[name]!;
              const value = ref === "name" ? name : ref === "number" && spec.protocol === "TCP" && spec.endPort === undefined ? spec.port : spec;
              return [name, value] as const;
            }),
          ).values(),
        ];
      } else {
        const { port, endPort, protocol } = f.externalPort;
        ports = [endPort !== undefined && port + endPort <= 65535 ? { port, endPort: port + endPort, protocol } : { port, protocol }];
      }
      input.flows.push({ from, to, ports });
    }
    return input as unknown as PolicyInput;
  });

function resolveOk(input: PolicyInput): ResolvedPolicy {
  const r = resolvePolicy(input);
  if (!r.policy || hasErrors(r.diagnostics)) throw new Error(`generator produced an invalid policy:\n${formatDiagnostics(r.diagnostics)}\n${JSON.stringify(input)}`);
  return r.policy;
}

function compileOk(policy: ResolvedPolicy): KubeObject[] {
  const result = compile(policy, { checkIntent: false });
  if (hasErrors(result.diagnostics)) throw new Error(`compile failed:\n${formatDiagnostics(result.diagnostics)}`);
  return result.objects;
}

// ---------------------------------------------------------------- schemas

type Init = ConstructorParameters<typeof NetworkPolicy>[0];
const asInit = (o: KubeObject) => JSON.parse(JSON.stringify(o)) as Init;
const VALIDATORS: Record<string, (o: KubeObject) => void> = {
  Namespace: (o) => new Namespace(asInit(o) as ConstructorParameters<typeof Namespace>[0]).validate(),
  ServiceAccount: (o) => new ServiceAccount(asInit(o) as ConstructorParameters<typeof ServiceAccount>[0]).validate(),
  NetworkPolicy: (o) => new NetworkPolicy(asInit(o)).validate(),
  AuthorizationPolicy: (o) => new AuthorizationPolicy(asInit(o) as ConstructorParameters<typeof AuthorizationPolicy>[0]).validate(),
  // PeerAuthentication is published only as v1beta1, whose spec equals v1's
  PeerAuthentication: (o) => new PeerAuthentication({ ...asInit(o), apiVersion: "security.istio.io/v1beta1" } as unknown as ConstructorParameters<typeof PeerAuthentication>[0]).validate(),
  AdminNetworkPolicy: (o) => {
    const r = AdminNetworkPolicySchema.safeParse(o);
    if (!r.success) throw new Error(`${o.metadata.name}: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  },
};

// ---------------------------------------------------------------- expected connectivity

function portSet(p: { port: number; endPort?: number; protocol: "TCP" | "UDP" | "SCTP" }): ConnSet {
  return ConnSet.ports(p.protocol, p.port, p.endPort ?? p.port);
}

type Endpoint = { kind: "service"; id: string } | { kind: "address"; address: string };

function inExternal(policy: ResolvedPolicy, externalName: string, address: string): boolean {
  const ip = parseIp(address)!;
  const ext = policy.externals.find((e) => e.name === externalName)!;
  return ext.blocks.some((b) => {
    const inside = (r: { version: number; start: bigint; end: bigint }) => r.version === ip.version && r.start <= ip.value && ip.value <= r.end;
    return inside(b.cidr) && !b.except.some(inside);
  });
}

function matches(policy: ResolvedPolicy, ep: ResolvedPolicy["flows"][number]["from"], want: Endpoint): boolean {
  if (want.kind === "service") return ep.kind === "service" && ep.service.id === want.id;
  return ep.kind === "external" && inExternal(policy, ep.external.name, want.address);
}

/** The intent: the union of every flow's ports from `src` to `dst`. */
function intended(policy: ResolvedPolicy, src: Endpoint, dst: Endpoint): ConnSet {
  let out = ConnSet.empty;
  for (const f of policy.flows) if (matches(policy, f.from, src) && matches(policy, f.to, dst)) for (const p of f.ports) out = out.union(portSet(p));
  return out;
}

function peer(policy: ResolvedPolicy, e: Endpoint): Peer {
  if (e.kind === "address") return { kind: "ip", address: e.address };
  return { kind: "workload", id: serviceWorkloadId(policy.services.find((s) => s.id === e.id)!) };
}

/** Probe addresses: the first address of every external block and of every except, plus addresses outside all externals. */
function probeAddresses(policy: ResolvedPolicy): string[] {
  const out = new Set<string>(OUTSIDE);
  for (const e of policy.externals)
    for (const b of e.blocks)
      for (const c of [b.cidr, ...b.except]) {
        out.add(formatIp(c.version, c.start));
        out.add(formatIp(c.version, c.end));
      }
  return [...out].sort();
}

const TCP_ONLY = ConnSet.protocol("TCP");

function describe2(src: Endpoint, dst: Endpoint): string {
  const s = (e: Endpoint) => (e.kind === "service" ? e.id : e.address);
  return `${s(src)} -> ${s(dst)}`;
}

function checkExact(policy: ResolvedPolicy, objects: readonly KubeObject[]): void {
  const docs = [...objects, ...representativeWorkloads(policy)].map((object, index) => ({ file: "compiled", index, object }));
  const built = buildCluster(docs);
  if (hasErrors(built.diagnostics)) throw new Error(formatDiagnostics(built.diagnostics));
  const conn: Record<string, Connectivity> = {};
  for (const [name, layers] of Object.entries(LAYER_SELECTIONS)) conn[name] = analyze(built.cluster, { layers });
  const services: Endpoint[] = policy.services.map((s) => ({ kind: "service", id: s.id }));
  const addresses: Endpoint[] = probeAddresses(policy).map((address) => ({ kind: "address", address }));
  const meshed = new Set(policy.zones.filter((z) => z.mesh).map((z) => z.name));
  const pairs: Array<[Endpoint, Endpoint]> = [];
  for (const a of services) {
    for (const b of services) pairs.push([a, b]);
    for (const x of addresses) pairs.push([a, x], [x, a]);
  }
  for (const [src, dst] of pairs) {
    const want = intended(policy, src, dst);
    const at = (layer: string) => conn[layer]!.connections(peer(policy, src), peer(policy, dst));
    const label = describe2(src, dst);
    // NetworkPolicy expresses every protocol and port, to services and to addresses
    expect(`${label} networkpolicy: ${at("networkpolicy").toString()}`).toBe(`${label} networkpolicy: ${want.toString()}`);
    // all layers together are exactly the intent as well
    expect(`${label} combined: ${at("combined").toString()}`).toBe(`${label} combined: ${want.toString()}`);
    // the guardrails never cut an intended flow
    expect(`${label} guardrails cover intent: ${want.subtract(at("guardrails")).toString()}`).toBe(`${label} guardrails cover intent: ${ConnSet.empty.toString()}`);
    // Istio: TCP into meshed services (identity needs both ends in the mesh; see docs/robustness.md)
    if (dst.kind === "service" && src.kind === "service" && meshed.has(dst.id.split("/")[0]!)) {
      expect(`${label} istio tcp: ${at("istio").intersect(TCP_ONLY).toString()}`).toBe(`${label} istio tcp: ${want.intersect(TCP_ONLY).toString()}`);
    }
  }
}

// ---------------------------------------------------------------- properties

const RUNS = Number(process.env.ZTSEG_PROPERTY_RUNS ?? 40);

test("random valid policies compile to schema-valid objects", () => {
  fc.assert(
    fc.property(policyArb, (input) => {
      const objects = compileOk(resolveOk(input));
      for (const o of objects) {
        const validate = VALIDATORS[o.kind];
        if (!validate) throw new Error(`no schema for kind ${o.kind}`);
        validate(o);
      }
      expect(objects.some((o) => o.kind === "NetworkPolicy")).toBe(true);
    }),
    { numRuns: RUNS },
  );
});

test("the analyzer sees exactly the intent's flows in the compiled objects, per layer (sound and complete)", () => {
  fc.assert(
    fc.property(policyArb, (input) => {
      const policy = resolveOk(input);
      checkExact(policy, compileOk(policy));
    }),
    { numRuns: RUNS },
  );
});

test("a compiled policy with one flow removed loses exactly that flow (the property is not vacuous)", () => {
  fc.assert(
    fc.property(
      policyArb.filter((p) => (p.flows ?? []).length > 0),
      fc.nat(),
      (input, drop) => {
        const full = resolveOk(input);
        const flows = [...(input.flows ?? [])];
        const [dropped] = flows.splice(drop % flows.length, 1);
        // ext-c's addresses lie inside ext-b's 2001:db8::/32: a flow from ext-c is still allowed, address for address,
        // by a flow from ext-b to the same service on the same ports, so dropping it changes nothing to notice.
        fc.pre(!(dropped!.from === "ext-c" && flows.some((f) => f.from === "ext-b" && f.to === dropped!.to)));
        const fewer = resolveOk({ ...input, flows });
        // the objects compiled without the flow must not satisfy the full intent
        expect(() => checkExact(full, compileOk(fewer))).toThrow(/networkpolicy: /);
      },
    ),
    { numRuns: Math.max(5, Math.floor(RUNS / 4)) },
  );
});

// ---------------------------------------------------------------- random manifests

const KINDS = ["Namespace", "Pod", "Deployment", "CronJob", "Service", "NetworkPolicy", "AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "PeerAuthentication", "AuthorizationPolicy", "List", "Widget"];
const API = ["v1", "apps/v1", "batch/v1", "networking.k8s.io/v1", "policy.networking.k8s.io/v1alpha1", "security.istio.io/v1", "example.com/v1", 7];

/** JSON-ish values biased towards the shapes the reader looks at. */
const wild: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; selector: unknown; peer: unknown; rule: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.jsonValue({ maxDepth: 2 }),
    tie("selector"),
    tie("peer"),
    tie("rule"),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("ports", "port", "endPort", "protocol", "cidr", "except", "from", "to", "rules", "selector", "podSelector"), tie("value"), { maxKeys: 3 }),
  ),
  selector: fc.record(
    {
      matchLabels: fc.oneof(fc.dictionary(fc.constantFrom("app", "team"), fc.constantFrom("a", "b", 1, null)), fc.jsonValue({ maxDepth: 1 })),
      matchExpressions: fc.array(fc.record({ key: fc.constantFrom("app", 3), operator: fc.constantFrom("In", "NotIn", "Exists", "DoesNotExist", "Bogus", null), values: fc.oneof(fc.constant(undefined), fc.array(fc.constantFrom("a", 1, {}))) }, { requiredKeys: [] }), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  ),
  peer: fc.record(
    {
      podSelector: tie("selector"),
      namespaceSelector: tie("selector"),
      ipBlock: fc.record({ cidr: fc.constantFrom("10.0.0.0/8", "::/0", "10.0.0.0/33", "x", 5), except: fc.array(fc.constantFrom("10.1.0.0/16", "11.0.0.0/8", "bad")) }, { requiredKeys: [] }),
      namespaces: fc.jsonValue({ maxDepth: 2 }),
      pods: fc.jsonValue({ maxDepth: 2 }),
    },
    { requiredKeys: [] },
  ),
  rule: fc.record(
    {
      from: fc.array(tie("peer"), { maxLength: 2 }),
      to: fc.array(tie("peer"), { maxLength: 2 }),
      ports: fc.array(fc.record({ port: fc.oneof(fc.integer({ min: -5, max: 70000 }), fc.constantFrom("http", "a-very-long-port-name")), endPort: fc.integer({ min: -5, max: 70000 }), protocol: fc.constantFrom("TCP", "UDP", "SCTP", "ICMP") }, { requiredKeys: [] }), { maxLength: 2 }),
      action: fc.constantFrom("Allow", "Deny", "Pass", "ALLOW", "DENY", 1),
    },
    { requiredKeys: [] },
  ),
})).value;

const manifestArb = fc.record(
  {
    apiVersion: fc.constantFrom(...API),
    kind: fc.constantFrom(...KINDS),
    metadata: fc.oneof(fc.record({ name: fc.constantFrom("a", "b", "", 3), namespace: fc.constantFrom("ns1", "ns2", "", undefined), labels: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 1 })),
    spec: fc.record({ podSelector: wild, policyTypes: wild, ingress: wild, egress: wild, selector: wild, rules: wild, action: wild, priority: wild, subject: wild, template: wild, containers: wild, mtls: wild }, { requiredKeys: [] }),
    items: fc.array(wild, { maxLength: 2 }),
  },
  { requiredKeys: ["kind"] },
);

test("random manifests never crash the loader or buildCluster (diagnostics only)", () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(manifestArb, wild), { maxLength: 6 }), (objects) => {
      const text = objects.map((o) => YAML.stringify(o === undefined ? null : o)).join("---\n");
      let docs;
      try {
        docs = parseManifestText(text, "random.yaml");
      } catch (e) {
        if (e instanceof DiagnosticError) return; // refused with diagnostics
        throw e;
      }
      const built = buildCluster(docs);
      for (const d of built.diagnostics) {
        expect(d.file).toMatch(/^random\.yaml/);
        expect(typeof d.message).toBe("string");
      }
      if (!hasErrors(built.diagnostics)) {
        // a cluster the reader accepted must also analyse without throwing
        const c = analyze(built.cluster);
        expect(Array.isArray(c.lines())).toBe(true);
      }
    }),
    { numRuns: RUNS * 3 },
  );
});
