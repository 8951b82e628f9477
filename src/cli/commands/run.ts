import type { Command } from "../command.ts";
import { parseArgs, UsageError, type OptionSpec } from "../args.ts";
import { lessonByRef } from "../lessons.ts";
import { networkInterface } from "../validate.ts";
import { chooseVariant } from "../../lesson/variant.ts";
import { runProgram } from "../../lesson/runner.ts";
import { answerFile } from "../../lesson/workspace.ts";
import { CrashFilter } from "../../lesson/error-gist.ts";
import { escapeTerminal } from "../../util/escape.ts";
import { t } from "../../i18n/index.ts";
import type { VariantName } from "../../lesson/lesson-variant.ts";
import type { Lesson } from "../../lesson/schema.ts";

export function parseVariant(v: string | undefined): VariantName | undefined {
  if (v === undefined || v === "original" || v === "portable") return v;
  throw new UsageError(t("err.variant", { value: v }));
}

/** Lessons whose program reads packets take -i IFACE. */
export const takesInterface = (l: Lesson) => l.variants.some((v) => v.needs.includes("socket_filter"));

const options: OptionSpec = { variant: { type: "string" }, iface: { type: "string", short: "i" } };

export const runCommand: Command = {
  name: "run",
  summary: "cli.cmd.run",
  async run(argv) {
    const a = parseArgs("run", argv, options, Infinity);
    const lesson = await lessonByRef(a.positionals[0]);
    const file = answerFile(lesson);
    if (!file) throw new UsageError(t("run.noAnswer", { lesson: lesson.id }));
    const iface = a.values.get("iface");
    if (iface !== undefined && !takesInterface(lesson)) throw new UsageError(t("err.ifaceNotTaken", { lesson: lesson.id }));
    if (iface !== undefined) networkInterface(iface);
    const choice = chooseVariant(lesson, parseVariant(a.values.get("variant")));
    process.stderr.write(`${t("run.variant", { lesson: lesson.id, probe: choice.probe, reason: choice.reason })}\n`);
    const extra = a.positionals.slice(1);
    const args = iface ? ["-i", iface, ...extra] : extra.length ? extra : undefined;
    const verbose = process.env.BCC_TUTOR_VERBOSE === "1";
    // A crash shows its gist, not Node's stack (--verbose shows it all).
    const stderr = new CrashFilter(verbose);
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
          if (e.type === "output" && e.stream === "stdout") process.stdout.write(escapeTerminal(e.text));
          else if (e.type === "output") process.stderr.write(escapeTerminal(stderr.push(e.text)));
          else if (e.type === "phase" && e.phase === "compiling") process.stderr.write(`${t("run.compiling")}\n`);
          else if (e.type === "phase" && e.phase === "stopping") process.stderr.write(`${t("run.stopping")}\n`);
        },
      });
      const rest = stderr.end();
      if (rest) process.stderr.write(escapeTerminal(rest));
      if (result.killed) process.stderr.write(`${t("run.killed")}\n`);
      process.stderr.write(`${t("run.exit", { how: result.exitSignal ?? `code ${result.exitCode}` })}\n`);
      // Dying of the SIGINT we sent is how Ctrl-C lessons end without a handler of their own.
      const endedWell = result.exitCode === 0 || (result.exitSignal === "SIGINT" && !result.killed);
      return result.ready && endedWell ? 0 : 1;
    } finally {
      process.removeListener("SIGINT", onSigint);
    }
  },
};
