// Where the tutor may make a cgroup v2 for each program it runs. A cgroup
// holds every descendant, even those that start a session of their own
// (spawn with detached: true), which a process group cannot; cgroup.kill
// (Linux 5.14+) ends them all at once. Hybrid hierarchies mount cgroup2 at
// /sys/fs/cgroup/unified, pure ones at /sys/fs/cgroup: read mountinfo.
import fs from "node:fs";
import path from "node:path";

let base: string | null | undefined;

/** The folder of this process's own cgroup v2, or null when there is none we can write to. */
export function cgroupBase(): string | null {
  if (base !== undefined) return base;
  base = null;
  if (process.env.BCC_TUTOR_NO_CGROUP === "1") return base; // tests exercise the process-group fallback
  try {
    const mount = fs.readFileSync("/proc/self/mountinfo", "utf8").split("\n")
      .map((l) => l.split(" "))
      .find((f) => f[f.indexOf("-") + 1] === "cgroup2")?.[4];
    const own = /^0::(\/.*)$/m.exec(fs.readFileSync("/proc/self/cgroup", "utf8"))?.[1];
    if (!mount || !own) return base;
    const dir = path.join(mount, own);
    fs.accessSync(dir, fs.constants.W_OK);
    base = dir;
  } catch {
    base = null;
  }
  return base;
}

let seq = 0;

/** A fresh, empty cgroup for one program, or null (not available, not delegated to us). */
export function makeCgroup(): string | null {
  const b = cgroupBase();
  if (!b) return null;
  const dir = path.join(b, `bcc-tutor-${process.pid}-${seq++}`);
  try {
    fs.mkdirSync(dir);
    return dir;
  } catch {
    return null;
  }
}

export function cgroupPids(dir: string): number[] {
  try {
    return fs.readFileSync(path.join(dir, "cgroup.procs"), "utf8").split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Moves pid into the cgroup; false when the kernel refused. */
export function joinCgroup(dir: string, pid: number): boolean {
  try {
    fs.writeFileSync(path.join(dir, "cgroup.procs"), String(pid));
    return true;
  } catch {
    return false;
  }
}
