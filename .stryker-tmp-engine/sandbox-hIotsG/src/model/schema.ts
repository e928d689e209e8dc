/**
 * The policy language: what a platform engineer writes. Plain data validated
 * by zod; TypeScript types come from `z.infer`, so the schema is the contract.
 *
 * References between objects are by name (services as "zone/service",
 * externals by their key) and are resolved in resolve.ts, which collects
 * every broken reference with a "did you mean" hint.
 */
// @ts-nocheck

import { z } from "zod";
import { parseCidr, rangeContains } from "./cidr";

export const TRUST_LEVELS = ["internal", "vendor", "external"] as const;
export const TrustLevel = z.enum(TRUST_LEVELS);
export type TrustLevel = z.infer<typeof TrustLevel>;

export const PROTOCOLS = ["TCP", "UDP", "SCTP"] as const;
export const Protocol = z.enum(PROTOCOLS);
export type Protocol = z.infer<typeof Protocol>;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Names of zones, services, externals, vendors, data classes: DNS-1123 labels. */
export const Name = z
  .string()
  .max(63, "must be at most 63 characters")
  .regex(DNS1123_LABEL, "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending alphanumeric");

/** Kubernetes label key: optional DNS-1123 subdomain prefix, then a name of at most 63 characters. */
export const LabelKey = z.string().superRefine((key, ctx) => {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix))) {
    ctx.addIssue({ code: "custom", message: `label key prefix "${prefix ?? ""}" must be a DNS-1123 subdomain`, params: { diagnostic: "invalid-label" } });
  }
  if (name.length === 0 || name.length > 63 || !/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name)) {
    ctx.addIssue({ code: "custom", message: `label key "${key}" must be at most 63 characters of alphanumerics, '-', '_' or '.', starting and ending alphanumeric`, params: { diagnostic: "invalid-label" } });
  }
});

export const LabelValue = z.string().superRefine((value, ctx) => {
  if (value.length > 63) ctx.addIssue({ code: "custom", message: `label value must be at most 63 characters (has ${value.length})`, params: { diagnostic: "invalid-label" } });
  else if (!/^(|[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/.test(value)) {
    ctx.addIssue({ code: "custom", message: "label value must be empty or alphanumerics, '-', '_' or '.', starting and ending alphanumeric", params: { diagnostic: "invalid-label" } });
  }
});

/** Labels are validated entry by entry so a diagnostic names the exact key. */
export const Labels = z.record(z.string(), LabelValue).superRefine((labels, ctx) => {
  for (const key of Object.keys(labels)) {
    const r = LabelKey.safeParse(key);
    if (!r.success) {
      for (const issue of r.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [key], params: { diagnostic: "invalid-label" } });
    }
  }
});

export const PortNumber = z.number().int("port must be an integer").min(1, "port must be between 1 and 65535").max(65535, "port must be between 1 and 65535");

/** Kubernetes IANA_SVC_NAME: at most 15 characters, lower-case alphanumerics and '-', at least one letter. */
export const PortName = z
  .string()
  .max(15, "port name must be at most 15 characters (Kubernetes IANA_SVC_NAME)")
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "port name must be lower-case alphanumerics and '-'")
  .refine((s) => /[a-z]/.test(s) && !s.includes("--"), { message: "port name must contain a letter and no '--'", params: { diagnostic: "invalid-port-name" } });

/** A port or a port range (endPort inclusive) on one protocol. */
export const PortSpec = z
  .object({
    port: PortNumber,
    endPort: PortNumber.optional(),
    protocol: Protocol.default("TCP"),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.endPort !== undefined && p.endPort < p.port) {
      ctx.addIssue({ code: "custom", path: ["endPort"], message: `endPort ${p.endPort} is below port ${p.port}`, params: { diagnostic: "invalid-port-range" } });
    }
  });
export type PortSpec = z.infer<typeof PortSpec>;

