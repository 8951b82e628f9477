// Benchmark 3: compile + load + attach latency of a lesson-sized program
// (bench/c/lesson.c: a kernel header, three maps, two tracepoints), i.e.
// `await BPF.create({ text })`; and, in separate runs, the event loop's worst
// lag during the create, probed by a 1 ms setInterval (the probe's own
// wake-ups are kept out of the timed runs), with a control: the same probe's
// worst lag over as long again with nothing running.
//
// bench/run.ts drives it with --serve: after one warm-up compile it prints
// READY, then does one timed create per "run" line on stdin, or one probed
// create per "lag" line (printing `RUN {json}`), so the node and python runs
// alternate one by one. Alone: compile-latency.ts [--runs=R]
import readline from "node:readline";
import { BPF } from "../src/index.ts";
import { arg, median, program, report } from "./common.ts";

const text = program("lesson");

/** A 1 ms interval that records the largest gap beyond 1 ms between its ticks. */
function lagProbe(): { stop(): number } {
  let last = performance.now();
  let lag = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    lag = Math.max(lag, now - last - 1);
    last = now;
  }, 1);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(lag, performance.now() - last - 1);
    },
  };
}

async function create(): Promise<number> {
  const t0 = performance.now();
  const b = await BPF.create({ text });
  const ms = performance.now() - t0;
  const probes = b.numOpenProbes;
  b.close(); // outside the timed window (closing tracepoints is slow in the kernel, on both sides)
  if (probes !== 2) throw new Error(`expected 2 probes attached, got ${probes}`);
  return ms;
}

async function probed(): Promise<{ lagMs: number; idleLagMs: number; ms: number }> {
  const warmProbe = lagProbe();
  await new Promise((r) => setTimeout(r, 5));
  warmProbe.stop();
  const p = lagProbe();
  const t0 = performance.now();
  const b = await BPF.create({ text });
  const ms = performance.now() - t0;
  // A tick due during the last synchronous stretch (load + attach) runs now.
  await new Promise((r) => setImmediate(r));
  const lagMs = p.stop();
  b.close();
  // Control: the same probe for as long again, with nothing running.
  const idle = lagProbe();
  await new Promise((r) => setTimeout(r, ms));
  return { lagMs, idleLagMs: idle.stop(), ms };
}

await create(); // warm-up: cold header cache, LLVM set-up
const times: number[] = [];
const lags: Array<{ lagMs: number; idleLagMs: number; ms: number }> = [];

if (process.argv.includes("--serve")) {
  process.stdout.write("READY\n");
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const cmd = line.trim();
    if (cmd === "end") break;
    if (cmd === "lag") {
      const r = await probed();
      lags.push(r);
      process.stdout.write(`RUN ${JSON.stringify(r)}\n`);
    } else {
      const ms = await create();
      times.push(ms);
      process.stdout.write(`RUN ${JSON.stringify({ ms })}\n`);
    }
  }
} else {
  for (let i = 0; i < arg("runs", 5); i++) times.push(await create());
  for (let i = 0; i < arg("runs", 5); i++) lags.push(await probed());
}
report({
  runs: times.length, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times),
  lagRuns: lags.length, worstLagMs: Math.max(...lags.map((l) => l.lagMs)), medianLagMs: median(lags.map((l) => l.lagMs)),
  worstIdleLagMs: Math.max(...lags.map((l) => l.idleLagMs)), probedMedianMs: median(lags.map((l) => l.ms)),
});
process.exit(0);
