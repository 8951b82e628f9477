// The app's command line (`:`): commands as declarative objects, with
// completion of their names.
import type { Lang } from "../i18n/index.ts";

export interface Actions {
  run(): void;
  check(): void;
  hint(): void;
  next(): void;
  prev(): void;
  openLesson(ref: string): void;
  setLang(lang: Lang): void;
  reset(): void;
  toggleWatch(): void;
  answer(): void;
  list(): void;
  quit(): void;
  help(): void;
  say(msg: string): void;
}

export interface AppCommand {
  name: string;
  args?: string;
  run(a: Actions, args: string[]): void;
}

export const appCommands: AppCommand[] = [
  { name: "run", run: (a) => a.run() },
  { name: "check", run: (a) => a.check() },
  { name: "hint", run: (a) => a.hint() },
  { name: "next", run: (a) => a.next() },
  { name: "prev", run: (a) => a.prev() },
  { name: "lesson", args: "N", run: (a, args) => a.openLesson(args[0] ?? "") },
  { name: "lang", args: "en|ja", run: (a, args) => (args[0] === "en" || args[0] === "ja" ? a.setLang(args[0]) : a.help()) },
  { name: "reset", run: (a) => a.reset() },
  { name: "watch", run: (a) => a.toggleWatch() },
  { name: "answer", run: (a) => a.answer() },
  { name: "list", run: (a) => a.list() },
  { name: "help", run: (a) => a.help() },
  { name: "quit", run: (a) => a.quit() },
];

/** Runs a command line ("lesson 4"); returns the unknown name, if any. */
export function execute(line: string, a: Actions): string | undefined {
  const [name = "", ...args] = line.trim().replace(/^:/, "").split(/\s+/);
  if (!name) return undefined;
  const cmd = appCommands.find((c) => c.name === name) ?? uniquePrefix(name);
  if (!cmd) return name;
  cmd.run(a, args);
  return undefined;
}

function uniquePrefix(name: string): AppCommand | undefined {
  const m = appCommands.filter((c) => c.name.startsWith(name));
  return m.length === 1 ? m[0] : undefined;
}

/** Tab completion: the command name completed as far as it is unambiguous. */
export function complete(line: string): string {
  const text = line.replace(/^:/, "");
  if (text.includes(" ")) return line;
  const m = appCommands.filter((c) => c.name.startsWith(text)).map((c) => c.name);
  if (m.length === 0) return line;
  if (m.length === 1) return `${m[0]} `;
  let p = m[0]!;
  for (const x of m) while (!x.startsWith(p)) p = p.slice(0, -1);
  return p;
}

export function candidates(line: string): string[] {
  const text = line.replace(/^:/, "");
  return appCommands.filter((c) => c.name.startsWith(text.split(" ")[0] ?? "")).map((c) => (c.args ? `${c.name} ${c.args}` : c.name));
}
