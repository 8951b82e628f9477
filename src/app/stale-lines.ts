// trace_pipe keeps what the kernel wrote while nobody read it: a program that
// starts reading first gets lines from before it started, minutes old. The
// run pane leaves out trace lines stamped before the run began.
import fs from "node:fs";

/** "  sync-4242  [001] ...21  1234.567890: bpf_trace_printk: …" → 1234.567890 */
const TRACE_LINE = /^\s*\S.*-\d+\s+(?:\(\s*[\d-]+\)\s+)?\[\d+\]\s+\S+\s+(\d+\.\d+):/;

/** Seconds since boot, the clock trace_pipe stamps lines with (its default "local" clock follows it closely). */
export function uptime(): number | undefined {
  try {
    return Number(fs.readFileSync("/proc/uptime", "utf8").split(" ")[0]);
  } catch {
    return undefined;
  }
}

export class StaleFilter {
  dropped = 0;
  /** @param since seconds since boot when the run started; lines a second older are stale. */
  constructor(private since: number | undefined, private slack = 1) {}

  keep(line: string): boolean {
    if (this.since === undefined) return true;
    const m = TRACE_LINE.exec(line);
    if (!m || Number(m[1]) >= this.since - this.slack) return true;
    this.dropped++;
    return false;
  }
}
