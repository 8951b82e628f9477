// `bcc-tutor repl <lesson>`: runs the lesson's reference program in this
// process and opens a Node REPL with its live BPF object as `b`, so maps can
// be read while the program runs, as python users do interactively.
import repl from "node:repl";
import { pathToFileURL } from "node:url";
import type { Command } from "../command.ts";
import { parseArgs, UsageError } from "../args.ts";
import { parseVariant } from "./run.ts";
import { errorGist } from "../../lesson/error-gist.ts";
import { lessonByRef } from "../lessons.ts";
import { answerFile } from "../../lesson/workspace.ts";
import { chooseVariant } from "../../lesson/variant.ts";
import { t } from "../../i18n/index.ts";

export const replCommand: Command = {
  name: "repl",
  summary: "cli.cmd.repl",
  async run(args) {
    const a = parseArgs("repl", args, { variant: { type: "string" } }, 1);
    const lesson = await lessonByRef(a.positionals[0]);
    const file = answerFile(lesson);
    if (!file) throw new UsageError(t("run.noAnswer", { lesson: lesson.id }));
    const choice = chooseVariant(lesson, parseVariant(a.values.get("variant")));
    process.env.BCC_TUTOR_VARIANT = choice.variant;
    process.stderr.write(`${t("run.variant", { lesson: lesson.id, probe: choice.probe, reason: choice.reason })}\n`);
    // Imported here, not at the top: the other commands must work without libbcc.
    const { BPF } = await import("../../index.ts");
    const ready = BPF.nextReady(30_000);
    // The answer runs its event loop forever: start it, do not await it.
    // A crash shows its gist, not a stack (--verbose shows it all).
    const gist = (e: unknown) => errorGist(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e), { verbose: process.env.BCC_TUTOR_VERBOSE === "1" });
    let failed = false;
    const program = import(pathToFileURL(file).href).catch((e: unknown) => {
      failed = true;
      process.stderr.write(`${gist(e)}\n`);
    });
    // A program that fails before it attached ends the repl at once, not after the readiness timeout.
    const b = await Promise.race([ready, program.then(() => (failed ? null : ready))]);
    if (!b) return 1;
    process.stderr.write(`${t("repl.banner")}\n`);
    const r = repl.start({ prompt: "bcc> " });
    r.context.b = b;
    r.context.BPF = BPF;
    await new Promise<void>((resolve) => r.on("exit", resolve));
    void program;
    b.close();
    process.exit(0);
  },
};
