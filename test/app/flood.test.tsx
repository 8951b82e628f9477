// Under a program printing as fast as it can, the run pane still answers
// keys, lets old lines go, stays bounded in memory, and shows the
// program's escape sequences escaped. How fast it answers and how much it
// grows are measured by bench/app-flood.tsx; here only what cannot flake.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import React from "react";
import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { App } from "../../src/app/App.tsx";
import { ProgressStore } from "../../src/state/progress.ts";
import { droppedOnScreen, floodLesson } from "../fixtures/flood-lesson.ts";
import { reading, screen } from "../helpers/ink.ts";

/** Lines through the pane before memory is compared: kept, they would take far more than the bound below. */
const FLOODED = 3_000_000;

describe("run pane under a flood", () => {
  it("still answers keys, with memory bounded", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-flood-"));
    const store = new ProgressStore(path.join(dir, "state"));
    store.load();
    const app = render(<App lessons={[floodLesson]} store={store} workspace={path.join(dir, "ws")} />);
    await screen(app, "Enter open");
    await reading(app);
    app.stdin.write("\r"); // open the lesson, then run it: keys are applied in order
    app.stdin.write("r");
    await screen(app, /flood line \d+/, 60_000);
    const rssBefore = process.memoryUsage().rss;
    // Let it flood: the pane says how many lines it has let go.
    await screen(app, (f) => droppedOnScreen(f) >= FLOODED, 300_000);
    for (const shows of [/demo mode: on/, /demo mode: off/, /demo mode: on/]) {
      app.stdin.write("d");
      await screen(app, shows, 60_000);
    }
    const frame = app.lastFrame() ?? "";
    expect(frame).toContain("\\e]0;title\\x07"); // the program's escape, shown as text
    expect(frame).not.toContain("\x1b]0;");
    app.stdin.write("s");
    await screen(app, /finished/, 60_000);
    const rssAfter = process.memoryUsage().rss;
    app.unmount();
    // A generous bound (the bench sees some 30 MiB of growth) that still fails when every line is kept (388 MiB against 366).
    const mib = (x: number) => Math.round(x / 2 ** 20);
    expect(mib(rssAfter), `RSS ${mib(rssBefore)} -> ${mib(rssAfter)} MiB`).toBeLessThan(mib(rssBefore) * 2 + 100);
  }, 420_000);
});
