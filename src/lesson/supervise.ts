// Starts a program so that nothing it starts outlives it, or the tutor:
// - it runs in a cgroup v2 of its own where one can be made (it holds every
//   descendant, detached ones included), else in a process group of its own;
// - a watchdog process holds a lifeline pipe from the tutor and kills that
//   cgroup or group when the pipe closes, which the kernel does when the
//   tutor dies, kill -9 included (supervise-watchdog.mjs);
// - `setpriv --pdeathsig TERM` makes the kernel signal the program itself
//   when the tutor dies, even if the watchdog was killed too;
// - once the program exits, whatever it left running is killed, and its
//   stdio is not waited on for long: a grandchild may hold it open.
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import fs from "node:fs";
import type { Socket } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cgroupPids, joinCgroup, makeCgroup } from "./supervise-cgroup.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const watchdogScript = path.join(here, "supervise-watchdog.mjs");
/** The child's preload (node programs): joins the cgroup, checks the tutor is still there. */
export const supervisePreload = path.join(here, "supervise-preload.mjs");
const setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => fs.existsSync(p));
/** How long stdio may stay open after the program exited and its group was killed. */
const STDIO_GRACE_MS = 500;

/**
 * argv prefixed so the kernel kills the command when the tutor dies: for
 * short workloads (triggers), where a watchdog per command would cost more
 * than the command.
 */
export function dieWithTutor(argv: string[]): string[] {
  // A command that does not exist keeps failing the way spawn reports it (an "error" event), not as setpriv's exit 127.
  return setpriv && onPath(argv[0] ?? "") ? [setpriv, "--pdeathsig", "KILL", ...argv] : argv;
}

function onPath(cmd: string): boolean {
  if (cmd.includes("/")) return fs.existsSync(cmd);
  return (process.env.PATH ?? "").split(":").some((d) => d && fs.existsSync(path.join(d, cmd)));
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Supervised {
  child: ChildProcess;
  /** "cgroup" or "group": what holds the program's descendants. */
  holder: "cgroup" | "group";
  cgroup: string | null;
  /** The program exited, everything it started is ended, and its stdio is closed (or abandoned). */
  done: Promise<Exit>;
  /** SIGKILL to the program and every descendant. */
  killAll(): void;
  /** Kills whatever is left and lets the watchdog go (it removes the cgroup). */
  release(): void;
}

export interface SuperviseOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdio: StdioOptions;
}

export function superviseSpawn(command: string, args: string[], opts: SuperviseOptions): Supervised {
  const cgroup = makeCgroup();
  const dog = spawn(process.execPath, [watchdogScript, cgroup ? "cgroup" : "group", cgroup ?? ""], {
    stdio: ["pipe", "ignore", "ignore"],
    detached: true, // its own session: Ctrl-C or a kill of the tutor's group does not end the watch early
  });
  dog.on("error", () => {});
  dog.stdin!.on("error", () => {});
  // The watchdog must not keep the tutor alive; the pipe stays open until release() or the tutor's death.
  dog.unref();
  (dog.stdin as Socket).unref();

  const [cmd, cmdArgs] = setpriv ? [setpriv, ["--pdeathsig", "TERM", command, ...args]] : [command, args];
  const child = spawn(cmd, cmdArgs, {
    cwd: opts.cwd,
    stdio: opts.stdio,
    env: { ...(opts.env ?? process.env), BCC_TUTOR_PARENT_PID: String(process.pid), ...(cgroup ? { BCC_TUTOR_CGROUP: cgroup } : {}) },
    detached: true, // a process group (and session) of its own, for the fallback and for terminal signals
  });
  if (child.pid) {
    if (cgroup) joinCgroup(cgroup, child.pid);
    dog.stdin!.write(`pid ${child.pid}\n`);
  }

  const killAll = (): void => {
    if (cgroup) {
      try {
        fs.writeFileSync(path.join(cgroup, "cgroup.kill"), "1");
      } catch {
        for (const p of cgroupPids(cgroup)) killQuietly(p);
      }
    }
    if (child.pid) killQuietly(-child.pid);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };

  const exited = new Promise<Exit>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal }));
    child.on("error", () => resolve({ code: null, signal: null }));
  });
  const closed = new Promise<void>((resolve) => child.on("close", () => resolve()));
  const done = exited.then(async (e) => {
    killAll(); // the program's children do not outlive it
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([closed.then(() => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), STDIO_GRACE_MS)))]);
    clearTimeout(timer);
    // Only a survivor outside the cgroup or group (or one in another session) can still hold a pipe.
    if (!drained) for (const s of child.stdio) (s as Socket | null)?.destroy();
    return e;
  });

  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    killAll();
    dog.stdin!.end();
  };
  return { child, holder: cgroup ? "cgroup" : "group", cgroup, done, killAll, release };
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}
