// Under a program printing as fast as it can, the run pane keeps answering
// keys within a bounded time, its scrollback stays bounded, and escape
// sequences from the program are shown escaped.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import React from "react";
import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { App } from "../../src/app/App.tsx";
import { ProgressStore } from "../../src/state/progress.ts";
import { lessonSchema } from "../../src/lesson/schema.ts";

const flood = {
  ...lessonSchema.parse({
    id: "flood", number: 99, kind: "example", answer: "answers/99-flood.ts",
    variants: [{ name: "original", probe: "tracepoint syscalls:sys_enter_sync", needs: ["tracepoint:syscalls:sys_enter_sync"] }],
    // what test/fixtures/flood.ts compiles
    c: { original: "TRACEPOINT_PROBE(syscalls, sys_enter_sync) { return 0; }" },
  }),
  answer: "test/fixtures/flood.ts",
};

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(pred: () => boolean, ms: number): Promise<number> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await wait(10);
  }
  return Date.now() - start;
}

describe("run pane under a flood", () => {
  it("answers a key within a bounded time, with bounded memory", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-flood-"));
    const store = new ProgressStore(path.join(dir, "state"));
    store.load();
    const app = render(<App lessons={[flood]} store={store} workspace={path.join(dir, "ws")} />);
    await wait(100);
    app.stdin.write("\r");
    await wait(100);
    app.stdin.write("r");
    await until(() => /flood line \d+/.test(app.lastFrame() ?? ""), 60_000);
    const rssBefore = process.memoryUsage().rss;
    // Let it flood for a while, then measure how fast a key is answered.
    await wait(3000);
    const latencies: number[] = [];
    for (const [key, shows] of [["d", /demo mode: on/], ["d", /demo mode: off/], ["d", /demo mode: on/]] as const) {
      app.stdin.write(key);
      latencies.push(await until(() => shows.test(app.lastFrame() ?? ""), 5000));
    }
    const frame = app.lastFrame() ?? "";
    expect(frame).toContain("\\e]0;title\\x07"); // the program's escape, shown as text
    expect(frame).not.toContain("\x1b]0;");
    app.stdin.write("s");
    await until(() => /finished/.test(app.lastFrame() ?? ""), 10_000);
    const growthMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    app.unmount();
    // Bounds, not speed goals: a frozen loop would take seconds, a leak hundreds of MB.
    expect(Math.max(...latencies)).toBeLessThan(1500);
    expect(growthMb).toBeLessThan(300);
  }, 120_000);
});
