// ink-testing-library's app as a screen to wait on (screen.ts), and the
// moment it reads keys: its fake stdin keeps only the last write until Ink
// listens, so a key written before that would be lost.
import type { render } from "ink-testing-library";
import { waitForScreen, waitUntil, type ScreenWant } from "./screen.ts";

type App = ReturnType<typeof render>;

export function screen(app: App, want: ScreenWant, timeoutMs = 30_000): Promise<string> {
  return waitForScreen(() => app.lastFrame() ?? "", want, { timeoutMs });
}

/** Until Ink listens on stdin (it does so when it turns raw mode on). */
export function reading(app: App, timeoutMs = 30_000): Promise<void> {
  return waitUntil(() => app.stdin.listenerCount("readable") > 0, "the app listens for keys", { timeoutMs });
}
