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

/** Ids of BPF programs some live process holds an fd of (from /proc/<pid>/fdinfo). */
export function heldProgramIds(): Set<number> {
  const held = new Set<number>();
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fdinfo`);
    } catch {
      continue; // gone meanwhile
    }
    for (const fd of fds) {
      try {
        const m = /prog_id:\s*(\d+)/.exec(fs.readFileSync(`/proc/${pid}/fdinfo/${fd}`, "utf8"));
        if (m) held.add(Number(m[1]));
      } catch {
        // closed meanwhile
      }
    }
  }
  return held;
}

/**
 * Programs loaded since `before` that no live process holds: what a dead
 * process left behind. Programs other processes load meanwhile (another
 * tracer, a benchmark) are theirs, not a leak.
 */
export function orphanedPrograms(before: Set<number>): number[] {
  const held = heldProgramIds();
  return bpfPrograms().map((p) => p.id).filter((id) => !before.has(id) && !held.has(id));
}
