// What a test's own processes left behind, found by their process tree and
// not by guessing from the whole machine: every process a test starts
// carries a tag in its environment (BCC_TUTOR_TEST_TAG), which children
// inherit, detached ones and those re-parented to init included. A leak is
// a tagged process still alive, a BPF program one of them holds, a new
// uprobe_events line, or a cgroup the tutor made and did not remove.
import { randomUUID } from "node:crypto";
import fs from "node:fs";

export const TAG_VAR = "BCC_TUTOR_TEST_TAG";

export function newTag(): string {
  return `t-${randomUUID()}`;
}

function readQuietly(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "latin1");
  } catch {
    return undefined;
  }
}

/** Live processes (not zombies) whose environment carries the tag. */
export function taggedProcesses(tag: string): Array<{ pid: number; cmd: string }> {
  const out: Array<{ pid: number; cmd: string }> = [];
  const needle = `${TAG_VAR}=${tag}\0`;
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    const env = readQuietly(`/proc/${d}/environ`);
    if (!env || !`${env}\0`.includes(needle)) continue;
    const state = /^State:\s+(\w)/m.exec(readQuietly(`/proc/${d}/status`) ?? "")?.[1];
    if (state === "Z" || state === undefined) continue;
    out.push({ pid: Number(d), cmd: (readQuietly(`/proc/${d}/cmdline`) ?? "").split("\0").join(" ").trim() });
  }
  return out;
}

/** BPF program ids the given processes hold (fdinfo prog_id). */
export function programsHeldBy(pids: number[]): number[] {
  const ids = new Set<number>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fdinfo`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      const m = /prog_id:\s*(\d+)/.exec(readQuietly(`/proc/${pid}/fdinfo/${fd}`) ?? "");
      if (m) ids.add(Number(m[1]));
    }
  }
  return [...ids];
}

const UPROBE_EVENTS = "/sys/kernel/tracing/uprobe_events";
export function uprobeEvents(): string[] {
  return (readQuietly(UPROBE_EVENTS) ?? "").split("\n").filter(Boolean);
}

const CGROUP_ROOTS = ["/sys/fs/cgroup/unified", "/sys/fs/cgroup"];
/** The tutor's per-program cgroups (bcc-tutor-<pid>-<n>) anywhere under the cgroup v2 roots we know. */
export function tutorCgroups(): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      if (e.name.startsWith("bcc-tutor-")) found.push(`${dir}/${e.name}`);
      else if (depth < 4 && fs.existsSync(`${dir}/${e.name}/cgroup.procs`)) walk(`${dir}/${e.name}`, depth + 1);
    }
  };
  for (const r of CGROUP_ROOTS) if (fs.existsSync(`${r}/cgroup.procs`) && fs.existsSync(`${r}/cgroup.controllers`)) walk(r, 0);
  return found;
}

export interface Snapshot {
  uprobeEvents: Set<string>;
  cgroups: Set<string>;
}

export function snapshot(): Snapshot {
  return { uprobeEvents: new Set(uprobeEvents()), cgroups: new Set(tutorCgroups()) };
}

export interface Leftovers {
  processes: Array<{ pid: number; cmd: string }>;
  programs: number[];
  uprobeEvents: string[];
  cgroups: string[];
}

export function leftovers(tag: string, before: Snapshot): Leftovers {
  const processes = taggedProcesses(tag);
  return {
    processes,
    programs: programsHeldBy(processes.map((p) => p.pid)),
    uprobeEvents: uprobeEvents().filter((l) => !before.uprobeEvents.has(l)),
    cgroups: tutorCgroups().filter((c) => !before.cgroups.has(c)),
  };
}

export const nothingLeft: Leftovers = { processes: [], programs: [], uprobeEvents: [], cgroups: [] };
const empty = (l: Leftovers) => !l.processes.length && !l.programs.length && !l.uprobeEvents.length && !l.cgroups.length;

/**
 * Polls until nothing is left or withinMs passed; returns what is left then.
 * The clean-up is driven by events (PDEATHSIG, the watchdog's lifeline), so
 * the bound only has to outlast a loaded machine, not measure the clean-up.
 */
export async function leftoversAfter(tag: string, before: Snapshot, withinMs = 20_000): Promise<Leftovers> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const l = leftovers(tag, before);
    if (empty(l) || Date.now() >= deadline) return l;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Kills whatever a failed test left, so one failure does not spill into the next case. */
export function killTagged(tag: string): void {
  for (const p of taggedProcesses(tag)) {
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      // gone
    }
  }
}

/** The progress file, byte for byte, to compare after a case. */
export function fileBytes(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}
