// The app's flows, rendered with ink-testing-library: navigation, opening
// a lesson, language switch, hint levels, reset confirmation, and how a
// check result is shown.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import React from "react";
import { render } from "ink-testing-library";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { App } from "../../src/app/App.tsx";
import { CheckView } from "../../src/app/components/CheckView.tsx";
import { loadLessons } from "../../src/lesson/registry.ts";
import { ProgressStore } from "../../src/state/progress.ts";
import { setLang } from "../../src/i18n/index.ts";
import type { Lesson } from "../../src/lesson/schema.ts";
import { lessonTitle } from "../../src/lesson/text.ts";

const KEY = { down: "\u001B[B", up: "\u001B[A", enter: "\r", esc: "\u001B", tab: "\t" };
const tick = (ms = 60) => new Promise((r) => setTimeout(r, ms));

let lessons: Lesson[];
beforeAll(async () => {
  lessons = (await loadLessons()).lessons;
});
afterEach(() => setLang("en"));

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-app-"));
  const store = new ProgressStore(path.join(dir, "state"));
  store.load();
  const workspace = path.join(dir, "workspace");
  const app = render(<App lessons={lessons} store={store} workspace={workspace} />);
  return { app, store, workspace };
}

async function press(app: ReturnType<typeof render>, ...keys: string[]) {
  for (const k of keys) {
    app.stdin.write(k);
    await tick();
  }
}

const byNumber = (n: number) => lessons.find((l) => l.number === n)!;

describe("the app", () => {
  it("lists every lesson with its title and kind", async () => {
    const { app } = setup();
    await tick();
    const frame = app.lastFrame()!;
    expect(frame).toContain(lessonTitle(byNumber(2)));
    expect(frame).toContain("exercise");
    app.unmount();
  });

  it("moves with the arrow keys and opens the selected lesson", async () => {
    const { app, store } = setup();
    await tick();
    await press(app, KEY.down, KEY.down, KEY.down, KEY.enter);
    const third = lessons[3]!;
    expect(app.lastFrame()).toContain(`${third.number}. ${lessonTitle(third)}`);
    expect(store.progress.current).toBe(third.id);
    await press(app, KEY.esc);
    expect(app.lastFrame()).toContain("Enter open");
    app.unmount();
  });

  it("switches to Japanese with l, and remembers it", async () => {
    const { app, store } = setup();
    await tick();
    await press(app, "l");
    expect(app.lastFrame()).toContain(lessonTitle(byNumber(2), "ja"));
    expect(app.lastFrame()).toContain("終了");
    expect(store.progress.lang).toBe("ja");
    await press(app, "l");
    expect(app.lastFrame()).toContain(lessonTitle(byNumber(2), "en"));
    app.unmount();
  });

  it("shows hints one level at a time and remembers how many were used", async () => {
    const { app, store } = setup();
    await tick();
    await press(app, ":", ..."lesson 2".split(""), KEY.enter);
    expect(app.lastFrame()).not.toContain("Hint 1 of");
    await press(app, "h");
    expect(store.progress.hintsUsed.sys_sync).toBe(1);
    await press(app, "h");
    expect(store.progress.hintsUsed.sys_sync).toBe(2);
    // The hints sit below the prose: scroll to the end to see them.
    for (let i = 0; i < 400; i++) app.stdin.write(KEY.down);
    await tick(100);
    expect(app.lastFrame()).toContain("Hint 2 of 3");
    app.unmount();
  });

  it("asks before resetting an exercise, and keeps the old file as a backup", async () => {
    const { app, workspace } = setup();
    await tick();
    await press(app, ":", ..."lesson 2".split(""), KEY.enter);
    const file = path.join(workspace, "02-sys_sync.ts");
    expect(fs.existsSync(file)).toBe(true); // created from the starter on first open
    fs.writeFileSync(file, "// my work\n");
    await press(app, "x");
    expect(app.lastFrame()).toMatch(/Reset .* to the starter\?/);
    await press(app, "n");
    expect(fs.readFileSync(file, "utf8")).toBe("// my work\n");
    await press(app, "x", "y");
    expect(fs.readFileSync(file, "utf8")).toContain("TODO");
    const backups = fs.readdirSync(workspace).filter((f) => f.endsWith(".bak"));
    expect(backups).toHaveLength(1);
    expect(fs.readFileSync(path.join(workspace, backups[0]!), "utf8")).toBe("// my work\n");
    app.unmount();
  });

  it("asks before showing a solution the learner has not earned", async () => {
    const { app, store } = setup();
    await tick();
    await press(app, ":", ..."lesson 2".split(""), KEY.enter, "a");
    expect(app.lastFrame()).toContain("Show the reference answer before passing?");
    await press(app, "y");
    expect(app.lastFrame()).toContain("reference answer: answers/02-sys_sync.ts");
    expect(store.progress.solutionsSeen).toContain("sys_sync");
    app.unmount();
  });

  it("completes command names with Tab and says when a command is unknown", async () => {
    const { app } = setup();
    await tick();
    await press(app, ":", "l", "a", KEY.tab);
    expect(app.lastFrame()).toContain(":lang ");
    await press(app, KEY.esc, ":", "z", "z", KEY.enter);
    expect(app.lastFrame()).toContain("unknown command :zz");
    app.unmount();
  });
});

describe("check results", () => {
  it("lists each expectation, and points a compile error at the learner's line", () => {
    const { lastFrame } = render(
      <CheckView width={100}
        state={{
          status: "done",
          outcome: {
            lesson: "sync_count", file: "/w/05-sync_count.ts", variant: "portable", status: "failed", durationMs: 10,
            compileError: { file: "/w/05-sync_count.ts", line: 17, column: 9, message: "use of undeclared identifier 'x'" },
            expectations: [
              { id: "source:second-key", passed: true },
              { id: "runs", passed: false, reason: "the BPF program does not compile: /w/05-sync_count.ts:17:9: use of undeclared identifier 'x'" },
            ],
          },
        }}
      />,
    );
    const f = lastFrame()!;
    expect(f).toContain("Not yet");
    expect(f).toContain("compile error at /w/05-sync_count.ts:17:9");
    expect(f).toContain("✓ source:second-key");
    expect(f).toContain("✗ the BPF program does not compile");
  });
});
