// The Lesson tab: the prose, the hints the learner asked for, and once the
// answer may be shown the walk-through of the reference answer.
import { t, type Lang } from "../../i18n/index.ts";
import type { Lesson } from "../../lesson/schema.ts";
import { lessonHint, lessonProse, lessonStrings, lessonWalkthrough } from "../../lesson/text.ts";
import { renderMarkdown } from "../markdown.ts";
import { wrapLine, type Line } from "../text-layout.ts";

export function proseLines(lesson: Lesson, lang: Lang, hintsUsed: number, walkthrough: boolean, width: number): Line[] {
  const lines = renderMarkdown(lessonProse(lesson, lang), width);
  const total = lessonStrings(lesson, lang).hints.length;
  for (let n = 1; n <= Math.min(hintsUsed, total); n++) {
    lines.push([], [{ text: t("app.hint.title", { n, total }, lang), color: "magenta", bold: true }]);
    lines.push(...renderMarkdown(lessonHint(lesson, n, lang) ?? "", width));
  }
  const w = walkthrough ? lessonWalkthrough(lesson, lang) : undefined;
  if (w) lines.push([], ...renderMarkdown(w, width));
  else if (lesson.exercise && lessonWalkthrough(lesson, lang)) lines.push([], ...wrapLine([{ text: t("app.walkthrough.hidden", {}, lang), dim: true }], width));
  return lines;
}
