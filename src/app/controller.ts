// Carries out what keys and `:` commands ask for: looks keys up in the
// keymap, dispatches actions, and runs the effects (live runs, checks,
// progress saves, file writes). The only owner of the app's state.
import { setLang, t, type Lang } from "../i18n/index.ts";
import type { Lesson } from "../lesson/schema.ts";
import { findLesson } from "../lesson/registry.ts";
import { lessonStrings } from "../lesson/text.ts";
import { chooseVariant } from "../lesson/variant.ts";
import { filterRows, lessonRows, type ListRow } from "./lesson-rows.ts";
import { answerFile, ensureWorkspaceFile, workspaceFile } from "../lesson/workspace.ts";
import { checkLesson } from "../lesson/check-lesson.ts";
import type { Progress } from "../state/progress.ts";
import { reducer } from "./state/reducer.ts";
import { createStore, type Store } from "./state/store.ts";
import { initialState, type Action, type AppState } from "./state/app-state.ts";
import { ProgressSource } from "./state/progress-source.ts";
import { commandHelp, complete, contexts, findCommand, lookup, type Intent } from "./state/keymap.ts";
import { keyNames, type InkKey } from "./state/keys.ts";
import { RunSession } from "./run-session.ts";
import { resetToStarter } from "./workspace-files.ts";

export interface ControllerOptions {
  lessons: Lesson[];
  progress: ProgressSource;
  workspace: string;
  lang: Lang;
  openEditor?: (file: string) => { ok: boolean; message?: string };
  exit?: () => void;
  initialMessage?: string;
  optional?: string[];
}

/** What the screen's layout tells the controller: how far a page and the end are. */
export interface Viewport {
  bodyHeight: number;
  maxScroll: number;
}

export class AppController {
  readonly store: Store<AppState, Action>;
  readonly run: RunSession;
  viewport: Viewport = { bodyHeight: 10, maxScroll: 0 };

  constructor(private o: ControllerOptions) {
    const current = o.progress.get().current;
    this.store = createStore(reducer, initialState({ lang: o.lang, selected: o.lessons.findIndex((l) => l.id === current), message: o.initialMessage }));
    this.run = new RunSession((a) => this.store.dispatch(a));
  }

  get state(): AppState {
    return this.store.getState();
  }
  private dispatch(a: Action): void {
    this.store.dispatch(a);
  }
  private say(text?: string): void {
    this.dispatch({ type: "message", text });
  }

  rows(progress: Progress = this.o.progress.get()): ListRow[] {
    return lessonRows(this.o.lessons, progress, this.o.optional);
  }
  shownRows(all = this.rows()): ListRow[] {
    return filterRows(all, this.state.filter);
  }
  current(): Lesson | undefined {
    return this.state.screen === "lesson" ? this.o.lessons[this.state.selected] : undefined;
  }
  learnerFile(l = this.current()): string | undefined {
    return l?.exercise ? workspaceFile(l, this.o.workspace) : undefined;
  }
  /** The answer may be shown: after a pass, once asked for (and confirmed), or always for a non-exercise. */
  answerAllowed(l = this.current()): boolean {
    if (!l) return false;
    const p = this.o.progress.get();
    return !l.exercise || this.state.showAnswer || p.done.includes(l.id) || p.solutionsSeen.includes(l.id);
  }

  private save(change: (p: Progress) => void): void {
    const err = this.o.progress.update(change);
    if (err !== undefined) this.say(t("app.progress.unsaved", { error: err }));
  }

  /** Ink's input: every key of a burst is applied in order, each seeing the state the previous one left. */
  input(input: string, key: InkKey): void {
    for (const k of keyNames(input, key)) this.key(k);
  }

  key(k: string): void {
    const s = this.state;
    if (s.confirm) {
      if (k === "y") this.confirmYes();
      if (k === "y" || k === "n" || k === "esc") this.dispatch({ type: "confirm" });
      return;
    }
    if (s.cmdline !== undefined) return this.cmdlineKey(k, s.cmdline);
    const b = lookup(k, contexts(s.screen, s.tab));
    if (b) this.intent(b.intent);
  }

  private cmdlineKey(k: string, line: string): void {
    if (k === "enter") {
      this.dispatch({ type: "cmdline" });
      return this.command(line);
    }
    if (k === "esc") return this.dispatch({ type: "cmdline" });
    if (k === "tab") return this.dispatch({ type: "cmdline", text: complete(line) });
    if (k === "backspace") return this.dispatch({ type: "cmdline", text: line.slice(0, -1) });
    if ([...k].length === 1) this.dispatch({ type: "cmdline", text: line + k });
  }

