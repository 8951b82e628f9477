// The tutorial app: the lesson list and the lesson view (prose, program,
// live run, check), one input handler, one state owner for progress.
import fs from "node:fs";
import path from "node:path";
import React, { useCallback, useMemo, useState } from "react";
import { Box, Text, useApp, useInput } from "ink";
import { getLang, setLang as setGlobalLang, t, type Lang } from "../i18n/index.ts";
import type { Lesson } from "../lesson/schema.ts";
import type { ProgressStore } from "../state/progress.ts";
import { lessonHint, lessonProse, lessonStrings, lessonTitle } from "../lesson/text.ts";
import { chooseVariant, runnable } from "../lesson/variant.ts";
import { answerFile, ensureWorkspaceFile, starterFile, workspaceFile } from "../lesson/workspace.ts";
import { findLesson, lessonStem } from "../lesson/registry.ts";
import { checkLesson } from "../lesson/check-lesson.ts";
import { packageRoot } from "../paths.ts";
import { renderMarkdown } from "./markdown.ts";
import { highlight } from "./highlight.ts";
import { wrapLine, type Line } from "./text-layout.ts";
import { StyledLines } from "./components/StyledLines.tsx";
import { LessonList, type ListRow } from "./components/LessonList.tsx";
import { RunPane } from "./components/RunPane.tsx";
import { CheckView, type CheckState } from "./components/CheckView.tsx";
import { useRun } from "./hooks/use-run.ts";
import { useWatch } from "./hooks/use-watch.ts";
import { useStateRef } from "./hooks/use-state-ref.ts";
import { useSize } from "./hooks/use-size.ts";
import { candidates, complete, execute, type Actions } from "./commands.ts";

export type Tab = "prose" | "code" | "run" | "check";
const TABS: Tab[] = ["prose", "code", "run", "check"];
type Filter = "all" | "pending" | "done";

export interface AppProps {
  lessons: Lesson[];
  store: ProgressStore;
  workspace: string;
  /** Opens $EDITOR on a file; the app passes it in so tests can replace it. */
  openEditor?: (file: string) => { ok: boolean; message?: string };
  initialMessage?: string;
  /** Workshop title, shown in the header. */
  title?: string;
  /** Lessons a workshop marks optional. */
  optional?: string[];
}

