// Ending a tmux session a test started, with everything running in it: the
// pane's shell and the app are one process group (sh -c runs no job
// control), killed outright; kill-session alone only hangs the pane up, and
// a process that survives SIGHUP would outlive the suite.
import { execFileSync } from "node:child_process";

const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });

/** The pid of the pane's shell (its process group's leader), or undefined when the session is gone. */
export function panePid(session: string): number | undefined {
  try {
    const pid = Number(tmux("display-message", "-p", "-t", session, "#{pane_pid}").trim());
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Kills the process group of pid (recorded at start), then the session; quiet where either is gone. */
export function endSession(session: string, pid = panePid(session)): void {
  if (pid) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // the group is gone already
    }
  }
  try {
    tmux("kill-session", "-t", session);
  } catch {
    // the pane closed with its program
  }
}
