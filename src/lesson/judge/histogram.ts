// Histograms and latencies as a program printed them, and compared with
// the reference answer's on the same workload: the same number of events
// (within 10%), in the same units (buckets within two log2 steps), with
// latencies that are real (non-zero) and of the same order. Pure.

export interface HistRow {
  low: number;
  high: number;
  count: number;
}

export interface ParsedHist {
  /** The value column's name: "usecs", "kbytes", "msecs"... */
  label: string;
  rows: HistRow[];
  /** Index of its header line in the output. */
  line: number;
}

const HEADER = /^\s*(\S+)\s+: count\s+distribution\s*$/;
const ROW = /^\s*(\d+)\s+->\s+(\d+)\s+:\s+(\d+)\s+\|[* ]*\|?\s*$/;

/** Every log2 (or linear) histogram bcc's printLog2Hist printed, in order. */
export function parseHistograms(lines: string[]): ParsedHist[] {
  const out: ParsedHist[] = [];
  let cur: ParsedHist | undefined;
  lines.forEach((l, i) => {
    const h = HEADER.exec(l);
    if (h) {
      cur = { label: h[1]!, rows: [], line: i };
      out.push(cur);
      return;
    }
    const r = ROW.exec(l);
    if (r && cur) cur.rows.push({ low: Number(r[1]), high: Number(r[2]), count: Number(r[3]) });
    else if (l.trim() !== "" && !/^\s*Bucket /.test(l)) cur = undefined;
  });
  return out;
}

export const total = (h: ParsedHist): number => h.rows.reduce((s, r) => s + r.count, 0);

/** The log2 step of a bucket (0 -> 1 is step 0, 2 -> 3 step 1, 4 -> 7 step 2...). */
const step = (r: HistRow): number => (r.high <= 1 ? 0 : Math.floor(Math.log2(r.high)));

/** The count-weighted mean log2 step: where the events sit. */
export function meanStep(h: ParsedHist): number | undefined {
  const n = total(h);
  if (n === 0) return undefined;
  return h.rows.reduce((s, r) => s + step(r) * r.count, 0) / n;
}

/** The bucket most events fell in. */
export function modeRow(h: ParsedHist): HistRow | undefined {
  return h.rows.reduce<HistRow | undefined>((m, r) => (r.count > 0 && (!m || r.count > m.count) ? r : m), undefined);
}

/** log2 of a unit's size in a common base, for labels that name one. */
const UNIT_LOG2: Record<string, number> = { nsecs: 0, ns: 0, usecs: Math.log2(1e3), us: Math.log2(1e3), msecs: Math.log2(1e6), ms: Math.log2(1e6), secs: Math.log2(1e9), bytes: 0, kbytes: 10, mbytes: 20 };

export type HistVerdict =
  | { passed: true }
  | { passed: false; key: "check.hist.none" | "check.hist.empty"; vars: Record<string, string | number> }
  | { passed: false; key: "check.hist.total" | "check.hist.units" | "check.hist.unitsNs" | "check.hist.unitsMs"; vars: Record<string, string | number> };

export const TOTAL_TOLERANCE = 0.1;
export const MAX_STEPS = 2;

const bucket = (r: HistRow | undefined) => (r ? `${r.low}-${r.high}` : "-");

