// The learner's exercise files live in a workspace folder outside the
// tracked sources: BCC_TUTOR_WORKSPACE; else the folder `bcc-tutor init`
// made at or above the current one (found by its marker file); else, in a
// clone, ./workspace. Never inside an installed package.
import { t } from "../i18n/index.ts";
import fs from "node:fs";
import path from "node:path";
import { isInstalledPackage, packageRoot } from "../paths.ts";
import type { Lesson } from "./schema.ts";
import { lessonStem } from "./registry.ts";

/** The file `bcc-tutor init` leaves in a workspace, so commands find it from there or below. */
export const WORKSPACE_MARKER = ".bcc-tutor-workspace";

/** The nearest folder at or above `from` that holds the marker. */
export function findWorkspace(from = process.cwd()): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, WORKSPACE_MARKER))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** No workspace here and none may be made inside the installed package: say how to make one. */
export class NoWorkspaceError extends Error {
  override name = "NoWorkspaceError";
}

export function workspaceDir(from = process.cwd()): string {
  if (process.env.BCC_TUTOR_WORKSPACE) return path.resolve(process.env.BCC_TUTOR_WORKSPACE);
  const found = findWorkspace(from);
  if (found) return found;
  if (isInstalledPackage()) throw new NoWorkspaceError(t("workspace.none", { dir: path.resolve(from) }));
  return path.join(packageRoot, "workspace");
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
  if (insidePackage(dir)) throw new NoWorkspaceError(t("workspace.inPackage", { dir }));
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

/** True for a folder inside the installed package (never for a clone: its ./workspace is the learner's). */
export function insidePackage(dir: string): boolean {
  if (!isInstalledPackage()) return false;
  const rel = path.relative(packageRoot, path.resolve(dir));
  return !rel.startsWith("..") && !path.isAbsolute(rel);
}
