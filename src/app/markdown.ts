// Lesson prose: Markdown tokens from `marked`, turned into styled lines
// (text-layout.ts) wrapped to the pane's width. Soft line breaks of the
// source are joined the CJK way: nothing between two CJK characters, a
// space elsewhere, so Japanese paragraphs reflow instead of keeping the
// file's line breaks.
import { marked, type Token, type Tokens } from "marked";
import stringWidth from "string-width";
import { highlight, type CodeLang } from "./highlight.ts";
import { isWide, wrapLine, type Line, type Segment } from "./text-layout.ts";

export function renderMarkdown(md: string, width: number): Line[] {
  const out: Line[] = [];
  blocks(marked.lexer(md.replace(/\r\n/g, "\n")), width, 0, out);
  while (out.length > 0 && out[out.length - 1]!.length === 0) out.pop();
  return out;
}

const HEADING_COLORS = ["cyan", "green", "yellow", "yellow", "yellow", "yellow"];

function blocks(tokens: Token[], width: number, indent: number, out: Line[]): void {
  const pad = indent ? [{ text: " ".repeat(indent) }] : [];
  for (const tok of tokens) {
    switch (tok.type) {
      case "heading": {
        const h = tok as Tokens.Heading;
        const segs = inline(h.tokens).map((s) => ({ ...s, bold: true, color: s.color ?? HEADING_COLORS[h.depth - 1] }));
        out.push(...wrapLine([...pad, ...segs], width, indent));
        if (h.depth === 1) out.push([{ text: "─".repeat(Math.min(width, 60)), color: "cyan", dim: true }]);
        out.push([]);
        break;
      }
      case "paragraph":
        out.push(...wrapLine([...pad, ...inline((tok as Tokens.Paragraph).tokens)], width, indent), []);
        break;
      case "text": {
        // A tight list item's text: inline tokens of its own.
        const t = tok as Tokens.Text;
        out.push(...wrapLine([...pad, ...(t.tokens ? inline(t.tokens) : joinBreaks([{ text: t.text }]))], width, indent));
        break;
      }
      case "list": {
        const l = tok as Tokens.List;
        l.items.forEach((item, i) => {
          const bullet = l.ordered ? `${Number(l.start || 1) + i}. ` : "• ";
          const inner: Line[] = [];
          blocks(item.tokens, width - indent - bullet.length, 0, inner);
          while (inner.length > 0 && inner[inner.length - 1]!.length === 0) inner.pop();
          inner.forEach((line, j) => {
            const lead = j === 0 ? { text: " ".repeat(indent) + bullet, color: "cyan" } : { text: " ".repeat(indent + bullet.length) };
            out.push(line.length === 0 ? [] : [lead, ...line]);
          });
          if (l.loose) out.push([]);
        });
        if (!l.loose) out.push([]);
        break;
      }
      case "code": {
        const c = tok as Tokens.Code;
        for (const line of highlight(c.text, fenceLang(c.lang))) out.push([{ text: " ".repeat(indent + 2) }, ...line]);
        out.push([]);
        break;
      }
      case "blockquote": {
        const inner: Line[] = [];
        blocks((tok as Tokens.Blockquote).tokens, width - indent - 2, 0, inner);
        for (const line of inner) out.push([{ text: " ".repeat(indent) + "│ ", dim: true }, ...line]);
        break;
      }
      case "table":
        out.push(...table(tok as Tokens.Table, indent), []);
        break;
      case "hr":
        out.push([{ text: "─".repeat(Math.min(width, 60)), dim: true }], []);
        break;
      case "space":
      case "html":
      case "def":
        break;
      default:
        if ("text" in tok && typeof tok.text === "string") out.push(...wrapLine([...pad, { text: tok.text }], width, indent), []);
    }
  }
}

function fenceLang(lang?: string): CodeLang {
  if (lang === "c") return "c";
  if (!lang || lang === "sh" || lang === "bash" || lang === "console" || lang === "text") return "plain";
  return "ts";
}

