// Text from the kernel or a traced process is data, never terminal commands:
// C0 controls (but tab and newline), DEL and C1 controls become visible
// escapes, so a traced string cannot set the title, move the cursor or
// clear the screen.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

export function escapeTerminal(text: string, opts: { keepNewlines?: boolean } = {}): string {
  const re = opts.keepNewlines === false ? /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g : CONTROL;
  return text.replace(re, (c) => {
    const code = c.charCodeAt(0);
    if (c === "\x1b") return "\\e";
    if (c === "\r") return "\\r";
    if (c === "\n") return "\\n";
    return `\\x${code.toString(16).padStart(2, "0")}`;
  });
}
