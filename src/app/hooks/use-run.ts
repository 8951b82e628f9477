// Runs a lesson's program live in the run pane. Output goes into a bounded
// scrollback; the screen is refreshed from it at most every 50 ms, so a
// program printing as fast as it can never starves the keyboard.
import { useCallback, useEffect, useRef, useState } from "react";
import { runProgram, type RunEvent } from "../../lesson/runner.ts";
import { runTrigger } from "../../lesson/triggers.ts";
import type { Lesson } from "../../lesson/schema.ts";
import type { VariantName } from "../../lesson/lesson-variant.ts";
import { Scrollback } from "../scrollback.ts";

export type RunPhase = "idle" | "starting" | "compiling" | "ready" | "triggering" | "stopping" | "done";

export interface RunState {
  phase: RunPhase;
  file?: string;
  exit?: string;
  error?: string;
}

const REFRESH_MS = 50;

export function useRun() {
  const scrollback = useRef(new Scrollback(2000)).current;
  const [state, setState] = useState<RunState>({ phase: "idle" });
  const [, setTick] = useState(0);
  const abort = useRef<AbortController | null>(null);
  const finished = useRef<Promise<unknown>>(Promise.resolve());
  const ctx = useRef<{ lesson?: Lesson; fixturePort?: number; demo: boolean }>({ demo: false });

  // Throttled refresh: only when the scrollback changed.
  useEffect(() => {
    let seen = scrollback.version;
    const timer = setInterval(() => {
      if (scrollback.version !== seen) {
        seen = scrollback.version;
        setTick((n) => n + 1);
      }
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [scrollback]);

  const fire = useCallback(async () => {
    const { lesson, fixturePort } = ctx.current;
    if (!lesson || !abort.current) return false;
    setState((s) => ({ ...s, phase: "triggering" }));
    try {
      await runTrigger(lesson.trigger, { fixturePort, signal: abort.current.signal });
    } catch (e) {
      scrollback.note(`! ${(e as Error).message}`);
    }
    setState((s) => (s.phase === "triggering" ? { ...s, phase: "ready" } : s));
    return true;
  }, [scrollback]);

  const start = useCallback(
    (lesson: Lesson, file: string, variant: VariantName, demo: boolean) => {
      abort.current?.abort();
      const ac = new AbortController();
      abort.current = ac;
      ctx.current = { lesson, demo };
      scrollback.clear();
      setState({ phase: "starting", file });
      const onEvent = (e: RunEvent) => {
        if (abort.current !== ac && e.type !== "phase") return;
        if (e.type === "output") scrollback.push(e.text);
        else if (e.type === "fixture") ctx.current.fixturePort = e.port;
        else if (e.type === "error") scrollback.note(`! ${e.error.name ?? "Error"}: ${e.error.message ?? ""}`);
        else if (e.type === "phase" && abort.current === ac) {
          setState((s) => ({ ...s, phase: e.phase }));
          if (e.phase === "ready" && ctx.current.demo) void fire();
        }
      };
      finished.current = runProgram({ lesson, file, variant, trigger: false, autoStop: false, onEvent, signal: ac.signal, timeoutMs: 24 * 3600_000 })
        .then((r) => {
          if (abort.current !== ac) return;
          const how = r.error?.message ? `${r.error.name}: ${r.error.message}` : r.exitSignal ? `signal ${r.exitSignal}` : `exit code ${r.exitCode}`;
          setState((s) => ({ ...s, phase: "done", exit: how }));
          abort.current = null;
        })
        .catch((e: unknown) => {
          setState({ phase: "done", error: (e as Error).message });
          abort.current = null;
        });
    },
    [fire, scrollback],
  );

  const stop = useCallback(() => {
    if (!abort.current) return false;
    abort.current.abort();
    return true;
  }, []);

  /** Stops the program if one runs, and resolves once it has exited (trace_pipe has one reader at a time). */
  const stopAndWait = useCallback(async () => {
    abort.current?.abort();
    await finished.current.catch(() => undefined);
  }, []);

  const setDemo = useCallback((demo: boolean) => {
    ctx.current.demo = demo;
  }, []);

  useEffect(() => () => abort.current?.abort(), []);

  return { state, scrollback, start, stop, stopAndWait, fire, setDemo, running: () => abort.current !== null };
}
