// What the kernel holds right now: loaded BPF programs and tracefs probes.
// Leak tests compare these before and after a process that attached probes.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

export interface ProgInfo { id: number; name?: string; type: string }

export function bpfPrograms(): ProgInfo[] {
  const out = execFileSync("bpftool", ["-j", "prog", "show"], { encoding: "utf8" });
  return JSON.parse(out) as ProgInfo[];
}

export function programsNamed(prefix: string): ProgInfo[] {
  return bpfPrograms().filter((p) => p.name?.startsWith(prefix));
}

/** Lines of kprobe_events/uprobe_events mentioning the given pid (libbcc names them ..._bcc_<pid>). */
export function tracefsProbesOf(pid: number): string[] {
  const out: string[] = [];
  for (const f of ["/sys/kernel/tracing/uprobe_events", "/sys/kernel/tracing/kprobe_events"]) {
    if (!fs.existsSync(f)) continue;
    out.push(...fs.readFileSync(f, "utf8").split("\n").filter((l) => l.includes(`_bcc_${pid}`)));
  }
  return out;
}

/** perf-event attachments of BPF programs (tracepoints, uprobes) owned by pid. */
export function perfLinksOf(pid: number): unknown[] {
  const out = execFileSync("bpftool", ["-j", "perf", "show"], { encoding: "utf8" });
  return (JSON.parse(out) as Array<{ pid: number }>).filter((l) => l.pid === pid);
}
