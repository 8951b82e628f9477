// The one place the app's state changes: (state, action) -> state, pure.
import { TABS, type Action, type AppState, type Filter } from "./app-state.ts";

const NEXT_FILTER: Record<Filter, Filter> = { all: "pending", pending: "done", done: "all" };

export function reducer(s: AppState, a: Action): AppState {
  switch (a.type) {
    case "lang":
      return { ...s, lang: a.lang };
    case "select":
      return { ...s, selected: Math.max(0, a.index) };
    case "open":
      // A lesson opens on its prose, with nothing of the previous one left over.
      return { ...s, selected: a.index, screen: "lesson", tab: "prose", scroll: 0, check: { status: "idle" }, showAnswer: false, watch: false, watchManual: false, message: undefined, run: { phase: "idle" } };
    case "list":
      return { ...s, screen: "list", message: undefined, cmdline: undefined };
    case "filter/next":
      return { ...s, filter: NEXT_FILTER[s.filter] };
    case "tab":
      return s.tab === a.tab ? s : { ...s, tab: a.tab, scroll: 0 };
    case "tab/next":
      return { ...s, tab: TABS[(TABS.indexOf(s.tab) + 1) % TABS.length]!, scroll: 0 };
    case "scroll":
      return { ...s, scroll: Math.max(0, Math.min(a.max, s.scroll + a.delta)) };
    case "message":
      return s.message === a.text ? s : { ...s, message: a.text };
    case "confirm":
      return { ...s, confirm: a.what };
    case "cmdline":
      return { ...s, cmdline: a.text };
    case "check/start":
      return { ...s, tab: "check", scroll: 0, check: { status: "running", file: a.file } };
    case "check/done":
      // After a pass the answer may be shown: the diff and the walk-through appear.
      return { ...s, check: { status: "done", outcome: a.outcome }, showAnswer: s.showAnswer || a.outcome.status === "passed" };
    case "watch":
      return { ...s, watch: a.on, watchManual: a.on ? s.watchManual : false };
    case "watch/manual":
      return { ...s, watchManual: true };
    case "demo":
      return { ...s, demo: a.on };
    case "variants/toggle":
      return { ...s, sideBySide: !s.sideBySide, tab: "code", scroll: 0 };
    case "answer/show":
      return { ...s, showAnswer: true, tab: "code", scroll: 0 };
    case "run/start":
      return { ...s, tab: "run", scroll: 0, run: { phase: "starting", which: a.which, file: a.file } };
    case "run/phase":
      return s.run.phase === a.phase ? s : { ...s, run: { ...s.run, phase: a.phase } };
    case "run/done":
      return { ...s, run: { ...s.run, phase: "done", exit: a.exit, error: a.error } };
  }
}
