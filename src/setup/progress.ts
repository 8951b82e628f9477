// Shows set-up's steps: at a terminal, one spinner line per step that
// becomes ✔/✖ with what the step did; elsewhere (CI, a pipe, a log) plain
// lines, one when a step starts doing something and one when it ends.
export type StepStatus = "ok" | "changed" | "failed";

export interface StepReport {
  status: StepStatus;
  detail: string;
}

export interface StepView {
  /** What the step is doing now (shown beside the spinner, or as a line). */
  update(text: string): void;
  /** Stops the spinner while the step asks the terminal something. */
  pause(): void;
  resume(): void;
  done(r: StepReport): void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const MARKS: Record<StepStatus, string> = { ok: "✔", changed: "✔", failed: "✖" };

export function stepView(title: string, out: NodeJS.WriteStream = process.stdout, tty = out.isTTY === true): StepView {
  if (!tty) {
    return {
      update: (text) => out.write(`[setup] ${title}: ${text}\n`),
      pause() {},
      resume() {},
      done: (r) => out.write(`[setup] ${title}: ${r.status === "failed" ? "FAILED: " : ""}${r.detail}\n`),
    };
  }
  let text = "";
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  // One line, cut to the terminal's width so \r always returns to its start.
  const line = (head: string, body: string) => {
    const s = `${head} ${title}${body ? ` — ${body}` : ""}`;
    const cols = out.columns || 80;
    return [...s].length > cols - 1 ? `${[...s].slice(0, cols - 2).join("")}…` : s;
  };
  const draw = () => out.write(`\r\x1b[K${line(FRAMES[frame++ % FRAMES.length]!, text)}`);
  const start = () => {
    draw();
    timer = setInterval(draw, 80);
    timer.unref();
  };
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    out.write("\r\x1b[K");
  };
  start();
  return {
    update(t) {
      text = t;
      if (timer) draw();
    },
    pause: stop,
    resume: start,
    done(r) {
      stop();
      // The final line is not cut: it is what the learner reads afterwards.
      out.write(`${MARKS[r.status]} ${title} — ${r.detail}\n`);
    },
  };
}
