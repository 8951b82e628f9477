// The learner-facing text of a lesson, from locales/<lang>/lessons/:
// <NN-id>.md is the prose, <NN-id>.json the title, hints and check reasons.
import fs from "node:fs";
import path from "node:path";
import { packageRoot } from "../paths.ts";
import { getLang, LANGS, type Lang } from "../i18n/index.ts";
import type { Lesson } from "./schema.ts";
import { lessonStem } from "./registry.ts";

import type { LessonStrings } from "./text-schema.ts";
export type { LessonStrings } from "./text-schema.ts";

/**
 * The shape lessonStringsSchema (text-schema.ts) checks, by hand: zod costs
 * tens of milliseconds to import, more than `bcc-tutor list` may take. The
 * full check runs in `dev check` and the locale tests.
 */
function asLessonStrings(raw: unknown, file: string): LessonStrings {
  const r = raw as Partial<LessonStrings> | null;
  const nonEmpty = (x: unknown) => typeof x === "string" && x.length > 0;
  if (
    !r || typeof r !== "object" || !nonEmpty(r.title) ||
    !Array.isArray(r.hints) || !r.hints.every(nonEmpty) ||
    !r.checks || typeof r.checks !== "object" || !Object.values(r.checks).every(nonEmpty)
  ) {
    throw new Error(`${file}: needs a title, hints (strings) and checks (strings by id)`);
  }
  return r as LessonStrings;
}

export const localesDir = path.join(packageRoot, "locales");

export function lessonTextPath(l: Lesson, lang: Lang, ext: "md" | "json" | "walkthrough.md"): string {
  return path.join(localesDir, lang, "lessons", `${lessonStem(l)}.${ext}`);
}

const cache = new Map<string, LessonStrings>();

/** The lesson's strings in lang, falling back to English when that file is missing. */
export function lessonStrings(l: Lesson, lang: Lang = getLang()): LessonStrings {
  const key = `${lang}:${l.id}`;
  let s = cache.get(key);
  if (!s) {
    const file = lessonTextPath(l, lang, "json");
    if (!fs.existsSync(file)) return lang === "en" ? { title: l.id, hints: [], checks: {} } : lessonStrings(l, "en");
    s = asLessonStrings(JSON.parse(fs.readFileSync(file, "utf8")), file);
    cache.set(key, s);
  }
  return s;
}

export function lessonTitle(l: Lesson, lang: Lang = getLang()): string {
  return lessonStrings(l, lang).title;
}

/** Hint level n (1-based). */
export function lessonHint(l: Lesson, level: number, lang: Lang = getLang()): string | undefined {
  return lessonStrings(l, lang).hints[level - 1];
}

export function checkReason(l: Lesson, checkId: string, lang: Lang = getLang()): string {
  return lessonStrings(l, lang).checks[checkId] ?? lessonStrings(l, "en").checks[checkId] ?? checkId;
}

/** The prose (Markdown), falling back to English. */
export function lessonProse(l: Lesson, lang: Lang = getLang()): string {
  for (const x of [lang, "en"] as const) {
    const p = lessonTextPath(l, x, "md");
    if (fs.existsSync(p)) return fs.readFileSync(p, "utf8");
  }
  return `# ${lessonTitle(l, lang)}\n`;
}

/** The walk-through of an exercise's reference answer (shown after a pass, or when asked for), falling back to English. */
export function lessonWalkthrough(l: Lesson, lang: Lang = getLang()): string | undefined {
  for (const x of [lang, "en"] as const) {
    const p = lessonTextPath(l, x, "walkthrough.md");
    if (fs.existsSync(p)) return fs.readFileSync(p, "utf8");
  }
  return undefined;
}

export { LANGS };
