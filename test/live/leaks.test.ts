// No lesson leaves anything in the kernel, however its program ends:
// normally, by SIGINT, SIGTERM, SIGKILL, or a learner's exception; for each
// variant this kernel runs (kprobe originals in the qemu guest; skipped by
// name here). While the program lives, what it attached is read from its
// fds; after it ends, the whole system is checked: every BPF program loaded
// meanwhile is gone whoever would hold it, no perf event or BPF link refers
// to one, and tracefs's probe lists are as before.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLessons, lessonStem } from "../../src/lesson/registry.ts";
import { runProgram } from "../../src/lesson/runner.ts";
import { runnable } from "../../src/lesson/variant.ts";
import { answerFile } from "../../src/lesson/workspace.ts";
import { bpfPrograms, linksOfPrograms, perfAttachmentsOfPrograms, perfLinksOf, survivingPrograms } from "../helpers/kernel-state.ts";
import { projectRoot } from "../helpers/fixtures.ts";

const { lessons } = await loadLessons();
const wrapper = path.join(projectRoot, "test", "fixtures", "end-after-ready.ts");
const probeLists = () =>
  ["/sys/kernel/tracing/uprobe_events", "/sys/kernel/tracing/kprobe_events"].map((f) => (fs.existsSync(f) ? fs.readFileSync(f, "utf8") : "")).join("\n");
const ids = () => new Set(bpfPrograms().map((p) => p.id));

type Ending = "exit" | "SIGINT" | "SIGTERM" | "SIGKILL" | "throw";
const ENDINGS: Ending[] = ["exit", "SIGINT", "SIGTERM", "SIGKILL", "throw"];
const endingName = (e: Ending) => (e === "exit" ? "a normal exit" : e === "throw" ? "a learner exception" : e);

for (const lesson of lessons.filter((l) => l.answer)) {
  for (const v of lesson.variants) {
    const title = `lesson ${lessonStem(lesson)} (${v.name} variant, ${v.needs.join(", ")}) leaves nothing behind`;
    if (!runnable(lesson, v.name)) {
      describe.skip(`${title}: cannot run on this kernel`, () => {
        for (const ending of ENDINGS) it(`after ${endingName(ending)}`, () => {});
      });
      continue;
    }
    describe(title, () => {
      for (const ending of ENDINGS) {
        it(`after ${endingName(ending)}`, async () => {
          const before = ids();
          const lists = probeLists();
          let pid = 0;
          const ac = new AbortController();
          const byWrapper = ending === "exit" || ending === "throw";
          if (byWrapper) {
            process.env.LEAK_ANSWER = answerFile(lesson)!;
            process.env.LEAK_ENDING = ending;
          }
          let links: ReturnType<typeof perfLinksOf> = [];
          let loaded: number[] = [];
          const run = await runProgram({
            lesson,
            file: byWrapper ? wrapper : answerFile(lesson)!,
            variant: v.name,
            trigger: false,
            autoStop: false,
            signal: ac.signal,
            onEvent: (e) => {
              if (e.type === "spawned") pid = e.pid;
              if (e.type === "phase" && e.phase === "ready") {
                // While it lives: its own perf events, and the programs loaded since.
                links = perfLinksOf(pid);
                loaded = bpfPrograms().filter((p) => !before.has(p.id)).map((p) => p.id);
                if (ending === "SIGINT") ac.abort();
                else process.kill(pid, byWrapper ? "SIGUSR2" : ending); // the wrapper ends itself on SIGUSR2
              }
            },
          });
          delete process.env.LEAK_ANSWER;
          delete process.env.LEAK_ENDING;
          expect(run.ready, run.stderr).toBe(true);
          expect(loaded.length).toBeGreaterThan(0); // something was there to leak
          if (v.name === "original" && v.needs.includes("kprobe")) expect(links.map((l) => l.fd_type).filter((t) => /^k(ret)?probe$/.test(t)).length).toBeGreaterThan(0);
          // After: the system as a whole (a dead process holds no fds to look at).
          for (let i = 0; i < 30 && survivingPrograms(before).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
          expect(survivingPrograms(before)).toEqual([]);
          expect(perfAttachmentsOfPrograms(loaded)).toEqual([]);
          expect(linksOfPrograms(loaded)).toEqual([]);
          expect(probeLists()).toBe(lists);
        }, 120_000);
      }
    });
  }
}
