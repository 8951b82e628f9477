// Syntax colouring for C and TypeScript: keywords, strings, comments,
// numbers, bcc macros. A tokenizer, not a parser: good enough to read by.
import type { Line, Segment } from "./text-layout.ts";

const C_KEYWORDS = new Set("if else for while do return struct union enum typedef static const volatile sizeof break continue switch case default void int char short long unsigned signed u8 u16 u32 u64 s8 s16 s32 s64 bool".split(" "));
const TS_KEYWORDS = new Set("import from export const let var function async await for of in if else return new class extends interface type while break continue try catch finally throw typeof void null undefined true false process".split(" "));
const TOKEN = /(\/\/.*$|\/\*.*?\*\/|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`|\b\d+(?:\.\d+)?\b|\b[A-Za-z_]\w*\b|#\s*\w+)/g;

export function highlight(code: string, lang: "c" | "ts" | "plain"): Line[] {
  const lines: Line[] = [];
  let inBlockComment = false;
  for (const text of code.split("\n")) {
    const line: Segment[] = [];
    if (lang === "plain") {
      lines.push([{ text }]);
      continue;
    }
    let rest = text;
    if (inBlockComment) {
      const end = rest.indexOf("*/");
      if (end < 0) {
        lines.push([{ text: rest, color: "gray" }]);
        continue;
      }
      line.push({ text: rest.slice(0, end + 2), color: "gray" });
      rest = rest.slice(end + 2);
      inBlockComment = false;
    }
    const open = rest.indexOf("/*");
    if (open >= 0 && rest.indexOf("*/", open) < 0 && !/\/\/.*\/\*/.test(rest)) {
      line.push(...tokens(rest.slice(0, open), lang), { text: rest.slice(open), color: "gray" });
      inBlockComment = true;
      lines.push(line);
      continue;
    }
    line.push(...tokens(rest, lang));
    lines.push(line);
  }
  return lines;
}

function tokens(text: string, lang: "c" | "ts"): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  const kw = lang === "c" ? C_KEYWORDS : TS_KEYWORDS;
  for (const m of text.matchAll(TOKEN)) {
    const tok = m[0];
    if (m.index! > last) out.push({ text: text.slice(last, m.index) });
    let color: string | undefined;
    if (tok.startsWith("//") || tok.startsWith("/*")) color = "gray";
    else if (/^["'`]/.test(tok)) color = "green";
    else if (/^\d/.test(tok)) color = "magenta";
    else if (tok.startsWith("#")) color = "magenta";
    else if (kw.has(tok)) color = "blue";
    else if (/^(BPF_[A-Z_]+|TRACEPOINT_PROBE|KFUNC_PROBE|bpf_\w+|PT_REGS_\w+)$/.test(tok)) color = "cyan";
    out.push(color ? { text: tok, color } : { text: tok });
    last = m.index! + tok.length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}
