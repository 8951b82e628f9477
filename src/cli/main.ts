// The non-interactive entry: `bcc-tutor <command>`. With no command it opens
// the tutorial.
import { detectLang, setLang, t } from "../i18n/index.ts";
import type { Command } from "./command.ts";
import type { MessageKey } from "../i18n/index.ts";
import { UsageError } from "./args.ts";
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

/** Drops --lang X / --lang=X, which main handles for every command. */
function withoutLang(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--lang" || argv[i] === "--workshop") i++;
    else if (!argv[i]!.startsWith("--lang=") && !argv[i]!.startsWith("--workshop=")) out.push(argv[i]!);
  }
  return out;
}

export async function main(argv: string[]): Promise<number> {
  setLang(detectLang(argv));
  const args = withoutLang(argv);
  // Before any compile, here and in the programs it starts; not for setup,
  // which must see the user's own BCC_KERNEL_SOURCE to refresh the merged tree.
  if (args[0] !== "setup") useMergedHeaders();
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const [name, ...rest] = args;
  // Everything that loads BPF programs: say plainly what is needed before trying.
  const loads = name === undefined || name.startsWith("-") || ["run", "check", "repl"].includes(name);
  if (loads && !(await import("../bcc/capabilities.ts")).canLoadBpf()) {
    process.stderr.write(`${t("cli.notRoot")}\n`);
    return 2;
  }
  if (name === undefined || name.startsWith("-")) {
    if (!process.stdout.isTTY || !process.stdin.isTTY) {
      process.stdout.write(`${t("cli.notTty")}\n`);
      return (await commands[0]!.load()).run([]);
    }
    const { importWithoutCiFlags } = await import("./ci-flags.ts");
    const { startApp } = await importWithoutCiFlags(() => import("../app/main.tsx"));
    const wi = argv.indexOf("--workshop");
    const workshopFile = wi >= 0 ? argv[wi + 1] : argv.find((x) => x.startsWith("--workshop="))?.slice(11);
    if (wi >= 0 && !workshopFile) throw new UsageError(t("err.workshopFile"));
    if (!workshopFile) return startApp({ argv });
    const { readWorkshop, selectLessons, isOptional } = await import("../classroom/workshop.ts");
    const w = readWorkshop(workshopFile);
    return startApp({
      argv,
      title: w.title,
      defaultLang: w.lang,
      lessons: (all) => selectLessons(w, all),
      optional: (all) => selectLessons(w, all).filter((l) => isOptional(w, l)).map((l) => l.id),
    });
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`${t("cli.unknownCommand", { name })}\n`);
    return 2;
  }
  return (await cmd.load()).run(rest);
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
  if (process.env.BCC_TUTOR_DEBUG && !(err instanceof UsageError)) process.stderr.write(`${e?.stack ?? ""}\n`);
  process.exitCode = 2;
}