  /** Runs a command line ("lesson 4"). */
  command(line: string): void {
    const [name = "", ...args] = line.trim().replace(/^:/, "").split(/\s+/);
    if (!name) return;
    const b = findCommand(name);
    if (!b) return this.say(t("app.cmd.unknown", { name }));
    this.intent(b.intent, args);
  }

  intent(i: Intent, args: string[] = []): void {
    const s = this.state;
    const { bodyHeight, maxScroll } = this.viewport;
    // The run pane scrolls from the bottom: up shows older lines.
    const runTab = s.screen === "lesson" && s.tab === "run";
    const scroll = (delta: number) => this.dispatch({ type: "scroll", delta: runTab ? -delta : delta, max: runTab ? Number.MAX_SAFE_INTEGER : maxScroll });
    switch (i) {
      case "up":
        return s.screen === "list" ? this.moveSelection(-1) : scroll(-1);
      case "down":
        return s.screen === "list" ? this.moveSelection(1) : scroll(1);
      case "pageUp":
        return scroll(-bodyHeight);
      case "pageDown":
        return scroll(bodyHeight);
      case "open":
        return this.open(s.selected);
      case "filter":
        return this.dispatch({ type: "filter/next" });
      case "continue":
        return this.openRef(this.o.progress.get().current ?? this.rows().find((r) => !r.done)?.lesson.id ?? "1");
      case "tabNext":
        return this.dispatch({ type: "tab/next" });
      case "run":
        return this.startRun("mine");
      case "runReference":
        return this.startRun("reference");
      case "check":
        return void this.check();
      case "hint":
        return this.hint();
      case "edit":
        return this.edit();
      case "watch":
        return this.toggleWatch();
      case "answer":
        return this.answer();
      case "reset":
        return this.current()?.exercise ? this.dispatch({ type: "confirm", what: "reset" }) : this.say(t("app.notExercise"));
      case "variants":
        return this.current() ? this.dispatch({ type: "variants/toggle" }) : this.say(t("app.cmd.noLesson"));
      case "next":
        return this.current() ? this.open(Math.min(this.o.lessons.length - 1, s.selected + 1)) : this.say(t("app.cmd.noLesson"));
      case "prev":
        return this.current() ? this.open(Math.max(0, s.selected - 1)) : this.say(t("app.cmd.noLesson"));
      case "list":
        return this.dispatch({ type: "list" });
      case "back":
        if (s.tab === "run") this.run.stop();
        return this.dispatch({ type: "list" });
      case "lesson":
        return this.openRef(args[0] ?? "");
      case "lang": {
        const l = args[0] ?? (s.lang === "en" ? "ja" : "en");
        if (l !== "en" && l !== "ja") return this.say(commandHelp());
        return this.setLang(l);
      }
      case "fire":
        if (!this.run.running()) return this.say(t("app.notRunning"));
        return void this.run.fire();
      case "stop":
        if (!this.run.stop()) this.say(t("app.notRunning"));
        return;
      case "demo":
        this.run.setDemo(!s.demo);
        return this.dispatch({ type: "demo", on: !s.demo });
      case "cmdline":
        return this.dispatch({ type: "cmdline", text: "" });
      case "help":
        return this.say(commandHelp());
      case "quit":
        this.run.stop();
        return this.o.exit?.();
    }
  }

  private moveSelection(by: number): void {
    const all = this.rows();
    const shown = this.shownRows(all);
    const i = shown.findIndex((r) => r.lesson.id === all[this.state.selected]?.lesson.id);
    const n = shown[Math.max(0, Math.min(shown.length - 1, i + by))];
    if (n) this.dispatch({ type: "select", index: all.indexOf(n) });
  }

  private openRef(ref: string): void {
    const l = findLesson(this.o.lessons, ref);
    if (!l) return this.say(t("app.cmd.badLesson", { ref }));
    this.open(this.o.lessons.indexOf(l));
  }

