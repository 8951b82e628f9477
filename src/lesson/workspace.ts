// The learner's exercise files live in a workspace folder outside the
// tracked sources: ./workspace by default, BCC_TUTOR_WORKSPACE to move it.
import { t } from "../i18n/index.ts";
import fs from "node:fs";
import path from "node:path";
import { packageRoot } from "../paths.ts";
import type { Lesson } from "./schema.ts";
import { lessonStem } from "./registry.ts";

export function workspaceDir(): string {
  return path.resolve(process.env.BCC_TUTOR_WORKSPACE ?? path.join(packageRoot, "workspace"));
}

export function workspaceFile(lesson: Lesson, dir = workspaceDir()): string {
  return path.join(dir, `${lessonStem(lesson)}.ts`);
}

export function answerFile(lesson: Lesson): string | undefined {
  return lesson.answer ? path.join(packageRoot, lesson.answer) : undefined;
}

export function starterFile(lesson: Lesson): string | undefined {
  return lesson.exercise ? path.join(packageRoot, lesson.exercise.starter) : undefined;
}

/** Creates the learner's file from the starter when it does not exist yet; never overwrites. */
export function ensureWorkspaceFile(lesson: Lesson, dir = workspaceDir()): string {
  const file = workspaceFile(lesson, dir);
  const starter = starterFile(lesson);
  if (!starter) throw new Error(t("workspace.notExercise", { lesson: lesson.id }));
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(starter, file, fs.constants.COPYFILE_EXCL);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "EEXIST") {
      throw new Error(t("workspace.cannotCreate", { file, error: code ?? (err as Error).message }));
    }
  }
  return file;
}
