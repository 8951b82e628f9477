// A small Markdown renderer for lesson prose: headings, paragraphs, lists,
// inline code, bold, fenced code blocks (highlighted). Enough for what the
// lessons use; anything else shows as plain text.
import { highlight } from "./highlight.ts";
import { wrapLine, type Line, type Segment } from "./text-layout.ts";

export function renderMarkdown(md: string, width: number): Line[] {
  const out: Line[] = [];
  const lines = md.replace(/\r\n/g, "\n").split("\n");
  let para: string[] = [];
  const flush = () => {
    if (para.length === 0) return;
    out.push(...wrapLine(inline(para.join(" ")), width));
    out.push([]);
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const fence = /^```(\w*)/.exec(raw);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith("```"); i++) code.push(lines[i]!);
      const lang = fence[1] === "c" ? "c" : fence[1] === "sh" || fence[1] === "bash" || fence[1] === "console" ? "plain" : "ts";
      for (const l of highlight(code.join("\n"), lang)) out.push([{ text: "  " }, ...l]);
      out.push([]);
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(raw);
    if (h) {
      flush();
      const level = h[1]!.length;
      const title: Segment = { text: h[2]!, bold: true, color: level === 1 ? "cyan" : level === 2 ? "green" : "yellow" };
      out.push(...wrapLine([title], width));
      if (level === 1) out.push([{ text: "─".repeat(Math.min(width, 60)), color: "cyan", dim: true }]);
      out.push([]);
      continue;
    }
    const li = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(raw);
    if (li) {
      flush();
      const depth = Math.floor(li[1]!.length / 2);
      const bullet = /\d/.test(li[2]!) ? `${li[2]} ` : "• ";
      let text = li[3]!;
      // continuation lines of the item
      while (i + 1 < lines.length && /^\s{2,}\S/.test(lines[i + 1]!) && !/^\s*([-*]|\d+\.)\s/.test(lines[i + 1]!)) text += ` ${lines[++i]!.trim()}`;
      const indent = depth * 2 + bullet.length;
      out.push(...wrapLine([{ text: " ".repeat(depth * 2) + bullet, color: "cyan" }, ...inline(text)], width, indent));
      if (i + 1 >= lines.length || !/^\s*([-*]|\d+\.)\s/.test(lines[i + 1]!)) out.push([]);
      continue;
    }
    if (raw.trim() === "") flush();
    else para.push(raw.trim());
  }
  flush();
  while (out.length > 0 && out[out.length - 1]!.length === 0) out.pop();
  return out;
}

/** `code`, **bold**, and plain text. */
export function inline(text: string): Segment[] {
  const segs: Segment[] = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)]+)\)/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) segs.push({ text: text.slice(last, m.index) });
    if (m[1] !== undefined) segs.push({ text: m[1], color: "yellow" });
    else if (m[2] !== undefined) segs.push({ text: m[2], bold: true });
    else segs.push({ text: m[3]!, color: "blue" }, { text: ` (${m[4]})`, dim: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) segs.push({ text: text.slice(last) });
  return segs;
}
