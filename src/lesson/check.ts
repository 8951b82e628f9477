// Checks a run against the lesson's expectations and returns a structured
// result: each expectation as a sentence, passed or failed, with a reason
// that gives the numbers (what the workload did, what the program printed)
// and the hint that helps. Behaviour is judged from measurements (the
// workload's record, the checker's counter probe, the child's report), a
// source regex only where nothing measured can tell.
import fs from "node:fs";
import path from "node:path";
import { t, type MessageKey, type Params } from "../i18n/index.ts";
import type { Lesson, ExpectationId } from "./schema.ts";
import type { RunResult } from "./runner.ts";
import { mapCompileError, type MappedLocation } from "./source-map.ts";
import { predicates } from "./predicates.ts";
import { checkReason } from "./text.ts";
import { answerFile } from "./workspace.ts";
import { escapeTerminal } from "../util/escape.ts";
import type { CountedEvent } from "./counter-probe.ts";
import { attachMatches, reportOf, snapshotNumbers, type ReportView } from "./report-view.ts";
import { compareHistograms, compareLatencies, parseHistograms, parseLatencies, total, windowAdjusted } from "./judge/histogram.ts";
import { eventLines, judgeEachSync, judgeQuickSyncs, judgeSyncTotal, syncTruth, type SyncJudgement, type Verdict } from "./judge/syncs.ts";
import { CURRENT_TASK_HELPERS, issuerReaders, judgeIssuer, parseIssuerRows } from "./judge/issuer.ts";
import { errorGist } from "./error-gist.ts";

export interface Expectation {
  /** Stable id for graders and --json (contract section 6). */
  id: string;
  passed: boolean;
  /** The expectation as a sentence in the current language. */
  text: string;
  /** On failure: expected vs seen, with the numbers, in the current language. */
  reason?: string;
  /** 1-based hint level that helps, when one does. */
  hint?: number;
}

export interface CheckResult {
  lesson: string;
  file: string;
  /** "passed"; "failed": the program (learner code) did not do what the lesson asks; "error": it could not be run at all (set-up, not the learner). */
  status: "passed" | "failed" | "error";
  passed: boolean;
  expectations: Expectation[];
  compileError?: MappedLocation;
  durationMs: number;
  /** The last ≤40 lines the program printed (stdout), escaped for the terminal; ok=false marks a line that matched no expected line, null = not judged. */
  output: Array<{ text: string; ok: boolean | null }>;
  /** One line the lesson expects, as an example. */
  example?: string;
  /** Why nothing could be compared with the reference (status "error" when nothing else failed). */
  unjudged?: string;
}

/** What the checker measured beside the run. */
export interface Measured {
  /** Events the checker's own counter probe saw during the run (kernel time, ns). */
  counted?: CountedEvent[];
  /** The reference answer, run on the same workload at the same time. */
  reference?: RunResult;
  /** When each block request was issued (ns), by the checker's own probe: the two programs' windows differ. */
  issued?: number[];
  /** The checker started the reference beside the program (else, as in the kernel-matrix run of the answers alone, nothing is compared). */
  referenceStarted?: boolean;
  /** The reference was not tracing when the workload fired (it was still compiling): it cannot judge. */
  referenceLate?: boolean;
}

const OUTPUT_TAIL = 40;

/** What the binding's typed errors mean, said in the learner's language. */
const ADVICE: Record<string, MessageKey> = {
  BpfVerifierError: "check.why.verifier",
  BpfAttachError: "check.why.attach",
  KprobesUnavailableError: "check.why.kprobes",
};

/** Comments do not count: "// TODO: use BPF_PERF_OUTPUT" must not pass a must-use check. */
function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

const say = (v: Verdict): string | undefined => (v.passed ? undefined : t(v.key as MessageKey, v.vars as Params));

