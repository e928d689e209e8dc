/**
 * Jest matchers for segmentation policy tests:
 *
 *   import { modelFromPolicy, ztsegMatchers } from "ztseg/jest";
 *   expect.extend(ztsegMatchers);
 *   const cluster = modelFromPolicy(policy);
 *   expect(cluster).toHaveNoPath({ from: { trust: ["vendor"] }, to: { sensitive: true } });
 *   expect(cluster).toAllow("edge/ingress-gateway", "portal/portal-web", "8080/TCP");
 *   expect(cluster).toDeny("vendor-fieldops/fieldops-connector", "crm/crm-api", 8080);
 *
 * Failure messages print the offending path hop by hop with the rules
 * behind each hop, or the rules that decided a single connection.
 */
// @ts-nocheck

import {
  type EndpointSpec,
  expectAllowed,
  expectNoPath,
  type LayerName,
  modelFromObjects,
  modelFromPolicy,
  type SegmentationModel,
} from "../../core/verify";

export { modelFromObjects, modelFromPolicy, type SegmentationModel, type EndpointSpec, type LayerName };

export interface PathQuery {
  readonly from: EndpointSpec;
  readonly to: EndpointSpec;
  /** "combined" (default), "networkpolicy", "istio" or "guardrails". */
  readonly layer?: LayerName;
}

function isModel(x: unknown): x is SegmentationModel {
  return typeof x === "object" && x !== null && "view" in x && "classification" in x && "cluster" in x;
}

type Result = { pass: boolean; message: () => string };

function notAModel(name: string): Result {
  return { pass: false, message: () => `${name} expects a model from modelFromPolicy() or modelFromObjects()` };
}

export const ztsegMatchers = {
  toHaveNoPath(received: unknown, query: PathQuery): Result {
    if (!isModel(received)) return notAModel("toHaveNoPath");
    const r = expectNoPath(received, query.from, query.to, query.layer);
    return { pass: r.pass, message: () => r.message };
  },
  toHavePath(received: unknown, query: PathQuery): Result {
    if (!isModel(received)) return notAModel("toHavePath");
    const r = expectNoPath(received, query.from, query.to, query.layer);
    return { pass: !r.pass, message: () => r.message };
  },
  toAllow(received: unknown, from: string, to: string, port: string | number, layer?: LayerName): Result {
    if (!isModel(received)) return notAModel("toAllow");
    const r = expectAllowed(received, from, to, port, layer);
    return { pass: r.pass, message: () => r.message };
  },
  toDeny(received: unknown, from: string, to: string, port: string | number, layer?: LayerName): Result {
    if (!isModel(received)) return notAModel("toDeny");
    const r = expectAllowed(received, from, to, port, layer);
    return { pass: !r.pass, message: () => r.message };
  },
};

/* eslint-disable @typescript-eslint/no-namespace -- jest's matcher typing is declared by namespace merging. */
declare global {
  namespace jest {
    interface Matchers<R> {
      toHaveNoPath(query: PathQuery): R;
      toHavePath(query: PathQuery): R;
      toAllow(from: string, to: string, port: string | number, layer?: LayerName): R;
      toDeny(from: string, to: string, port: string | number, layer?: LayerName): R;
    }
  }
}
