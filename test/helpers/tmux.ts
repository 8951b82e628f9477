// A real terminal for the app: a tmux session, its screen, and keys sent
// into it. Every wait is on what the terminal shows (screen.ts).
import { execFileSync } from "node:child_process";
import { waitForScreen, type ScreenWant } from "./screen.ts";

export const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf8" });

export class Term {
  constructor(readonly name: string, readonly columns: number) {}

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
    try {
      tmux("kill-session", "-t", this.name);
    } catch {
      // already gone (the pane closed with the app)
    }
  }
}