export function App({ lessons, store, workspace, openEditor, initialMessage, title, optional = [] }: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useSize();
  const [lang, setLangState, langRef] = useStateRef<Lang>(getLang());
  const [screen, setScreen, screenRef] = useStateRef<"list" | "lesson">("list");
  const [filter, setFilter] = useState<Filter>("all");
  const [selected, setSelected, selectedRef] = useStateRef(() => Math.max(0, lessons.findIndex((l) => l.id === store.progress.current)));
  const [tab, setTab, tabRef] = useStateRef<Tab>("prose");
  const [scroll, setScroll] = useState(0);
  const [message, setMessage] = useState<string | undefined>(initialMessage);
  const [confirm, setConfirm, confirmRef] = useStateRef<"reset" | "solution" | undefined>(undefined);
  const [cmdline, setCmdline, cmdlineRef] = useStateRef<string | undefined>(undefined);
  const [check, setCheck] = useState<CheckState>({ status: "idle" });
  const [watch, setWatch, watchRef] = useStateRef(false);
  const [demo, setDemo] = useState(false);
  const [showAnswer, setShowAnswer] = useState(false);
  const [, setProgressVersion] = useState(0);
  const run = useRun();

  const progress = store.progress;
  const rowsAll: ListRow[] = useMemo(
    () => lessons.map((l) => ({ lesson: l, done: progress.done.includes(l.id), optional: optional.includes(l.id), portableHere: l.variants.some((v) => v.name === "original") && !runnable(l, "original") && runnable(l, "portable") })),
    [lessons, progress.done.length, lang],
  );
  const rowsShown = rowsAll.filter((r) => filter === "all" || (filter === "done") === r.done);
  // Read through refs: an action triggered by a key sees the latest state.
  const currentLesson = (): Lesson | undefined => (screenRef.current === "lesson" ? rowsAll[selectedRef.current]?.lesson : undefined);
  const current: Lesson | undefined = screen === "lesson" ? rowsAll[selected]?.lesson : undefined;

  const save = useCallback((change: Parameters<ProgressStore["update"]>[0]) => {
    if (!store.update(change)) setMessage(t("app.progress.unsaved", { error: store.lastError ?? "" }));
    setProgressVersion((n) => n + 1);
  }, [store]);

  const learnerFile = current?.exercise ? workspaceFile(current, workspace) : undefined;

  const doCheck = useCallback(() => {
    const current = currentLesson();
    if (!current) return setMessage(t("app.cmd.noLesson"));
    const file = current.exercise ? ensureWorkspaceFile(current, workspace) : answerFile(current);
    if (!file) return setMessage(t("app.notExercise"));
    setTab("check");
    setCheck({ status: "running", file: path.relative(process.cwd(), file) || file });
    void run.stopAndWait().then(() => checkLesson(current, file)).then((outcome) => {
      setCheck({ status: "done", outcome });
      if (outcome.status === "passed") save((p) => { if (!p.done.includes(current.id)) p.done.push(current.id); });
    });
  }, [current, workspace, save, run]);

  const { manualSuggested } = useWatch(learnerFile, watch && screen === "lesson", doCheck);

  const open = (index: number) => {
    const l = rowsAll[index]?.lesson;
    if (!l) return;
    setSelected(index);
    setScreen("lesson");
    setTab("prose");
    setScroll(0);
    setCheck({ status: "idle" });
    setShowAnswer(false);
    setWatch(false);
    if (run.running()) run.stop();
    if (l.exercise) {
      try {
        ensureWorkspaceFile(l, workspace);
      } catch (e) {
        setMessage((e as Error).message);
      }
    }
    save((p) => {
      p.current = l.id;
      if (l.kind === "reading" && !p.done.includes(l.id)) p.done.push(l.id);
    });
  };

  const actions: Actions = {
    run: () => {
      const current = currentLesson();
      if (!current) return setMessage(t("app.cmd.noLesson"));
      const file = answerFile(current);
      if (!file) return setMessage(t("run.noAnswer", { lesson: current.id }));
      const choice = chooseVariant(current);
      setTab("run");
      setScroll(0);
      run.start(current, file, choice.variant, demo);
      if (current.kind === "example") save((p) => { if (!p.done.includes(current.id)) p.done.push(current.id); });
    },
    check: doCheck,
    hint: () => {
      const current = currentLesson();
      if (!current) return setMessage(t("app.cmd.noLesson"));
      const total = lessonStrings(current).hints.length;
      if (total === 0) return setMessage(t("app.hint.none"));
      const used = Math.min(total, (store.progress.hintsUsed[current.id] ?? 0) + 1);
      save((p) => { p.hintsUsed[current.id] = Math.max(p.hintsUsed[current.id] ?? 0, used); });
      setTab("prose");
      setMessage(used >= total ? t("app.hint.all") : undefined);
    },
    next: () => open(Math.min(rowsAll.length - 1, selectedRef.current + 1)),
    prev: () => open(Math.max(0, selectedRef.current - 1)),
    openLesson: (ref) => {
      const l = findLesson(lessons, ref);
      if (!l) return setMessage(t("app.cmd.badLesson", { ref }));
      open(rowsAll.findIndex((r) => r.lesson.id === l.id));
    },
    setLang: (l) => {
      setGlobalLang(l);
      setLangState(l);
      save((p) => { p.lang = l; });
      setMessage(t("app.lang.now"));
    },
    reset: () => {
      if (!currentLesson()?.exercise) return setMessage(t("app.notExercise"));
      setConfirm("reset");
    },
    toggleWatch: () => {
      const current = currentLesson();
      if (!current?.exercise) return setMessage(t("app.notExercise"));
      const on = !watchRef.current;
      setWatch(on);
      setMessage(on ? t("app.watch.on", { file: workspaceFile(current, workspace) }) : t("app.watch.off"));
    },
    answer: () => {
      const current = currentLesson();
      if (!current) return setMessage(t("app.cmd.noLesson"));
      const p = store.progress;
      if (current.exercise && !p.done.includes(current.id) && !p.solutionsSeen.includes(current.id)) return setConfirm("solution");
      setShowAnswer(true);
      setTab("code");
      setScroll(0);
    },
    list: () => {
      setScreen("list");
      setMessage(undefined);
    },
    quit: () => {
      run.stop();
      exit();
    },
    help: () => setMessage(t("app.cmd.help")),
    say: setMessage,
  };

  const editor = () => {
    const l = currentLesson();
    const learnerFile = l?.exercise ? workspaceFile(l, workspace) : undefined;
    if (!learnerFile) return setMessage(t("app.notExercise"));
    const r = openEditor?.(learnerFile) ?? { ok: false, message: t("app.editor.none", { file: learnerFile }) };
    if (!r.ok) setMessage(r.message);
  };

  const confirmYes = () => {
    const current = currentLesson();
    if (!current) return;
    if (confirm === "reset" && current.exercise) {
      const file = workspaceFile(current, workspace);
      const backup = `${file}.${new Date().toISOString().replace(/[:.]/g, "-")}.bak`;
      try {
        if (fs.existsSync(file)) fs.copyFileSync(file, backup);
        fs.copyFileSync(starterFile(current)!, file);
        setMessage(t("app.reset.done", { backup }));
      } catch (e) {
        setMessage((e as Error).message);
      }
    } else if (confirm === "solution") {
      save((p) => { if (!p.solutionsSeen.includes(current.id)) p.solutionsSeen.push(current.id); });
      setShowAnswer(true);
      setTab("code");
      setScroll(0);
    }
  };

  const bodyHeight = Math.max(5, rows - 5);
  const body: Line[] = useMemo(() => {
    if (!current) return [];
    const width = Math.max(20, columns - 2);
    if (tab === "prose") {
      const lines = renderMarkdown(lessonProse(current, lang), width);
      const used = progress.hintsUsed[current.id] ?? 0;
      const total = lessonStrings(current, lang).hints.length;
      for (let n = 1; n <= used; n++) {
        lines.push([], [{ text: t("app.hint.title", { n, total }), color: "magenta", bold: true }]);
        lines.push(...wrapLine([{ text: lessonHint(current, n, lang) ?? "" }], width));
      }
      return lines;
    }
    if (tab === "code") return codeLines(current, learnerFile, showAnswer || !current.exercise || progress.done.includes(current.id), showAnswer, width);
    return [];
  }, [current, tab, lang, columns, showAnswer, progress.hintsUsed[current?.id ?? ""], learnerFile, check]);

  const maxScroll = Math.max(0, body.length - bodyHeight);

  useInput((input, key) => {
    const confirm = confirmRef.current;
    const cmdline = cmdlineRef.current;
    const screen = screenRef.current;
    const tab = tabRef.current;
    if (confirm) {
      if (input === "y") confirmYes();
      if (input === "y" || input === "n" || key.escape) setConfirm(undefined);
      return;
    }
    if (cmdline !== undefined) {
      // Typed fast (or pasted), Enter can arrive inside the same text event.
      const enter = key.return || /[\r\n]/.test(input);
      if (enter) {
        const line = key.return ? cmdline : cmdline + input.split(/[\r\n]/)[0];
        const unknown = execute(line, actions);
        if (unknown) setMessage(t("app.cmd.unknown", { name: unknown }));
        setCmdline(undefined);
      } else if (key.escape) setCmdline(undefined);
      else if (key.tab) setCmdline(complete(cmdline));
      else if (key.backspace || key.delete) setCmdline(cmdline.slice(0, -1));
      else if (input && !key.ctrl && !key.meta) setCmdline(cmdline + input);
      return;
    }
    // ":" opens the command line; typed fast, the rest can come in the same event.
    if (input.startsWith(":")) {
      const rest = input.slice(1);
      if (!/[\r\n]/.test(rest)) return setCmdline(rest);
      const unknown = execute(rest.split(/[\r\n]/)[0]!, actions);
      return unknown ? setMessage(t("app.cmd.unknown", { name: unknown })) : undefined;
    }
    if (input === "l" && !key.ctrl) return actions.setLang(langRef.current === "en" ? "ja" : "en");
    if (input === "q" && screen === "list") return actions.quit();
    if (key.ctrl && input === "c") return actions.quit();
    if (screen === "list") {
      if (key.upArrow || input === "k") setSelected((s) => prevVisible(rowsAll, rowsShown, s));
      else if (key.downArrow || input === "j") setSelected((s) => nextVisible(rowsAll, rowsShown, s));
      else if (key.return) open(selectedRef.current);
      else if (input === "f") setFilter((f) => (f === "all" ? "pending" : f === "pending" ? "done" : "all"));
      else if (input === "c") actions.openLesson(store.progress.current ?? rowsAll.find((r) => !r.done)?.lesson.id ?? "1");
      return;
    }
    // lesson screen
    if (key.escape) {
      if (tab === "run" && run.running()) run.stop();
      return actions.list();
    }
    if (key.tab) {
      setTab((x) => TABS[(TABS.indexOf(x) + 1) % TABS.length]!);
      return setScroll(0);
    }
    if (key.upArrow) return setScroll((s) => (tab === "run" ? s + 1 : Math.max(0, s - 1)));
    if (key.downArrow) return setScroll((s) => (tab === "run" ? Math.max(0, s - 1) : Math.min(maxScroll, s + 1)));
    if (key.pageUp) return setScroll((s) => (tab === "run" ? s + bodyHeight : Math.max(0, s - bodyHeight)));
    if (key.pageDown) return setScroll((s) => (tab === "run" ? Math.max(0, s - bodyHeight) : Math.min(maxScroll, s + bodyHeight)));
    if (tab === "run" && input === "t") {
      if (!run.running()) return setMessage(t("app.notRunning"));
      return void run.fire();
    }
    if (tab === "run" && input === "s") return void (run.stop() || setMessage(t("app.notRunning")));
    if (tab === "run" && input === "d") {
      return setDemo((d) => {
        run.setDemo(!d);
        return !d;
      });
    }
    if (input === "r") return actions.run();
    if (input === "c") return actions.check();
    if (input === "h") return actions.hint();
    if (input === "e") return editor();
    if (input === "w") return actions.toggleWatch();
    if (input === "a") return actions.answer();
    if (input === "x") return actions.reset();
    if (input === "n") return actions.next();
    if (input === "p") return actions.prev();
  });

  const variantLine = current && current.variants.length > 0 ? (() => {
    const c = chooseVariant(current);
    return t("app.variant", { variant: c.variant, probe: c.probe, reason: c.reason });
  })() : "";

  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Box>
        <Text bold color="cyan" wrap="truncate-end">
          {title ?? t("app.title")}
          {current ? `  ›  ${current.number}. ${lessonTitle(current, lang)}` : ""}
        </Text>
      </Box>
      {screen === "lesson" ? (
        <Text wrap="truncate-end">
          {TABS.map((x) => (
            <Text key={x} inverse={x === tab} color={x === tab ? "cyan" : undefined}>{` ${t(`app.tab.${x}`)} `}</Text>
          ))}
          {watch ? <Text color="magenta">  ◉ watch</Text> : null}
        </Text>
      ) : (
        <Text dimColor wrap="truncate-end">{t("app.list.legend")}</Text>
      )}
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {screen === "list" ? (
          <LessonList rows={rowsShown} selected={Math.max(0, rowsShown.findIndex((r) => r.lesson.id === rowsAll[selected]?.lesson.id))} height={bodyHeight} width={columns} />
        ) : tab === "run" ? (
          <RunPane state={run.state} scrollback={run.scrollback} variantLine={variantLine} height={bodyHeight} scroll={scroll} />
        ) : tab === "check" ? (
          <CheckView state={check} />
        ) : (
          <StyledLines lines={body.slice(Math.min(scroll, maxScroll), Math.min(scroll, maxScroll) + bodyHeight)} />
        )}
      </Box>
      <StatusLine message={manualSuggested && watch ? t("app.watch.manual") : message} confirm={confirm} cmdline={cmdline} file={current ? lessonStem(current) : undefined} />
      <Text dimColor wrap="truncate-end">
        {screen === "list"
          ? t("app.list.keys", { filter: t(`app.filter.${filter}`) })
          : tab === "run"
            ? t("app.run.keys", { demo: t(demo ? "app.on" : "app.off") })
            : t("app.lesson.keys")}
      </Text>
    </Box>
  );
}

