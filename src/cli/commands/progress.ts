import type { Command } from "../command.ts";
import { parseArgs, UsageError } from "../args.ts";
import { readableFile, writableTarget } from "../validate.ts";
import { ProgressStore } from "../../state/progress.ts";
import { exportProgress, importProgress } from "../../classroom/transfer.ts";
import { workspaceDir } from "../../lesson/workspace.ts";
import { t } from "../../i18n/index.ts";

export const progressCommand: Command = {
  name: "progress",
  summary: "cli.cmd.progress",
  async run(args) {
    const a = parseArgs("progress", args, {}, 2);
    const [verb, file] = a.positionals;
    if ((verb !== "export" && verb !== "import") || !file) throw new UsageError(t("progress.usage"));
    // Checked before the progress file is touched.
    const target = verb === "export" ? writableTarget(file, "progress export") : readableFile(file, "progress import");
    const store = new ProgressStore();
    const loaded = store.load();
    if (loaded.recovered) process.stderr.write(`${t("app.progress.recovered", { reason: loaded.recovered.reason, movedTo: loaded.recovered.movedTo ?? "-" })}\n`);
    const workspace = store.progress.workspace ?? workspaceDir();
    if (verb === "export") {
      const r = exportProgress(store, workspace, target);
      process.stdout.write(`${t("progress.exported", { file, done: store.progress.done.length, files: r.files })}\n`);
      return 0;
    }
    const r = importProgress(store, workspace, target);
    if (store.lastError) throw new Error(store.lastError);
    process.stdout.write(`${t("progress.imported", { file, done: r.done, files: r.files.length, version: r.fromVersion })}\n`);
    for (const b of r.backups) process.stdout.write(`${t("progress.backup", { file: b })}\n`);
    return 0;
  },
};
