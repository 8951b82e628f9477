// The Check tab in words: each expectation a sentence marked ✓ or ✗ with the
// numbers seen; on a failure the tail of the learner's output with the lines
// that matched nothing marked, an example of a line the lesson expects, and
// the hint that helps. No pattern and no internal id reaches the screen.
import { t } from "../../i18n/index.ts";
import type { Lesson } from "../../lesson/schema.ts";
import type { CheckOutcome } from "../../lesson/check-lesson.ts";
import type { Expectation } from "../../lesson/check.ts";
import { escapeTerminal } from "../../util/escape.ts";
import { wrapLine, type Line } from "../text-layout.ts";

const OUTPUT_TAIL = 12;

/** The sentence for an expectation: the checker's own, or one said from what the lesson expects. */
export function expectationText(e: Expectation, lesson?: Lesson): string {
  if (e.text) return e.text;
  const [kind, ...rest] = e.id.split(":");
  const arg = rest.join(":");
  switch (kind) {
    case "runs": return t("app.exp.runs");
    case "attach":
    case "attaches": return t("app.exp.attach");
    case "header": return t("app.exp.header", { header: arg });
    case "lines": {
      const lc = lesson?.expect.lines.find((l) => l.pattern === arg);
      return lc ? t("app.exp.lines", { min: lc.min, example: lc.example }) : t("app.exp.linesAny");
    }
    case "predicate": return t("app.exp.values");
    case "clean-exit": return t("app.exp.cleanExit");
    case "output-size": return t("app.exp.outputSize");
    case "trigger": return t("app.exp.trigger");
    case "source": return t("app.exp.source");
    default: return t("app.exp.other");
  }
}

/** The learner's output, judged against the lesson's expected lines when the checker did not judge it. */
export function judgedOutput(o: CheckOutcome, lesson?: Lesson): Array<{ text: string; ok: boolean | null }> {
  if (o.output) return o.output;
  const lines = (o.run?.stdout ?? "").split("\n").filter((l) => l.trim() !== "").slice(-40);
  const expected = lesson?.expect.lines.map((l) => new RegExp(l.pattern)) ?? [];
  const headers = lesson?.expect.header ?? [];
  return lines.map((l) => ({
    text: escapeTerminal(l),
    ok: expected.length === 0 ? null : expected.some((re) => re.test(l)) || headers.some((h) => l.includes(h)),
  }));
}

export function checkLines(o: CheckOutcome, lesson: Lesson | undefined, width: number): Line[] {
  const out: Line[] = [];
  const say = (line: Line, indent = 0) => out.push(...wrapLine(line, width, indent));
  if (o.status === "error") {
    say([{ text: t("app.check.error", { error: o.error ?? "" }), color: "red" }]);
    return out;
  }
  say(o.status === "passed" ? [{ text: `✓ ${t("app.check.passed")}`, color: "green", bold: true }] : [{ text: `✗ ${t("app.check.failed")}`, color: "yellow", bold: true }]);
  out.push([]);
  if (o.compileError) say([{ text: t("app.check.compileAt", { file: o.compileError.file, line: o.compileError.line, column: o.compileError.column }), color: "red" }, { text: ` ${escapeTerminal(o.compileError.message)}` }]);
  const hints = new Set<number>();
  for (const e of o.expectations ?? []) {
    say([{ text: e.passed ? "✓ " : "✗ ", color: e.passed ? "green" : "red", bold: true }, { text: expectationText(e, lesson) }], 2);
    if (!e.passed && e.reason) for (const r of e.reason.split("\n")) say([{ text: `    ${escapeTerminal(r)}`, dim: true }], 4);
    if (!e.passed && e.hint) hints.add(e.hint);
  }
  if (o.status === "passed") return out;
  const output = judgedOutput(o, lesson);
  out.push([]);
  if (output.length === 0) say([{ text: t("app.check.noOutput"), dim: true }]);
  else {
    say([{ text: t("app.check.yourOutput", { count: output.length }), bold: true }]);
    for (const l of output.slice(-OUTPUT_TAIL)) {
      out.push([{ text: l.ok === false ? "✗ " : "  ", color: "red" }, { text: l.text.slice(0, width * 2), color: l.ok === false ? "red" : undefined, dim: l.ok === null }]);
    }
    if (output.some((l) => l.ok === false)) say([{ text: t("app.check.unmatched"), dim: true }]);
  }
  const example = o.example ?? lesson?.expect.lines[0]?.example;
  if (example) {
    out.push([]);
    say([{ text: t("app.check.example"), bold: true }]);
    out.push([{ text: `  ${example}`, color: "green" }]);
  }
  out.push([]);
  if (hints.size > 0) say([{ text: t("app.check.hintHelps", { n: [...hints].sort()[0]! }), color: "magenta" }]);
  else if (lesson?.exercise) say([{ text: t("app.check.hintNext"), color: "magenta" }]);
  return out;
}