function StatusLine({ message, confirm, cmdline, file }: { message?: string; confirm?: "reset" | "solution"; cmdline?: string; file?: string }) {
  if (cmdline !== undefined) {
    return (
      <Text wrap="truncate-end">
        :{cmdline}
        <Text inverse> </Text>
        <Text dimColor>  {candidates(cmdline).slice(0, 6).join("  ")}</Text>
      </Text>
    );
  }
  if (confirm) {
    return <Text color="yellow" wrap="truncate-end">{confirm === "reset" ? t("app.confirm.reset", { file: file ? `${file}.ts` : "", backup: "….bak" }) : t("app.confirm.solution")}</Text>;
  }
  return <Text color="yellow" wrap="truncate-end">{message ?? " "}</Text>;
}

/** The learner's file and the reference answer; the answer first when it was asked for. */
function codeLines(lesson: Lesson, learnerFile: string | undefined, answerVisible: boolean, answerFirst: boolean, width: number): Line[] {
  const out: Line[] = [];
  const show = (label: string, file: string, lang: "c" | "ts") => {
    if (!fs.existsSync(file)) return;
    out.push([{ text: label, color: "cyan", bold: true }], []);
    out.push(...highlight(fs.readFileSync(file, "utf8"), lang));
    out.push([]);
  };
  const mine = () => learnerFile && show(t("app.code.workspace", { file: learnerFile }), learnerFile, "ts");
  const answer = () => {
    if (lesson.exercise && !answerVisible) return void out.push(...wrapLine([{ text: t("app.code.hidden"), dim: true }], width));
    const a = answerFile(lesson);
    if (a) show(t("app.code.answer", { file: path.relative(packageRoot, a) }), a, "ts");
    for (const c of lesson.cFiles) show(c, path.join(packageRoot, c), "c");
  };
  if (answerFirst) {
    answer();
    mine();
  } else {
    mine();
    answer();
  }
  return out;
}

function nextVisible(all: ListRow[], shown: ListRow[], cur: number): number {
  const i = shown.findIndex((r) => r.lesson.id === all[cur]?.lesson.id);
  const n = shown[Math.min(shown.length - 1, i + 1)];
  return n ? all.indexOf(n) : cur;
}
function prevVisible(all: ListRow[], shown: ListRow[], cur: number): number {
  const i = shown.findIndex((r) => r.lesson.id === all[cur]?.lesson.id);
  const n = shown[Math.max(0, i - 1)];
  return n ? all.indexOf(n) : cur;
}
