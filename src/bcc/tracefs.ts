// Where tracefs is mounted. libbcc's get_tracefs_path() prefers the debugfs
// location when it exists; use the same order so both agree.
import fs from "node:fs";

export function tracefsPath(): string | undefined {
  for (const p of ["/sys/kernel/debug/tracing", "/sys/kernel/tracing"]) {
    if (fs.existsSync(`${p}/trace_pipe`)) return p;
  }
  return undefined;
}

export function tracepointExists(category: string, event: string): boolean {
  const t = tracefsPath();
  return t !== undefined && fs.existsSync(`${t}/events/${category}/${event}`);
}
