// The Program tab: the learner's file; the reference answer once it may be
// shown, and after a pass the answer beside the learner's file as a diff.
import fs from "node:fs";
import path from "node:path";
import { diffLines } from "diff";
import { t } from "../../i18n/index.ts";
import type { Lesson } from "../../lesson/schema.ts";
import { answerFile } from "../../lesson/workspace.ts";
import { packageRoot as projectRoot } from "../../paths.ts";
import { highlight } from "../highlight.ts";
import { wrapLine, type Line } from "../text-layout.ts";
import stringWidth from "string-width";
import type { VariantName } from "../../lesson/lesson-variant.ts";

export interface CodeView {
  learnerFile?: string;
  answerVisible: boolean;
  /** The learner asked for the answer: it comes first. */
  answerFirst: boolean;
  /** The exercise passed: show the answer as a diff against the learner's file. */
  passed: boolean;
  width: number;
  /** The variant this kernel runs, and whether to show both variants' C side by side. */
  variant: VariantName;
  sideBySide: boolean;
}

/** Each variant's C, as the lesson module holds it (contract section 8: `lesson.c`). */
export function variantC(lesson: Lesson): { original?: string; portable?: string } | undefined {
  const c = lesson.c;
  return c.original || c.portable ? c : undefined;
}

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

export function codeLines(lesson: Lesson, v: CodeView): Line[] {
  const out: Line[] = [];
  const title = (text: string) => out.push([{ text, color: "cyan", bold: true }], []);
  const cs = variantC(lesson);
  if (v.sideBySide) {
    title(t("app.code.sideBySide"));
    if (lesson.exercise && !v.answerVisible) out.push(...wrapLine([{ text: t("app.code.variantHidden"), dim: true }], v.width));
    else if (!cs) out.push(...wrapLine([{ text: t("app.code.noVariantC"), dim: true }], v.width));
    else out.push(...sideBySide(cs, v.width));
    return out;
  }
  const show = (label: string, file: string, lang: "c" | "ts") => {
    const text = read(file);
    if (text === undefined) return;
    title(label);
    out.push(...highlight(text, lang), []);
  };
  const mine = () => v.learnerFile && show(t("app.code.workspace", { file: v.learnerFile }), v.learnerFile, "ts");
  const answer = () => {
    if (lesson.exercise && !v.answerVisible) return void out.push(...wrapLine([{ text: t("app.code.hidden"), dim: true }], v.width), []);
    const running = cs?.[v.variant];
    if (running) {
      title(t("app.code.variantC", { variant: t(`app.variant.${v.variant}`) }));
      out.push(...highlight(running.replace(/^\n+|\s+$/g, ""), "c"), []);
    }
    const a = answerFile(lesson);
    if (a) show(t("app.code.answer", { file: path.relative(projectRoot, a) }), a, "ts");
    for (const c of lesson.cFiles) show(c, path.join(projectRoot, c), "c");
  };
  if (lesson.exercise && v.passed && v.learnerFile) {
    const a = answerFile(lesson);
    const ref = a ? read(a) : undefined;
    const mineText = read(v.learnerFile);
    if (ref !== undefined && mineText !== undefined) {
      title(t("app.code.diff", { file: path.basename(v.learnerFile) }));
      out.push(...diffView(mineText, ref), []);
    }
  }
  if (v.answerFirst) {
    answer();
    mine();
  } else {
    mine();
    answer();
  }
  return out;
}

/** The original and portable C in two columns, each cut to its half of the pane. */
export function sideBySide(cs: { original?: string; portable?: string }, width: number): Line[] {
  const col = Math.max(10, Math.floor((width - 3) / 2));
  const left = [[{ text: t("app.variant.original"), bold: true }], ...highlight((cs.original ?? "").replace(/^\n+|\s+$/g, ""), "c")];
  const right = [[{ text: t("app.variant.portable"), bold: true }], ...highlight((cs.portable ?? "").replace(/^\n+|\s+$/g, ""), "c")];
  const out: Line[] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    out.push([...cutLine(left[i] ?? [], col), { text: " │ ", dim: true }, ...cutLine(right[i] ?? [], col)]);
  }
  return out;
}

/** A line cut or padded to exactly width display columns. */
export function cutLine(line: Line, width: number): Line {
  const out: Line = [];
  let col = 0;
  for (const s of line) {
    let text = "";
    for (const ch of s.text.replace(/\t/g, "    ")) {
      const w = stringWidth(ch);
      if (col + w > width) break;
      text += ch;
      col += w;
    }
    if (text) out.push({ ...s, text });
    if (col >= width) break;
  }
  out.push({ text: " ".repeat(Math.max(0, width - col)) });
  return out;
}

/** A line diff: "-" the learner's lines the answer does not have, "+" the answer's lines the learner's file does not have. */
export function diffView(mine: string, reference: string): Line[] {
  const out: Line[] = [];
  for (const part of diffLines(mine, reference)) {
    const lines = part.value.replace(/\n$/, "").split("\n");
    const mark = part.added ? "+ " : part.removed ? "- " : "  ";
    const color = part.added ? "green" : part.removed ? "red" : undefined;
    for (const l of lines) out.push([{ text: mark + l, color, dim: !part.added && !part.removed }]);
  }
  if (out.every((l) => l[0]!.text.startsWith("  "))) return [[{ text: t("app.code.same"), color: "green" }]];
  return out;
}