export function evaluate(lesson: Lesson, file: string, run: RunResult, measured: Measured = {}): CheckResult {
  const source = fs.readFileSync(file, "utf8");
  // A reference answer takes its C from the lesson module: source checks read that C too.
  const checked = answerFile(lesson) === path.resolve(file) ? [source, ...Object.values(lesson.c)].join("\n") : source;
  const judge = lesson.expect.judge;
  const exps: Expectation[] = [];
  const hintFor = (id: ExpectationId) => judge?.hints[id];
  const push = (id: ExpectationId, text: string, reason?: string) => exps.push({ id, passed: reason === undefined, text, ...(reason !== undefined ? { reason, hint: hintFor(id) } : {}) });
  let compileError: MappedLocation | undefined;
  const lines = run.stdout.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const marks = new Map<number, boolean>();
  const report = reportOf(run);
  let unjudged: string | undefined;

  if (run.error) {
    compileError = run.error.name === "BpfCompileError" ? mapCompileError(run.error, file, source) : undefined;
    const where = compileError ? `${compileError.file}:${compileError.line}:${compileError.column}: ${compileError.message}` : (run.error.message ?? "");
    const reason = t(compileError ? "check.compileError" : "check.programError", { name: run.error.name ?? "Error", where });
    // The binding's messages are English, as a library's are: say in the learner's language what they mean.
    const why = ADVICE[run.error.name ?? ""];
    push("runs", t("exp.runs"), why ? `${reason}\n${t(why)}` : reason);
  } else if (!run.ready) {
    const why = run.timedOut ? t("check.neverReady.timeout", { seconds: Math.round(lesson.timeoutMs / 1000) }) : t("check.neverReady.exited", { code: String(run.exitCode ?? run.exitSignal) });
    const tail = errorGist(run.stderr);
    push("runs", t("exp.runs"), tail ? `${why}\n${tail}` : why);
  } else {
    push("runs", t("exp.runs"));
  }

  const live = run.ready && !run.error;
  if (live && judge && judge.attach.length > 0 && report) {
    const real = report.attaches.filter((a) => !a.loadOnly);
    const ok = real.some((a) => judge.attach.some((s) => attachMatches(s, a)));
    const seen = real.map((a) => `${a.kind} ${a.target}`).join(", ") || t("exp.nothing");
    push("attach", t("exp.attach", { want: judge.attach.map(describeAttach).join(t("exp.or")) }), ok ? undefined : t("check.attach.wrong", { seen, want: judge.attach.map(describeAttach).join(t("exp.or")) }));
  }
  if (live && judge && judge.attachAll.length > 0 && report) {
    const real = report.attaches.filter((a) => !a.loadOnly);
    const seen = real.map((a) => `${a.kind} ${a.target}`).join(", ") || t("exp.nothing");
    for (const group of judge.attachAll) {
      const want = group.map(describeAttach).join(t("exp.or"));
      const ok = real.some((a) => group.some((s) => attachMatches(s, a)));
      push("attach", t("exp.attach", { want }), ok ? undefined : t("check.attach.wrong", { seen, want }));
    }
  }
  if (live && judge?.helpers && report) helperExpectations(judge.helpers, report, push);

  // Source checks: the last resort, and only where nothing measured stands for them.
  for (const c of lesson.exercise?.sourceChecks ?? []) {
    if (c.as === "helpers" && judge?.helpers && report) continue;
    const found = new RegExp(c.pattern, "m").test(stripComments(checked));
    const text = checkReason(lesson, c.id);
    push(c.as, text, found === c.must ? undefined : text);
  }

  if (live) {
    const eventRe = judge?.line ? new RegExp(judge.line) : undefined;
    const firstEvent = eventRe ? lines.findIndex((l) => eventRe.test(l)) : -1;
    let from = 0;
    for (const h of lesson.expect.header) {
      const at = lines.findIndex((l, i) => i >= from && l.includes(h));
      const before = at >= 0 && (firstEvent < 0 || at < firstEvent);
      if (at >= 0) marks.set(at, before);
      push("banner", t("exp.banner", { header: h }), before ? undefined : at >= 0 ? t("check.banner.late", { header: h }) : t("check.header", { header: h }));
      if (at >= 0) from = at + 1;
    }

    if (judge?.events && eventRe) {
      const got = eventLines(lines, eventRe);
      const pids = new Set(run.workload?.pids ?? []);
      const counted = measured.counted ?? fallbackCount(run);
      const truth = syncTruth(counted, pids, run.readyAt !== undefined ? run.readyAt * 1e6 : 0);
      let j: SyncJudgement;
      if (judge.events === "each-sync") j = judgeEachSync(truth, got);
      else j = judgeQuickSyncs(truth, got, judge.events === "quick-syncs-count");
      for (const m of j.marks) marks.set(m.index, m.ok);
      const textKey: MessageKey = judge.events === "each-sync" ? "exp.lines.eachSync" : "exp.lines.quickSyncs";
      push("lines-match-workload", t(textKey, { example: judge.example ?? "" }), say(j.lines));
      if (j.values) push("values", t(judge.events === "quick-syncs-count" ? "exp.values.count" : "exp.values.delta"), say(j.values));
      if (judge.mapContents === "sync-total" && report?.snapshot) push("map-contents", t("exp.map.syncTotal"), say(judgeSyncTotal(truth, snapshotNumbers(report.snapshot))));
    }

    if (judge?.issuer) {
      const disk = run.workload?.disk ?? [];
      // No truth to judge by (the workload did not run): never a silent pass.
      if (disk.length === 0) unjudged = t("check.ref.unjudged", { why: t("check.issuer.noWorkload") });
      else {
        const v = judgeIssuer(parseIssuerRows(lines), disk, judge.issuer.min);
        for (const m of v.marks) marks.set(m.index, m.ok);
        const where = report ? issuerReaders(report, judge.issuer.readAt) : undefined;
        const readAt = judge.issuer.readAt.map(describeAttach).join(t("exp.or"));
        // The rows first (they say what was wrong with numbers); then where the PID was read.
        const why = !v.passed
          ? t(v.key, v.vars)
          : where && where.readers.length === 0
            ? t("check.issuer.readElsewhere", { named: v.named, readAt, elsewhere: where.elsewhere.join(", ") || t("exp.nothing"), helpers: CURRENT_TASK_HELPERS.join(", ") })
            : undefined;
        push("lines-match-workload", t("exp.issuer", { comm: "dd" }), why);
      }
    }
    if (judge?.reference && (measured.reference || measured.referenceStarted)) {
      const why = referenceExpectations(judge.reference, lines, run, measured, push);
      unjudged ??= why;
    }

    for (const lc of lesson.expect.lines) {
      const re = new RegExp(lc.pattern);
      let count = 0;
      lines.forEach((l, i) => {
        if (re.test(l)) {
          count++;
          if (!marks.has(i)) marks.set(i, true);
        }
      });
      push("lines-match-workload", t("exp.lines.min", { min: lc.min, example: lc.example }), count >= lc.min ? undefined : t("check.lines", { min: lc.min, example: lc.example, count }));
    }
    for (const name of lesson.expect.predicates) {
      const p = predicates[name];
      const reason = p ? p(lines) : t("check.pred.unknown", { name });
      push(name.startsWith("histogram") ? "histogram" : "values", t(`exp.pred.${name}` as MessageKey), reason);
    }
    if (lesson.expect.cleanExit) push("clean-exit", t("exp.cleanExit"), run.exitCode === 0 ? undefined : t("check.cleanExit", { how: run.killed ? "SIGKILL" : String(run.exitCode ?? run.exitSignal) }));
    if (run.truncated) push("output-size", t("exp.outputSize"), t("check.flood"));
  }
  if (run.triggerError) push("trigger", t("exp.trigger"), t("check.trigger", { error: run.triggerError }));

  // Lines are marked ✗ only where the lesson says what every line must be (a histogram's other lines are free).
  const judged = (judge?.events !== undefined || (lesson.expect.lines.length > 0 && judge?.reference !== "histogram")) && live;
  const start = Math.max(0, lines.length - OUTPUT_TAIL);
  const output = lines.slice(start).map((l, k) => {
    const i = start + k;
    const mark = marks.get(i);
    return { text: escapeTerminal(l), ok: mark ?? (judged && l.trim() !== "" ? false : null) };
  });
  const passed = exps.every((e) => e.passed);
  // A program that did nothing wrong, but that nothing could be compared with, is not passed.
  const status = !passed ? "failed" : unjudged ? "error" : "passed";
  return {
    lesson: lesson.id, file, status, passed: status === "passed", expectations: exps, compileError, durationMs: run.durationMs, output,
    example: judge?.example ?? lesson.expect.lines[0]?.example, ...(unjudged && passed ? { unjudged } : {}),
  };
}

