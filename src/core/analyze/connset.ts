/**
 * An immutable set of (protocol, port) pairs, stored per protocol as a sorted
 * list of disjoint, non-adjacent inclusive port intervals. Every operation is
 * linear in the number of intervals, never in the number of ports.
 */
export type Protocol = "TCP" | "UDP" | "SCTP";
/** Sorted by name: the order groups print in. */
export const PROTOCOLS: readonly Protocol[] = ["SCTP", "TCP", "UDP"];
export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** Flat interval list: [lo0, hi0, lo1, hi1, ...], sorted, disjoint, non-adjacent. */
type Intervals = readonly number[];
const NONE: Intervals = [];
const FULL: Intervals = [MIN_PORT, MAX_PORT];

/** One port range clamped to 1..65535 as an interval list (empty when nothing is left). */
function interval(from: number, to: number): Intervals {
  const a = Math.max(MIN_PORT, from);
  const b = Math.min(MAX_PORT, to);
  return a <= b ? [a, b] : NONE;
}

/** Linear merge of two sorted interval lists. */
function unionI(x: Intervals, y: Intervals): Intervals {
  if (x.length === 0) return y;
  if (y.length === 0) return x;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    let lo: number;
    let hi: number;
    if (j >= y.length || (i < x.length && x[i]! <= y[j]!)) {
      lo = x[i]!;
      hi = x[i + 1]!;
      i += 2;
    } else {
      lo = y[j]!;
      hi = y[j + 1]!;
      j += 2;
    }
    const n = out.length;
    if (n > 0 && lo <= out[n - 1]! + 1) {
      if (hi > out[n - 1]!) out[n - 1] = hi;
    } else out.push(lo, hi);
  }
  return out;
}

