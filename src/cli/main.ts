// The non-interactive entry: `bcc-tutor <command>`. With no command it opens
// the tutorial.
import { detectLang, setLang, t } from "../i18n/index.ts";
import type { Command } from "./command.ts";
import type { MessageKey } from "../i18n/index.ts";
import { splitGlobal, UsageError } from "./args.ts";
import { useMergedHeaders } from "../kernel-source.ts";

// Each command module is imported only when it runs: --help and `list`
// load none of the binding, the app or the checker (start-up time).
interface LazyCommand {
  name: string;
  summary: MessageKey;
  load(): Promise<Command>;
}
const commands: LazyCommand[] = [
  { name: "list", summary: "cli.cmd.list", load: async () => (await import("./commands/list.ts")).listCommand },
  { name: "run", summary: "cli.cmd.run", load: async () => (await import("./commands/run.ts")).runCommand },
  { name: "check", summary: "cli.cmd.check", load: async () => (await import("./commands/check.ts")).checkCommand },
  { name: "repl", summary: "cli.cmd.repl", load: async () => (await import("./commands/repl.ts")).replCommand },
  { name: "progress", summary: "cli.cmd.progress", load: async () => (await import("./commands/progress.ts")).progressCommand },
  { name: "doctor", summary: "cli.cmd.doctor", load: async () => (await import("./commands/doctor.ts")).doctorCommand },
  { name: "setup", summary: "cli.cmd.setup", load: async () => (await import("./commands/setup.ts")).setupCommand },
  { name: "init", summary: "cli.cmd.init", load: async () => (await import("./commands/init.ts")).initCommand },
  { name: "dev", summary: "cli.cmd.dev", load: async () => (await import("./commands/dev.ts")).devCommand },
];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${t(c.summary)}`).join("\n");
  return t("cli.usage", { commands: list });
}

/** --lang: en or ja, nothing else (a typo must not silently fall back to English). */
function checkLang(v: string | undefined): void {
  if (v !== undefined && v !== "en" && v !== "ja") throw new UsageError(t("err.lang", { value: v }));
}

/** The workshop file is read and checked before anything else, with or without a terminal. */
async function loadWorkshop(file: string) {
  const { readWorkshop, selectLessons } = await import("../classroom/workshop.ts");
  const { lessonSet } = await import("./lessons.ts");
  const w = readWorkshop(file);
  selectLessons(w, await lessonSet());
  return w;
}

export async function main(argv: string[]): Promise<number> {
  setLang(detectLang(argv));
  const { global, rest: args } = splitGlobal(argv);
  checkLang(global.values.get("lang"));
  if (global.flags.has("verbose")) process.env.BCC_TUTOR_VERBOSE = "1";
  // Before any compile, here and in the programs it starts; not for setup,
  // which must see the user's own BCC_KERNEL_SOURCE to refresh the merged tree.
  if (args[0] !== "setup") useMergedHeaders();
  if (global.flags.has("help")) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const [name, ...rest] = args;
  if (name !== undefined && name.startsWith("-")) throw new UsageError(t("err.unknownOption", { option: name, command: "bcc-tutor", accepted: "--lang en|ja, --workshop FILE, --verbose, --help" }));
  const cmd = name === undefined ? undefined : commands.find((c) => c.name === name);
  if (name !== undefined && !cmd) {
    process.stderr.write(`${t("cli.unknownCommand", { name })}\n`);
    return 2;
  }
  const workshopFile = global.values.get("workshop");
  if (cmd && workshopFile !== undefined) throw new UsageError(t("err.workshopWithCommand", { command: cmd.name }));
  const workshop = workshopFile === undefined ? undefined : await loadWorkshop(workshopFile);
  // Everything that loads BPF programs: say plainly what is needed before trying.
  const loads = name === undefined || ["run", "check", "repl"].includes(name);
  if (loads && !(await import("../bcc/capabilities.ts")).canLoadBpf()) {
    process.stderr.write(`${t("cli.notRoot")}\n`);
    return 2;
  }
  if (cmd) return (await cmd.load()).run(rest);
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stdout.write(`${t("cli.notTty")}\n`);
    return (await commands[0]!.load()).run([]);
  }
  const { importWithoutCiFlags } = await import("./ci-flags.ts");
  const { startApp } = await importWithoutCiFlags(() => import("../app/main.tsx"));
  if (!workshop) return startApp({ argv });
  const { selectLessons, isOptional } = await import("../classroom/workshop.ts");
  return startApp({
    argv,
    title: workshop.title,
    defaultLang: workshop.lang,
    lessons: (all) => selectLessons(workshop, all),
    optional: (all) => selectLessons(workshop, all).filter((l) => isOptional(workshop, l)).map((l) => l.id),
  });
}

// `bcc-tutor list | head`: a reader that went away is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  // Known failures carry a message meant for the learner; anything else is a bug.
  const e = err as Error;
  process.stderr.write(`bcc-tutor: ${e?.message ?? String(err)}\n`);
  // The message says what to do; the stack is for whoever debugs bcc-tutor itself.
  if ((process.env.BCC_TUTOR_DEBUG || process.env.BCC_TUTOR_VERBOSE) && !(err instanceof UsageError)) process.stderr.write(`${e?.stack ?? ""}\n`);
  process.exitCode = 2;
}
