// Every key binding and `:` command, declared once: the input handler looks
// keys up here, the help line and `:help` are built from here, and the
// command line completes the names found here.
import type { MessageKey } from "../../i18n/index.ts";

/** What a key or command asks for; the controller carries it out. */
export type Intent =
  | "up" | "down" | "pageUp" | "pageDown" | "open" | "filter" | "continue" | "tabNext"
  | "run" | "runReference" | "check" | "hint" | "edit" | "watch" | "answer" | "reset"
  | "variants" | "next" | "prev" | "list" | "back" | "quit" | "lang" | "fire" | "stop" | "demo" | "cmdline" | "help" | "lesson";

/** Where a binding applies: the lesson list, any lesson view, the run pane only, or everywhere. */
export type Where = "list" | "lesson" | "run" | "any";

export interface Binding {
  keys: readonly string[];
  where: Where;
  intent: Intent;
  /** The word shown in the help line; bindings without one are not listed. */
  label?: MessageKey;
  /** The `:` command that does the same, with its argument's shape. */
  command?: string;
  args?: string;
}

export const KEYMAP: readonly Binding[] = [
  { keys: ["up", "k"], where: "list", intent: "up" },
  { keys: ["down", "j"], where: "list", intent: "down", label: "key.move" },
  { keys: ["enter"], where: "list", intent: "open", label: "key.open" },
  { keys: ["c"], where: "list", intent: "continue", label: "key.continue" },
  { keys: ["f"], where: "list", intent: "filter", label: "key.filter" },
  { keys: ["q"], where: "list", intent: "quit", label: "key.quit", command: "quit" },
  { keys: ["t"], where: "run", intent: "fire", label: "key.fire" },
  { keys: ["s"], where: "run", intent: "stop", label: "key.stop" },
  { keys: ["d"], where: "run", intent: "demo", label: "key.demo" },
  { keys: ["tab"], where: "lesson", intent: "tabNext", label: "key.tab" },
  { keys: ["up"], where: "lesson", intent: "up" },
  { keys: ["down"], where: "lesson", intent: "down" },
  { keys: ["pageup"], where: "lesson", intent: "pageUp" },
  { keys: ["pagedown"], where: "lesson", intent: "pageDown" },
  { keys: ["r"], where: "lesson", intent: "run", label: "key.run", command: "run" },
  { keys: ["R"], where: "lesson", intent: "runReference", label: "key.runReference", command: "reference" },
  { keys: ["c"], where: "lesson", intent: "check", label: "key.check", command: "check" },
  { keys: ["h"], where: "lesson", intent: "hint", label: "key.hint", command: "hint" },
  { keys: ["e"], where: "lesson", intent: "edit", label: "key.edit", command: "edit" },
  { keys: ["w"], where: "lesson", intent: "watch", label: "key.watch", command: "watch" },
  { keys: ["a"], where: "lesson", intent: "answer", label: "key.answer", command: "answer" },
  { keys: ["x"], where: "lesson", intent: "reset", label: "key.reset", command: "reset" },
  { keys: ["v"], where: "lesson", intent: "variants", label: "key.variants", command: "variants" },
  { keys: ["n"], where: "lesson", intent: "next", label: "key.next", command: "next" },
  { keys: ["p"], where: "lesson", intent: "prev", label: "key.prev", command: "prev" },
  { keys: ["esc"], where: "lesson", intent: "back", label: "key.back" },
  { keys: [], where: "any", intent: "list", command: "list" },
  { keys: [], where: "any", intent: "lesson", command: "lesson", args: "N" },
  { keys: ["l"], where: "any", intent: "lang", label: "key.lang", command: "lang", args: "en|ja" },
  { keys: [":"], where: "any", intent: "cmdline", label: "key.cmdline" },
  { keys: [], where: "any", intent: "help", command: "help" },
  { keys: ["ctrl-c"], where: "any", intent: "quit" },
];

/** The contexts a screen looks keys up in, most specific first. */
export function contexts(screen: "list" | "lesson", tab: string): Where[] {
  if (screen === "list") return ["list", "any"];
  return tab === "run" ? ["run", "lesson", "any"] : ["lesson", "any"];
}

export function lookup(key: string, where: readonly Where[]): Binding | undefined {
  for (const w of where) {
    const b = KEYMAP.find((x) => x.where === w && x.keys.includes(key));
    if (b) return b;
  }
  return undefined;
}

/** How a key is written in the help line. */
export function keyLabel(key: string): string {
  const names: Record<string, string> = { up: "↑", down: "↓", enter: "Enter", esc: "Esc", tab: "Tab", pageup: "PgUp", pagedown: "PgDn" };
  return names[key] ?? key;
}

/** The help line's entries for the screen: "r run", "↑↓ move", … (labels still to translate). */
export function helpEntries(where: readonly Where[]): Array<{ keys: string; label: MessageKey }> {
  const out: Array<{ keys: string; label: MessageKey }> = [];
  for (const w of where) {
    for (const b of KEYMAP) {
      if (b.where !== w || !b.label || b.keys.length === 0) continue;
      // "↑↓ move": the up binding shares the down binding's label.
      const keys = b.intent === "down" ? `↑${keyLabel(b.keys[0]!)}` : keyLabel(b.keys[0]!);
      out.push({ keys, label: b.label });
    }
  }
  return out;
}

export const COMMANDS: readonly Binding[] = KEYMAP.filter((b) => b.command);

export function findCommand(name: string): Binding | undefined {
  const exact = COMMANDS.find((c) => c.command === name);
  if (exact) return exact;
  const m = COMMANDS.filter((c) => c.command!.startsWith(name));
  return m.length === 1 ? m[0] : undefined;
}

/** Tab completion: the command name completed as far as it is unambiguous. */
export function complete(line: string): string {
  const text = line.replace(/^:/, "");
  if (text.includes(" ")) return line;
  const m = COMMANDS.map((c) => c.command!).filter((n) => n.startsWith(text));
  if (m.length === 0) return line;
  if (m.length === 1) return `${m[0]} `;
  let p = m[0]!;
  for (const x of m) while (!x.startsWith(p)) p = p.slice(0, -1);
  return p;
}

export function candidates(line: string): string[] {
  const name = line.replace(/^:/, "").split(" ")[0] ?? "";
  return COMMANDS.filter((c) => c.command!.startsWith(name)).map((c) => (c.args ? `${c.command} ${c.args}` : c.command!));
}

/** `:help`'s text: every command with its argument. */
export function commandHelp(): string {
  return COMMANDS.map((c) => `:${c.command}${c.args ? ` ${c.args}` : ""}`).join("  ");
}
