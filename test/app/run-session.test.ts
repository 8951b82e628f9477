// The run pane's session with a real child: a crashing program's stack is
// summed up in one note (as `run` does), and what it printed before stays.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLessonModules, findLesson } from "../../src/lesson/registry.ts";
import { RunSession } from "../../src/app/run-session.ts";
import type { Action } from "../../src/app/state/app-state.ts";

describe("RunSession", () => {
  it("shows a crash as its gist, not its stack, and keeps the program's own lines", async () => {
    const { lessons } = await loadLessonModules();
    const lesson = findLesson(lessons, "2")!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "run-session-"));
    const file = path.join(dir, "crash.ts");
    const marker = `marker-${process.pid}`;
    fs.writeFileSync(file, `console.log(${JSON.stringify(marker)});\nfunction deep() { throw new Error("boom in the learner's code"); }\ndeep();\n`);
    let ended: () => void = () => {};
    const done = new Promise<void>((resolve) => (ended = resolve));
    const actions: Action[] = [];
    const s = new RunSession((a) => {
      actions.push(a);
      if (a.type === "run/done") ended();
    });
    s.start(lesson, file, "portable", "mine", false);
    try {
      await done;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const lines = s.scrollback.tail(200);
    expect(lines).toContain(marker);
    const notes = lines.filter((l) => l.startsWith("! "));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain("boom in the learner's code");
    expect(lines.filter((l) => /^\s+at /.test(l))).toEqual([]);
    expect(actions.at(-1)).toMatchObject({ type: "run/done" });
  });
});
