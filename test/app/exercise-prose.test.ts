// Exercise prose says the task and what it teaches; the walk-through of the
// reference answer lives in its own file, in both languages.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadLessons } from "../../src/lesson/registry.ts";
import { lessonProse, lessonWalkthrough } from "../../src/lesson/text.ts";
import { answerFile, starterFile } from "../../src/lesson/workspace.ts";
import type { Lesson } from "../../src/lesson/schema.ts";

let lessons: Lesson[];
beforeAll(async () => {
  lessons = (await loadLessons()).lessons;
});
const byNumber = (n: number) => lessons.find((l) => l.number === n)!;

/** The answer's own code: lines that are not comments and not in the starter. */
function answerCode(l: Lesson): string[] {
  const answer = fs.readFileSync(answerFile(l)!, "utf8");
  const starter = fs.readFileSync(starterFile(l)!, "utf8");
  // The answer's C lives in the lesson module (lesson.c).
  const all = [answer, l.c.original ?? "", l.c.portable ?? ""].join("\n");
  return all.split("\n").map((x) => x.trim()).filter((x) => x.length >= 12 && !x.startsWith("//") && !x.startsWith("*") && !starter.includes(x));
}

describe("exercise prose", () => {
  for (const n of [2, 5, 8, 10]) {
    for (const lang of ["en", "ja"] as const) {
      it(`lesson ${n} (${lang}): the prose holds no line of the answer's code, the walk-through is in its own file`, () => {
        const l = byNumber(n);
        const prose = lessonProse(l, lang);
        for (const line of answerCode(l)) expect(prose, line).not.toContain(line);
        const file = path.join("locales", lang, "lessons", `${String(n).padStart(2, "0")}-${l.id}.walkthrough.md`);
        expect(fs.existsSync(path.resolve(import.meta.dirname, "../..", file)), file).toBe(true);
        expect(lessonWalkthrough(l, lang)).toBeTruthy();
      });
    }
  }

  it("lesson 2's prose no longer lists the answer's parts", () => {
    for (const lang of ["en", "ja"] as const) {
      const prose = lessonProse(byNumber(2), lang);
      for (const part of ["b.close()", "process.exit(0)", "kprobe__sys_sync", "TRACEPOINT_PROBE(syscalls, sys_enter_sync)", "BPF.create"]) expect(prose, `${lang}: ${part}`).not.toContain(part);
    }
  });

  it("lesson 5's prose names neither lookup_or_try_init nor lock_xadd", () => {
    for (const lang of ["en", "ja"] as const) {
      const prose = lessonProse(byNumber(5), lang);
      expect(prose).not.toMatch(/lookup_or_try_init|lock_xadd/);
      expect(lessonWalkthrough(byNumber(5), lang)).toMatch(/lookup_or_try_init/);
    }
  });
});
