// Judges a sync lesson's output against what really happened: the syncs the
// checker's own probe saw (the workload's and anybody else's), in kernel
// time. Pure: the live parts (probe, workload, program) are measured before.
import type { CountedEvent } from "../counter-probe.ts";

/** A sync the output should report: its gap to the sync before, and the number of syncs so far. */
export interface ExpectedSync {
  deltaMs: number;
  count: number;
  /** The gap is so close to 1 s that reporting it or not are both right. */
  optional: boolean;
}

export interface SyncTruth {
  /** Every sync seen while the program was ready, oldest first. */
  all: CountedEvent[];
  workload: number;
  others: number;
}

export interface LineMark {
  index: number;
  ok: boolean;
}

export type Verdict = { passed: true } | { passed: false; key: string; vars: Record<string, string | number> };

export interface SyncJudgement {
  lines: Verdict;
  values?: Verdict;
  /** Output line index → matched an expected event. */
  marks: LineMark[];
}

export const QUICK_NS = 1e9;
const EDGE_NS = 40e6;

export function syncTruth(events: CountedEvent[], workloadPids: ReadonlySet<number>, sinceNs = 0): SyncTruth {
  const all = events.filter((e) => e.ts >= sinceNs);
  const workload = all.filter((e) => workloadPids.has(e.tgid)).length;
  return { all, workload, others: all.length - workload };
}

export function expectedQuick(all: CountedEvent[]): ExpectedSync[] {
  const out: ExpectedSync[] = [];
  for (let i = 1; i < all.length; i++) {
    const gap = all[i]!.ts - all[i - 1]!.ts;
    if (gap < QUICK_NS + EDGE_NS) out.push({ deltaMs: gap / 1e6, count: i + 1, optional: Math.abs(gap - QUICK_NS) < EDGE_NS });
  }
  return out;
}

export interface EventLine {
  index: number;
  delta?: number;
  count?: number;
}

/** The output lines that match the lesson's event line, with their numbers. */
export function eventLines(lines: string[], pattern: RegExp): EventLine[] {
  const out: EventLine[] = [];
  lines.forEach((l, index) => {
    const m = pattern.exec(l);
    if (!m) return;
    const g = m.groups ?? {};
    out.push({ index, delta: g.delta !== undefined ? Number(g.delta) : undefined, count: g.count !== undefined ? Number(g.count) : undefined });
  });
  return out;
}

/** Lesson 2: one line per sync the workload ran, plus at most what other processes did. */
export function judgeEachSync(truth: SyncTruth, got: EventLine[]): SyncJudgement {
  const n = got.length;
  const marks = got.map((g) => ({ index: g.index, ok: true }));
  const vars = { workload: truth.workload, others: truth.others, printed: n };
  if (n > truth.workload + truth.others) {
    marks.forEach((m, i) => (m.ok = i < truth.workload + truth.others));
    return { lines: { passed: false, key: "check.sync.each.tooMany", vars }, marks };
  }
  if (n < truth.workload) return { lines: { passed: false, key: "check.sync.each.tooFew", vars }, marks };
  return { lines: { passed: true }, marks };
}

/** Delta tolerance: the learner's own clock reads differ from ours by the probe's cost and rounding. */
const tolerance = (ms: number) => Math.max(15, ms * 0.05);

/**
 * Lessons 4, 5, 8: one line per quick sync (less than 1 s after the one
 * before), with that gap, and for withCount the number of syncs so far.
 */
export function judgeQuickSyncs(truth: SyncTruth, got: EventLine[], withCount: boolean): SyncJudgement {
  const want = expectedQuick(truth.all);
  const required = want.filter((w) => !w.optional).length;
  const marks: LineMark[] = got.map((g) => ({ index: g.index, ok: false }));
  // Pair in order, letting optional (edge) syncs be skipped.
  const pairs: Array<[EventLine, ExpectedSync | undefined]> = [];
  let j = 0;
  for (const g of got) {
    while (j < want.length && want[j]!.optional && g.delta !== undefined && Math.abs(g.delta - want[j]!.deltaMs) > tolerance(want[j]!.deltaMs)) j++;
    pairs.push([g, want[j]]);
    j++;
  }
  const quickGaps = want.map((w) => Math.round(w.deltaMs)).join(", ") || "-";
  const base = { syncs: truth.all.length, workload: truth.workload, others: truth.others, quick: required, printed: got.length, gaps: quickGaps };

  let lines: Verdict = { passed: true };
  if (got.length < required || got.length > want.length) {
    // Say which mistake the numbers point at: the first sync reported
    // (its "gap" is the time since boot), slow syncs reported, or simply
    // too many or too few.
    const sinceBoot = got.some((g) => g.delta !== undefined && g.delta > 60_000);
    const slowShown = got.some((g) => g.delta !== undefined && g.delta >= 1000 && g.delta <= 60_000);
    const key =
      got.length > want.length && got.length >= truth.all.length && sinceBoot
        ? "check.sync.quick.every"
        : got.length > want.length && sinceBoot
          ? "check.sync.quick.first"
          : got.length > want.length && slowShown
            ? "check.sync.quick.slow"
            : got.length > want.length
              ? "check.sync.quick.tooMany"
              : "check.sync.quick.tooFew";
    lines = { passed: false, key, vars: base };
  }

  let values: Verdict = { passed: true };
  const countsIfQuickOnly = pairs.every(([g], i) => g.count === i + 1);
  const offByOne = pairs.every(([g, w]) => w && g.count === w.count - 1);
  for (const [i, [g, w]] of pairs.entries()) {
    if (!w) continue;
    const deltaOk = g.delta !== undefined && Math.abs(g.delta - w.deltaMs) <= tolerance(w.deltaMs);
    const slack = truth.others > 0 ? truth.others : 0;
    const countOk = !withCount || (g.count !== undefined && Math.abs(g.count - w.count) <= slack);
    marks[i]!.ok = deltaOk && countOk;
    if (values.passed && !deltaOk) values = { passed: false, key: "check.sync.delta", vars: { line: i + 1, got: g.delta ?? "?", want: Math.round(w.deltaMs), gaps: quickGaps } };
    else if (values.passed && !countOk) {
      const key = countsIfQuickOnly && got.length > 1 ? "check.sync.count.quickOnly" : offByOne ? "check.sync.count.offByOne" : "check.sync.count";
      values = { passed: false, key, vars: { line: i + 1, got: g.count ?? "?", want: w.count, syncs: truth.all.length } };
    }
  }
  // When the number of lines is wrong, pairing them in order says nothing
  // about their values: only the line count is reported then.
  return { lines, values: lines.passed ? values : undefined, marks };
}

/** Lesson 5's map at the end: some entry holds the number of syncs seen. */
export function judgeSyncTotal(truth: SyncTruth, values: number[]): Verdict {
  const n = truth.all.length;
  const slack = truth.others > 0 ? truth.others : 0;
  if (values.some((v) => Math.abs(v - n) <= slack)) return { passed: true };
  return { passed: false, key: "check.sync.mapTotal", vars: { syncs: n, values: values.slice(0, 6).join(", ") || "-" } };
}
