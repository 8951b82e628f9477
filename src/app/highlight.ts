// Syntax colouring by highlight.js, turned into styled lines. In TypeScript,
// a template string that holds a BPF C program is coloured as C, since the
// lessons keep their C inside TypeScript.
import hljs from "highlight.js/lib/core";
import c from "highlight.js/lib/languages/c";
import typescript from "highlight.js/lib/languages/typescript";
import type { Line, Segment } from "./text-layout.ts";

hljs.registerLanguage("c", c);
hljs.registerLanguage("typescript", typescript);

export type CodeLang = "c" | "ts" | "plain";

const COLORS: Record<string, string> = {
  keyword: "blue", built_in: "cyan", type: "cyan", literal: "magenta", number: "magenta", string: "green",
  comment: "gray", meta: "magenta", "meta-keyword": "magenta", keyword_meta: "magenta", title: "yellow", regexp: "green", subst: "white",
};
/** bcc's own macros and helpers, coloured apart from plain identifiers. */
const BCC = /\b(BPF_[A-Z0-9_]+|TRACEPOINT_PROBE|RAW_TRACEPOINT_PROBE|KFUNC_PROBE|KRETFUNC_PROBE|bpf_\w+|PT_REGS_\w+|lock_xadd)\b/g;
/** Text that is a BPF C program. */
const LOOKS_LIKE_C = /#include|BPF_[A-Z_]+\(|TRACEPOINT_PROBE|\bint\s+\w+\s*\([^)]*\)\s*\{|bpf_\w+\(/;

export function highlight(code: string, lang: CodeLang): Line[] {
  if (lang === "plain") return code.split("\n").map((text) => [{ text }]);
  const segs = lang === "c" ? colour(code, "c") : tsWithC(code);
  return toLines(segs);
}

/** TypeScript, with the C of template strings coloured as C. */
function tsWithC(code: string): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const [start, end] of templateStrings(code)) {
    const body = code.slice(start + 1, end);
    if (!LOOKS_LIKE_C.test(body)) continue;
    out.push(...colour(code.slice(at, start + 1), "typescript"), ...colour(body, "c"));
    at = end;
  }
  out.push(...colour(code.slice(at), "typescript"));
  return out;
}

/** [open, close] offsets of the backticks of each top-level template string (comments and quotes skipped). */
export function templateStrings(code: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === "/" && code[i + 1] === "/") i = nextIndex(code, "\n", i);
    else if (ch === "/" && code[i + 1] === "*") i = nextIndex(code, "*/", i) + 1;
    else if (ch === '"' || ch === "'") {
      for (i++; i < code.length && code[i] !== ch && code[i] !== "\n"; i++) if (code[i] === "\\") i++;
    } else if (ch === "`") {
      const start = i;
      for (i++; i < code.length && code[i] !== "`"; i++) if (code[i] === "\\") i++;
      out.push([start, i]);
    }
  }
  return out;
}

function nextIndex(s: string, what: string, from: number): number {
  const i = s.indexOf(what, from + 2);
  return i < 0 ? s.length : i;
}

function colour(code: string, language: "c" | "typescript"): Segment[] {
  if (code === "") return [];
  const html = hljs.highlight(code, { language, ignoreIllegals: true }).value;
  const segs = fromHtml(html);
  return language === "c" ? segs.flatMap(bccNames) : segs;
}

function bccNames(s: Segment): Segment[] {
  if (s.color) return [s];
  const out: Segment[] = [];
  let last = 0;
  for (const m of s.text.matchAll(BCC)) {
    if (m.index! > last) out.push({ text: s.text.slice(last, m.index) });
    out.push({ text: m[0], color: "cyan" });
    last = m.index! + m[0].length;
  }
  if (last < s.text.length) out.push({ text: s.text.slice(last) });
  return out;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'", "#39": "'" };

/** highlight.js's HTML (nested spans) as flat segments. */
function fromHtml(html: string): Segment[] {
  const out: Segment[] = [];
  const stack: Array<string | undefined> = [];
  for (const m of html.matchAll(/<span class="([^"]*)">|<\/span>|([^<]+)/g)) {
    if (m[1] !== undefined) {
      const cls = m[1].split(/\s+/).map((c) => c.replace(/^hljs-/, "").replace(/_+$/, "")).find((c) => COLORS[c] || COLORS[c.split(".")[0]!]);
      stack.push(cls ? (COLORS[cls] ?? COLORS[cls.split(".")[0]!]) : stack[stack.length - 1]);
    } else if (m[0] === "</span>") stack.pop();
    else {
      const text = m[2]!.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (_, e: string) => ENTITIES[e]!);
      const color = stack[stack.length - 1];
      out.push(color ? { text, color } : { text });
    }
  }
  return out;
}

function toLines(segs: Segment[]): Line[] {
  const lines: Line[] = [[]];
  for (const s of segs) {
    s.text.split("\n").forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part) lines[lines.length - 1]!.push({ ...s, text: part });
    });
  }
  return lines;
}
