// For every exercise and every variant that can run on this kernel: the
// untouched starter fails its check and the reference answer passes it.
// Variants this kernel cannot run are reported as skipped, by name, with
// the reason (never as an empty test that passes).
import { describe, expect, it } from "vitest";
import { loadLessons, lessonStem } from "../../src/lesson/registry.ts";
import { checkLesson } from "../../src/lesson/check-lesson.ts";
import { runnable } from "../../src/lesson/variant.ts";
import { answerFile, starterFile } from "../../src/lesson/workspace.ts";

const { lessons } = await loadLessons();
const exercises = lessons.filter((l) => l.exercise);

describe("exercises", () => {
  it("are found", () => expect(exercises.length).toBeGreaterThanOrEqual(5));
});

for (const lesson of exercises) {
  describe(`exercise ${lessonStem(lesson)}`, () => {
    for (const v of lesson.variants) {
      const why = `needs ${v.needs.join(", ")}, which this kernel lacks`;
      if (!runnable(lesson, v.name)) {
        it.skip(`${v.name} variant: starter fails, answer passes (skipped: ${why})`, () => {});
        continue;
      }
      it(`${v.name} variant: the starter fails, with reasons`, async () => {
        const o = await checkLesson(lesson, starterFile(lesson)!, { variant: v.name });
        expect(o.error ?? null).toBeNull();
        expect(o.status).toBe("failed");
        const failed = (o.expectations ?? []).filter((e) => !e.passed);
        expect(failed.length).toBeGreaterThan(0);
        for (const e of failed) expect(e.reason).toMatch(/\w+ \w+/);
      });
      it(`${v.name} variant: the reference answer passes`, async () => {
        const o = await checkLesson(lesson, answerFile(lesson)!, { variant: v.name });
        expect(o.error ?? null).toBeNull();
        expect((o.expectations ?? []).filter((e) => !e.passed)).toEqual([]);
        expect(o.status).toBe("passed");
      });
    }
  });
}
