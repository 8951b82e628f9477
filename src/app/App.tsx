// The tutorial app's container: owns the controller (the one state owner),
// reads its state by subscription, lays out the screen, and hands each
// component only what it renders. Keys go to the controller, one by one.
import React, { useMemo } from "react";
import { Box, Text, useApp, useInput } from "ink";
import { getLang, t } from "../i18n/index.ts";
import type { Lesson } from "../lesson/schema.ts";
import type { ProgressStore } from "../state/progress.ts";
import { lessonTitle } from "../lesson/text.ts";
import { chooseVariant } from "../lesson/variant.ts";
import { lessonStem } from "../lesson/registry.ts";
import { clip, type Line } from "./text-layout.ts";
import { StyledLines } from "./components/StyledLines.tsx";
import { LessonList } from "./components/LessonList.tsx";
import { RunPane } from "./components/RunPane.tsx";
import { CheckView } from "./components/CheckView.tsx";
import { StatusLine } from "./components/StatusLine.tsx";
import { HelpLine } from "./components/HelpLine.tsx";
import { useController } from "./hooks/use-controller.ts";
import { useWatch } from "./hooks/use-watch.ts";
import { useSize } from "./hooks/use-size.ts";
import { ProgressSource } from "./state/progress-source.ts";
import { TABS } from "./state/app-state.ts";
import { proseLines } from "./views/prose.ts";
import { codeLines } from "./views/code.ts";
import { checkLines } from "./views/check.ts";

export type { Tab } from "./state/app-state.ts";

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

export function App({ lessons, store, workspace, openEditor, initialMessage, title, optional }: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useSize();
  const progressSource = useMemo(() => new ProgressSource(store), [store]);
  const { c, state, progress } = useController({ lessons, progress: progressSource, workspace, lang: getLang(), openEditor, exit, initialMessage, optional });
  const current = state.screen === "lesson" ? lessons[state.selected] : undefined;
  const learnerFile = c.learnerFile(current);
  const answerVisible = c.answerAllowed(current);
  const passed = !!current && (progress.done.includes(current.id) || (state.check.status === "done" && state.check.outcome.status === "passed"));

  useWatch(learnerFile, state.watch && state.screen === "lesson", c.onWatchedChange, c.onWatchManual);
  useInput((input, key) => c.input(input, key));

  const bodyHeight = Math.max(5, rows - 5);
  const width = Math.max(20, columns - 2);
  const hintsUsed = current ? (progress.hintsUsed[current.id] ?? 0) : 0;
  const body: Line[] = useMemo(() => {
    if (!current) return [];
    if (state.tab === "prose") return proseLines(current, state.lang, hintsUsed, answerVisible && (passed || state.showAnswer || progress.solutionsSeen.includes(current.id)), width);
    if (state.tab === "check") return state.check.status === "done" ? checkLines(state.check.outcome, current, width) : [];
    if (state.tab === "code") return codeLines(current, { learnerFile, answerVisible, answerFirst: state.showAnswer && !passed, passed, width, variant: chooseVariant(current).variant, sideBySide: state.sideBySide });
    return [];
  }, [current, state.tab, state.lang, width, state.showAnswer, state.sideBySide, hintsUsed, learnerFile, answerVisible, passed, state.check]);
  const maxScroll = Math.max(0, body.length - bodyHeight);
  c.viewport = { bodyHeight, maxScroll };
  const scroll = Math.min(state.scroll, state.tab === "run" ? state.scroll : maxScroll);

  const variantLine = current && current.variants.length > 0 ? (() => {
    const v = chooseVariant(current);
    return t("app.variant", { variant: t(`app.variant.${v.variant}`), probe: v.probe, reason: v.reason });
  })() : "";
  const all = c.rows(progress);
  const shown = c.shownRows(all);

  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Text bold color="cyan" wrap="truncate-end">
        {clip(`${title ?? t("app.title")}${current ? `  ›  ${current.number}. ${lessonTitle(current, state.lang)}` : ""}`, columns - 1)}
      </Text>
      {state.screen === "lesson" ? (
        <Text wrap="truncate-end">
          {TABS.map((x) => (
            <Text key={x} inverse={x === state.tab} color={x === state.tab ? "cyan" : undefined}>{` ${t(`app.tab.${x}`)} `}</Text>
          ))}
          {state.watch ? <Text color="magenta">  ◉ {t("app.watch.mark")}</Text> : null}
        </Text>
      ) : (
        <Text dimColor wrap="truncate-end">{clip(t("app.list.legend"), columns - 1)}</Text>
      )}
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {state.screen === "list" ? (
          <LessonList rows={shown} all={all} current={progress.current ?? undefined} selected={Math.max(0, shown.findIndex((r) => r.lesson.id === all[state.selected]?.lesson.id))} height={bodyHeight} width={columns} />
        ) : state.tab === "run" ? (
          <RunPane width={columns} state={state.run} scrollback={c.run.scrollback} variantLine={variantLine} height={bodyHeight} scroll={scroll} exercise={!!current?.exercise} />
        ) : state.tab === "check" ? (
          <CheckView state={state.check} width={width} height={bodyHeight} scroll={scroll} lesson={current} />
        ) : (
          <StyledLines lines={body.slice(scroll, scroll + bodyHeight)} />
        )}
      </Box>
      <StatusLine message={state.watchManual && state.watch ? t("app.watch.manual") : state.message} confirm={state.confirm} cmdline={state.cmdline} file={current ? lessonStem(current) : undefined} width={columns} />
      <HelpLine state={state} width={columns} />
    </Box>
  );
}
