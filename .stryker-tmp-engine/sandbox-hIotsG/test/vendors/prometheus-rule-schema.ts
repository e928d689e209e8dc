/**
 * A zod schema of monitoring.coreos.com/v1 PrometheusRule, written from the
 * Prometheus Operator's CRD (no installed package ships one): groups with
 * unique names, each rule either an alert or a recording rule with an
 * expression, `for` as a Prometheus duration, string labels and annotations,
 * alert names and label names in Prometheus syntax.
 */
// @ts-nocheck

import { z } from "zod";

const duration = z.string().regex(/^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/);
const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/);
const dns1123 = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).max(63);

const Rule = z
  .object({
    alert: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/).optional(),
    record: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/).optional(),
    expr: z.string().min(1),
    for: duration.optional(),
    keep_firing_for: duration.optional(),
    labels: z.record(labelName, z.string()).optional(),
    annotations: z.record(labelName, z.string()).optional(),
  })
  .strict()
  .refine((r) => (r.alert === undefined) !== (r.record === undefined), "a rule has exactly one of alert and record");

const Group = z
  .object({
    name: z.string().min(1),
    interval: duration.optional(),
    rules: z.array(Rule).min(1),
  })
  .strict();

export const PrometheusRuleSchema = z
  .object({
    apiVersion: z.literal("monitoring.coreos.com/v1"),
    kind: z.literal("PrometheusRule"),
    metadata: z.object({ name: dns1123, namespace: dns1123, labels: z.record(z.string(), z.string()).optional(), annotations: z.record(z.string(), z.string()).optional() }).strict(),
    spec: z
      .object({ groups: z.array(Group).min(1) })
      .strict()
      .refine((s) => new Set(s.groups.map((g) => g.name)).size === s.groups.length, "group names are unique"),
  })
  .strict();
