// Checks a run against the lesson's expectations and returns a structured
// result: each expectation passed or failed, with a reason a learner
// understands, and compile errors pointed at the learner's own line.
import fs from "node:fs";
import path from "node:path";
import { t, type MessageKey } from "../i18n/index.ts";
import type { Lesson } from "./schema.ts";
import type { RunResult } from "./runner.ts";
import { mapCompileError, type MappedLocation } from "./source-map.ts";
import { predicates } from "./predicates.ts";
import { checkReason } from "./text.ts";
import { answerFile } from "./workspace.ts";

export interface Expectation {
  id: string;
  passed: boolean;
  /** Why it failed (or what was seen), in the current language. */
  reason?: string;
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
}

export function sourceExpectations(lesson: Lesson, source: string): Expectation[] {
  return (lesson.exercise?.sourceChecks ?? []).map((c) => {
    const found = new RegExp(c.pattern, "m").test(stripComments(source));
    const passed = found === c.must;
    return { id: `source:${c.id}`, passed, reason: passed ? undefined : checkReason(lesson, c.id) };
  });
}

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

/** The lines of a crash worth showing: the error line itself, not the stack under it. */
function stderrGist(stderr: string): string {
  const lines = stderr.split("\n").filter((l) => l.trim() !== "" && !/^\s+at /.test(l) && !/^Node\.js v/.test(l));
  const main = lines.findIndex((l) => /(^|\s)(\w*Error|ERROR)\b|error:/.test(l));
  const pick = main >= 0 ? lines.slice(main, main + 3) : lines.slice(-3);
  return pick.map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l)).join("\n");
}

export function evaluate(lesson: Lesson, file: string, run: RunResult): CheckResult {
  const source = fs.readFileSync(file, "utf8");
  // A reference answer takes its C from the lesson module: check that C too.
  const checked = answerFile(lesson) === path.resolve(file) ? [source, ...Object.values(lesson.c)].join("\n") : source;
  const exps: Expectation[] = [...sourceExpectations(lesson, checked)];
  let compileError: MappedLocation | undefined;
  const lines = run.stdout.split("\n");

  if (run.error) {
    compileError = run.error.name === "BpfCompileError" ? mapCompileError(run.error, file, source) : undefined;
    const where = compileError ? `${compileError.file}:${compileError.line}:${compileError.column}: ${compileError.message}` : (run.error.message ?? "");
    const reason = t(compileError ? "check.compileError" : "check.programError", { name: run.error.name ?? "Error", where });
    // The binding's messages are English, as a library's are: say in the learner's language what they mean.
    const why = ADVICE[run.error.name ?? ""];
    exps.push({ id: "runs", passed: false, reason: why ? `${reason}\n${t(why)}` : reason });
  } else if (!run.ready) {
    const why = run.timedOut ? t("check.neverReady.timeout", { seconds: Math.round(lesson.timeoutMs / 1000) }) : t("check.neverReady.exited", { code: String(run.exitCode ?? run.exitSignal) });
    const tail = stderrGist(run.stderr);
    exps.push({ id: "attaches", passed: false, reason: tail ? `${why}\n${tail}` : why });
  } else {
    exps.push({ id: "attaches", passed: true });
  }

  if (run.ready && !run.error) {
    let from = 0;
    for (const h of lesson.expect.header) {
      const at = lines.findIndex((l, i) => i >= from && l.includes(h));
      exps.push({ id: `header:${h}`, passed: at >= 0, reason: at >= 0 ? undefined : t("check.header", { header: h }) });
      if (at >= 0) from = at + 1;
    }
    for (const lc of lesson.expect.lines) {
      const re = new RegExp(lc.pattern);
      const count = lines.filter((l) => re.test(l)).length;
      const passed = count >= lc.min;
      exps.push({ id: `lines:${lc.pattern}`, passed, reason: passed ? undefined : t("check.lines", { min: lc.min, example: lc.example, count }) });
    }
    for (const name of lesson.expect.predicates) {
      const p = predicates[name];
      const reason = p ? p(lines) : t("check.pred.unknown", { name });
      exps.push({ id: `predicate:${name}`, passed: reason === undefined, reason });
    }
    if (lesson.expect.cleanExit) {
      const passed = run.exitCode === 0;
      exps.push({ id: "clean-exit", passed, reason: passed ? undefined : t("check.cleanExit", { how: run.killed ? "SIGKILL" : String(run.exitCode ?? run.exitSignal) }) });
    }
    if (run.truncated) exps.push({ id: "output-size", passed: false, reason: t("check.flood") });
  }
  if (run.triggerError) exps.push({ id: "trigger", passed: false, reason: t("check.trigger", { error: run.triggerError }) });

  const passed = exps.every((e) => e.passed);
  return { lesson: lesson.id, file, status: passed ? "passed" : "failed", passed, expectations: exps, compileError, durationMs: run.durationMs };
}
