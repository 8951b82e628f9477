// Helpers shared by the node side of the benchmarks. Each benchmark is its
// own process; it ends by printing one line `BENCH_RESULT {json}` that
// bench/run.ts parses (the python twins print the same line).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const benchDir = path.dirname(fileURLToPath(import.meta.url));

/** The C text of bench/c/<name>.c: both sides compile the same file. */
export function program(name: string): string {
  return fs.readFileSync(path.join(benchDir, "c", `${name}.c`), "utf8");
}

/**
 * bench/c/event.c with a BPF ring buffer of `pages` pages in place of the perf
 * buffer (the capacity benchmark's --ring rounds); python does the same.
 */
export function ringProgram(pages: number): string {
  return program("event")
    .replace("BPF_PERF_OUTPUT(events);", `BPF_RINGBUF_OUTPUT(events, ${pages});`)
    .replace("events.perf_submit(args, &ev, sizeof(ev));", "events.ringbuf_output(&ev, sizeof(ev), 0);");
}

/** Peak resident set size of this process so far, in KiB (VmHWM). */
export function vmHwmKb(): number {
  const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) : NaN;
}

export function report(metrics: Record<string, number | string | boolean>): void {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify({ ...metrics, vmHwmKb: vmHwmKb() })}\n`);
}

/** The getpid-loop workload binary: built by run.ts, or here when a benchmark runs alone. */
export async function getpidLoop(): Promise<string> {
  const fromEnv = process.env.BENCH_GETPID_LOOP;
  if (fromEnv) return fromEnv;
  const { buildFixture } = await import("../test/helpers/fixtures.ts");
  return buildFixture("getpid-loop");
}

export interface Gated {
  pid: number;
  /** Lets the loop start (the write reaches the pipe synchronously). */
  go(): void;
  /** Resolves with the exit code (needs the event loop). */
  exited: Promise<number | null>;
  /** Blocks the event loop until the child has exited (it stays a zombie until libuv reaps it). */
  waitSync(timeoutMs?: number): void;
}

/** n getpid() calls once go() is called; the pid is known before. */
export function gatedGetpidLoop(bin: string, n: number): Gated {
  const child = spawn(bin, [String(n)], { stdio: ["pipe", "ignore", "inherit"] });
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  const pid = child.pid!;
  return {
    pid,
    exited,
    go() {
      child.stdin!.end("go\n");
    },
    waitSync(timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      const nap = new Int32Array(new SharedArrayBuffer(4));
      for (;;) {
        let state = "Z";
        try {
          // "pid (comm) S ...": the state follows the last ')'.
          const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
          state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
        } catch {
          /* gone: already reaped */
        }
        if (state === "Z" || state === "X") return;
        if (Date.now() > until) throw new Error(`workload ${pid} did not finish within ${timeoutMs} ms`);
        Atomics.wait(nap, 0, 0, 1);
      }
    },
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A number from the command line (`--name=value`) or the default. */
export function arg(name: string, dflt: number): number {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : dflt;
}
