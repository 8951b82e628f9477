// Loads every lesson module under lessons/ and validates it. A lesson that
// fails its schema is reported by file, id and field, never as a stack trace.
// Compiled (dist/), the build has already loaded and checked them and left
// the result in dist/lessons/index.json: reading it spares start-up the
// lesson modules and zod.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { compiled, lessonModuleExt, lessonModulesDir } from "../paths.ts";
import type { Lesson } from "./schema.ts";

export const lessonsDir = lessonModulesDir;

export interface LessonProblem {
  file: string;
  id?: string;
  field: string;
  message: string;
}

export interface LessonSet {
  lessons: Lesson[];
  problems: LessonProblem[];
}

let cached: Promise<LessonSet> | undefined;

export const lessonIndexFile = path.join(lessonModulesDir, "index.json");

export function loadLessons(): Promise<LessonSet> {
  cached ??= compiled && fs.existsSync(lessonIndexFile)
    ? Promise.resolve(JSON.parse(fs.readFileSync(lessonIndexFile, "utf8")) as LessonSet)
    : loadLessonModules();
  return cached;
}

/** Imports and checks every lesson module (what the build's index holds). */
export async function loadLessonModules(): Promise<LessonSet> {
  const { lessonSchema } = await import("./schema.ts");
  const files = fs.readdirSync(lessonsDir).filter((f) => /^\d\d-[a-z0-9_]+\.[jt]s$/.test(f) && f.endsWith(lessonModuleExt)).sort();
  const lessons: Lesson[] = [];
  const problems: LessonProblem[] = [];
  for (const file of files) {
    let raw: unknown;
    try {
      raw = ((await import(pathToFileURL(path.join(lessonsDir, file)).href)) as { default: unknown }).default;
    } catch (err) {
      problems.push({ file, field: "(module)", message: (err as Error).message.split("\n")[0] ?? String(err) });
      continue;
    }
    const parsed = lessonSchema.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown })?.id;
      for (const issue of parsed.error.issues) {
        problems.push({ file, id: typeof id === "string" ? id : undefined, field: issue.path.join(".") || "(lesson)", message: issue.message });
      }
      continue;
    }
    lessons.push(parsed.data);
  }
  lessons.sort((a, b) => a.number - b.number);
  return { lessons, problems };
}

/** A lesson by number ("4"), id ("sync_timing") or file stem ("04-sync_timing"). */
export function findLesson(lessons: Lesson[], ref: string): Lesson | undefined {
  const n = /^\d+$/.test(ref) ? Number(ref) : undefined;
  return lessons.find((l) => l.number === n || l.id === ref || `${String(l.number).padStart(2, "0")}-${l.id}` === ref);
}

export function lessonStem(l: Lesson): string {
  return `${String(l.number).padStart(2, "0")}-${l.id}`;
}
