// Turns what the terminal delivered into key names, one per key: a paste or
// a burst ("lang en\r:lesson 4\r") arrives as one string and must be applied
// key by key, in order.
export interface InkKey {
  upArrow?: boolean; downArrow?: boolean; pageUp?: boolean; pageDown?: boolean;
  return?: boolean; escape?: boolean; tab?: boolean; backspace?: boolean; delete?: boolean;
  ctrl?: boolean; meta?: boolean; shift?: boolean;
}

export function keyNames(input: string, key: InkKey): string[] {
  if (key.upArrow) return ["up"];
  if (key.downArrow) return ["down"];
  if (key.pageUp) return ["pageup"];
  if (key.pageDown) return ["pagedown"];
  if (key.escape) return ["esc"];
  if (key.ctrl && input.length === 1) return [`ctrl-${input}`];
  if (key.return && input.length <= 1) return ["enter"];
  if (key.tab && input.length <= 1) return ["tab"];
  if ((key.backspace || key.delete) && input.length <= 1) return ["backspace"];
  if (key.meta) return [];
  return [...input].map(charName);
}

function charName(ch: string): string {
  if (ch === "\r" || ch === "\n") return "enter";
  if (ch === "\t") return "tab";
  if (ch === "\x7f" || ch === "\b") return "backspace";
  if (ch === "\x1b") return "esc";
  if (ch === "\x03") return "ctrl-c";
  return ch;
}
