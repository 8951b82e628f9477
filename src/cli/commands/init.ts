import path from "node:path";
import type { Command } from "../command.ts";
import { parseArgs } from "../args.ts";
import { lessonSet } from "../lessons.ts";
import { initWorkspace } from "../../setup/init.ts";
import { t } from "../../i18n/index.ts";

export const initCommand: Command = {
  name: "init",
  summary: "cli.cmd.init",
  async run(argv) {
    const a = parseArgs("init", argv, {}, 1);
    const r = initWorkspace(a.positionals[0] ?? ".", await lessonSet());
    const rel = (f: string) => path.relative(r.dir, f) || ".";
    for (const f of r.created) process.stdout.write(`  ${t("init.created", { file: rel(f) })}\n`);
    for (const f of r.kept) process.stdout.write(`  ${t("init.kept", { file: rel(f) })}\n`);
    process.stdout.write(`${t("init.done", { dir: r.dir, created: r.created.length, kept: r.kept.length })}\n`);
    return 0;
  },
};
