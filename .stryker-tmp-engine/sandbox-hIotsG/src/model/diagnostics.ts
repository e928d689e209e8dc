/**
 * Diagnostics are data: every check appends to a list instead of throwing at
 * the first problem, so a user sees every mistake in one run.
 */
// @ts-nocheck

export type Severity = "error" | "warning";

export interface Diagnostic {
  /** Stable machine-readable code, e.g. "unknown-reference". */
  readonly code: string;
  readonly severity: Severity;
  /** Path inside the policy or manifest, e.g. `flows[3].to`. Empty for the whole document. */
  readonly path: string;
  readonly message: string;
  /** How to fix it, e.g. `did you mean "crm-api"?`. */
  readonly hint?: string;
  /** Filled in by adapters that know where the input came from. */
  readonly file?: string;
}

/** Thrown by APIs that must fail closed; carries every diagnostic found. */
export class DiagnosticError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[], summary?: string) {
    super(summary ?? formatDiagnostics(diagnostics));
    this.name = "DiagnosticError";
    this.diagnostics = diagnostics;
  }
}

/**
 * Recognises a DiagnosticError by shape: a policy module loaded through tsx
 * may bring its own copy of this module (src/ vs dist/), so instanceof fails.
 */
export function isDiagnosticError(e: unknown): e is DiagnosticError {
  if (e instanceof DiagnosticError) return true;
  if (!(e instanceof Error) || e.name !== "DiagnosticError") return false;
  const list: unknown = (e as { diagnostics?: unknown }).diagnostics;
  return Array.isArray(list) && list.every((d) => typeof d === "object" && d !== null && typeof (d as Diagnostic).code === "string" && typeof (d as Diagnostic).message === "string");
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** `policies/telecom/index.ts: flows[3].to: unknown service "crm-apii" (did you mean "crm-api"?)` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file, d.path].filter((s): s is string => !!s).join(": ");
  const head = where ? `${where}: ` : "";
  const hint = d.hint ? ` (${d.hint})` : "";
  const sev = d.severity === "warning" ? "warning: " : "";
  return `${head}${sev}${d.message}${hint} [${d.code}]`;
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join("\n");
}

/** Renders a property path the way a user writes it: `flows[3].ports[0]`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else {
      const s = String(seg);
      if (/^[A-Za-z_$][\w$]*$/.test(s)) out += out ? `.${s}` : s;
      else out += `[${JSON.stringify(s)}]`;
    }
  }
  return out;
}

/** Closest candidate by edit distance, for "did you mean" hints. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestDist || (d === bestDist && best !== undefined && c < best)) {
      best = c;
      bestDist = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(name.length / 3));
  return bestDist <= limit ? best : undefined;
}

export function suggestion(name: string, candidates: Iterable<string>): { hint: string } | Record<string, never> {
  const m = didYouMean(name, candidates);
  return m === undefined ? {} : { hint: `did you mean "${m}"?` };
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