function intersectI(x: Intervals, y: Intervals): Intervals {
  if (x.length === 0 || y.length === 0) return NONE;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const lo = Math.max(x[i]!, y[j]!);
    const hi = Math.min(x[i + 1]!, y[j + 1]!);
    if (lo <= hi) out.push(lo, hi);
    if (x[i + 1]! < y[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

function complementI(x: Intervals): Intervals {
  const out: number[] = [];
  let next = MIN_PORT;
  for (let i = 0; i < x.length; i += 2) {
    if (x[i]! > next) out.push(next, x[i]! - 1);
    next = x[i + 1]! + 1;
  }
  if (next <= MAX_PORT) out.push(next, MAX_PORT);
  return out;
}

function sameI(x: Intervals, y: Intervals): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function isFullI(x: Intervals): boolean {
  return x.length === 2 && x[0] === MIN_PORT && x[1] === MAX_PORT;
}

function containsI(x: Intervals, port: number): boolean {
  for (let i = 0; i < x.length; i += 2) {
    if (port < x[i]!) return false;
    if (port <= x[i + 1]!) return true;
  }
  return false;
}

function formatI(x: Intervals): string {
  const parts: string[] = [];
  for (let i = 0; i < x.length; i += 2) parts.push(x[i] === x[i + 1] ? String(x[i]) : `${x[i]}-${x[i + 1]}`);
  return parts.join(",");
}

/** ConnSet.canonical's registry, by canonical text. */
const CANONICAL = new Map<string, ConnSet>();

export class ConnSet {
  private constructor(
    private readonly tcp: Intervals,
    private readonly udp: Intervals,
    private readonly sctp: Intervals,
  ) {}

  static readonly empty: ConnSet = new ConnSet(NONE, NONE, NONE);
  static readonly all: ConnSet = new ConnSet(FULL, FULL, FULL);

  /** Ports `from..to` (inclusive) of one protocol. */
  static ports(protocol: Protocol, from: number, to: number = from): ConnSet {
    const iv = interval(from, to);
    return ConnSet.of(protocol, iv);
  }

  /** Every port of one protocol. */
  static protocol(protocol: Protocol): ConnSet {
    return ConnSet.of(protocol, FULL);
  }

  private static of(protocol: Protocol, iv: Intervals): ConnSet {
    switch (protocol) {
      case "TCP":
        return new ConnSet(iv, NONE, NONE);
      case "UDP":
        return new ConnSet(NONE, iv, NONE);
      case "SCTP":
        return new ConnSet(NONE, NONE, iv);
    }
  }

  /** The port intervals of one protocol as [from, to] pairs. */
  intervals(protocol: Protocol): Array<[number, number]> {
    const iv = this.get(protocol);
    const out: Array<[number, number]> = [];
    for (let i = 0; i < iv.length; i += 2) out.push([iv[i]!, iv[i + 1]!]);
    return out;
  }

  private get(protocol: Protocol): Intervals {
    return protocol === "TCP" ? this.tcp : protocol === "UDP" ? this.udp : this.sctp;
  }

  union(o: ConnSet): ConnSet {
    if (this.isEmpty() || o.isAll()) return o;
    if (o.isEmpty() || this.isAll()) return this;
    return new ConnSet(unionI(this.tcp, o.tcp), unionI(this.udp, o.udp), unionI(this.sctp, o.sctp));
  }

  intersect(o: ConnSet): ConnSet {
    if (this.isEmpty() || o.isAll()) return this;
    if (o.isEmpty() || this.isAll()) return o;
    return new ConnSet(intersectI(this.tcp, o.tcp), intersectI(this.udp, o.udp), intersectI(this.sctp, o.sctp));
  }

  complement(): ConnSet {
    return new ConnSet(complementI(this.tcp), complementI(this.udp), complementI(this.sctp));
  }

  subtract(o: ConnSet): ConnSet {
    if (this.isEmpty() || o.isEmpty()) return this;
    return this.intersect(o.complement());
  }

  isEmpty(): boolean {
    return this.tcp.length === 0 && this.udp.length === 0 && this.sctp.length === 0;
  }

  isAll(): boolean {
    return isFullI(this.tcp) && isFullI(this.udp) && isFullI(this.sctp);
  }

  equals(o: ConnSet): boolean {
    return this === o || (sameI(this.tcp, o.tcp) && sameI(this.udp, o.udp) && sameI(this.sctp, o.sctp));
  }

  /**
   * The one shared set equal to `c` (c itself the first time its content is
   * seen), given c's toString(). Analyses intern their verdicts through it,
   * so equal verdicts of two analyses (the two sides of a diff compare
   * millions) are one object and compare as one. Few distinct sets exist
   * (the port sets policies write, and their meets and unions), so the
   * registry stays small.
   */
  static canonical(c: ConnSet, text: string = c.toString()): ConnSet {
    let known = CANONICAL.get(text);
    if (known === undefined) CANONICAL.set(text, (known = c));
    return known;
  }

  has(protocol: Protocol, port: number): boolean {
    return containsI(this.get(protocol), port);
  }

  /** Canonical peer-case form: `All Connections` or `SCTP 9000,TCP 80,443,8000-8010,UDP 53`. */
  toString(): string {
    if (this.isAll()) return "All Connections";
    if (this.isEmpty()) return "No Connections";
    return this.groups().join(",");
  }

  /** ztseg's own report form: `TCP 80,443,8000-8010;UDP 53` (kept: a shared set is displayed for many pairs). */
  toDisplayString(): string {
    if (this.display === undefined) {
      if (this.isAll()) this.display = "All Connections";
      else if (this.isEmpty()) this.display = "No Connections";
      else this.display = this.groups().join(";");
    }
    return this.display;
  }
  private display: string | undefined;

  private groups(): string[] {
    return PROTOCOLS.filter((p) => this.get(p).length > 0).map((p) => `${p} ${formatI(this.get(p))}`);
  }

  /** Inverse of toString()/toDisplayString(); undefined when the text is not a connection set. */
  static parse(text: string): ConnSet | undefined {
    const t = text.trim();
    if (t === "All Connections") return ConnSet.all;
    if (t === "No Connections" || t === "") return ConnSet.empty;
    let acc = ConnSet.empty;
    let current: Protocol | undefined;
    for (const raw of t.split(/[,;]/)) {
      let item = raw.trim();
      const m = /^(TCP|UDP|SCTP)(?:\s+(.*))?$/.exec(item);
      if (m) {
        current = m[1] as Protocol;
        item = (m[2] ?? "").trim();
        if (item === "") {
          acc = acc.union(ConnSet.protocol(current));
          continue;
        }
      }
      if (current === undefined) return undefined;
      const r = /^(\d+)(?:-(\d+))?$/.exec(item);
      if (!r) return undefined;
      acc = acc.union(ConnSet.ports(current, Number(r[1]), Number(r[2] ?? r[1])));
    }
    return acc;
  }
}

// The static sets are the shared ones for their content.
ConnSet.canonical(ConnSet.empty);
ConnSet.canonical(ConnSet.all);
