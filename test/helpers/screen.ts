// Waiting on what a screen shows, never on the clock: a test polls the
// screen (tmux capture-pane, or ink-testing-library's lastFrame) until it
// shows what the step awaits. The timeout is an upper bound for a stuck
// app, generous enough for a loaded machine; no step assumes a duration.

export type ScreenWant = string | RegExp | ((screen: string) => boolean);

export interface WaitOptions {
  /** Give up after this long (default 30 s): only a stuck app gets there. */
  timeoutMs?: number;
  /** Between two captures (default 20 ms). */
  pollMs?: number;
}

const describeWant = (want: ScreenWant): string => (typeof want === "function" ? want.toString() : String(want));

export function matches(want: ScreenWant, screen: string): boolean {
  if (typeof want === "function") return want(screen);
  return typeof want === "string" ? screen.includes(want) : want.test(screen);
}

/** Resolves with the first capture that shows `want`; throws with the last capture otherwise. */
export async function waitForScreen(capture: () => string, want: ScreenWant, opts: WaitOptions = {}): Promise<string> {
  const { timeoutMs = 30_000, pollMs = 20 } = opts;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = capture();
    if (matches(want, s)) return s;
    if (Date.now() > deadline) throw new Error(`not on screen after ${timeoutMs} ms: ${describeWant(want)}\n${s}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** Polls any condition the same way (a file's content, a store's state). */
export async function waitUntil(ok: () => boolean, what: string, opts: WaitOptions = {}): Promise<void> {
  await waitForScreen(() => (ok() ? "yes" : "no"), (s) => s === "yes", opts).catch(() => {
    throw new Error(`${what}: not true after ${opts.timeoutMs ?? 30_000} ms`);
  });
}
