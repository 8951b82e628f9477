// Starts the full-screen app: loads lessons and progress, picks the
// language, and restores the terminal however the app ends.
import { spawnSync } from "node:child_process";
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
  try {
    const instance = render(
      <App lessons={lessons} store={store} workspace={workspace} openEditor={openEditor} initialMessage={messages.join("  ") || undefined} title={opts.title} optional={opts.optional?.(all)} />,
      { exitOnCtrlC: false },
    );
    await instance.waitUntilExit();
  } finally {
    restore();
    process.removeListener("exit", restore);
  }
  return 0;
}
