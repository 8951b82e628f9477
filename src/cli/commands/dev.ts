import type { Command } from "../command.ts";
import { t } from "../../i18n/index.ts";
import { parseArgs, UsageError } from "../args.ts";
import { selfCheck } from "../../lesson/self-check.ts";

export const devCommand: Command = {
  name: "dev",
  summary: "cli.cmd.dev",
  async run(args) {
    const a = parseArgs("dev", args, {}, 1);
    if (a.positionals[0] !== "check") throw new UsageError(t("dev.usage"));
    const findings = await selfCheck();
    for (const f of findings) process.stdout.write(`${f.lesson}: ${f.problem}\n`);
    process.stdout.write(`${findings.length === 0 ? t("dev.ok") : t("dev.problems", { count: findings.length })}\n`);
    return findings.length === 0 ? 0 : 1;
  },
};
