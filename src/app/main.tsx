// Starts the full-screen app: loads lessons and progress, picks the
// language, and restores the terminal however the app ends.
import { spawnSync } from "node:child_process";
import os from "node:os";
import React from "react";
import { render } from "ink";
import { App } from "./App.tsx";
import { loadLessons } from "../lesson/registry.ts";
import { ProgressStore } from "../state/progress.ts";
import { detectLang, setLang, t, type Lang } from "../i18n/index.ts";
import { workspaceDir } from "../lesson/workspace.ts";
import type { Lesson } from "../lesson/schema.ts";

export interface StartOptions {
  argv: string[];
  /** A workshop's lesson selection and title (see src/workshop). */
  lessons?: (all: Lesson[]) => Lesson[];
  title?: string;
  defaultLang?: Lang;
  /** Ids of lessons a workshop marks optional. */
  optional?: (all: Lesson[]) => string[];
}

const ALT_SCREEN_ON = "\x1b[?1049h\x1b[H";
const ALT_SCREEN_OFF = "\x1b[?1049l";
const SIGNALS = ["SIGHUP", "SIGTERM", "SIGINT"] as const;

export async function startApp(opts: StartOptions): Promise<number> {
  const { lessons: all, problems } = await loadLessons();
  const lessons = opts.lessons ? opts.lessons(all) : all;
  const store = new ProgressStore();
  const loaded = store.load();
  const explicit = opts.argv.some((a) => a === "--lang" || a.startsWith("--lang="));
  const lang: Lang = explicit ? detectLang(opts.argv) : (store.progress.lang ?? opts.defaultLang ?? detectLang(opts.argv));
  setLang(lang);
  const workspace = store.progress.workspace ?? workspaceDir();

  const messages: string[] = [];
  if (loaded.recovered) messages.push(t("app.progress.recovered", { reason: loaded.recovered.reason, movedTo: loaded.recovered.movedTo ?? "-" }));
  if (problems.length) messages.push(t("app.lessonsInvalid", { count: problems.length }));

  const openEditor = (file: string) => {
    const editor = process.env.VISUAL || process.env.EDITOR;
    if (!editor) return { ok: false, message: t("app.editor.none", { file }) };
    process.stdout.write(ALT_SCREEN_OFF);
    process.stdin.setRawMode?.(false);
    // $EDITOR may carry arguments ("code -w"): split on spaces, run without a shell.
    const [cmd, ...args] = editor.split(/\s+/).filter(Boolean);
    const r = spawnSync(cmd!, [...args, file], { stdio: "inherit" });
    process.stdin.setRawMode?.(true);
    process.stdout.write(ALT_SCREEN_ON);
    if (r.error || r.status !== 0) return { ok: false, message: t("app.editor.failed", { code: r.error ? r.error.message : String(r.status) }) };
    return { ok: true };
  };

  process.stdout.write(ALT_SCREEN_ON);
  const restore = () => process.stdout.write(ALT_SCREEN_OFF);
  process.on("exit", restore);
  // Ink's signal-exit and the binding's clean-up each leave a signal to the
  // other when both listen, so neither ends the app: a closed terminal
  // (SIGHUP) or a kill left it running. The app ends itself; its probes
  // close on 'exit'.
  const onSignal = (sig: NodeJS.Signals) => {
    try { restore(); } catch { /* the terminal may be gone */ }
    process.exit(128 + (os.constants.signals[sig] ?? 0));
  };
  for (const sig of SIGNALS) process.on(sig, onSignal);
  try {
    const instance = render(
      <App lessons={lessons} store={store} workspace={workspace} openEditor={openEditor} initialMessage={messages.join("  ") || undefined} title={opts.title} optional={opts.optional?.(all)} />,
      { exitOnCtrlC: false },
    );
    await instance.waitUntilExit();
  } finally {
    restore();
    process.removeListener("exit", restore);
    for (const sig of SIGNALS) process.removeListener(sig, onSignal);
  }
  return 0;
}
