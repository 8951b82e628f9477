// Workloads with a known number of events, started so the tracer can learn
// their pid before they begin.
import { spawn } from "node:child_process";
import { buildFixture } from "./fixtures.ts";

export interface Gated {
  pid: number;
  /** Starts the loop; resolves with the exit code. */
  go(): Promise<number | null>;
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
  };
}
