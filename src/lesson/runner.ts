// Runs one program (a reference answer or a learner's file) the way the
// lesson says: in its own process, so a crash in learner code cannot take
// the app down and the kernel frees its probes when it exits. Waits for the
// binding's readiness signal (not a sleep), fires the trigger, stops the
// program the lesson's way, and kills it if it will not stop.
import { timeScale } from "./time-scale.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isInstalledPackage, packageRoot } from "../paths.ts";
import type { VariantName } from "./lesson-variant.ts";
import type { Lesson } from "./schema.ts";
import { BoundedOutput } from "./output.ts";
import { runTrigger, sleep } from "./triggers.ts";
import { hrtimeMs, type WorkloadRecord } from "./workload-record.ts";
import { startUsdtServer, type FixtureServer } from "./fixture-server.ts";
import type { Runnable } from "./module-scope.ts";
import { childCommand } from "./child-command.ts";
import { addToReport, emptyReport, type ChildReport } from "./child-report.ts";
import { superviseSpawn, type Supervised } from "./supervise.ts";
import { Deadline } from "./deadline.ts";

const KILL_GRACE_MS = 3000;
/** One compile's own bound (the lesson's timeout does not run during compiles). */
const MAX_COMPILE_MS = 120_000;

export interface ChildError {
  name?: string;
  message?: string;
  diagnostics?: Array<{ file: string; line: number; column: number; severity: string; message: string; snippet?: string }>;
  source?: string;
}

export type RunEvent =
  | { type: "output"; stream: "stdout" | "stderr"; text: string }
  | { type: "phase"; phase: "starting" | "compiling" | "ready" | "triggering" | "stopping" | "done" }
  | { type: "error"; error: ChildError }
  /** The program's process started. */
  | { type: "spawned"; pid: number }
  /** The lesson's fixture server is up (the app fires the trigger by hand with its port). */
  | { type: "fixture"; pid: number; port: number };

export interface RunOptions {
  lesson: Lesson;
  /** The program to run (absolute path). */
  file: string;
  variant: VariantName;
  /** Extra arguments (replace the lesson's own when given). */
  args?: string[];
  /** Fire the lesson's trigger once ready (default true). */
  trigger?: boolean;
  /** Stop the program after the trigger (default true); false: run until abort. */
  autoStop?: boolean;
  onEvent?: (e: RunEvent) => void;
  /** Aborting stops the program the lesson's way (SIGINT), then kills it. */
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Attach calls only load (the verifier runs); stop as soon as the program is ready. */
  loadOnly?: boolean;
  /** Awaited once the program is ready, before the trigger fires (the checker attaches its counter first). */
  beforeTrigger?: () => Promise<void>;
  /** Evidence for settling: true once every event the workload caused has been seen (the checker's counter). */
  seen?: (workload: WorkloadRecord) => boolean;
  /** Seed of the workload's random parts. */
  seed?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  truncated: boolean;
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  ready: boolean;
  probes: number;
  error?: ChildError;
  timedOut: boolean;
  /** The program had to be killed with SIGKILL. */
  killed: boolean;
  durationMs: number;
  triggerError?: string;
  /** What the trigger did (the truth the checker judges against). */
  workload?: WorkloadRecord;
  /** When the program said it was ready (hrtime ms, CLOCK_MONOTONIC). */
  readyAt?: number;
  /** What the program attached, loaded and listened on, and its maps at the end (from its preload). */
  report: ChildReport;
}

