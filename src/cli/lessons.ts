// Shared by the lesson commands: the lesson set, with schema problems
// reported once, plainly, and a lesson looked up by number or id.
import { loadLessons, findLesson } from "../lesson/registry.ts";
import type { Lesson } from "../lesson/schema.ts";
import { t } from "../i18n/index.ts";
import { UsageError } from "./args.ts";

export async function lessonSet(): Promise<Lesson[]> {
  const { lessons, problems } = await loadLessons();
  for (const p of problems) {
    process.stderr.write(`${t("lesson.invalid", { file: p.file, id: p.id ?? "?", field: p.field, message: p.message })}\n`);
  }
  return lessons;
}

export async function lessonByRef(ref: string | undefined): Promise<Lesson> {
  const lessons = await lessonSet();
  if (!ref) throw new UsageError(t("lesson.which"));
  const l = findLesson(lessons, ref);
  if (!l) throw new UsageError(t("lesson.unknown", { ref, list: lessons.map((x) => `${x.number} ${x.id}`).join(", ") }));
  return l;
}
