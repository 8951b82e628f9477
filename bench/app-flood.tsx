// The app's run pane under a program printing as fast as it can
// (test/fixtures/flood.ts), rendered by ink-testing-library as in the app
// tests: how many lines a second go through the pane, how long a key takes
// to show its effect (the `d` toggle, ROUNDS times), and how much the
// process grows. test/app/flood.test.tsx keeps only what cannot flake.
//
//   flock /tmp/bcc-tutor-live.lock npx tsx bench/app-flood.tsx [--seconds=S] [--rounds=R]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import React from "react";
import { render } from "ink-testing-library";
import { App } from "../src/app/App.tsx";
import { ProgressStore } from "../src/state/progress.ts";
import { droppedOnScreen, floodLesson } from "../test/fixtures/flood-lesson.ts";
import { reading, screen } from "../test/helpers/ink.ts";
import { arg, median, report } from "./common.ts";

const SECONDS = arg("seconds", 10);
const ROUNDS = arg("rounds", 9);
const rssMib = () => process.memoryUsage().rss / 2 ** 20;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-flood-bench-"));
const store = new ProgressStore(path.join(dir, "state"));
store.load();
const app = render(<App lessons={[floodLesson]} store={store} workspace={path.join(dir, "ws")} />);
const frame = () => app.lastFrame() ?? "";
await screen(app, "Enter open");
await reading(app);
app.stdin.write("\r");
app.stdin.write("r");
await screen(app, /flood line \d+/, 60_000);
const rssBefore = rssMib();

// Lines through the pane: the dropped count it shows, over SECONDS of flood.
const t0 = performance.now();
const d0 = droppedOnScreen(frame());
await new Promise((r) => setTimeout(r, SECONDS * 1000));
const linesPerSec = (droppedOnScreen(frame()) - d0) / ((performance.now() - t0) / 1000);
const rssFlooded = rssMib();

// Key latency: from the write to the frame that shows the toggle.
const latencies: number[] = [];
let on = false;
for (let i = 0; i < ROUNDS; i++) {
  on = !on;
  const shows = on ? /demo mode: on/ : /demo mode: off/;
  const k0 = performance.now();
  app.stdin.write("d");
  await screen(app, shows, 60_000);
  latencies.push(performance.now() - k0);
}

app.stdin.write("s");
await screen(app, /finished/, 60_000);
const rssAfter = rssMib();
app.unmount();

const r = (x: number) => Math.round(x * 10) / 10;
console.log(`flood: ${Math.round(linesPerSec)} lines/s through the pane; key median ${r(median(latencies))} ms, worst ${r(Math.max(...latencies))} ms (${ROUNDS} keys); RSS ${r(rssBefore)} -> ${r(rssFlooded)} MiB after ${SECONDS} s of flood, ${r(rssAfter)} MiB after the run ended`);
report({ linesPerSec: Math.round(linesPerSec), keyMedianMs: r(median(latencies)), keyWorstMs: r(Math.max(...latencies)), rssBeforeMib: r(rssBefore), rssFloodedMib: r(rssFlooded), rssAfterMib: r(rssAfter) });
process.exit(0);
