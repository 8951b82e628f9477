// Histogram output identical to python bcc 0.26 (bcc/table.py:
// _print_log2_hist, _print_linear_hist, _stars, print_*_hist with struct keys).
// Pure logic: callers pass the slot -> count array they read from a map.

export type HistCount = number | bigint;
/** A section (bucket) value of a struct key. Uint8Array = a char[] field (python bytes). */
export type HistSection = string | number | bigint | Uint8Array;

export interface HistOptions {
  stripLeadingZero?: boolean;
}
export interface Log2Row {
  slot: number;
  low: bigint;
  high: bigint;
  count: bigint;
  /** count / max count, rounded as python's float division does. */
  fraction: number;
}
export interface LinearRow {
  value: number;
  count: bigint;
  fraction: number;
}
export interface SectionEntry {
  section: HistSection;
  slot: number;
  count: HistCount;
}
export interface SectionOptions extends HistOptions {
  /** Default "Bucket ptr", as in python. */
  sectionHeader?: string;
  /** Replaces %r of the bucket; its result is printed with %s. */
  sectionPrintFn?: (bucket: HistSection) => string;
  /** Maps each key's section to the bucket it is grouped under. */
  bucketFn?: (section: HistSection) => HistSection;
  /** Receives buckets in first-seen order; returns them in print order. */
  bucketSortFn?: (buckets: HistSection[]) => HistSection[];
}

const STARS_MAX = 40;
// python's decode_c_struct allocates [0] * log2_index_max for BOTH log2 and
// linear sectioned histograms, so sections only hold slots 0..64.
const SECTION_SLOTS = 65;

function toBig(v: HistCount): bigint {
  if (typeof v === "bigint") return v;
  if (!Number.isInteger(v)) throw new TypeError(`histogram count must be an integer, got ${v}`);
  return BigInt(v);
}

// python loop: idx_max = last index with v > 0, val_max = max(0, max v).
function scan(vals: ReadonlyArray<HistCount>): { big: bigint[]; idxMax: number; valMax: bigint } {
  const big = vals.map(toBig);
  let idxMax = -1;
  let valMax = 0n;
  big.forEach((v, i) => {
    if (v > 0n) idxMax = i;
    if (v > valMax) valMax = v;
  });
  return { big, idxMax, valMax };
}