export async function runProgram(opts: RunOptions): Promise<RunResult> {
  const { lesson } = opts;
  const started = Date.now();
  const emit = (e: RunEvent) => opts.onEvent?.(e);
  let fixture: FixtureServer | undefined;
  let runnable: Runnable | undefined;
  let supervised: Supervised | undefined;
  const cleanup: Array<() => void> = [];
  if (lesson.fixture === "usdt-http-server") {
    fixture = await startUsdtServer();
    emit({ type: "fixture", pid: fixture.pid, port: fixture.port });
  }
  try {
    const args = (opts.args ?? lesson.args).map((a) => a.replaceAll("{fixturePid}", String(fixture?.pid ?? "")));
    emit({ type: "phase", phase: "starting" });
    const command = await childCommand(opts.file);
    runnable = command.runnable;
    const captureFile = path.join(path.dirname(runnable.path) === path.dirname(opts.file) ? os.tmpdir() : path.dirname(runnable.path), `bcc-tutor-stderr-${process.pid}-${Date.now()}.log`);
    cleanup.push(() => fs.rmSync(captureFile, { force: true }));
    const unmap = runnable.unmap;
    supervised = superviseSpawn(process.execPath, [...command.argv, ...args], {
      // Installed, the package is no place to work in: the learner's own folder is.
      cwd: isInstalledPackage() ? path.dirname(opts.file) : packageRoot,
      stdio: ["ignore", "pipe", "pipe", "pipe"],
      env: {
        ...process.env,
        BCC_TUTOR_READY_FD: "3",
        BCC_TUTOR_VARIANT: opts.variant,
        BCC_TUTOR_LOAD_ONLY: opts.loadOnly ? "1" : "0",
        BCC_TUTOR_CAPTURE_FILE: captureFile,
        FORCE_COLOR: "0",
        NODE_NO_WARNINGS: "1",
      },
    });
    const { child } = supervised;
    if (child.pid) emit({ type: "spawned", pid: child.pid });
    const out = new BoundedOutput();
    const err = new BoundedOutput(256 * 1024);
    let lastOutputAt = hrtimeMs();
    child.stdout!.setEncoding("utf8").on("data", (raw: string) => {
      lastOutputAt = hrtimeMs();
      const d = unmap(raw);
      out.push(d);
      emit({ type: "output", stream: "stdout", text: d });
    });
    child.stderr!.setEncoding("utf8").on("data", (raw: string) => {
      const d = unmap(raw);
      err.push(d);
      emit({ type: "output", stream: "stderr", text: d });
    });
    let ready = false;
    let readyAt: number | undefined;
    let probes = 0;
    let childError: ChildError | undefined;
    const report = emptyReport();
    let onReady: () => void = () => {};
    const readyPromise = new Promise<void>((r) => (onReady = r));
    // From here the program's time runs (compiles not counted, see deadline.ts).
    const clock = new Deadline(opts.timeoutMs ?? lesson.timeoutMs * timeScale(), MAX_COMPILE_MS * timeScale());
    let ctlBuf = "";
    (child.stdio[3] as NodeJS.ReadableStream).setEncoding("utf8");
    (child.stdio[3] as NodeJS.ReadableStream).on("data", (d: string) => {
      ctlBuf += d;
      for (let nl = ctlBuf.indexOf("\n"); nl >= 0; nl = ctlBuf.indexOf("\n")) {
        const line = ctlBuf.slice(0, nl);
        ctlBuf = ctlBuf.slice(nl + 1);
        let msg: { event?: string; probes?: number } & ChildError;
        try { msg = JSON.parse(line); } catch { continue; }
        if (addToReport(report, msg)) continue;
        if (msg.event === "compile") {
          if ((msg as { phase?: string }).phase === "start") clock.compileStarted();
          else clock.compileEnded();
          continue;
        }
        if (msg.event === "ready") {
          if (!ready) readyAt = hrtimeMs();
          ready = true;
          probes = msg.probes ?? 0;
          emit({ type: "phase", phase: "ready" });
          onReady();
        } else if (msg.event === "error") {
          if (msg.message) msg.message = unmap(msg.message);
          childError = msg;
          emit({ type: "error", error: msg });
        }
      }
    });
    const exited = supervised.done;
    let finished = false;
    void exited.then(() => (finished = true));
    emit({ type: "phase", phase: "compiling" });

    let timedOut = false;
    let killed = false;
    const deadline = clock.expired;
    void exited.then(() => clock.clear()); // an exited program keeps nothing alive
    const aborted = new Promise<"abort">((r) => {
      if (opts.signal?.aborted) r("abort");
      opts.signal?.addEventListener("abort", () => r("abort"), { once: true });
    });

    const stop = async (): Promise<void> => {
      if (finished) return;
      emit({ type: "phase", phase: "stopping" });
      if (lesson.stop === "SIGINT") child.kill("SIGINT");
      let grace: NodeJS.Timeout | undefined;
      const gone = await Promise.race([exited.then(() => true), new Promise<false>((r) => (grace = setTimeout(() => r(false), KILL_GRACE_MS)))]);
      clearTimeout(grace);
      if (!gone) {
        killed = true;
        supervised!.killAll();
      }
    };

    let triggerError: string | undefined;
    let workload: WorkloadRecord | undefined;
    const first = await Promise.race([readyPromise.then(() => "ready" as const), exited.then(() => "exit" as const), deadline, aborted]);
    if (first === "ready" && opts.loadOnly) {
      await stop();
    } else if (first === "ready") {
      if (opts.trigger ?? true) {
        emit({ type: "phase", phase: "triggering" });
        try {
          await opts.beforeTrigger?.();
          workload = await runTrigger(lesson.trigger, { fixturePort: fixture?.port, signal: opts.signal, seed: opts.seed });
        } catch (e) {
          triggerError = (e as Error).message;
        }
      }
      if (opts.autoStop ?? true) {
        // Quiet is counted from the workload's end at the earliest: a program
        // that had printed nothing yet was otherwise "quiet" already and got
        // stopped before it could print (or crash) in answer to the workload.
        const triggerEnd = hrtimeMs();
        const evidence = () => hrtimeMs() - Math.max(lastOutputAt, triggerEnd) >= lesson.settle.quietMs * timeScale() && (!workload || !opts.seen || opts.seen(workload));
        const settled = await Promise.race([settle(evidence, lesson.settle.maxMs * timeScale()).then(() => "settled" as const), exited.then(() => "exit" as const), aborted]);
        if (settled !== "exit") {
          if (lesson.stop === "exit" && settled === "settled") {
            const r = await Promise.race([exited.then(() => "exit" as const), deadline, aborted]);
            if (r === "timeout") timedOut = true;
          }
          await stop();
        }
      } else {
        const r = await Promise.race([exited.then(() => "exit" as const), deadline, aborted]);
        if (r === "timeout") timedOut = true;
        await stop();
      }
    } else if (first === "timeout") {
      timedOut = true;
      await stop();
    } else if (first === "abort") {
      await stop();
    }
    const { code, signal } = await exited;
    if (signal && signal !== "SIGINT" && signal !== "SIGTERM" && signal !== "SIGKILL") {
      // A crash (LLVM aborts on some compile errors): show what libbcc wrote before it.
      const captured = readQuietly(captureFile);
      if (captured.trim()) {
        err.push(captured);
        emit({ type: "output", stream: "stderr", text: captured });
      }
    }
    emit({ type: "phase", phase: "done" });
    return {
      stdout: out.text(),
      stderr: err.text(),
      truncated: out.truncated,
      exitCode: code,
      exitSignal: signal,
      ready,
      probes,
      error: childError,
      timedOut,
      killed,
      durationMs: Date.now() - started,
      triggerError,
      workload,
      readyAt,
      report,
    };
  } finally {
    supervised?.release();
    fixture?.stop();
    runnable?.dispose();
    for (const c of cleanup) c();
  }
}

/**
 * Settling on evidence instead of a fixed sleep: done once the evidence
 * holds (the workload's events were seen and the output went quiet), or at
 * the upper bound on a machine too busy to show it.
 */
async function settle(evidence: () => boolean, maxMs: number): Promise<void> {
  const until = hrtimeMs() + maxMs;
  while (hrtimeMs() < until && !evidence()) await sleep(25);
}

function readQuietly(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