/** Without the checker's probe (it could not load), the workload's own record is the only truth. */
function fallbackCount(run: RunResult): CountedEvent[] {
  return (run.workload?.syncs ?? []).map((s) => ({ ts: s.startedAt * 1e6, tgid: s.pid }));
}

function describeAttach(spec: string): string {
  const at = spec.indexOf(":");
  const target = spec.slice(at + 1);
  return `${spec.slice(0, at)} ${target.startsWith("/") ? target.slice(1, -1).replace(/[\\^$]/g, "") : target}`;
}

/**
 * Histograms and latencies against the reference answer's, measured on the
 * same workload. Returns why they could not be compared, when they could not
 * (the reference never ran, was late, or saw no request): never a silent pass.
 */
function referenceExpectations(kind: "histogram" | "latency", lines: string[], run: RunResult, measured: Measured, push: (id: ExpectationId, text: string, reason?: string) => void): string | undefined {
  const ref = measured.reference;
  if (!ref || !ref.ready || ref.error || measured.referenceLate) {
    const why = ref?.error?.message ?? (measured.referenceLate ? t("check.ref.late") : t("check.ref.notReady"));
    return t("check.ref.unjudged", { why: why.split("\n")[0]! });
  }
  const refLines = ref.stdout.split("\n");
  if (kind === "histogram") {
    const refHists = parseHistograms(refLines);
    let refTotal = refHists.reduce((s, h) => s + total(h), 0);
    if (refTotal === 0) return t("check.ref.unjudged", { why: t("check.ref.noEvents") });
    // Requests issued while only one of the two programs was tracing count for that one alone.
    if (measured.issued && run.readyAt !== undefined && ref.readyAt !== undefined) refTotal = windowAdjusted(refTotal, measured.issued, run.readyAt, ref.readyAt).total;
    const v = compareHistograms(parseHistograms(lines), refHists, refTotal);
    push("histogram", t("exp.hist.total"), v.total.passed ? undefined : t(v.total.key, v.total.vars));
    if (v.total.passed || v.units.passed || v.total.key !== v.units.key) push("histogram", t("exp.hist.units"), v.units.passed ? undefined : t(v.units.key, v.units.vars));
    return undefined;
  }
  const refLat = parseLatencies(refLines);
  if (!refLat || refLat.values.length === 0) return t("check.ref.unjudged", { why: t("check.ref.noEvents") });
  const mine = parseLatencies(lines);
  const v = compareLatencies(mine?.values ?? [], refLat.values);
  push("latency", t("exp.latency", { unit: refLat.unit }), v.passed ? undefined : t(v.key, { ...v.vars, unit: refLat.unit }));
  return undefined;
}

function helperExpectations(h: { anyOf: string[][]; none: string[] }, report: ReportView, push: (id: ExpectationId, text: string, reason?: string) => void): void {
  const used = new Set(report.programs.flatMap((p) => p.helpers));
  const usedList = [...used].sort().join(", ") || t("exp.nothing");
  for (const group of h.anyOf) {
    const ok = group.some((g) => used.has(g));
    push("helpers", t("exp.helpers.use", { helpers: group.join(t("exp.or")) }), ok ? undefined : t("check.helpers.missing", { helpers: group.join(t("exp.or")), used: usedList }));
  }
  for (const n of h.none) push("helpers", t("exp.helpers.none", { helper: n }), used.has(n) ? t("check.helpers.forbidden", { helper: n }) : undefined);
}
