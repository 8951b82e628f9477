// A real terminal for the app: a tmux session, its screen, and keys sent
// into it. Every wait is on what the terminal shows (screen.ts). Ending a
// session kills the pane's process group outright: the pane's shell and the
// app are one group (sh -c runs no job control); kill-session alone only
// hangs the pane up, and a process that survives SIGHUP would outlive the suite.
import { execFileSync } from "node:child_process";
import { waitForScreen, type ScreenWant } from "./screen.ts";

export const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

export class Term {
  /** The pane's shell, its process group's leader, recorded at start. */
  readonly pid: number | undefined;

  constructor(readonly name: string, readonly columns: number) {
    this.pid = panePid(name);
  }

  /** Starts `command` in a new detached session of the given size. */
  static start(name: string, columns: number, command: string, rows = 40): Term {
    tmux("new-session", "-d", "-s", name, "-x", String(columns), "-y", String(rows), command);
    return new Term(name, columns);
  }

  screen = () => tmux("capture-pane", "-p", "-t", this.name);
  keys = (...k: string[]) => void tmux("send-keys", "-t", this.name, ...k);
  /** Sent as one write: a paste, or keys typed faster than the app draws. */
  type = (text: string) => void tmux("send-keys", "-t", this.name, "-l", text);

  waitFor(what: ScreenWant, timeoutMs = 30_000): Promise<string> {
    return waitForScreen(this.screen, what, { timeoutMs, pollMs: 100 });
  }

  /** The pane's terminal settings, as stty prints them. */
  private stty(): string {
    const tty = tmux("display-message", "-p", "-t", this.name, "#{pane_tty}").trim();
    return execFileSync("stty", ["-F", tty, "-a"], { encoding: "utf8" });
  }

  /**
   * Until the app reads keys one by one: its terminal is in raw mode
   * (-icanon), which Ink sets when it starts listening. A key sent before
   * that would sit in the line buffer or be echoed.
   */
  async raw(timeoutMs = 60_000): Promise<void> {
    await waitForScreen(() => this.stty(), /(^|\s)-icanon(\s|$)/, { timeoutMs, pollMs: 100 });
  }

  kill(): void {
    endSession(this.name, this.pid);
  }
}


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
