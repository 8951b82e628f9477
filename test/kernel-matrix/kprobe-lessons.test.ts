// Runs inside the qemu guest (Debian's 6.1 kernel, kprobes built in), through
// `npm run test:kernel-matrix`: every lesson whose original variant uses a
// kprobe or kretprobe runs that original, live, with its workload, through
// this project's binding, and passes its own check. On the host these tests
// are skipped by name: the host kernel has no kprobes.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadLessons, lessonStem } from "../../src/lesson/registry.ts";
import { chooseVariant } from "../../src/lesson/variant.ts";
import { checkLesson } from "../../src/lesson/check-lesson.ts";
import { answerFile } from "../../src/lesson/workspace.ts";
import { KERNELS } from "../../src/lesson/verified.ts";
import type { Lesson } from "../../src/lesson/schema.ts";
import { projectRoot } from "../helpers/fixtures.ts";

const inGuest = process.env.KERNEL_MATRIX_GUEST === "1";
const { lessons } = await loadLessons();
const kprobeLessons = lessons.filter((l) => l.variants.some((v) => v.name === "original" && v.needs.includes("kprobe")));
const started = Date.now();

describe.runIf(inGuest)(`original kprobe lessons in the guest kernel (${KERNELS.guest})`, () => {
  beforeAll(() => {
    expect(process.env.KERNEL_MATRIX_KERNEL ?? "").toMatch(/^6\.1\./);
  });

  it("the doctor reports kprobes available", () => {
    const report = JSON.parse(execFileSync(process.execPath, [path.join(projectRoot, "bin", "bcc-tutor.js"), "doctor", "--json"], { encoding: "utf8" }));
    expect(report.kprobes.ok).toBe(true);
    expect(report.summary).toBe("ready");
  }, 300_000);

  it("declares the kprobe lessons 1-11 and 16", () => {
    expect(kprobeLessons.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16]);
  });

  for (const lesson of kprobeLessons) {
    it(`${lessonStem(lesson)}: the runner picks the original variant by itself, and its answer passes live`, async () => {
      const choice = chooseVariant(lesson as Lesson);
      expect(choice.variant).toBe("original");
      const outcome = await checkLesson(lesson, answerFile(lesson)!);
      expect(outcome.error ?? null).toBeNull();
      expect(outcome.expectations?.filter((e) => !e.passed)).toEqual([]);
      expect(outcome.variant).toBe("original");
    }, 600_000);
  }

  it("reports the guest run's time", () => {
    process.stdout.write(`\nkernel-matrix: ${kprobeLessons.length} kprobe lessons in the guest in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  });
});

describe.skipIf(inGuest)("original kprobe lessons (run in the qemu guest by npm run test:kernel-matrix)", () => {
  it.skip("this kernel has no kprobes: see test/kernel-matrix/", () => {});
});