function bitLen(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** n / d correctly rounded to a double, like python's int / int. */
export function bigDivToFloat(n: bigint, d: bigint): number {
  if (d === 0n) throw new RangeError("division by zero");
  const neg = n < 0n !== d < 0n;
  if (n < 0n) n = -n;
  if (d < 0n) d = -d;
  if (n === 0n) return neg ? -0 : 0;
  const LIM = 1n << 53n;
  let r: number;
  if (n <= LIM && d <= LIM) {
    r = Number(n) / Number(d); // both exact, IEEE division rounds once
  } else {
    // Scale so the integer quotient has >= 55 bits, fold the remainder into a
    // sticky bit; Number(bigint) then rounds half-to-even exactly once.
    const s = 55 - (bitLen(n) - bitLen(d));
    const num = s >= 0 ? n << BigInt(s) : n;
    const den = s >= 0 ? d : d << BigInt(-s);
    let q = num / den;
    if (num % den !== 0n) q |= 1n;
    r = Number(q) * 2 ** -s; // power-of-two scaling is exact in this range
  }
  return neg ? -r : r;
}

/** python _stars(val, val_max, width), including its float arithmetic. */
export function stars(val: HistCount, valMax: HistCount, width: number): string {
  const v = toBig(val);
  const m = toBig(valMax);
  const limit = bigDivToFloat(BigInt(width) * v, m) - 1;
  let text = "";
  for (let i = 0; !(i > limit || i > width - 1); i++) text += "*";
  if (v > m) text = text.slice(0, -1) + "+";
  return text;
}

// %-Ns / %Ns pad by code points and never truncate.
const cpLen = (s: string): number => [...s].length;
const padL = (s: string, w: number): string => " ".repeat(Math.max(0, w - cpLen(s))) + s;
const padR = (s: string, w: number): string => s + " ".repeat(Math.max(0, w - cpLen(s)));

/** Rows python prints for a log2 histogram (slot 0 is never one of them). */
export function log2HistRows(vals: ReadonlyArray<HistCount>, opts: HistOptions = {}): Log2Row[] {
  const { big, idxMax, valMax } = scan(vals);
  const rows: Log2Row[] = [];
  let strip = !!opts.stripLeadingZero;
  for (let i = 1; i <= idxMax; i++) {
    let low = (1n << BigInt(i)) >> 1n;
    const high = (1n << BigInt(i)) - 1n;
    if (low === high) low -= 1n; // slot 1 is "0 -> 1"
    const count = big[i]!;
    if (strip && count === 0n) continue;
    strip = false;
    rows.push({ slot: i, low, high, count, fraction: bigDivToFloat(count, valMax) });
  }
  return rows;
}

/** Rows python prints for a linear histogram. */
export function linearHistRows(vals: ReadonlyArray<HistCount>, opts: HistOptions = {}): LinearRow[] {
  const { big, idxMax, valMax } = scan(vals);
  const rows: LinearRow[] = [];
  let strip = !!opts.stripLeadingZero;
  for (let i = 0; i <= idxMax; i++) {
    const count = big[i]!;
    if (strip && count === 0n) continue;
    strip = false;
    rows.push({ value: i, count, fraction: bigDivToFloat(count, valMax) });
  }
  return rows;
}

/** Exactly what python's _print_log2_hist prints, one "\n" per print(). */
export function formatLog2Hist(vals: ReadonlyArray<HistCount>, valType = "value", opts: HistOptions = {}): string {
  const { idxMax, valMax } = scan(vals);
  const wide = idxMax > 32;
  const width = wide ? STARS_MAX / 2 : STARS_MAX;
  const rangeW = wide ? 20 : 10;
  // Header iff idx_max > 0, which is exactly when there is at least one row.
  let out = idxMax > 0 ? (wide ? " ".repeat(15) + padR(valType, 29) : " ".repeat(5) + padR(valType, 19)) + " : count     distribution\n" : "";
  for (const r of log2HistRows(vals, opts)) {
    out += `${padL(r.low.toString(), rangeW)} -> ${padR(r.high.toString(), rangeW)} : ${padR(r.count.toString(), 8)} |${padR(stars(r.count, valMax, width), width)}|\n`;
  }
  return out;
}

/** Exactly what python's _print_linear_hist prints. */
export function formatLinearHist(vals: ReadonlyArray<HistCount>, valType = "value", opts: HistOptions = {}): string {
  const { idxMax, valMax } = scan(vals);
  let out = idxMax >= 0 ? " ".repeat(5) + padR(valType, 13) + " : count     distribution\n" : "";
  for (const r of linearHistRows(vals, opts)) {
    out += `${" ".repeat(8)}${padR(String(r.value), 10)} : ${padR(r.count.toString(), 8)} |${padR(stars(r.count, valMax, STARS_MAX), STARS_MAX)}|\n`;
  }
  return out;
}

// ---- python repr() of a section value, for "\n%s = %r" ----

function escapeChar(cp: number, quote: string, forBytes: boolean): string {
  const ch = String.fromCodePoint(cp);
  if (ch === "\\" || ch === quote) return "\\" + ch;
  if (ch === "\t") return "\\t";
  if (ch === "\n") return "\\n";
  if (ch === "\r") return "\\r";
  const hex = (w: number) => cp.toString(16).padStart(w, "0");
  if (forBytes) return cp < 0x20 || cp >= 0x7f ? "\\x" + hex(2) : ch;
  // str.isprintable(): not in Unicode categories Other/Separator, except " ".
  // (Unicode version is the JS engine's, not python 3.11's; rare differences.)
  if (ch !== " " && /[\p{C}\p{Z}]/u.test(ch)) return cp < 0x100 ? "\\x" + hex(2) : cp < 0x10000 ? "\\u" + hex(4) : "\\U" + hex(8);
  return ch;
}

function reprQuoted(cps: number[], forBytes: boolean): string {
  // python uses ' unless the text contains ' and no ".
  const q = cps.includes(0x27) && !cps.includes(0x22) ? '"' : "'";
  return (forBytes ? "b" : "") + q + cps.map((c) => escapeChar(c, q, forBytes)).join("") + q;
}

function reprFloat(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  // Same shortest digits as JS; python switches to exponent form when exp < -4 or >= 16.
  const [mant, e] = n.toExponential().split("e") as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 16) return `${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  const s = String(n);
  return s.includes(".") ? s : s + ".0";
}

/**
 * python %r of a section value. number/bigint integers print as python ints
 * (e.g. 8388608); non-integer numbers as python floats; a string as a python
 * str ('sda', as when bucket_fn decodes); a Uint8Array as python bytes
 * (b'sda', what a raw char[] key field gives in python; pass the bytes up to
 * the first NUL, as ctypes does).
 */
export function pyRepr(v: HistSection): string {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return Number.isInteger(v) ? BigInt(v).toString() : reprFloat(v);
  if (typeof v === "string") return reprQuoted([...v].map((c) => c.codePointAt(0)!), false);
  return reprQuoted([...v], true);
}

// Dict key with python equality: 1 == 1.0, b"a" != "a".
function dictKey(v: HistSection): string {
  if (typeof v === "bigint") return "i" + v;
  if (typeof v === "number") return Number.isInteger(v) ? "i" + BigInt(v) : "f" + v;
  if (typeof v === "string") return "s" + v;
  return "b" + Buffer.from(v).toString("hex");
}

// python decode_c_struct + the per-bucket loop of print_log2/linear_hist.
function formatSections(
  entries: ReadonlyArray<SectionEntry>,
  opts: SectionOptions,
  print: (vals: HistCount[]) => string,
): string {
  const tmp = new Map<string, { bucket: HistSection; vals: HistCount[] }>();
  for (const e of entries) {
    const bucket = opts.bucketFn ? opts.bucketFn(e.section) : e.section;
    const k = dictKey(bucket);
    let t = tmp.get(k);
    if (!t) tmp.set(k, (t = { bucket, vals: new Array<HistCount>(SECTION_SLOTS).fill(0) }));
    // python list indexing: negative slots count from the end, others raise IndexError.
    const idx = Number.isInteger(e.slot) && e.slot < 0 ? e.slot + SECTION_SLOTS : e.slot;
    if (!Number.isInteger(idx) || idx < 0 || idx >= SECTION_SLOTS) {
      throw new RangeError(`histogram slot ${e.slot} out of range 0..${SECTION_SLOTS - 1} (python raises IndexError)`);
    }
    t.vals[idx] = e.count; // later keys overwrite, as in python
  }
  let buckets = [...tmp.values()].map((t) => t.bucket);
  if (opts.bucketSortFn) buckets = opts.bucketSortFn(buckets);
  const header = opts.sectionHeader ?? "Bucket ptr";
  let out = "";
  for (const b of buckets) {
    const t = tmp.get(dictKey(b));
    if (!t) throw new RangeError(`bucketSortFn returned unknown bucket ${pyRepr(b)} (python raises KeyError)`);
    out += `\n${header} = ${opts.sectionPrintFn ? opts.sectionPrintFn(b) : pyRepr(b)}\n`;
    out += print(t.vals);
  }
  return out;
}

/** python print_log2_hist for a struct key {section, slot}. */
export function formatLog2HistSections(entries: ReadonlyArray<SectionEntry>, valType = "value", opts: SectionOptions = {}): string {
  return formatSections(entries, opts, (v) => formatLog2Hist(v, valType, opts));
}

/** python print_linear_hist for a struct key {section, slot} (slots 0..64 only, as in python). */
export function formatLinearHistSections(entries: ReadonlyArray<SectionEntry>, valType = "value", opts: SectionOptions = {}): string {
  return formatSections(entries, opts, (v) => formatLinearHist(v, valType, opts));
}