export const CidrText = z.string().superRefine((s, ctx) => {
  if (!parseCidr(s)) ctx.addIssue({ code: "custom", message: `"${s}" is not a valid IPv4 or IPv6 CIDR (e.g. 203.0.113.0/24 or 2001:db8::/32)`, params: { diagnostic: "invalid-cidr" } });
});

/** An address block: a CIDR, or a CIDR with excepted sub-blocks. */
export const AddressBlock = z.union([
  CidrText,
  z
    .object({ cidr: CidrText, except: z.array(CidrText).default([]) })
    .strict()
    .superRefine((b, ctx) => {
      const outer = parseCidr(b.cidr);
      if (!outer) return;
      b.except.forEach((e, i) => {
        const inner = parseCidr(e);
        if (inner && (!rangeContains(outer, inner) || (inner.start === outer.start && inner.end === outer.end))) {
          ctx.addIssue({ code: "custom", path: ["except", i], message: `except "${e}" must be a strict subset of cidr "${b.cidr}"`, params: { diagnostic: "except-outside-cidr" } });
        }
      });
    }),
]);
export type AddressBlock = z.infer<typeof AddressBlock>;

export const DataClass = z
  .object({
    sensitive: z.boolean().default(false),
    description: z.string().optional(),
  })
  .strict();

export const Zone = z
  .object({
    namespace: Name,
    trust: TrustLevel,
    /** Data classes held here; a zone holding a sensitive class is a sensitive zone. */
    data: z.array(Name).default([]),
    /** The third party operating this zone (key into `vendors`); required for trust "vendor". */
    vendor: Name.optional(),
    /** Extra namespace labels (team, cost centre...). */
    labels: Labels.default({}),
    /** Whether workloads carry an Istio sidecar; identity rules are emitted only for meshed zones. */
    mesh: z.boolean().default(true),
    description: z.string().optional(),
  })
  .strict();
export type Zone = z.infer<typeof Zone>;

export const Vendor = z
  .object({
    /** Legal name of the third party. */
    name: z.string().min(1),
    /** Who at the operator answers for this integration. */
    owner: z.string().min(1),
    contract: z.string().optional(),
    /** Incident containment: a quarantined vendor reaches nothing and is reached by nothing. */
    quarantined: z.boolean().default(false),
    description: z.string().optional(),
  })
  .strict();
export type Vendor = z.infer<typeof Vendor>;

export const Service = z
  .object({
    /** Pod labels that select this service's pods. */
    labels: Labels.refine((l) => Object.keys(l).length > 0, {
      message: "a service needs at least one pod label, or its selector would match the whole namespace",
      params: { diagnostic: "missing-pod-labels" },
    }),
    /** Named ports the service listens on. */
    ports: z.record(PortName, PortSpec).default({}),
    /** ServiceAccount name (the service's identity); defaults to the service name. */
    serviceAccount: Name.optional(),
    description: z.string().optional(),
  })
  .strict();
export type Service = z.infer<typeof Service>;

export const External = z
  .object({
    cidrs: z.array(AddressBlock).min(1, "an external needs at least one CIDR"),
    trust: TrustLevel,
    /** The third party behind this address set (key into `vendors`). */
    vendor: Name.optional(),
    ports: z.record(PortName, PortSpec).default({}),
    description: z.string().optional(),
  })
  .strict();
export type External = z.infer<typeof External>;

/** A port in a flow: a name declared by the destination, a bare TCP number, or an explicit spec. */
export const FlowPort = z.union([PortName, PortNumber, PortSpec]);
export type FlowPort = z.infer<typeof FlowPort>;

