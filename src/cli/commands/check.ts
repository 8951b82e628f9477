import fs from "node:fs";
import path from "node:path";
import type { Command } from "../command.ts";
import { parseArgs, UsageError, type OptionSpec } from "../args.ts";
import { readableFile, writableTarget } from "../validate.ts";
import { lessonByRef, lessonSet } from "../lessons.ts";
import { parseVariant } from "./run.ts";
import { checkLesson, type CheckOutcome } from "../../lesson/check-lesson.ts";
import { answerFile, workspaceFile } from "../../lesson/workspace.ts";
import { escapeTerminal } from "../../util/escape.ts";
import { t } from "../../i18n/index.ts";
import type { Lesson } from "../../lesson/schema.ts";
import { ProgressStore } from "../../state/progress.ts";
import { toJUnit } from "../../classroom/junit.ts";

const options: OptionSpec = {
  file: { type: "string" },
  variant: { type: "string" },
  junit: { type: "string" },
  json: { type: "boolean" },
  answer: { type: "boolean" },
  all: { type: "boolean" },
};

export const checkCommand: Command = {
  name: "check",
  summary: "cli.cmd.check",
  async run(argv) {
    const a = parseArgs("check", argv, options);
    const json = a.flags.has("json");
    const useAnswer = a.flags.has("answer");
    const variant = parseVariant(a.values.get("variant"));
    // Contradictions and bad paths are found before anything runs.
    if (a.flags.has("all") && a.positionals.length) throw new UsageError(t("err.allWithLesson", { lesson: a.positionals[0]! }));
    if (a.values.has("file") && (a.flags.has("all") || useAnswer)) throw new UsageError(t("err.fileWithAll"));
    const given = a.values.has("file") ? readableFile(a.values.get("file")!, "--file") : undefined;
    const junit = a.values.has("junit") ? writableTarget(a.values.get("junit")!, "--junit") : undefined;
    const lessons = a.flags.has("all") ? (await lessonSet()).filter((l) => (useAnswer ? l.kind !== "reading" : l.kind === "exercise")) : [await lessonByRef(a.positionals[0])];
    const outcomes: CheckOutcome[] = [];
    for (const lesson of lessons) {
      let file: string;
      try {
        file = fileFor(lesson, useAnswer, given);
      } catch (err) {
        if (!a.flags.has("all")) throw err;
        // In a class run, a learner who has not started an exercise fails it.
        outcomes.push({ lesson: lesson.id, file: workspaceFile(lesson), variant: "portable", status: "failed", durationMs: 0, expectations: [{ id: "runs", passed: false, text: t("exp.runs"), reason: (err as Error).message }] });
        if (!json) printOutcome(outcomes[outcomes.length - 1]!);
        continue;
      }
      const outcome = await checkLesson(lesson, file, { variant });
      outcomes.push(outcome);
      if (!json) printOutcome(outcome);
    }
    const store = new ProgressStore();
    store.load();
    // For graders: per lesson, passed or not, the reasons, hints used, time.
    const report = outcomes.map((o) => ({
      lesson: o.lesson,
      passed: o.status === "passed",
      status: o.status,
      reasons: o.status === "error" ? [o.error ?? ""] : (o.expectations ?? []).filter((e) => !e.passed).map((e) => e.reason ?? e.id),
      hintsUsed: store.progress.hintsUsed[o.lesson] ?? 0,
      seconds: Math.round(o.durationMs) / 1000,
      variant: o.variant,
      file: o.file,
      expectations: o.expectations,
      compileError: o.compileError,
      output: o.output,
      example: o.example,
      seed: o.seed,
    }));
    if (junit) fs.writeFileSync(junit, toJUnit(outcomes));
    if (json) process.stdout.write(`${JSON.stringify(lessons.length === 1 && !a.flags.has("all") ? report[0] : report, null, 2)}\n`);
    else if (outcomes.length > 1) process.stdout.write(`${t("check.summary", { passed: outcomes.filter((o) => o.status === "passed").length, total: outcomes.length })}\n`);
    return exitCodeFor(outcomes);
  },
};

/** 0 every exercise passed, 1 one is not there yet, 2 one could not run. */
export function exitCodeFor(outcomes: Array<Pick<CheckOutcome, "status">>): number {
  if (outcomes.some((o) => o.status === "error")) return 2;
  return outcomes.every((o) => o.status === "passed") ? 0 : 1;
}

function fileFor(lesson: Lesson, useAnswer: boolean, given: string | undefined): string {
  if (given) return given;
  if (useAnswer) {
    const f = answerFile(lesson);
    if (!f) throw new UsageError(t("run.noAnswer", { lesson: lesson.id }));
    return f;
  }
  if (!lesson.exercise) throw new UsageError(t("check.notExercise", { lesson: lesson.id }));
  const f = workspaceFile(lesson);
  if (!fs.existsSync(f)) throw new UsageError(t("check.noFile", { file: f, starter: lesson.exercise.starter }));
  return f;
}

function printOutcome(o: CheckOutcome): void {
  if (o.status === "error") {
    process.stdout.write(`${t("check.couldNotRun", { lesson: o.lesson, error: o.error ?? "" })}\n`);
    return;
  }
  process.stdout.write(`${t(o.status === "passed" ? "check.passed" : "check.failed", { lesson: o.lesson })}  (${o.variant}, ${(o.durationMs / 1000).toFixed(1)} s)\n`);
  // Every expectation as a sentence, ✓ or ✗; under a ✗, what was seen.
  for (const e of o.expectations ?? []) {
    process.stdout.write(`    ${e.passed ? "✓" : "✗"} ${escapeTerminal(e.text || e.id)}\n`);
    if (!e.passed && e.reason && e.reason !== e.text) {
      for (const l of escapeTerminal(e.reason).split("\n")) process.stdout.write(`        ${l}\n`);
      if (e.hint) process.stdout.write(`        ${t("check.hintLevel", { level: e.hint })}\n`);
    }
  }
  if (o.status === "failed" && o.output && o.output.length > 0) {
    // The output tail is escaped by the engine already.
    process.stdout.write(`  ${t("check.outputTail")}\n`);
    for (const l of o.output) process.stdout.write(`    ${l.ok === false ? "✗" : l.ok ? "✓" : " "} ${l.text}\n`);
  }
  if (o.status === "failed" && o.example) process.stdout.write(`  ${t("check.example", { example: escapeTerminal(o.example) })}\n`);
}
