/**
 * Every emitted object validates against the upstream schemas:
 * kubernetes-models (Namespace, ServiceAccount, NetworkPolicy),
 * @kubernetes-models/istio (AuthorizationPolicy v1; PeerAuthentication is
 * published there only as v1beta1, whose spec is the same as v1's, so it is
 * validated with apiVersion set to v1beta1), and the AdminNetworkPolicy
 * v1alpha1 schema in anp-schema.ts.
 */
// @ts-nocheck

import { Namespace, ServiceAccount } from "kubernetes-models/v1";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { AuthorizationPolicy } from "@kubernetes-models/istio/security.istio.io/v1";
import { PeerAuthentication } from "@kubernetes-models/istio/security.istio.io/v1beta1";
import * as path from "node:path";
import { compile } from "../../src/core/compile";
import type { KubeObject } from "../../src/core/k8s/object";
import type { ResolvedPolicy } from "../../src/model";
import { AdminNetworkPolicySchema } from "./anp-schema";
import { fixtureInput, resolved } from "./fixture";

type Validator = (o: KubeObject) => void;
/* The model classes take loosely typed init objects; our objects are plain data of the same shape. */
type Init = ConstructorParameters<typeof NetworkPolicy>[0];
const asInit = (o: KubeObject) => JSON.parse(JSON.stringify(o)) as Init;

const validators: Record<string, Validator> = {
  Namespace: (o) => new Namespace(asInit(o) as ConstructorParameters<typeof Namespace>[0]).validate(),
  ServiceAccount: (o) => new ServiceAccount(asInit(o) as ConstructorParameters<typeof ServiceAccount>[0]).validate(),
  NetworkPolicy: (o) => new NetworkPolicy(asInit(o)).validate(),
  AuthorizationPolicy: (o) => new AuthorizationPolicy(asInit(o) as ConstructorParameters<typeof AuthorizationPolicy>[0]).validate(),
  PeerAuthentication: (o) => {
    expect(o.apiVersion).toBe("security.istio.io/v1");
    const asV1beta1 = { ...asInit(o), apiVersion: "security.istio.io/v1beta1" } as unknown as ConstructorParameters<typeof PeerAuthentication>[0];
    new PeerAuthentication(asV1beta1).validate();
  },
  AdminNetworkPolicy: (o) => {
    const r = AdminNetworkPolicySchema.safeParse(o);
    if (!r.success) throw new Error(`${o.metadata.name}: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  },
};

function validateAll(objects: readonly KubeObject[]): Set<string> {
  const kinds = new Set<string>();
  for (const o of objects) {
    const v = validators[o.kind];
    if (!v) throw new Error(`no schema for kind ${o.kind}`);
    try {
      v(o);
    } catch (e) {
      throw new Error(`${o.kind} ${o.metadata.namespace ?? "-"}/${o.metadata.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    expect(o.metadata.name.length).toBeLessThanOrEqual(63);
    expect(o.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    kinds.add(o.kind);
  }
  return kinds;
}

test("the validators reject a broken object (they are not vacuous)", () => {
  const objs = compile(resolved()).objects;
  const netpol = objs.find((o) => o.kind === "NetworkPolicy" && o.metadata.name.endsWith("-ingress"))!;
  expect(() => validators.NetworkPolicy!({ ...netpol, spec: { ...(netpol.spec as object), policyTypes: ["Sideways"] } })).toThrow();
  const authz = objs.find((o) => o.kind === "AuthorizationPolicy")!;
  expect(() => validators.AuthorizationPolicy!({ ...authz, spec: { action: "PERMIT" } })).toThrow();
  const pa = objs.find((o) => o.kind === "PeerAuthentication")!;
  expect(() => validators.PeerAuthentication!({ ...pa, spec: { mtls: { mode: "STRICTLY" } } })).toThrow();
  const anp = objs.find((o) => o.kind === "AdminNetworkPolicy")!;
  expect(() => validators.AdminNetworkPolicy!({ ...anp, spec: { ...(anp.spec as object), priority: 1001 } })).toThrow();
  expect(() => validators.AdminNetworkPolicy!({ ...anp, spec: { ...(anp.spec as object), subject: {} } })).toThrow();
});

test("fixture objects validate, every kind present", () => {
  const kinds = validateAll(compile(resolved()).objects);
  expect([...kinds].sort()).toEqual(["AdminNetworkPolicy", "AuthorizationPolicy", "Namespace", "NetworkPolicy", "PeerAuthentication", "ServiceAccount"]);
});

test("quarantine objects validate", () => {
  const input = fixtureInput();
  input.vendors!.acme!.quarantined = true;
  input.vendors!.beta!.quarantined = true;
  const r = compile(resolved(input));
  expect(r.objects.length).toBeGreaterThan(0);
  validateAll(r.objects);
  expect(r.objects.filter((o) => o.kind === "AdminNetworkPolicy").map((o) => o.metadata.name).sort()).toEqual([
    "ztseg-contain-untrusted",
    "ztseg-protect-sensitive",
    "ztseg-quarantine",
    "ztseg-quarantine-networks",
    "ztseg-side-crm-crm-api",
    "ztseg-side-crm-crm-db",
    "ztseg-side-web-frontend",
  ]);
});

test("telecom reference objects validate", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.resolve(__dirname, "../../policies/telecom")) as { default: ResolvedPolicy };
  const r = compile(mod.default, { sourceFile: "policies/telecom/index.ts" });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(r.objects.length).toBeGreaterThan(100);
  validateAll(r.objects);
});
