// A workshop file an instructor hands out: which lessons, in which order,
// which are optional, the default language, a title. JSON or YAML.
import { t } from "../i18n/index.ts";
import fs from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { Lesson } from "../lesson/schema.ts";
import { findLesson } from "../lesson/registry.ts";

const lessonRef = z.union([z.number().int().positive(), z.string().min(1)]);

export const workshopSchema = z.object({
  title: z.string().min(1),
  /** Lessons in the order the workshop takes them: numbers or ids. */
  lessons: z.array(lessonRef).min(1),
  /** Lessons that do not count for completion. */
  optional: z.array(lessonRef).default([]),
  lang: z.enum(["en", "ja"]).optional(),
});
export type Workshop = z.infer<typeof workshopSchema>;

export function readWorkshop(file: string): Workshop {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(t("workshop.unreadable", { file, error: (err as NodeJS.ErrnoException).code ?? (err as Error).message }));
  }
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new Error(t("workshop.syntax", { file, format: /\.ya?ml$/i.test(file) ? "YAML" : "JSON", error: (err as Error).message.split("\n")[0] ?? "" }));
  }
  const parsed = workshopSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(t("workshop.invalid", { file, error: parsed.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`).join("; ") }));
  }
  return parsed.data;
}

/** The workshop's lessons, in its order; unknown references are an error naming them. */
export function selectLessons(w: Workshop, all: Lesson[]): Lesson[] {
  const unknown = w.lessons.filter((r) => !findLesson(all, String(r)));
  if (unknown.length) throw new Error(t("workshop.unknown", { list: unknown.join(", ") }));
  return w.lessons.map((r) => findLesson(all, String(r))!);
}

export function isOptional(w: Workshop, l: Lesson): boolean {
  return w.optional.some((r) => String(r) === String(l.number) || r === l.id);
}
