// Workloads with a known number of events, started so the tracer can learn
// their pid before they begin.
import { spawn } from "node:child_process";
import { buildFixture } from "./fixtures.ts";

export interface Gated {
  pid: number;
  /** Starts the loop; resolves with the exit code. */
  go(): Promise<number | null>;
}

/** test/fixtures/getpid-loop: n getpid() syscalls once told to go. */
export function gatedGetpidLoop(n: number): Gated {
  const child = spawn(buildFixture("getpid-loop"), [String(n)], { stdio: ["pipe", "ignore", "inherit"] });
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return {
    pid: child.pid!,
    go() {
      child.stdin!.end("go\n");
      return exited;
    },
  };
}