  open(index: number): void {
    const l = this.o.lessons[index];
    if (!l) return;
    this.run.stop();
    this.dispatch({ type: "open", index });
    if (l.exercise) {
      try {
        ensureWorkspaceFile(l, this.o.workspace);
      } catch (e) {
        this.say((e as Error).message);
      }
    }
    this.save((p) => {
      p.current = l.id;
      if (l.kind === "reading" && !p.done.includes(l.id)) p.done.push(l.id);
    });
  }

  setLang(l: Lang): void {
    setLang(l);
    this.dispatch({ type: "lang", lang: l });
    this.save((p) => { p.lang = l; });
    this.say(t("app.lang.now"));
  }

  /** r: the learner's own file in an exercise, the lesson's program otherwise; R: the reference answer. */
  private startRun(which: "mine" | "reference"): void {
    const l = this.current();
    if (!l) return this.say(t("app.cmd.noLesson"));
    let file: string | undefined;
    if (which === "mine" && l.exercise) {
      try {
        file = ensureWorkspaceFile(l, this.o.workspace);
      } catch (e) {
        return this.say((e as Error).message);
      }
    } else {
      file = answerFile(l);
      if (!file) return this.say(t("run.noAnswer", { lesson: l.id }));
    }
    const kind = l.exercise && which === "reference" ? "reference" : "mine";
    this.say(undefined);
    this.run.start(l, file, chooseVariant(l).variant, kind, this.state.demo);
    if (l.kind === "example") this.save((p) => { if (!p.done.includes(l.id)) p.done.push(l.id); });
  }

  async check(): Promise<void> {
    const l = this.current();
    if (!l) return this.say(t("app.cmd.noLesson"));
    let file: string | undefined;
    try {
      file = l.exercise ? ensureWorkspaceFile(l, this.o.workspace) : answerFile(l);
    } catch (e) {
      return this.say((e as Error).message);
    }
    if (!file) return this.say(t("app.notExercise"));
    this.dispatch({ type: "check/start", file });
    await this.run.stopAndWait();
    const outcome = await checkLesson(l, file);
    if (outcome.status === "passed") this.save((p) => { if (!p.done.includes(l.id)) p.done.push(l.id); });
    // The learner may have moved on while the check ran: the verdict shows in its own lesson only.
    if (this.current()?.id === l.id) this.dispatch({ type: "check/done", outcome });
  }

  private hint(): void {
    const l = this.current();
    if (!l) return this.say(t("app.cmd.noLesson"));
    const total = lessonStrings(l).hints.length;
    if (total === 0) return this.say(t("app.hint.none"));
    const used = Math.min(total, (this.o.progress.get().hintsUsed[l.id] ?? 0) + 1);
    this.save((p) => { p.hintsUsed[l.id] = Math.max(p.hintsUsed[l.id] ?? 0, used); });
    this.dispatch({ type: "tab", tab: "prose" });
    this.say(used >= total ? t("app.hint.all") : undefined);
  }

  private edit(): void {
    const file = this.learnerFile();
    if (!file) return this.say(t("app.notExercise"));
    const r = this.o.openEditor?.(file) ?? { ok: false, message: t("app.editor.none", { file }) };
    if (!r.ok) this.say(r.message);
  }

  private toggleWatch(): void {
    const l = this.current();
    if (!l?.exercise) return this.say(t("app.notExercise"));
    const on = !this.state.watch;
    this.dispatch({ type: "watch", on });
    this.say(on ? t("app.watch.on", { file: workspaceFile(l, this.o.workspace) }) : t("app.watch.off"));
  }

  private answer(): void {
    const l = this.current();
    if (!l) return this.say(t("app.cmd.noLesson"));
    if (!this.answerAllowed(l)) return this.dispatch({ type: "confirm", what: "solution" });
    this.dispatch({ type: "answer/show" });
  }

  private confirmYes(): void {
    const l = this.current();
    if (!l) return;
    if (this.state.confirm === "reset" && l.exercise) {
      try {
        this.say(t("app.reset.done", { backup: resetToStarter(l, this.o.workspace) }));
      } catch (e) {
        this.say((e as Error).message);
      }
    } else if (this.state.confirm === "solution") {
      this.save((p) => { if (!p.solutionsSeen.includes(l.id)) p.solutionsSeen.push(l.id); });
      this.dispatch({ type: "answer/show" });
    }
  }

  /** Watch mode saw a save: re-check. */
  onWatchedChange = (): void => void this.check();
  onWatchManual = (): void => this.dispatch({ type: "watch/manual" });

  dispose(): void {
    this.run.stop();
  }
}
