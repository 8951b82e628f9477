// Moving a learner's progress and exercise files to another machine: one
// JSON file. Importing merges (nothing done is undone, no file is
// overwritten without a backup) and accepts files from older versions.
import { t } from "../i18n/index.ts";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { progressSchema, salvage, type Progress, type ProgressStore } from "../state/progress.ts";

export const TRANSFER_FORMAT = "bcc-tutor-progress";
export const TRANSFER_VERSION = 2;
export const LESSON_SET = "1";

const transferSchema = z.object({
  format: z.literal(TRANSFER_FORMAT),
  version: z.number().int().min(1).max(TRANSFER_VERSION),
  lessonSet: z.string().default(LESSON_SET),
  exportedAt: z.string().optional(),
  progress: z.unknown(),
  /** Exercise files by name (version 2+; version 1 carried progress only). */
  files: z.record(z.string().regex(/^\d\d-[a-z0-9_]+\.ts$/), z.string()).default({}),
});

export function exportProgress(store: ProgressStore, workspace: string, file: string): { files: number } {
  const files: Record<string, string> = {};
  if (fs.existsSync(workspace)) {
    for (const f of fs.readdirSync(workspace)) if (/^\d\d-[a-z0-9_]+\.ts$/.test(f)) files[f] = fs.readFileSync(path.join(workspace, f), "utf8");
  }
  const doc = { format: TRANSFER_FORMAT, version: TRANSFER_VERSION, lessonSet: LESSON_SET, exportedAt: new Date().toISOString(), progress: store.progress, files };
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, `${JSON.stringify(doc, null, 2)}\n`);
  fs.renameSync(tmp, file);
  return { files: Object.keys(files).length };
}

export interface ImportReport {
  done: number;
  files: string[];
  backups: string[];
  fromVersion: number;
}

export function importProgress(store: ProgressStore, workspace: string, file: string): ImportReport {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(t("transfer.notJson", { file, error: (err as Error).message.split("\n")[0] ?? "" }));
  }
  const parsed = transferSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(t("transfer.invalid", { file, error: `${i?.path.join(".") || "file"}: ${i?.message}` }));
  }
  const doc = parsed.data;
  // Older exports lack fields; salvage fills what is missing with defaults.
  const strict = progressSchema.safeParse(doc.progress);
  const incoming: Progress = strict.success ? strict.data : salvage(doc.progress);
  store.update((p) => {
    for (const id of incoming.done) if (!p.done.includes(id)) p.done.push(id);
    for (const [id, n] of Object.entries(incoming.hintsUsed)) p.hintsUsed[id] = Math.max(p.hintsUsed[id] ?? 0, n);
    for (const id of incoming.solutionsSeen) if (!p.solutionsSeen.includes(id)) p.solutionsSeen.push(id);
    p.current ??= incoming.current;
    p.lang ??= incoming.lang;
  });
  const written: string[] = [];
  const backups: string[] = [];
  fs.mkdirSync(workspace, { recursive: true });
  for (const [name, text] of Object.entries(doc.files)) {
    const dest = path.join(workspace, name);
    if (fs.existsSync(dest)) {
      if (fs.readFileSync(dest, "utf8") === text) continue;
      const backup = `${dest}.before-import.bak`;
      fs.copyFileSync(dest, backup);
      backups.push(backup);
    }
    fs.writeFileSync(dest, text);
    written.push(name);
  }
  return { done: incoming.done.length, files: written, backups, fromVersion: doc.version };
}
