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
import { reading, screen } from "../helpers/ink.ts";
import { waitUntil } from "../helpers/screen.ts";

const KEY = { down: "\u001B[B", up: "\u001B[A", enter: "\r", esc: "\u001B", tab: "\t" };
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

/** The app with its list up and listening for keys. */
async function ready() {
  const s = setup();
  await screen(s.app, "Enter open");
  await reading(s.app);
  return s;
}

const until = (ok: () => boolean) => waitUntil(ok, "the store's state");

/** Types keys one write each; what they do is then awaited on the screen. */
function press(app: ReturnType<typeof render>, ...keys: string[]) {
  for (const k of keys) app.stdin.write(k);
}

const byNumber = (n: number) => lessons.find((l) => l.number === n)!;

const typed = (text: string) => text.split("");

describe("the app", () => {
  it("lists every lesson with its title and kind, and the progress", async () => {
    const { app } = setup();
    const frame = await screen(app, lessonTitle(byNumber(2)));
    expect(frame).toContain("exercise");
    expect(frame).toMatch(new RegExp(`0 of ${lessons.length} done`));
    app.unmount();
  });

  it("moves with the arrow keys and opens the selected lesson", async () => {
    const { app, store } = await ready();
    press(app, KEY.down, KEY.down, KEY.down, KEY.enter);
    const third = lessons[3]!;
    await screen(app, `${third.number}. ${lessonTitle(third)}`);
    expect(store.progress.current).toBe(third.id);
    press(app, KEY.esc);
    const list = await screen(app, "Enter open");
    // The list says where the learner left off.
    expect(list).toContain(`left off at ${third.number}. ${lessonTitle(third)}`);
    app.unmount();
  });

  it("switches to Japanese with l, and remembers it", async () => {
    const { app, store } = await ready();
    press(app, "l");
    const ja = await screen(app, lessonTitle(byNumber(2), "ja"));
    expect(ja).toContain("終了");
    expect(store.progress.lang).toBe("ja");
    press(app, "l");
    await screen(app, lessonTitle(byNumber(2), "en"));
    app.unmount();
  });

  it("applies a burst of commands written at once, one by one, in order", async () => {
    const { app, store } = await ready();
    app.stdin.write(":lang ja\r:lesson 2\r:hint\r");
    await screen(app, `2. ${lessonTitle(byNumber(2), "ja")}`);
    await until(() => store.progress.hintsUsed.sys_sync === 1);
    expect(store.progress.lang).toBe("ja");
    expect(store.progress.current).toBe("sys_sync");
    expect(store.progress.hintsUsed.sys_sync).toBe(1);
    app.unmount();
  });

  it("shows hints one level at a time and remembers how many were used", async () => {
    const { app, store } = await ready();
    press(app, ":", ...typed("lesson 2"), KEY.enter);
    const prose = await screen(app, "2. sys_sync");
    expect(prose).not.toContain("Hint 1 of");
    press(app, "h");
    await until(() => store.progress.hintsUsed.sys_sync === 1);
    press(app, "h");
    await until(() => store.progress.hintsUsed.sys_sync === 2);
    // The hints sit below the prose: scroll to the end to see them.
    for (let i = 0; i < 400; i++) app.stdin.write(KEY.down);
    await screen(app, "Hint 2 of 3");
    app.unmount();
  });

  it("asks before resetting an exercise, and keeps the old file as a backup", async () => {
    const { app, workspace } = await ready();
    press(app, ":", ...typed("lesson 2"), KEY.enter);
    await screen(app, "2. sys_sync");
    const file = path.join(workspace, "02-sys_sync.ts");
    expect(fs.existsSync(file)).toBe(true); // created from the starter on first open
    fs.writeFileSync(file, "// my work\n");
    press(app, "x");
    await screen(app, /Reset .* to the starter\?/);
    press(app, "n");
    await screen(app, (f) => !/Reset .* to the starter\?/.test(f));
    expect(fs.readFileSync(file, "utf8")).toBe("// my work\n");
    press(app, "x", "y");
    await screen(app, "reset; your previous file is");
    expect(fs.readFileSync(file, "utf8")).toContain("TODO");
    const backups = fs.readdirSync(workspace).filter((f) => f.endsWith(".bak"));
    expect(backups).toHaveLength(1);
    expect(fs.readFileSync(path.join(workspace, backups[0]!), "utf8")).toBe("// my work\n");
    app.unmount();
  });

  it("hides the answer and its walk-through until asked, then asks before showing it", async () => {
    const { app, store } = await ready();
    press(app, ":", ...typed("lesson 2"), KEY.enter);
    await screen(app, "2. sys_sync");
    press(app, KEY.tab);
    expect(await screen(app, "your file:")).not.toContain("reference answer: answers/");
    for (let i = 0; i < 200; i++) app.stdin.write(KEY.down);
    expect(await screen(app, "The reference answer is shown once the exercise passes")).not.toContain("reference answer: answers/");
    press(app, "a");
    await screen(app, "Show the reference answer before passing?");
    press(app, "y");
    await screen(app, "reference answer: answers/02-sys_sync.ts");
    expect(store.progress.solutionsSeen).toContain("sys_sync");
    app.unmount();
  });

  it("shows an example's C as the running variant, and both variants side by side with v", async () => {
    const { app } = await ready();
    press(app, ":", ...typed("lesson 4"), KEY.enter);
    await screen(app, "4. sync_timing");
    press(app, KEY.tab);
    await screen(app, "the C of the variant that runs here");
    press(app, "v");
    const both = await screen(app, "side by side");
    expect(both).toMatch(/original +│ portable/);
    expect(both).toMatch(/int do_trace\(struct pt_regs \*ctx\) \{ +│ TRACEPOINT_PROBE\(syscalls, sys_enter_sync\)/);
    app.unmount();
  });

  it("keeps an exercise's variants' C hidden until the answer may be shown", async () => {
    const { app } = await ready();
    press(app, ":", ...typed("lesson 5"), KEY.enter);
    await screen(app, "5. sync_count");
    press(app, "v");
    const hidden = await screen(app, "side by side");
    expect(hidden).toContain("part of the reference answer");
    expect(hidden).not.toContain("lookup_or_try_init");
    app.unmount();
  });

  it("completes command names with Tab and says when a command is unknown", async () => {
    const { app } = await ready();
    press(app, ":", "l", "a", KEY.tab);
    await screen(app, ":lang ");
    press(app, KEY.esc);
    await screen(app, (f) => !f.includes(":lang "));
    press(app, ":", "z", "z", KEY.enter);
    await screen(app, "unknown command :zz");
    app.unmount();
  });
});

describe("check results", () => {
  const lesson = () => byNumber(2);
  it("says each expectation in words, and points a compile error at the learner's line", () => {
    const { lastFrame } = render(
      <CheckView
        width={100}
        lesson={byNumber(5)}
        state={{
          status: "done",
          outcome: {
            lesson: "sync_count", file: "/w/05-sync_count.ts", variant: "portable", status: "failed", durationMs: 10,
            compileError: { file: "/w/05-sync_count.ts", line: 17, column: 9, message: "use of undeclared identifier 'x'" },
            expectations: [
              { id: "helpers", passed: true, text: "its BPF program calls bpf_map_update_elem" },
              { id: "runs", passed: false, text: "the program compiles", reason: "the BPF program does not compile: /w/05-sync_count.ts:17:9: use of undeclared identifier 'x'" },
            ],
          },
        }}
      />,
    );
    const f = lastFrame()!;
    expect(f).toContain("Not yet");
    expect(f).toContain("compile error at /w/05-sync_count.ts:17:9");
    expect(f).toContain("✓ its BPF program calls bpf_map_update_elem");
    expect(f).toContain("✗ the program compiles");
    expect(f).toContain("the BPF program does not compile");
    expect(f).not.toContain("helpers");
  });

  it("on a failure shows the learner's output with unmatched lines marked, an expected line, and no pattern", () => {
    const l = lesson();
    const example = "sync-4242 [001] ...21 1234.56: bpf_trace_printk: sys_sync() called";
    const { lastFrame } = render(
      <CheckView
        width={100}
        lesson={l}
        state={{
          status: "done",
          outcome: {
            lesson: l.id, file: "/w/02-sys_sync.ts", variant: "portable", status: "failed", durationMs: 10,
            expectations: [{ id: "lines-match-workload", passed: false, text: "It prints one line per sync.", reason: "the workload ran sync 3 times; your program printed 0 such lines" }],
            run: { stdout: "my own marker line\n", stderr: "", exitCode: 0, exitSignal: null, truncated: false },
            output: [{ text: "my own marker line", ok: false }],
            example,
          },
        }}
      />,
    );
    const f = lastFrame()!;
    expect(f).toContain("✗ my own marker line");
    expect(f).toContain(example);
    expect(f).toContain("✗ It prints one line per sync.");
    expect(f).not.toContain("lines-match-workload");
  });

  it("renders the checker's own sentences, its judged output and the hint that helps (contract section 3)", () => {
    const { lastFrame } = render(
      <CheckView
        width={100}
        lesson={byNumber(5)}
        state={{
          status: "done",
          outcome: {
            lesson: "sync_count", file: "/w/05-sync_count.ts", variant: "portable", status: "failed", durationMs: 10,
            expectations: [
              { id: "attach", passed: true, text: "It attaches to the sync system call." },
              { id: "values", passed: false, text: "The counts grow by one per sync.", reason: "went from 3 to 5 between two lines", hint: 2 },
            ],
            output: [
              { text: "At time 0.00 s: multiple syncs detected, last 95 ms ago, count 3", ok: true },
              { text: "count is five now", ok: false },
            ],
            example: "At time 0.10 s: multiple syncs detected, last 96 ms ago, count 4",
          },
        }}
      />,
    );
    const f = lastFrame()!;
    expect(f).toContain("✓ It attaches to the sync system call.");
    expect(f).toContain("✗ The counts grow by one per sync.");
    expect(f).toContain("went from 3 to 5");
    expect(f).toContain("✗ count is five now");
    expect(f).toMatch(/^ {2}At time 0\.00 s/m);
    expect(f).toContain("At time 0.10 s: multiple syncs detected, last 96 ms ago, count 4");
    expect(f).toContain("Hint 2 helps here");
    expect(f).not.toMatch(/\b(attach|values)\b(?! to)/);
  });
});
