/**
 * One end of a connection as the evaluator sees it: a single pod, or a single
 * address outside the cluster. Port matching lives here because named ports
 * resolve on the destination pod.
 */
// @ts-nocheck

import { parseCidr, type Cidr, type IpVersion } from "../../model/cidr";
import type { Protocol, RefPod } from "./cluster";

export type Endpoint =
  | { readonly kind: "pod"; readonly pod: RefPod }
  | { readonly kind: "ip"; readonly version: IpVersion; readonly value: bigint };

/** True when `cidr` parses and contains the address; an unparsable CIDR contains nothing. */
export function cidrContains(cidr: string, endpoint: Endpoint): boolean {
  if (endpoint.kind !== "ip") return false;
  const range = parsedCidr(cidr);
  return range !== undefined && range.version === endpoint.version && range.start <= endpoint.value && endpoint.value <= range.end;
}

// Parsing is pure, so a memo only saves time; it holds the few CIDR strings the inputs mention.
const cidrMemo = new Map<string, Cidr | undefined>();
function parsedCidr(text: string): Cidr | undefined {
  if (!cidrMemo.has(text)) cidrMemo.set(text, parseCidr(text));
  return cidrMemo.get(text);
}

/**
 * A named port means whatever container port of the destination pod carries
 * that name and protocol; on an address, or when no container port matches,
 * it means nothing.
 */
export function namedPortIs(dst: Endpoint, name: string, protocol: Protocol, port: number): boolean {
  if (dst.kind !== "pod") return false;
  return dst.pod.ports.some((c) => c.name === name && c.protocol === protocol && c.port === port);
}