/** The learner's histograms (summed) against the reference's. */
export function compareHistograms(mine: ParsedHist[], ref: ParsedHist[], refTotal?: number): { total: HistVerdict; units: HistVerdict } {
  const m = merge(mine);
  const r = merge(ref);
  if (!m) return { total: { passed: false, key: "check.hist.none", vars: {} }, units: { passed: false, key: "check.hist.none", vars: {} } };
  const mt = total(m);
  // refTotal: the reference's count as the learner's window would have seen it (windowAdjusted).
  const rt = refTotal ?? (r ? total(r) : 0);
  if (mt === 0) {
    const v: HistVerdict = { passed: false, key: "check.hist.empty", vars: { reference: rt } };
    return { total: v, units: v };
  }
  const totalOk = Math.abs(mt - rt) <= Math.max(TOTAL_TOLERANCE * rt, 1);
  const totalV: HistVerdict = totalOk ? { passed: true } : { passed: false, key: "check.hist.total", vars: { mine: mt, reference: rt, percent: rt ? Math.round((Math.abs(mt - rt) / rt) * 100) : 100 } };
  const ms = meanStep(m);
  const rs = r ? meanStep(r) : undefined;
  if (ms === undefined || rs === undefined || !r) return { total: totalV, units: { passed: true } };
  // Compare in the learner's unit where both labels name one (msecs where
  // the reference prints usecs is fine); a coarser unit clamps at bucket 0.
  const known = UNIT_LOG2[m.label] !== undefined && UNIT_LOG2[r.label] !== undefined;
  const shift = known ? UNIT_LOG2[m.label]! - UNIT_LOG2[r.label]! : 0;
  const diff = ms - Math.max(0, rs - shift);
  if (Math.abs(diff) <= MAX_STEPS) return { total: totalV, units: { passed: true } };
  const vars = { count: mt, bucket: bucket(modeRow(m)), label: m.label, refBucket: bucket(modeRow(r)), refLabel: r.label, steps: Math.round(Math.abs(diff)) };
  // About 10 log2 steps apart is a factor of 1000: the wrong unit.
  const key = Math.abs(Math.abs(diff) - 10) <= 2 ? (diff > 0 ? "check.hist.unitsNs" : "check.hist.unitsMs") : "check.hist.units";
  return { total: totalV, units: { passed: false, key, vars } };
}

function merge(hs: ParsedHist[]): ParsedHist | undefined {
  if (hs.length === 0) return undefined;
  const rows = new Map<string, HistRow>();
  for (const h of hs) for (const r of h.rows) {
    const k = `${r.low}-${r.high}`;
    const e = rows.get(k);
    if (e) e.count += r.count;
    else rows.set(k, { ...r });
  }
  return { label: hs[0]!.label, rows: [...rows.values()].sort((a, b) => a.low - b.low), line: hs[0]!.line };
}

/** The latency column of a lesson 6 style table (header "... LAT(ms)"), one number per row. */
export function parseLatencies(lines: string[]): { unit: string; values: number[] } | undefined {
  const hi = lines.findIndex((l) => /\bLAT\((ms|us|usecs|ns)\)/.test(l));
  if (hi < 0) return undefined;
  const cols = lines[hi]!.trim().split(/\s+/);
  const col = cols.findIndex((c) => /^LAT\(/.test(c));
  const unit = /^LAT\((\w+)\)/.exec(cols[col]!)![1]!;
  const values: number[] = [];
  for (const l of lines.slice(hi + 1)) {
    const f = l.trim().split(/\s+/);
    if (f.length !== cols.length) continue;
    const v = Number(f[col]);
    if (Number.isFinite(v)) values.push(v);
  }
  return { unit, values };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[Math.floor(s.length / 2)]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export type LatencyVerdict = { passed: true } | { passed: false; key: "check.lat.none" | "check.lat.zero" | "check.lat.order"; vars: Record<string, string | number> };

/** Non-zero, and the median within a factor of 10 of the reference's. */
export function compareLatencies(mine: number[], ref: number[]): LatencyVerdict {
  if (mine.length === 0) return { passed: false, key: "check.lat.none", vars: { reference: ref.length } };
  const zeros = mine.filter((v) => v === 0).length;
  if (zeros > mine.length / 2) return { passed: false, key: "check.lat.zero", vars: { zeros, count: mine.length } };
  const mm = median(mine);
  const rm = median(ref);
  if (ref.length > 0 && rm > 0 && (mm / rm > 10 || rm / mm > 10)) return { passed: false, key: "check.lat.order", vars: { mine: round(mm), reference: round(rm) } };
  return { passed: true };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The reference's total as the learner's program would have seen it: the
 * two attach at different moments, and requests issued (by anybody) while
 * only one of them was tracing count for that one alone. issuedNs: the
 * checker's own count of block_rq_issue (ns, CLOCK_MONOTONIC); the ready
 * times in ms on the same clock.
 */
export function windowAdjusted(refTotal: number, issuedNs: number[], mineReadyMs: number, refReadyMs: number): { total: number; others: number } {
  const lo = Math.min(mineReadyMs, refReadyMs) * 1e6;
  const hi = Math.max(mineReadyMs, refReadyMs) * 1e6;
  const others = issuedNs.filter((ts) => ts >= lo && ts < hi).length;
  return { total: Math.max(0, refReadyMs < mineReadyMs ? refTotal - others : refTotal + others), others };
}
