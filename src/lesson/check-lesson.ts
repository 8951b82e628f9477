// One lesson checked end to end: pick the variant, run the file with the
// lesson's workload, evaluate. The engine behind `bcc-tutor check` and the app.
import fs from "node:fs";
import type { VariantName } from "./lesson-variant.ts";
import type { Lesson } from "./schema.ts";
import { chooseVariant } from "./variant.ts";
import { runProgram, type RunEvent, type RunResult } from "./runner.ts";
import { evaluate, type CheckResult, type Expectation } from "./check.ts";
import type { MappedLocation } from "./source-map.ts";

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
}

export async function checkLesson(
  lesson: Lesson,
  file: string,
  opts: { variant?: VariantName; onEvent?: (e: RunEvent) => void; signal?: AbortSignal } = {},
): Promise<CheckOutcome> {
  const started = Date.now();
  let variant: VariantName = "portable";
  try {
    variant = chooseVariant(lesson, opts.variant).variant;
    if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
    const run = await runProgram({ lesson, file, variant, onEvent: opts.onEvent, signal: opts.signal });
    const r: CheckResult = evaluate(lesson, file, run);
    return {
      lesson: lesson.id, file, variant, status: r.status, expectations: r.expectations, compileError: r.compileError, durationMs: r.durationMs,
      run: { stdout: run.stdout, stderr: run.stderr, exitCode: run.exitCode, exitSignal: run.exitSignal, truncated: run.truncated },
    };
  } catch (err) {
    return { lesson: lesson.id, file, variant, status: "error", error: (err as Error).message, durationMs: Date.now() - started };
  }
}
