/**
 * The common shape of every Kubernetes object ztseg emits or reads. Compiled
 * objects use the typed specs in compile/; the analyzer reads arbitrary
 * objects as `unknown` and validates them itself.
 */
// @ts-nocheck

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface KubeObject<Spec = unknown> {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly spec?: Spec;
}

/** `kind/namespace/name`, the identity used for sorting and de-duplication. */
export function objectKey(o: KubeObject): string {
  return `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
}

/** Annotation keys that trace generated objects back to intent. */
export const ANNOTATIONS = {
  flow: "ztseg.dev/flow",
  source: "ztseg.dev/source",
  intent: "ztseg.dev/intent",
  exceptionTicket: "ztseg.dev/exception-ticket",
  exceptionExpires: "ztseg.dev/exception-expires",
  exceptionOwner: "ztseg.dev/exception-owner",
} as const;

/** Namespace labels that classify a namespace for any tool reading a cluster. */
export const LABELS = {
  zone: "ztseg.dev/zone",
  trust: "ztseg.dev/trust",
  sensitive: "ztseg.dev/sensitive",
  vendor: "ztseg.dev/vendor",
  quarantined: "ztseg.dev/quarantined",
  dataPrefix: "data.ztseg.dev/",
  managedBy: "app.kubernetes.io/managed-by",
  nsName: "kubernetes.io/metadata.name",
  istioInjection: "istio-injection",
} as const;
