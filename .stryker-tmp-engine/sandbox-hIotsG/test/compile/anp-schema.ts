/**
 * A zod transcription of the AdminNetworkPolicy v1alpha1 API
 * (sigs.k8s.io/network-policy-api, apis/v1alpha1, as served by the v0.1.x
 * CRDs). No CRD schema of it ships in node_modules, so this file restates
 * the upstream types and their validation markers: required fields,
 * enums, minimum/maximum, min/max items, one-of peers and ports, and the
 * CEL rules (portRange start < end, no namedPort with networks/nodes peers).
 * It is stricter than the API server in one way: unknown fields are
 * rejected instead of pruned, so a misspelt field fails the test.
 */
// @ts-nocheck

import { z } from "zod";
import { parseCidr } from "../../src/model";

const LabelSelector = z
  .object({
    matchLabels: z.record(z.string(), z.string()).optional(),
    matchExpressions: z
      .array(z.object({ key: z.string().min(1), operator: z.enum(["In", "NotIn", "Exists", "DoesNotExist"]), values: z.array(z.string()).optional() }).strict())
      .optional(),
  })
  .strict();

const exactlyOne = (keys: readonly string[]) => (o: Record<string, unknown>) => keys.filter((k) => o[k] !== undefined).length === 1;

const NamespacedPod = z.object({ namespaceSelector: LabelSelector, podSelector: LabelSelector }).strict();
const Protocol = z.enum(["TCP", "UDP", "SCTP"]);
const Port = z.number().int().min(1).max(65535);

const AdminNetworkPolicyPort = z
  .object({
    portNumber: z.object({ protocol: Protocol, port: Port }).strict().optional(),
    namedPort: z.string().optional(),
    portRange: z
      .object({ protocol: Protocol.optional(), start: Port, end: Port })
      .strict()
      .refine((r) => r.start < r.end, "Start port must be less than End port")
      .optional(),
  })
  .strict()
  .refine(exactlyOne(["portNumber", "namedPort", "portRange"]), "exactly one of portNumber, namedPort, portRange");

const IngressPeer = z
  .object({ namespaces: LabelSelector.optional(), pods: NamespacedPod.optional() })
  .strict()
  .refine(exactlyOne(["namespaces", "pods"]), "exactly one of namespaces, pods");

const Cidr = z.string().refine((s) => parseCidr(s) !== undefined, "must be a CIDR");
const EgressPeer = z
  .object({
    namespaces: LabelSelector.optional(),
    pods: NamespacedPod.optional(),
    nodes: LabelSelector.optional(),
    networks: z
      .array(Cidr)
      .min(1)
      .max(25)
      .refine((n) => new Set(n).size === n.length, "networks must be unique")
      .optional(),
  })
  .strict()
  .refine(exactlyOne(["namespaces", "pods", "nodes", "networks"]), "exactly one of namespaces, pods, nodes, networks");

const Action = z.enum(["Allow", "Deny", "Pass"]);
const RuleName = z.string().max(100).optional();
const Ports = z.array(AdminNetworkPolicyPort).min(1).max(100).optional();

const IngressRule = z.object({ name: RuleName, action: Action, from: z.array(IngressPeer).min(1).max(100), ports: Ports }).strict();
const EgressRule = z
  .object({ name: RuleName, action: Action, to: z.array(EgressPeer).min(1).max(100), ports: Ports })
  .strict()
  .refine(
    (r) => !(r.to.some((p) => p.networks !== undefined || p.nodes !== undefined) && (r.ports ?? []).some((p) => p.namedPort !== undefined)),
    "networks/nodes peer cannot be set with namedPorts since there are no namedPorts for networks/nodes",
  );

export const AdminNetworkPolicySchema = z
  .object({
    apiVersion: z.literal("policy.networking.k8s.io/v1alpha1"),
    kind: z.literal("AdminNetworkPolicy"),
    metadata: z
      .object({
        name: z.string().max(253).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/),
        labels: z.record(z.string(), z.string()).optional(),
        annotations: z.record(z.string(), z.string()).optional(),
      })
      .strict(),
    spec: z
      .object({
        priority: z.number().int().min(0).max(1000),
        subject: z
          .object({ namespaces: LabelSelector.optional(), pods: NamespacedPod.optional() })
          .strict()
          .refine(exactlyOne(["namespaces", "pods"]), "exactly one of namespaces, pods"),
        ingress: z.array(IngressRule).max(100).optional(),
        egress: z.array(EgressRule).max(100).optional(),
      })
      .strict(),
  })
  .strict();
