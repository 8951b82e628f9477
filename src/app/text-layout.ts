// Styled text as data, wrapped to the terminal's width by display columns
// (East Asian Width: CJK characters are two columns), for prose and code.
// CJK text may break between any two characters, Latin text at spaces;
// no line starts with closing punctuation (kinsoku: 。、）」…) or ends with
// an opening bracket.
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

/** Two columns wide (kana, kanji, fullwidth forms, CJK punctuation). */
export function isWide(ch: string): boolean {
  return stringWidth(ch) === 2;
}

/** May not start a line. */
export const NO_START = new Set([..."。、，．・：；？！）」』】〕〉》］｝〙〗ー―‐〜…ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々ゝゞヽヾ,.:;?!)]}"]);
/** May not end a line. */
export const NO_END = new Set([..."（「『【〔〈《［｛〘〖([{"]);

/** Runs of spaces, single wide characters, and runs of everything else. */
const TOKEN = /( +)|([^ ])/gu;

function tokenize(text: string): string[] {
  const out: string[] = [];
  let word = "";
  for (const m of text.matchAll(TOKEN)) {
    const ch = m[0];
    if (m[1] !== undefined || isWide(ch)) {
      if (word) out.push(word);
      word = "";
      out.push(ch);
    } else word += ch;
  }
  if (word) out.push(word);
  return out;
}

interface Piece {
  seg: Segment;
  text: string;
  width: number;
}

/** Splits segments into lines no wider than width columns. */
export function wrapLine(line: Line, width: number, indent = 0): Line[] {
  const w = Math.max(8, width);
  const lines: Piece[][] = [];
  let cur: Piece[] = [];
  let col = 0;
  const pad = " ".repeat(indent);
  const newLine = () => {
    // Trailing spaces are not drawn.
    while (cur.length > 0 && cur[cur.length - 1]!.text.trim() === "" && cur.length > (indent ? 1 : 0)) cur.pop();
    lines.push(cur);
    cur = indent ? [{ seg: { text: "" }, text: pad, width: indent }] : [];
    col = indent;
  };
  const put = (p: Piece) => {
    cur.push(p);
    col += p.width;
  };
  const atLineStart = () => col <= indent;
  // A word wider than the line: cut it.
  const cutInto = (p: Piece) => {
    for (const ch of p.text) {
      const cw = stringWidth(ch);
      if (col + cw > w && !atLineStart()) newLine();
      put({ seg: p.seg, text: ch, width: cw });
    }
  };
  for (const seg of line) {
    for (const tok of tokenize(seg.text)) {
      const tw = stringWidth(tok);
      const piece = { seg, text: tok, width: tw };
      if (col + tw <= w) {
        put(piece);
        continue;
      }
      if (tok.startsWith(" ")) {
        newLine();
        continue;
      }
      // Break before tok, carrying down what may not stay behind: the
      // character a closing mark must follow (kinsoku), and opening brackets.
      const carry: Piece[] = [];
      const movable = () => cur.length > (indent ? 1 : 0) + 1;
      const takeLast = () => {
        const p = cur.pop()!;
        col -= p.width;
        carry.unshift(p);
      };
      if (NO_START.has([...tok][0]!) && movable() && cur[cur.length - 1]!.text.trim() !== "") takeLast();
      while (movable() && NO_END.has(cur[cur.length - 1]!.text)) takeLast();
      if (atLineStart()) {
        cutInto(piece);
        continue;
      }
      newLine();
      for (const c of carry) put(c);
      if (col + tw <= w) put(piece);
      else cutInto(piece);
    }
  }
  lines.push(cur);
  return lines.map(merge);
}

function merge(pieces: Piece[]): Line {
  const out: Line = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    const s = p.seg;
    if (last && last.color === s.color && last.bold === s.bold && last.dim === s.dim && last.inverse === s.inverse) last.text += p.text;
    else out.push({ ...s, text: p.text });
  }
  return out;
}

/** Cuts plain text to at most width columns, with "…" when cut (a line that must not wrap). */
export function clip(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  return `${fit(text, Math.max(0, width - 1)).trimEnd()}…`;
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
