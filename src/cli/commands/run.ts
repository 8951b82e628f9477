import type { Command } from "../command.ts";
import { parseArgs, UsageError } from "../args.ts";
import { lessonByRef } from "../lessons.ts";
import { chooseVariant } from "../../lesson/variant.ts";
import { runProgram } from "../../lesson/runner.ts";
import { answerFile } from "../../lesson/workspace.ts";
import { escapeTerminal } from "../../util/escape.ts";
import { t } from "../../i18n/index.ts";
import type { VariantName } from "../../lesson/lesson-variant.ts";

export function parseVariant(v: string | undefined): VariantName | undefined {
  if (v === undefined || v === "original" || v === "portable") return v;
  throw new UsageError(t("err.variant", { value: v }));
}

export const runCommand: Command = {
  name: "run",
  summary: "cli.cmd.run",
  async run(argv) {
    const a = parseArgs(argv, ["variant", "i"]);
    const lesson = await lessonByRef(a.positionals[0]);
    const file = answerFile(lesson);
    if (!file) throw new UsageError(t("run.noAnswer", { lesson: lesson.id }));
    const choice = chooseVariant(lesson, parseVariant(a.values.get("variant")));
    process.stderr.write(`${t("run.variant", { lesson: lesson.id, probe: choice.probe, reason: choice.reason })}\n`);
    const extra = a.positionals.slice(1);
    const iface = a.values.get("i");
    const args = iface ? ["-i", iface, ...extra] : extra.length ? extra : undefined;
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.on("SIGINT", onSigint);
    try {
      const result = await runProgram({
        lesson,
        file,
        variant: choice.variant,
        args,
        signal: abort.signal,
        onEvent(e) {
          if (e.type === "output") (e.stream === "stdout" ? process.stdout : process.stderr).write(escapeTerminal(e.text));
          else if (e.type === "phase" && e.phase === "compiling") process.stderr.write(`${t("run.compiling")}\n`);
          else if (e.type === "phase" && e.phase === "stopping") process.stderr.write(`${t("run.stopping")}\n`);
        },
      });
      process.stderr.write(`${t("run.exit", { how: result.exitSignal ?? `code ${result.exitCode}` })}\n`);
      // Dying of the SIGINT we sent is how Ctrl-C lessons end without a handler of their own.
      const endedWell = result.exitCode === 0 || (result.exitSignal === "SIGINT" && !result.killed);
      return result.ready && endedWell ? 0 : 1;
    } finally {
      process.removeListener("SIGINT", onSigint);
    }
  },
};
