// "Now" on the clock trace_pipe stamps its lines with, whichever
// trace_clock is selected: tracefs's per-CPU stats say it ("now ts:").
// A BPF object notes it when created, so trace_pipe lines older than the
// object (left by an earlier program) can be told from its own.
import fs from "node:fs";
import { onlineCpus } from "./cpus.ts";
import { tracefsPath } from "./tracefs.ts";

const NOW = /^now ts:\s*(\d+(?:\.\d+)?)/m;

/** Seconds on the trace clock (as trace_pipe prints them), or undefined when tracefs cannot say. */
export function traceClockNow(): number | undefined {
  const t = tracefsPath();
  if (!t) return undefined;
  try {
    const cpu = onlineCpus()[0] ?? 0;
    const m = NOW.exec(fs.readFileSync(`${t}/per_cpu/cpu${cpu}/stats`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
