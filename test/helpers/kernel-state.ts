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

/**
 * A BPF program attached through a perf event, as `bpftool perf` lists it:
 * one per (holder pid, fd). fd_type is "tracepoint", "kprobe", "kretprobe",
 * "uprobe", "uretprobe", "raw_tracepoint"; kprobes name `func`, uprobes
 * `filename` and `offset`. libbcc creates kprobes and uprobes through the
 * kprobe/uprobe PMU where the kernel has one (not tracefs), so this is where
 * they show, system-wide, whoever holds them.
 */
export interface PerfAttachment { pid: number; fd: number; prog_id: number; fd_type: string; func?: string; filename?: string; tracepoint?: string; offset?: number }

export function perfAttachments(): PerfAttachment[] {
  const out = execFileSync("bpftool", ["-j", "perf", "show"], { encoding: "utf8" });
  return JSON.parse(out) as PerfAttachment[];
}

/** perf-event attachments of BPF programs (tracepoints, uprobes) owned by pid. Only meaningful while pid lives. */
export function perfLinksOf(pid: number): PerfAttachment[] {
  return perfAttachments().filter((l) => l.pid === pid);
}

/** perf-event attachments of the given programs, held by any process. */
export function perfAttachmentsOfPrograms(ids: Iterable<number>): PerfAttachment[] {
  const set = new Set(ids);
  return perfAttachments().filter((l) => set.has(l.prog_id));
}

/** BPF links (bpftool link) of the given programs, held by any process or pinned. */
export function linksOfPrograms(ids: Iterable<number>): Array<{ id: number; prog_id: number; type: string }> {
  const set = new Set(ids);
  const out = execFileSync("bpftool", ["-j", "link", "show"], { encoding: "utf8" });
  return (JSON.parse(out) as Array<{ id: number; prog_id: number; type: string }>).filter((l) => set.has(l.prog_id));
}

/** Which live processes hold an fd of each BPF program (from /proc/<pid>/fdinfo). */
export function programHolders(): Map<number, number[]> {
  const held = new Map<number, number[]>();
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
        if (m) held.set(Number(m[1]), [...(held.get(Number(m[1])) ?? []), Number(pid)]);
      } catch {
        // closed meanwhile
      }
    }
  }
  return held;
}

/**
 * Marks this test process's tree: every process it starts inherits the
 * variable (the runner and the test helpers pass the environment on), and
 * keeps it when it is re-parented, detached or a daemon.
 */
const TREE_MARK = `BCC_TUTOR_TEST_TREE=${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
process.env.BCC_TUTOR_TEST_TREE = TREE_MARK.split("=")[1];

function inTestTree(pid: number): boolean {
  if (pid === process.pid) return true; // our own environ predates the mark
  try {
    return fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(TREE_MARK);
  } catch {
    return false; // gone meanwhile
  }
}

/**
 * Programs loaded since `before` that are still in the kernel and belong to
 * the test: held by a process of the test's own tree (alive or re-parented),
 * or by nobody (pinned, or attached somewhere that outlives fds). Programs
 * that only processes outside the tree hold (another tracer, a benchmark)
 * are theirs, not a leak.
 */
export function survivingPrograms(before: Set<number>): Array<{ id: number; name?: string; heldBy: number[] }> {
  const holders = programHolders();
  return bpfPrograms()
    .filter((p) => !before.has(p.id))
    .map((p) => ({ id: p.id, name: p.name, heldBy: holders.get(p.id) ?? [] }))
    .filter((p) => p.heldBy.length === 0 || p.heldBy.some(inTestTree));
}

/** Ids of survivingPrograms(before): what the test's processes left behind. */
export function orphanedPrograms(before: Set<number>): number[] {
  return survivingPrograms(before).map((p) => p.id);
}
