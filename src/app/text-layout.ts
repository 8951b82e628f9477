// Styled text as data, wrapped to the terminal's width by display columns
// (CJK characters are two columns wide), for Markdown prose and code.
import stringWidth from "string-width";

export interface Segment {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
}
export type Line = Segment[];

export const lineText = (l: Line): string => l.map((s) => s.text).join("");

/** Splits segments into lines no wider than width columns, breaking at spaces when it can. */
export function wrapLine(line: Line, width: number, indent = 0): Line[] {
  const w = Math.max(8, width);
  const out: Line[] = [];
  let cur: Line = [];
  let col = 0;
  const pad = " ".repeat(indent);
  const newLine = () => {
    out.push(cur);
    cur = indent ? [{ text: pad }] : [];
    col = indent;
  };
  for (const seg of line) {
    // Tokens: runs of spaces, runs of non-spaces; CJK text may break anywhere.
    for (const tok of seg.text.match(/ +|[^ ]+/g) ?? []) {
      const tw = stringWidth(tok);
      if (col + tw <= w) {
        push(cur, seg, tok);
        col += tw;
        continue;
      }
      if (tok.startsWith(" ")) {
        newLine();
        continue;
      }
      if (tw <= w - indent && col > indent) {
        newLine();
        push(cur, seg, tok);
        col += tw;
        continue;
      }
      for (const ch of tok) {
        const cw = stringWidth(ch);
        if (col + cw > w) newLine();
        push(cur, seg, ch);
        col += cw;
      }
    }
  }
  out.push(cur);
  return out;
}

function push(line: Line, style: Segment, text: string): void {
  const last = line[line.length - 1];
  if (last && last.color === style.color && last.bold === style.bold && last.dim === style.dim && last.inverse === style.inverse) last.text += text;
  else line.push({ ...style, text });
}

/** Pads or cuts plain text to exactly width columns. */
export function fit(text: string, width: number): string {
  let out = "";
  let col = 0;
  for (const ch of text) {
    const cw = stringWidth(ch);
    if (col + cw > width) break;
    out += ch;
    col += cw;
  }
  return out + " ".repeat(Math.max(0, width - col));
}
