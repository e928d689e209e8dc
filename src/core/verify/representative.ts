/**
 * Verifying a policy means analysing its compiled objects against pods that
 * look like the real ones: one representative Pod per service, carrying the
 * service's labels, named ports and ServiceAccount, plus the cluster DNS pod
 * that every namespace's DNS egress rule points at.
 */
import type { ResolvedPolicy, ResolvedService } from "../../model/resolved";
import type { KubeObject } from "../k8s/object";

export const DNS_NAMESPACE = "kube-system";
export const DNS_POD_NAME = "kube-dns";

export function representativePod(svc: ResolvedService): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: svc.name, namespace: svc.namespace, labels: { ...svc.labels } },
    spec: {
      serviceAccountName: svc.serviceAccount,
      containers: [
        {
          name: svc.name,
          image: "representative",
          // Container ports cannot express ranges: a range is represented by its first port.
          ports: svc.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol })),
        },
      ],
    },
  };
}

function dnsObjects(policy: ResolvedPolicy): KubeObject[] {
  const out: KubeObject[] = [];
  if (!policy.zones.some((z) => z.namespace === DNS_NAMESPACE)) {
    out.push({ apiVersion: "v1", kind: "Namespace", metadata: { name: DNS_NAMESPACE, labels: { "kubernetes.io/metadata.name": DNS_NAMESPACE } } });
  }
  out.push({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: DNS_POD_NAME, namespace: DNS_NAMESPACE, labels: { "k8s-app": "kube-dns" } },
    spec: {
      serviceAccountName: "coredns",
      containers: [
        {
          name: "coredns",
          image: "representative",
          ports: [
            { name: "dns", containerPort: 53, protocol: "UDP" },
            { name: "dns-tcp", containerPort: 53, protocol: "TCP" },
          ],
        },
      ],
    },
  });
  return out;
}

/** The pods a policy's services would run, as Kubernetes objects for the analyzer. */
export function representativeWorkloads(policy: ResolvedPolicy): KubeObject[] {
  return [...policy.services.map(representativePod), ...dnsObjects(policy)];
}

/** Workload id the analyzer gives a service's representative pod. */
export function serviceWorkloadId(svc: Pick<ResolvedService, "namespace" | "name">): string {
  return `${svc.namespace}/${svc.name}[Pod]`;
}
