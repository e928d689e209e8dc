/**
 * Reading untyped manifest values defensively. Every problem becomes a
 * Diagnostic with the path inside the object; parsing goes on with a safe
 * fallback so one run reports every mistake.
 */
import { type IpRange, parseCidr } from "../../model/cidr";
import type { Diagnostic } from "../../model/diagnostics";
import type { Protocol } from "./connset";
import type { PortItem, PortSpec } from "./model";
import type { Requirement, Selector } from "./selector";

export type Obj = Readonly<Record<string, unknown>>;

export function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Where a manifest document is. */
export interface DocPlace {
  readonly file: string;
  readonly index: number;
  readonly line?: number;
}

/** A document's place as every manifest diagnostic names it: `file:line (document N)`. */
export const docPlace = (d: DocPlace): string => `${d.file}${d.line !== undefined ? `:${d.line}` : ""} (document ${d.index + 1})`;

/** Collects diagnostics for one manifest document. */
export class Reader {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    private readonly where: DocPlace,
    private readonly objectName: string,
  ) {}

  error(path: string, message: string, hint?: string): void {
    this.push("error", path, message, hint);
  }

  warn(path: string, message: string, hint?: string): void {
    this.push("warning", path, message, hint);
  }

  private push(severity: "error" | "warning", path: string, message: string, hint?: string): void {
    const d: Diagnostic = {
      code: severity === "error" ? "bad-manifest" : "manifest-warning",
      severity,
      path: `${this.objectName}${path ? "." + path : ""}`,
      message,
      file: docPlace(this.where),
      ...(hint !== undefined ? { hint } : {}),
    };
    this.diagnostics.push(d);
  }

  obj(v: unknown, path: string): Obj | undefined {
    if (v === undefined || v === null) return undefined;
    if (isObj(v)) return v;
    this.error(path, "must be an object");
    return undefined;
  }

  list(v: unknown, path: string): readonly unknown[] | undefined {
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v)) return v;
    this.error(path, "must be a list");
    return undefined;
  }

  str(v: unknown, path: string): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    this.error(path, "must be a string");
    return undefined;
  }

  strMap(v: unknown, path: string): Record<string, string> {
    const o = this.obj(v, path);
    const out: Record<string, string> = {};
    if (!o) return out;
    for (const k of Object.keys(o)) {
      const val = o[k];
      // The common case first: a string needs no path (building one per label was a visible cost on large dumps).
      if (typeof val === "string") out[k] = val;
      else {
        const s = this.str(val, `${path}[${JSON.stringify(k)}]`);
        if (s !== undefined) out[k] = s;
      }
    }
    return out;
  }

  strList(v: unknown, path: string): string[] | undefined {
    const l = this.list(v, path);
    if (!l) return undefined;
    const out: string[] = [];
    l.forEach((x, i) => {
      const s = this.str(x, `${path}[${i}]`);
      if (s !== undefined) out.push(s);
    });
    return out;
  }

  int(v: unknown, path: string, min: number, max: number): number | undefined {
    if (v === undefined || v === null) return undefined;
    const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
    if (typeof n === "number" && Number.isInteger(n) && n >= min && n <= max) return n;
    this.error(path, `must be an integer from ${min} to ${max}`);
    return undefined;
  }

  /**
   * int() for a field the API requires: absent or null is an error of its own
   * ("is required"), never a value read as nothing. Only one of the two
   * errors can fire for a field.
   */
  requiredInt(v: unknown, path: string, min: number, max: number): number | undefined {
    if (v === undefined || v === null) {
      this.error(path, "is required");
      return undefined;
    }
    return this.int(v, path, min, max);
  }

  protocol(v: unknown, path: string): Protocol {
    if (v === undefined || v === null) return "TCP";
    if (v === "TCP" || v === "UDP" || v === "SCTP") return v;
    this.error(path, `unknown protocol ${JSON.stringify(v)}`, "use TCP, UDP or SCTP");
    return "TCP";
  }

  cidr(v: unknown, path: string): IpRange | undefined {
    const s = this.str(v, path);
    if (s === undefined) return undefined;
    const c = parseCidr(s.trim());
    if (!c) this.error(path, `not a CIDR: ${JSON.stringify(s)}`, "write e.g. 10.0.0.0/8 or fd00::/8");
    return c;
  }

  /** Plain address or CIDR (Istio ipBlocks accept both). */
  cidrOrIp(v: unknown, path: string): IpRange | undefined {
    const s = this.str(v, path);
    if (s === undefined) return undefined;
    const t = s.trim();
    const c = parseCidr(t.includes("/") ? t : `${t}/${t.includes(":") ? 128 : 32}`);
    if (!c) this.error(path, `not an address or CIDR: ${JSON.stringify(s)}`);
    return c;
  }

  /** A LabelSelector; undefined when absent. */
  selector(v: unknown, path: string): Selector | undefined {
    if (v === undefined || v === null) return undefined;
    const o = this.obj(v, path);
    if (!o) return { requirements: [{ key: "\u0000invalid", op: "Exists" }] };
    const reqs: Requirement[] = [];
    const ml = this.strMap(o["matchLabels"], `${path}.matchLabels`);
    for (const k of Object.keys(ml).sort()) reqs.push({ key: k, op: "In", values: [ml[k]!] });
    const exprs = this.list(o["matchExpressions"], `${path}.matchExpressions`) ?? [];
    exprs.forEach((e, i) => {
      const p = `${path}.matchExpressions[${i}]`;
      const eo = this.obj(e, p);
      if (!eo) return;
      const key = this.str(eo["key"], `${p}.key`);
      const op = eo["operator"];
      const values = this.strList(eo["values"], `${p}.values`) ?? [];
      if (key === undefined) {
        this.error(`${p}.key`, "is required");
        return;
      }
      if (op === "In" || op === "NotIn") {
        if (values.length === 0) this.error(`${p}.values`, `must not be empty for ${op}`);
        reqs.push({ key, op, values });
      } else if (op === "Exists" || op === "DoesNotExist") {
        if (values.length > 0) this.error(`${p}.values`, `must be empty for ${op}`);
        reqs.push({ key, op });
      } else {
        this.error(`${p}.operator`, `unknown operator ${JSON.stringify(op)}`, "use In, NotIn, Exists or DoesNotExist");
        // Fail closed for this selector: it matches nothing rather than everything.
        reqs.push({ key: "\u0000invalid", op: "Exists" });
      }
    });
    return { requirements: reqs };
  }

  /** NetworkPolicy ports (`port` number or name, `endPort`, `protocol`). */
  npPorts(v: unknown, path: string): PortSpec {
    const l = this.list(v, path);
    if (!l || l.length === 0) return "all";
    const items: PortItem[] = [];
    l.forEach((p, i) => {
      const pp = `${path}[${i}]`;
      const o = this.obj(p, pp);
      if (!o) return;
      const protocol = this.protocol(o["protocol"], `${pp}.protocol`);
      const port = o["port"];
      const endPort = this.int(o["endPort"], `${pp}.endPort`, 1, 65535);
      if (port === undefined || port === null) {
        if (endPort !== undefined) this.error(`${pp}.endPort`, "needs a numeric port");
        items.push({ kind: "range", protocol, from: 1, to: 65535 });
      } else if (typeof port === "string" && !/^\d+$/.test(port)) {
        if (endPort !== undefined) this.error(`${pp}.endPort`, "cannot be used with a named port");
        items.push({ kind: "named", name: port, protocol });
      } else {
        const n = this.int(port, `${pp}.port`, 1, 65535);
        if (n === undefined) return;
        if (endPort !== undefined && endPort < n) {
          this.error(`${pp}.endPort`, `must not be below port ${n}`);
          return;
        }
        items.push({ kind: "range", protocol, from: n, to: endPort ?? n });
      }
    });
    return items;
  }
}

/** Istio's string matching: exact, `*`, `prefix*` or `*suffix`. */
export function matchPattern(pattern: string, value: string): boolean {
  if (pattern === "*") return true;
  if (pattern.startsWith("*")) return value.endsWith(pattern.slice(1));
  if (pattern.endsWith("*")) return value.startsWith(pattern.slice(0, -1));
  return pattern === value;
}
