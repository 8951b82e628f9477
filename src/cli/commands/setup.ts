// `sudo bcc-tutor setup`: what scripts/setup.sh did, from the installed
// package. Every step runs even when an earlier one failed (each says what
// to do); exit 1 when any failed.
import readline from "node:readline/promises";
import type { Command } from "../command.ts";
import { parseArgs } from "../args.ts";
import { t } from "../../i18n/index.ts";
import { cacheDir } from "../../paths.ts";
import { stepView } from "../../setup/progress.ts";
import { SETUP_STEPS, type SetupContext } from "../../setup/steps.ts";

async function askYesNo(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    const a = (await rl.question(question)).trim().toLowerCase();
    return a === "" || a.startsWith("y") || a === "はい";
  } finally {
    rl.close();
  }
}

export const setupCommand: Command = {
  name: "setup",
  summary: "cli.cmd.setup",
  async run(argv) {
    const a = parseArgs("setup", argv, { yes: { type: "boolean", short: "y" } }, 0);
    const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true && !a.flags.has("yes");
    const ctx: SetupContext = {
      root: process.getuid?.() === 0,
      cache: cacheDir(),
      ask: interactive ? askYesNo : undefined,
      env: process.env,
    };
    let failed = 0;
    for (const step of SETUP_STEPS) {
      const view = stepView(t(`setup.step.${step.id}`));
      let r;
      try {
        r = await step.run(ctx, view);
      } catch (err) {
        r = { status: "failed" as const, detail: (err as Error).message };
      }
      view.done(r);
      if (r.status === "failed") failed++;
    }
    process.stdout.write(`${failed ? t("setup.failed", { failed, total: SETUP_STEPS.length }) : t("setup.done")}\n`);
    return failed ? 1 : 0;
  },
};
