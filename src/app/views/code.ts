// The Program tab: the learner's file; the reference answer once it may be
// shown, and after a pass the answer beside the learner's file as a diff.
import fs from "node:fs";
import path from "node:path";
import { diffLines } from "diff";
import { t } from "../../i18n/index.ts";
import type { Lesson } from "../../lesson/schema.ts";
import { answerFile } from "../../lesson/workspace.ts";
import { projectRoot } from "../../bcc/kernel-headers.ts";
import { highlight } from "../highlight.ts";
import { wrapLine, type Line } from "../text-layout.ts";

export interface CodeView {
  learnerFile?: string;
  answerVisible: boolean;
  /** The learner asked for the answer: it comes first. */
  answerFirst: boolean;
  /** The exercise passed: show the answer as a diff against the learner's file. */
  passed: boolean;
  width: number;
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
  const show = (label: string, file: string, lang: "c" | "ts") => {
    const text = read(file);
    if (text === undefined) return;
    title(label);
    out.push(...highlight(text, lang), []);
  };
  const mine = () => v.learnerFile && show(t("app.code.workspace", { file: v.learnerFile }), v.learnerFile, "ts");
  const answer = () => {
    if (lesson.exercise && !v.answerVisible) return void out.push(...wrapLine([{ text: t("app.code.hidden"), dim: true }], v.width), []);
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
