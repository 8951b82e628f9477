// One live run at a time in the run pane: starts the program, feeds its
// output into a bounded scrollback, reports phases as actions, fires the
// workload by hand or in demo mode, and stops it the lesson's way.
import fs from "node:fs";
import { runProgram, type RunEvent } from "../lesson/runner.ts";
import { runTrigger } from "../lesson/triggers.ts";
import { mapCompileError } from "../lesson/source-map.ts";
import type { Lesson } from "../lesson/schema.ts";
import type { VariantName } from "../lesson/lesson-variant.ts";
import { Scrollback } from "./scrollback.ts";
import { CrashFilter } from "../lesson/error-gist.ts";
import { oneLine } from "./crash-gist.ts";
import type { Action, RunWhich } from "./state/app-state.ts";

export class RunSession {
  readonly scrollback = new Scrollback(2000);
  private abort: AbortController | null = null;
  private finished: Promise<unknown> = Promise.resolve();
  private lesson?: Lesson;
  private fixturePort?: number;
  private demo = false;

  constructor(private dispatch: (a: Action) => void) {}

  running(): boolean {
    return this.abort !== null;
  }

  setDemo(on: boolean): void {
    this.demo = on;
  }

  start(lesson: Lesson, file: string, variant: VariantName, which: RunWhich, demo: boolean): void {
    this.abort?.abort();
    const ac = new AbortController();
    this.abort = ac;
    this.lesson = lesson;
    this.fixturePort = undefined;
    this.demo = demo;
    this.scrollback.clear();
    this.dispatch({ type: "run/start", which, file });
    const mine = () => this.abort === ac;
    // A crash's stack is held back and summed up when the program ends, as `run` does.
    const crash = new CrashFilter();
    const onEvent = (e: RunEvent) => {
      if (!mine()) return;
      if (e.type === "output" && e.stream === "stdout") this.scrollback.push(e.text);
      else if (e.type === "output") {
        const shown = crash.push(e.text);
        if (shown) this.scrollback.push(shown);
      } else if (e.type === "fixture") this.fixturePort = e.port;
      else if (e.type === "error") {
        // Compile errors point at the learner's own line, not at the C text bcc saw.
        const loc = e.error.name === "BpfCompileError" ? mapCompileError(e.error, file, readText(file)) : undefined;
        this.scrollback.note(loc ? `! ${loc.file}:${loc.line}:${loc.column}: ${loc.message}` : `! ${e.error.name ?? "Error"}: ${e.error.message ?? ""}`);
      } else if (e.type === "phase") {
        this.dispatch({ type: "run/phase", phase: e.phase });
        if (e.phase === "ready" && this.demo) void this.fire();
      }
    };
    // The previous program must be gone first: trace_pipe has one reader at a time.
    const previous = this.finished.catch(() => undefined);
    this.finished = previous
      // A run replaced before it began never starts.
      .then(() => (mine() ? runProgram({ lesson, file, variant, trigger: false, autoStop: false, onEvent, signal: ac.signal, timeoutMs: 24 * 3600_000 }) : undefined))
      .then((r) => {
        if (!r || !mine()) return;
        const crashed = !r.error && r.exitCode !== 0 && r.exitCode !== null && !ac.signal.aborted;
        const rest = crash.end();
        if (rest.trim()) {
          if (crashed) this.scrollback.note(`! ${oneLine(rest)}`);
          else this.scrollback.push(rest);
        }
        const how = r.error?.message ? `${r.error.name}: ${r.error.message.split("\n")[0]}` : r.exitSignal ? `signal ${r.exitSignal}` : `exit code ${r.exitCode}`;
        this.abort = null;
        this.dispatch({ type: "run/done", exit: how });
      })
      .catch((e: unknown) => {
        if (!mine()) return;
        this.abort = null;
        this.dispatch({ type: "run/done", error: (e as Error).message });
      });
  }

  /** Fires the lesson's workload once; false when nothing runs. */
  async fire(): Promise<boolean> {
    const { lesson, fixturePort } = this;
    const ac = this.abort;
    if (!lesson || !ac) return false;
    this.dispatch({ type: "run/phase", phase: "triggering" });
    try {
      await runTrigger(lesson.trigger, { fixturePort, signal: ac.signal });
    } catch (e) {
      this.scrollback.note(`! ${(e as Error).message}`);
    }
    if (this.abort === ac) this.dispatch({ type: "run/phase", phase: "ready" });
    return true;
  }

  stop(): boolean {
    if (!this.abort) return false;
    this.abort.abort();
    return true;
  }

  /** Stops the program if one runs, and resolves once it has exited (trace_pipe has one reader at a time). */
  async stopAndWait(): Promise<void> {
    this.abort?.abort();
    await this.finished.catch(() => undefined);
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
