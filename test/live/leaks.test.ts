// No lesson leaves anything in the kernel, however its program ends:
// normally, by SIGINT, SIGTERM, SIGKILL, or a learner's exception. Checked
// against the BPF program list, the perf-event links and tracefs's probe lists.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLessons, lessonStem } from "../../src/lesson/registry.ts";
import { runProgram } from "../../src/lesson/runner.ts";
import { chooseVariant, runnable } from "../../src/lesson/variant.ts";
import { answerFile } from "../../src/lesson/workspace.ts";
import { bpfPrograms, orphanedPrograms, perfLinksOf } from "../helpers/kernel-state.ts";
import { projectRoot } from "../helpers/fixtures.ts";

const { lessons } = await loadLessons();
const wrapper = path.join(projectRoot, "test", "fixtures", "end-after-ready.ts");
const probeLists = () =>
  ["/sys/kernel/tracing/uprobe_events", "/sys/kernel/tracing/kprobe_events"].map((f) => (fs.existsSync(f) ? fs.readFileSync(f, "utf8") : "")).join("\n");
const ids = () => new Set(bpfPrograms().map((p) => p.id));

type Ending = "exit" | "SIGINT" | "SIGTERM" | "SIGKILL" | "throw";
const ENDINGS: Ending[] = ["exit", "SIGINT", "SIGTERM", "SIGKILL", "throw"];

for (const lesson of lessons.filter((l) => l.answer && l.variants.some((v) => runnable(l, v.name)))) {
  describe(`lesson ${lessonStem(lesson)} leaves nothing behind`, () => {
    for (const ending of ENDINGS) {
      it(`after ${ending === "exit" ? "a normal exit" : ending === "throw" ? "a learner exception" : ending}`, async () => {
        const before = ids();
        const lists = probeLists();
        let pid = 0;
        const ac = new AbortController();
        const byWrapper = ending === "exit" || ending === "throw";
        if (byWrapper) {
          process.env.LEAK_ANSWER = answerFile(lesson)!;
          process.env.LEAK_ENDING = ending;
        }
        let attached = 0;
        const run = await runProgram({
          lesson,
          file: byWrapper ? wrapper : answerFile(lesson)!,
          variant: chooseVariant(lesson).variant,
          trigger: false,
          autoStop: false,
          signal: ac.signal,
          onEvent: (e) => {
            if (e.type === "spawned") pid = e.pid;
            if (e.type === "phase" && e.phase === "ready") {
              attached = perfLinksOf(pid).length + bpfPrograms().filter((p) => !before.has(p.id)).length;
              if (ending === "SIGINT") ac.abort();
              else if (ending === "SIGTERM" || ending === "SIGKILL") process.kill(pid, ending);
            }
          },
        });
        delete process.env.LEAK_ANSWER;
        delete process.env.LEAK_ENDING;
        expect(run.ready, run.stderr).toBe(true);
        expect(attached).toBeGreaterThan(0); // something was there to leak
        for (let i = 0; i < 30 && orphanedPrograms(before).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
        expect(orphanedPrograms(before)).toEqual([]);
        expect(perfLinksOf(pid)).toEqual([]);
        expect(probeLists()).toBe(lists);
      }, 120_000);
    }
  });
}