/** Inline tokens as styled segments, soft line breaks joined the CJK way. */
export function inline(tokens: Token[] | undefined): Segment[] {
  const segs: Segment[] = [];
  const walk = (ts: Token[], style: Omit<Segment, "text">) => {
    for (const t of ts) {
      switch (t.type) {
        case "codespan": segs.push({ ...style, text: (t as Tokens.Codespan).text, color: "yellow" }); break;
        case "strong": walk((t as Tokens.Strong).tokens, { ...style, bold: true }); break;
        case "em": walk((t as Tokens.Em).tokens, { ...style, bold: true }); break;
        case "del": walk((t as Tokens.Del).tokens, { ...style, dim: true }); break;
        case "link": {
          const l = t as Tokens.Link;
          walk(l.tokens, { ...style, color: "blue" });
          if (l.href !== l.text) segs.push({ text: ` (${l.href})`, dim: true });
          break;
        }
        case "br": segs.push({ ...style, text: " " }); break;
        case "image": segs.push({ ...style, text: (t as Tokens.Image).text }); break;
        default: {
          const nested = (t as { tokens?: Token[] }).tokens;
          if (nested && nested.length > 0) walk(nested, style);
          else segs.push({ ...style, text: "text" in t ? String(t.text) : "" });
        }
      }
    }
  };
  walk(tokens ?? [], {});
  return joinBreaks(segs);
}

/**
 * Joins the source's soft line breaks: between two CJK (wide) characters
 * nothing, elsewhere one space. Looks across segment boundaries.
 */
export function joinBreaks(segs: Segment[]): Segment[] {
  const out = segs.map((s) => ({ ...s }));
  const charBefore = (i: number, at: number): string | undefined => {
    for (let k = i; k >= 0; k--) {
      const text = k === i ? out[k]!.text.slice(0, at) : out[k]!.text;
      const m = /(\S)\s*$/u.exec(text);
      if (m) return m[1];
    }
    return undefined;
  };
  const charAfter = (i: number, at: number): string | undefined => {
    for (let k = i; k < out.length; k++) {
      const text = k === i ? out[k]!.text.slice(at) : out[k]!.text;
      const m = /^\s*(\S)/u.exec(text);
      if (m) return m[1];
    }
    return undefined;
  };
  for (let i = 0; i < out.length; i++) {
    const s = out[i]!;
    if (!s.text.includes("\n")) continue;
    let text = "";
    let last = 0;
    for (const m of s.text.matchAll(/[ \t]*\n[ \t]*/g)) {
      text += s.text.slice(last, m.index);
      const before = charBefore(i, m.index!);
      const after = charAfter(i, m.index! + m[0].length);
      text += before && after && isWide(before) && isWide(after) ? "" : " ";
      last = m.index! + m[0].length;
    }
    s.text = text + s.text.slice(last);
  }
  return out;
}

/** A table with its columns as wide as their widest cell, counted in display columns. */
function table(t: Tokens.Table, indent: number): Line[] {
  const cell = (c: Tokens.TableCell) => inline(c.tokens);
  const rows = [t.header.map(cell), ...t.rows.map((r) => r.map(cell))];
  const text = (segs: Segment[]) => segs.map((s) => s.text).join("");
  const widths = t.header.map((_, j) => Math.max(...rows.map((r) => stringWidth(text(r[j] ?? [])))));
  const out: Line[] = [];
  rows.forEach((r, i) => {
    const line: Line = [{ text: " ".repeat(indent) }];
    r.forEach((segs, j) => {
      line.push(...segs.map((s) => (i === 0 ? { ...s, bold: true } : s)), { text: " ".repeat(widths[j]! - stringWidth(text(segs)) + 2) });
    });
    out.push(line);
    if (i === 0) out.push([{ text: " ".repeat(indent) + widths.map((w) => "─".repeat(w)).join("  "), dim: true }]);
  });
  return out;
}
