// Workloads with a known number of events, started so the tracer can learn
// their pid before they begin.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { buildFixture } from "./fixtures.ts";

export interface Gated {
  pid: number;
  /** Starts the loop; resolves with the exit code. */
  go(): Promise<number | null>;
  /**
   * Blocks the event loop (no watcher or timer runs) until the loop has
   * exited: a zombie, or reaped. Throws after ms, which only a hung
   * workload reaches.
   */
  blockUntilExited(ms?: number): void;
}

/** Whether pid has exited: gone, or a zombie its parent has not reaped yet. */
export function hasExited(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
  } catch {
    return true;
  }
}

export function blockUntilExited(pid: number, ms = 60_000): void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const start = Date.now();
  while (!hasExited(pid)) {
    if (Date.now() - start > ms) throw new Error(`workload ${pid} still running after ${ms} ms`);
    Atomics.wait(cell, 0, 0, 2);
  }
}

/** test/fixtures/getpid-loop: n getpid() syscalls once told to go; on one CPU if `cpu` is given. */
export function gatedGetpidLoop(n: number, cpu?: number): Gated {
  const bin = buildFixture("getpid-loop");
  // taskset execs the loop, so the pid is the loop's own.
  const [cmd, args] = cpu === undefined ? [bin, [String(n)]] : ["taskset", ["-c", String(cpu), bin, String(n)]];
  const child = spawn(cmd, args, { stdio: ["pipe", "ignore", "inherit"] });
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return {
    pid: child.pid!,
    go() {
      child.stdin!.end("go\n");
      return exited;
    },
    blockUntilExited: (ms) => blockUntilExited(child.pid!, ms),
  };
}
