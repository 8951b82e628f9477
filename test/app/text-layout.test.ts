// Prose layout: Markdown from marked, CJK lines joined and reflowed, kinsoku,
// widths by East Asian Width; code coloured, C inside TypeScript too.
import fs from "node:fs";
import path from "node:path";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { renderMarkdown, joinBreaks } from "../../src/app/markdown.ts";
import { NO_START, NO_END, isWide, lineText, wrapLine } from "../../src/app/text-layout.ts";
import { highlight, templateStrings } from "../../src/app/highlight.ts";
import { diffView } from "../../src/app/views/code.ts";

const root = path.resolve(import.meta.dirname, "../..");
const text = (lines: ReturnType<typeof renderMarkdown>) => lines.map(lineText);

describe("joining source lines", () => {
  it("joins two CJK characters with nothing, Latin words with a space", () => {
    expect(joinBreaks([{ text: "そのことを\n知らせ" }])[0]!.text).toBe("そのことを知らせ");
    expect(joinBreaks([{ text: "one\ntwo" }])[0]!.text).toBe("one two");
    expect(joinBreaks([{ text: "レッスン\n1 に" }])[0]!.text).toBe("レッスン 1 に");
  });
  it("looks across styled segments", () => {
    const segs = joinBreaks([{ text: "ほとんど\n" }, { text: "レッスン", bold: true }]);
    expect(segs.map((s) => s.text).join("")).toBe("ほとんどレッスン");
  });
});

describe("wrapping", () => {
  it("never makes a line wider than the pane, counting CJK as two columns", () => {
    const para = "日本語の文章は、空白がなくても、どの文字の間でも折り返せます。English words break at spaces.";
    for (const w of [10, 17, 23, 40]) for (const l of wrapLine([{ text: para }], w)) expect(stringWidth(lineText(l))).toBeLessThanOrEqual(w);
  });
  it("fills CJK lines to the edge instead of breaking early", () => {
    const lines = wrapLine([{ text: "あいうえおかきくけこさしすせそ" }], 10).map(lineText);
    expect(lines).toEqual(["あいうえお", "かきくけこ", "さしすせそ"]);
  });
  it("never starts a line with a closing mark, nor ends one with an opening bracket (kinsoku)", () => {
    for (let w = 8; w < 30; w++) {
      const lines = wrapLine([{ text: "これは「例」です。句読点、括弧）の位置を確かめます。「引用」も同じです。" }], w).map(lineText);
      for (const [i, l] of lines.entries()) {
        if (i > 0) expect(NO_START.has([...l][0]!), `${w}: ${l}`).toBe(false);
        if (i < lines.length - 1) expect(NO_END.has([...l].at(-1)!), `${w}: ${l}`).toBe(false);
      }
      expect(lines.join("")).toBe("これは「例」です。句読点、括弧）の位置を確かめます。「引用」も同じです。");
    }
  });
});

describe("Japanese lesson prose", () => {
  const md = fs.readFileSync(path.join(root, "locales/ja/lessons/05-sync_count.md"), "utf8");
  for (const width of [78, 118]) {
    it(`lesson 5 at ${width} columns: no space between two CJK characters, breaks between CJK only at the edge`, () => {
      const lines = text(renderMarkdown(md, width));
      for (const [i, l] of lines.entries()) {
        expect(l, l).not.toMatch(/\p{scx=Hira}\s+\p{scx=Hira}|[\u3040-\u30ff\u4e00-\u9fff] +[\u3040-\u30ff\u4e00-\u9fff]/u);
        const next = lines[i + 1];
        if (!next || l.startsWith("  ")) continue;
        const last = [...l].at(-1);
        const first = [...next.trimStart()][0];
        // A line ending in CJK followed by one starting in CJK was cut at the edge.
        if (last && first && isWide(last) && isWide(first) && !next.startsWith("•")) expect(stringWidth(l), `${l} / ${next}`).toBeGreaterThanOrEqual(width - 3);
      }
    });
  }
});

describe("markdown", () => {
  it("renders headings, lists, code spans and fenced code from marked's tokens", () => {
    const lines = text(renderMarkdown("# Title\n\nSome `code` and **bold**.\n\n- one\n  two\n- three\n\n```c\nint x;\n```\n", 40));
    expect(lines[0]).toBe("Title");
    expect(lines).toContain("Some code and bold.");
    expect(lines).toContain("• one two");
    expect(lines).toContain("  int x;");
  });
});

describe("highlighting", () => {
  it("colours the C inside a TypeScript template string as C", () => {
    const src = 'const text = `\nBPF_HASH(last);\nint kprobe__x(void *ctx) { return 0; }\n`;\nconst s = "not C";';
    expect(templateStrings(src)).toHaveLength(1);
    const lines = highlight(src, "ts");
    const bpf = lines[1]!.find((s) => s.text === "BPF_HASH");
    expect(bpf?.color).toBe("cyan");
    const ret = lines[2]!.find((s) => s.text === "return");
    expect(ret?.color).toBe("blue");
    expect(lines.map(lineText).join("\n")).toBe(src);
  });
});

describe("the answer beside the learner's file", () => {
  it("marks the lines only in the learner's file and only in the answer", () => {
    const d = diffView("a\nmine\nc\n", "a\ntheirs\nc\n").map(lineText);
    expect(d).toEqual(["  a", "- mine", "+ theirs", "  c"]);
  });
});

describe("the two variants side by side", () => {
  it("puts original and portable C in two columns of equal display width", async () => {
    const { sideBySide, cutLine } = await import("../../src/app/views/code.ts");
    const rows = sideBySide({ original: "int kprobe__x(void *ctx) { return 0; }\nBPF_HASH(a);", portable: "TRACEPOINT_PROBE(syscalls, sys_enter_sync) {\n  return 0;\n}" }, 60);
    expect(rows.length).toBe(4);
    const widths = rows.map((r) => stringWidth(lineText(r)));
    expect(new Set(widths).size).toBe(1);
    expect(lineText(rows[0]!)).toMatch(/original +│ portable/);
    expect(lineText(rows[3]!)).toMatch(/^ +│ \}/);
    expect(stringWidth(lineText(cutLine([{ text: "日本語のコメント" }], 7)))).toBe(7);
  });
});
