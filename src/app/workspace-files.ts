// The app's writes to the learner's files, kept out of the components:
// resetting an exercise always keeps the learner's version as a backup.
import fs from "node:fs";
import type { Lesson } from "../lesson/schema.ts";
import { starterFile, workspaceFile } from "../lesson/workspace.ts";

/** Copies the starter over the learner's file; returns the backup's path. */
export function resetToStarter(lesson: Lesson, workspace: string, now = new Date()): string {
  const file = workspaceFile(lesson, workspace);
  const backup = `${file}.${now.toISOString().replace(/[:.]/g, "-")}.bak`;
  if (fs.existsSync(file)) fs.copyFileSync(file, backup);
  fs.copyFileSync(starterFile(lesson)!, file);
  return backup;
}