export const HttpMatch = z
  .object({
    methods: z.array(z.enum(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"])).min(1).optional(),
    paths: z.array(z.string().regex(/^\/[^\s]*$/, "HTTP path must start with '/' and contain no spaces")).min(1).optional(),
  })
  .strict();
export type HttpMatch = z.infer<typeof HttpMatch>;

export const Flow = z
  .object({
    /** Stable id used in annotations and diffs; defaults to "<from> -> <to>". */
    id: z.string().min(1).max(120).optional(),
    /** "zone/service" or an external's name. */
    from: z.string().min(1),
    to: z.string().min(1),
    ports: z.array(FlowPort).min(1, "a flow needs at least one port: name the destination's ports or give numbers"),
    /** L7 narrowing, enforced by the mesh layer only. */
    http: HttpMatch.optional(),
    description: z.string().optional(),
  })
  .strict();
export type Flow = z.infer<typeof Flow>;

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expires must be a date YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { message: "expires is not a real calendar date", params: { diagnostic: "invalid-date" } });

/** A flow that crosses a guardrail on purpose, accountable and time-boxed. */
export const Exception = Flow.extend({
  id: z.string().min(1).max(120),
  justification: z.string().trim().min(10, "justification must say why (at least 10 characters)"),
  owner: z.string().trim().min(1, "an exception needs an owner"),
  ticket: z.string().trim().min(1, "an exception needs a ticket reference"),
  /** Last day on which the exception is valid (UTC). */
  expires: IsoDate,
}).strict();
export type Exception = z.infer<typeof Exception>;

/**
 * Selects zones, services and externals. The fields are a union: an endpoint
 * is selected when any field names it (a service is selected with its zone).
 */
export const Selector = z
  .object({
    trust: z.array(TrustLevel).optional(),
    sensitive: z.boolean().optional(),
    dataClasses: z.array(Name).optional(),
    zones: z.array(z.string()).optional(),
    services: z.array(z.string()).optional(),
    externals: z.array(z.string()).optional(),
    vendors: z.array(z.string()).optional(),
  })
  .strict()
  .refine((s) => Object.values(s).some((v) => v !== undefined), { message: "a selector must name at least one criterion", params: { diagnostic: "empty-selector" } });
export type Selector = z.infer<typeof Selector>;

export const Invariant = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("noPath"),
      id: z.string().min(1).optional(),
      from: Selector,
      to: Selector,
      description: z.string().optional(),
    })
    .strict(),
  z.object({ kind: z.literal("defaultDeny"), id: z.string().min(1).optional() }).strict(),
  z.object({ kind: z.literal("mtlsStrict"), id: z.string().min(1).optional() }).strict(),
  z
    .object({
      kind: z.literal("noInternetEgress"),
      id: z.string().min(1).optional(),
      /** Zones that must not reach addresses outside declared externals; defaults to sensitive zones. */
      from: Selector.default({ sensitive: true }),
    })
    .strict(),
]);
export type Invariant = z.infer<typeof Invariant>;
export type InvariantInput = z.input<typeof Invariant>;

export const PolicySchema = z
  .object({
    name: Name,
    description: z.string().optional(),
    /** SPIFFE trust domain of the mesh; principals are `<trustDomain>/ns/<ns>/sa/<sa>`. */
    trustDomain: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "trust domain must be a DNS name such as cluster.local").default("cluster.local"),
    dataClasses: z.record(Name, DataClass).default({}),
    zones: z.record(Name, Zone).refine((z) => Object.keys(z).length > 0, { message: "a policy needs at least one zone", params: { diagnostic: "empty-policy" } }),
    vendors: z.record(Name, Vendor).default({}),
    /** Keyed "zone/service". */
    services: z.record(z.string(), Service).default({}),
    externals: z.record(Name, External).default({}),
    flows: z.array(Flow).default([]),
    exceptions: z.array(Exception).default([]),
    invariants: z.array(Invariant).default([]),
  })
  .strict();

/** What a policy author writes (defaults optional). */
export type PolicyInput = z.input<typeof PolicySchema>;
/** The same after parsing (defaults filled in). */
export type PolicyData = z.output<typeof PolicySchema>;
