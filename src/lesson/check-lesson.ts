// One lesson checked end to end: pick the variant, run the file with the
// lesson's workload while the checker counts the lesson's events with its
// own probe, evaluate. The engine behind `bcc-tutor check` and the app.
import fs from "node:fs";
import type { VariantName } from "./lesson-variant.ts";
import type { Lesson } from "./schema.ts";
import { chooseVariant } from "./variant.ts";
import { runProgram, type RunEvent, type RunResult } from "./runner.ts";
import { timeScale } from "./time-scale.ts";
import { evaluate, type CheckResult, type Expectation } from "./check.ts";
import type { MappedLocation } from "./source-map.ts";
import { CounterProbe, type CounterKind } from "./counter-probe.ts";
import { answerFile } from "./workspace.ts";
import { useMergedHeaders } from "../kernel-source.ts";

const REFERENCE_READY_MS = 30_000;

/**
 * The lesson's reference answer, run beside the learner's program on the
 * same workload (the learner's run fires it): ready before the trigger,
 * stopped when the learner's program is stopped.
 */
function startReference(lesson: Lesson, variant: VariantName): { ready: Promise<void>; isReady: () => boolean; stop: () => void; result: Promise<RunResult | undefined> } | undefined {
  const file = answerFile(lesson);
  if (!file || !lesson.expect.judge?.reference) return undefined;
  const abort = new AbortController();
  let onReady: () => void = () => {};
  let isReady = false;
  const ready = new Promise<void>((r) => (onReady = r));
  const result = runProgram({
    lesson, file, variant, trigger: false, autoStop: false, signal: abort.signal,
    onEvent: (e) => {
      if (e.type === "phase" && e.phase === "ready") {
        isReady = true;
        onReady();
      }
    },
  }).catch(() => undefined);
  void result.then(() => onReady());
  // Unref'd: a bound on the wait, never a reason for the process to stay (it kept `check` alive 28 s after its verdict).
  const bound = new Promise<void>((r) => setTimeout(r, REFERENCE_READY_MS * timeScale()).unref());
  return { ready: Promise.race([ready, bound]), isReady: () => isReady, stop: () => abort.abort(), result };
}

export interface CheckOutcome {
  lesson: string;
  file: string;
  variant: VariantName;
  status: "passed" | "failed" | "error";
  expectations?: Expectation[];
  compileError?: MappedLocation;
  /** Why it could not run (status "error"). */
  error?: string;
  durationMs: number;
  run?: Pick<RunResult, "stdout" | "stderr" | "exitCode" | "exitSignal" | "truncated">;
  /** The last ≤40 lines the program printed, marked (see CheckResult). */
  output?: CheckResult["output"];
  example?: string;
  /** The workload's seed (BCC_TUTOR_SEED replays it). */
  seed?: number;
}

/**
 * Which of the checker's counters a lesson needs: syncs for the sync
 * lessons; block requests where a disk histogram is compared with the
 * reference's (the two start tracing at different moments).
 */
function counterFor(lesson: Lesson): CounterKind | undefined {
  const j = lesson.expect.judge;
  if (j?.events) return "sync";
  if (lesson.trigger.some((s) => s.kind === "syncs")) return "sync";
  if (j?.reference === "histogram" && lesson.trigger.some((s) => s.kind === "disk-io")) return "block";
  return undefined;
}

export async function checkLesson(
  lesson: Lesson,
  file: string,
  opts: { variant?: VariantName; onEvent?: (e: RunEvent) => void; signal?: AbortSignal; seed?: number } = {},
): Promise<CheckOutcome> {
  const started = Date.now();
  let variant: VariantName = "portable";
  const kind = counterFor(lesson);
  // Compiled in this process while the learner's program compiles; attached
  // before the workload fires. Its headers are found as the CLI's are, even
  // when the checker is used without the CLI (the app, the tests).
  useMergedHeaders();
  const counter = kind ? CounterProbe.start(kind).catch(() => undefined) : Promise.resolve(undefined);
  let reference: ReturnType<typeof startReference>;
  try {
    variant = chooseVariant(lesson, opts.variant).variant;
    if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
    let probe: CounterProbe | undefined;
    let referenceLate = false;
    reference = startReference(lesson, variant);
    const run = await runProgram({
      lesson, file, variant, signal: opts.signal, seed: opts.seed,
      onEvent: (e) => {
        // Both programs are stopped at the same moment: they saw the same events.
        if (e.type === "phase" && e.phase === "stopping") reference?.stop();
        opts.onEvent?.(e);
      },
      beforeTrigger: async () => {
        probe = await counter;
        await reference?.ready;
        referenceLate = reference !== undefined && !reference.isReady();
      },
      // Settled once the counter has seen every sync the workload ran.
      seen: (w) => {
        if (!probe || w.syncs.length === 0) return true;
        const pids = new Set(w.syncs.map((s) => s.pid));
        return probe.events().filter((e) => pids.has(e.tgid)).length >= w.syncs.length;
      },
    });
    const counted = (probe ?? (await counter))?.events();
    reference?.stop();
    const ref = await reference?.result;
    const blocks = probe?.kind === "block";
    const r: CheckResult = evaluate(lesson, file, run, {
      counted: probe && !blocks ? counted : undefined, issued: blocks ? counted?.map((e) => e.ts) : undefined, reference: ref, referenceStarted: reference !== undefined, referenceLate,
    });
    return {
      lesson: lesson.id, file, variant, status: r.status, expectations: r.expectations, compileError: r.compileError, durationMs: r.durationMs, ...(r.unjudged ? { error: r.unjudged } : {}),
      run: { stdout: run.stdout, stderr: run.stderr, exitCode: run.exitCode, exitSignal: run.exitSignal, truncated: run.truncated },
      output: r.output, example: r.example, seed: run.workload?.seed,
    };
  } catch (err) {
    return { lesson: lesson.id, file, variant, status: "error", error: (err as Error).message, durationMs: Date.now() - started };
  } finally {
    reference?.stop();
    await reference?.result;
    (await counter)?.close();
  }
}
