/**
 * Stack configuration (`ztseg:*` keys in stacks/Pulumi.<stack>.yaml),
 * validated with zod key by key so every mistake names the key it is in.
 * Pulumi hands config over as strings (structured values as JSON); this
 * module only sees that raw map, so tests need no Pulumi engine.
 */
// @ts-nocheck

import { z } from "zod";
import { type Diagnostic, DiagnosticError, didYouMean } from "../../model";
import { ALL_TARGETS, CAPABILITY_PROFILES, type CapabilityProfile, type Target, TARGETS } from "../../core/compile";

export const CONFIG_NAMESPACE = "ztseg";

export const MODES = ["dry-run", "enforce", "render"] as const;
/**
 * - dry-run: compile and verify, export what would be deployed, register nothing;
 * - enforce: register every compiled object with the cluster;
 * - render: register them with a provider that writes YAML instead of calling a cluster.
 */
export type Mode = (typeof MODES)[number];

export const NAMESPACE_MODES = ["patch", "manage"] as const;
/** patch: label namespaces the platform team owns (NamespacePatch); manage: create and own them (Namespace). */
export type NamespaceMode = (typeof NAMESPACE_MODES)[number];

export interface StackConfig {
  /** Policy module path, relative to the Pulumi project root. */
  readonly policy: string;
  readonly targets: ReadonlySet<Target>;
  readonly capabilitiesProfile: string;
  readonly capabilities: CapabilityProfile;
  readonly trustDomain?: string;
  readonly mode: Mode;
  readonly namespaces: NamespaceMode;
  /** Set exactly when mode is "render". */
  readonly renderDirectory?: string;
}

const DNS_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** One schema per key; each sees the raw string Pulumi stores. */
const KEY_SCHEMAS = {
  policy: z.string().trim().min(1, "must name a policy module (a .ts/.js file or a folder with index.ts)"),
  targets: z
    .string()
    .transform((raw, ctx): Target[] => {
      let list: unknown = raw;
      if (raw.trim().startsWith("[")) {
        try {
          list = JSON.parse(raw);
        } catch {
          ctx.addIssue({ code: "custom", message: "not a valid list (write a YAML list or a comma-separated string)" });
          return z.NEVER;
        }
      } else list = raw.split(",").map((s) => s.trim()).filter((s) => s !== "");
      const parsed = z.array(z.enum(TARGETS)).min(1).safeParse(list);
      if (!parsed.success) {
        const known = new Set<string>(TARGETS);
        const bad = Array.isArray(list) ? list.filter((t) => typeof t !== "string" || !known.has(t)).map((t) => JSON.stringify(t)) : [];
        ctx.addIssue({ code: "custom", message: bad.length > 0 ? `unknown target ${bad.join(", ")}; targets are ${TARGETS.join(", ")}` : `must list at least one of ${TARGETS.join(", ")}` });
        return z.NEVER;
      }
      return parsed.data;
    }),
  capabilities: z.string().refine((p) => Object.hasOwn(CAPABILITY_PROFILES, p), {
    error: (issue) => {
      const input = String(issue.input);
      const near = didYouMean(input, Object.keys(CAPABILITY_PROFILES));
      return `unknown capability profile "${input}"${near ? ` (did you mean "${near}"?)` : ""}; profiles: ${Object.keys(CAPABILITY_PROFILES).join(", ")}`;
    },
  }),
  trustDomain: z.string().regex(DNS_NAME, "must be a DNS name such as cluster.local"),
  mode: z.enum(MODES, { error: `must be one of ${MODES.join(", ")}` }),
  namespaces: z.enum(NAMESPACE_MODES, { error: `must be one of ${NAMESPACE_MODES.join(", ")}` }),
  renderDirectory: z.string().trim().min(1, "must be a folder path"),
} as const;

type Key = keyof typeof KEY_SCHEMAS;
export const CONFIG_KEYS = Object.keys(KEY_SCHEMAS) as Key[];

const fullKey = (k: string) => `${CONFIG_NAMESPACE}:${k}`;

function configError(key: string, message: string, hint?: string): Diagnostic {
  return { code: "invalid-stack-config", severity: "error", path: fullKey(key), message, ...(hint !== undefined ? { hint } : {}) };
}

/**
 * Validates the raw stack config (keys with or without the `ztseg:`
 * prefix; keys of other namespaces are ignored). Throws a DiagnosticError
 * listing every bad key.
 */
export function parseStackConfig(raw: Readonly<Record<string, string | undefined>>): StackConfig {
  const values = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    const prefix = `${CONFIG_NAMESPACE}:`;
    if (k.includes(":") && !k.startsWith(prefix)) continue;
    const key = k.startsWith(prefix) ? k.slice(prefix.length) : k;
    if (!(CONFIG_KEYS as string[]).includes(key)) {
      const near = didYouMean(key, CONFIG_KEYS);
      diagnostics.push(configError(key, "not a ztseg setting", near ? `did you mean "${fullKey(near)}"?` : `settings: ${CONFIG_KEYS.map(fullKey).join(", ")}`));
      continue;
    }
    values.set(key, v);
  }
  const read = <K extends Key>(key: K): z.output<(typeof KEY_SCHEMAS)[K]> | undefined => {
    const v = values.get(key);
    if (v === undefined) return undefined;
    const parsed = KEY_SCHEMAS[key].safeParse(v);
    if (parsed.success) return parsed.data as z.output<(typeof KEY_SCHEMAS)[K]>;
    for (const issue of parsed.error.issues) diagnostics.push(configError(key, issue.message));
    return undefined;
  };
  const policy = read("policy");
  if (!values.has("policy")) diagnostics.push(configError("policy", "required: the policy module to deploy", `pulumi config set ${fullKey("policy")} policies/telecom`));
  const targets = read("targets");
  const capabilitiesProfile = read("capabilities") ?? "full";
  const trustDomain = read("trustDomain");
  const mode = read("mode") ?? "dry-run";
  const namespaces = read("namespaces") ?? "patch";
  const renderDirectory = read("renderDirectory");
  if (values.get("mode") === "render" && renderDirectory === undefined && !values.has("renderDirectory")) {
    diagnostics.push(configError("renderDirectory", "required when ztseg:mode is render", `pulumi config set ${fullKey("renderDirectory")} rendered`));
  }
  if (renderDirectory !== undefined && values.has("mode") && values.get("mode") !== "render") {
    diagnostics.push(configError("renderDirectory", `only applies when ztseg:mode is render (it is "${values.get("mode")}")`));
  }
  // A patch is a server-side apply against live objects; rendered YAML has no live object to patch.
  if (mode === "render" && values.get("namespaces") === "patch") {
    diagnostics.push(configError("namespaces", "cannot be patch when ztseg:mode is render: rendered YAML carries whole Namespace objects", `remove ${fullKey("namespaces")} or set it to manage`));
  }
  if (diagnostics.length > 0 || policy === undefined) throw new DiagnosticError(diagnostics);
  return {
    policy,
    targets: targets ? new Set(targets) : ALL_TARGETS,
    capabilitiesProfile,
    capabilities: CAPABILITY_PROFILES[capabilitiesProfile]!,
    ...(trustDomain !== undefined ? { trustDomain } : {}),
    mode,
    namespaces: mode === "render" ? "manage" : namespaces,
    ...(mode === "render" && renderDirectory !== undefined ? { renderDirectory } : {}),
  };
}
