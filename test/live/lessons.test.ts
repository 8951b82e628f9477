// Every lesson, live: each variant's C program compiles and passes the
// verifier here (kprobe programs load even where they cannot attach), every
// reference answer passes its own check with its workload, and every
// exercise's starter fails, its answer passes, and a known-wrong solution
// fails on the expectation it gets wrong.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLessons, lessonStem } from "../../src/lesson/registry.ts";
import { runProgram } from "../../src/lesson/runner.ts";
import { checkLesson } from "../../src/lesson/check-lesson.ts";
import { runnable } from "../../src/lesson/variant.ts";
import { answerFile, starterFile } from "../../src/lesson/workspace.ts";
import { projectRoot } from "../helpers/fixtures.ts";

const { lessons, problems } = await loadLessons();
const wrongDir = path.join(projectRoot, "test", "fixtures", "wrong");

describe("lesson modules", () => {
  it("all load and pass their schema", () => {
    expect(problems).toEqual([]);
    expect(lessons.length).toBeGreaterThan(0);
  });
});

for (const lesson of lessons.filter((l) => l.kind !== "reading")) {
  describe(`lesson ${lessonStem(lesson)}`, () => {
    const answer = answerFile(lesson)!;

    for (const v of lesson.variants) {
      it(`${v.name} variant (${v.probe}) compiles and passes the verifier`, async () => {
        const run = await runProgram({ lesson, file: answer, variant: v.name, loadOnly: true });
        expect(run.error?.message ?? null).toBeNull();
        expect(run.ready).toBe(true);
      });
    }

    for (const v of lesson.variants) {
      const title = `reference answer passes its check live (${v.name} variant)`;
      if (!runnable(lesson, v.name)) {
        // Skipped by name, so the summary counts it as skipped and says why.
        it.skip(`${title}: cannot run on this kernel (needs ${v.needs.join(", ")})`, () => {});
        continue;
      }
      it(title, async () => {
        const outcome = await checkLesson(lesson, answer, { variant: v.name });
        expect(outcome.error ?? null).toBeNull();
        expect(outcome.expectations?.filter((e) => !e.passed)).toEqual([]);
        expect(outcome.status).toBe("passed");
      });
    }

    if (lesson.exercise) {
      it("the untouched starter fails with a readable reason", async () => {
        const outcome = await checkLesson(lesson, starterFile(lesson)!);
        expect(outcome.status).toBe("failed");
        const reasons = outcome.expectations!.filter((e) => !e.passed).map((e) => e.reason);
        expect(reasons.length).toBeGreaterThan(0);
        for (const r of reasons) expect(r).toMatch(/\w{3,}/);
      });

      const wrong = path.join(wrongDir, `${lessonStem(lesson)}.ts`);
      it("a deliberately wrong solution fails on the right expectation", async () => {
        expect(fs.existsSync(wrong), `${wrong} is missing`).toBe(true);
        const want = /expect-fail:\s*(\S+)/.exec(fs.readFileSync(wrong, "utf8"))?.[1];
        expect(want, "the wrong solution names the expectation it fails with // expect-fail: <id>").toBeTruthy();
        const outcome = await checkLesson(lesson, wrong);
        expect(outcome.status).toBe("failed");
        const failed = outcome.expectations!.filter((e) => !e.passed).map((e) => e.id);
        expect(failed).toContain(want);
      });
    }
  });
}
