// The app's whole state as one immutable value, and the one union of actions
// that changes it (see reducer.ts). Progress lives in the progress file and
// reaches React through its own subscription (progress-source.ts).
import type { Lang } from "../../i18n/index.ts";
import type { CheckOutcome } from "../../lesson/check-lesson.ts";

export type Tab = "prose" | "code" | "run" | "check";
export const TABS: readonly Tab[] = ["prose", "code", "run", "check"];
export type Filter = "all" | "pending" | "done";
export type Screen = "list" | "lesson";
export type Confirm = "reset" | "solution";

export type RunPhase = "idle" | "starting" | "compiling" | "ready" | "triggering" | "stopping" | "done";
/** Which program the run pane runs: the learner's file, or the lesson's reference answer. */
export type RunWhich = "mine" | "reference";

export interface RunState {
  phase: RunPhase;
  which?: RunWhich;
  file?: string;
  exit?: string;
  error?: string;
}

export type CheckState = { status: "idle" } | { status: "running"; file: string } | { status: "done"; outcome: CheckOutcome };

export interface AppState {
  readonly lang: Lang;
  readonly screen: Screen;
  readonly filter: Filter;
  /** Index into the lesson list (all lessons, not only the filtered ones). */
  readonly selected: number;
  readonly tab: Tab;
  /** Lines scrolled: from the top in prose and code, from the bottom in the run pane. */
  readonly scroll: number;
  readonly message?: string;
  readonly confirm?: Confirm;
  /** The `:` command line being typed; undefined when closed. */
  readonly cmdline?: string;
  readonly check: CheckState;
  readonly watch: boolean;
  /** The file system delivered no change events: the learner should check by hand. */
  readonly watchManual: boolean;
  readonly demo: boolean;
  /** The reference answer (and its walk-through) may be shown. */
  readonly showAnswer: boolean;
  /** The Program tab shows the original and portable variants' C side by side. */
  readonly sideBySide: boolean;
  readonly run: RunState;
}

export type Action =
  | { type: "lang"; lang: Lang }
  | { type: "select"; index: number }
  | { type: "open"; index: number }
  | { type: "list" }
  | { type: "filter/next" }
  | { type: "tab"; tab: Tab }
  | { type: "tab/next" }
  | { type: "scroll"; delta: number; max: number }
  | { type: "message"; text?: string }
  | { type: "confirm"; what?: Confirm }
  | { type: "cmdline"; text?: string }
  | { type: "check/start"; file: string }
  | { type: "check/done"; outcome: CheckOutcome }
  | { type: "watch"; on: boolean }
  | { type: "watch/manual" }
  | { type: "demo"; on: boolean }
  | { type: "answer/show" }
  | { type: "variants/toggle" }
  | { type: "run/start"; which: RunWhich; file: string }
  | { type: "run/phase"; phase: RunPhase }
  | { type: "run/done"; exit?: string; error?: string };

export function initialState(opts: { lang: Lang; selected?: number; message?: string }): AppState {
  return {
    lang: opts.lang,
    screen: "list",
    filter: "all",
    selected: Math.max(0, opts.selected ?? 0),
    tab: "prose",
    scroll: 0,
    message: opts.message,
    check: { status: "idle" },
    watch: false,
    watchManual: false,
    demo: false,
    showAnswer: false,
    sideBySide: false,
    run: { phase: "idle" },
  };
}
