// Benchmark 1: perf-buffer consumer capacity with full decode.
// One round: the rings are filled (a gated getpid workload, the event loop
// blocked so nothing reads them), then one consume() is timed: events/s
// decoded into JS objects { pid, ts, comm }. The python twin times
// perf_buffer_consume() with event() per event.
//
// bench/run.ts drives it with --serve (READY, then one round per "run" line
// on stdin, printing `RUN {json}`) so node and python rounds alternate.
// With --ring the same rounds go through a BPF ring buffer instead.
// Alone: perf-capacity.ts [--ring] [--events=N] [--rounds=R]
import readline from "node:readline";
import { BPF, type ArrayTable, type PerfEventArray, type RingBuf } from "../src/index.ts";
import { arg, gatedGetpidLoop, getpidLoop, median, program, report, ringProgram } from "./common.ts";

type Ev = { pid: number; ts: bigint; comm: string };

const N = arg("events", 250_000);
// 4096 pages = 16 MiB a CPU = 349k 48-byte records: all N fit even if the
// workload never leaves one CPU.
// The ring buffer variant: one 16 MiB ring shared by the CPUs.
const PAGES = 4096;
const RING = process.argv.includes("--ring");

const bin = await getpidLoop();
const b = await BPF.create({ text: RING ? ringProgram(PAGES) : program("event") });
const target = b.table<ArrayTable<number>>("target");
const submitted = b.table<ArrayTable<bigint>>("submitted");
const events = RING ? b.table<RingBuf<Ev>>("events") : b.table<PerfEventArray<Ev>>("events");
const lost = () => ("lost" in events ? events.lost : 0);

// The callback uses each decoded object (a field compare) and drops it, as a
// consumer that filters or aggregates does; the last one is kept to check.
let got = 0;
let otherPid = 0;
let pid = 0;
let last: Ev | undefined;
const onEvent = (e: Ev) => { got++; if (e.pid !== pid) otherPid++; last = e; };
if ("openPerfBuffer" in events) events.openPerfBuffer(onEvent, { pageCnt: PAGES });
else events.openRingBuffer(onEvent);

async function round(): Promise<number> {
  events.consume(); // nothing should be there
  got = 0;
  submitted.set(0, 0n);
  const load = gatedGetpidLoop(bin, N);
  pid = load.pid;
  target.set(0, load.pid);
  // From go() to the timed consume() the event loop is blocked: no watcher or
  // timer can read the rings early.
  load.go();
  load.waitSync();
  target.set(0, 0);
  const sent = Number(submitted.get(0));
  const lostBefore = lost();
  const t0 = process.hrtime.bigint();
  const n = events.consume();
  const t1 = process.hrtime.bigint();
  if (lost() !== lostBefore || n !== sent || got !== N || sent !== N) throw new Error(`submitted ${sent} of ${N}, consumed ${n}, lost ${lost() - lostBefore}: the rings were not big enough`);
  if (otherPid || last?.pid !== load.pid || last.comm !== "getpid-loop" || typeof last.ts !== "bigint") throw new Error(`bad decode: ${JSON.stringify(last, (_, v) => (typeof v === "bigint" ? String(v) : v))}`);
  await load.exited;
  return n / (Number(t1 - t0) / 1e9);
}

await round(); // warm-up: lets V8 optimise the decode path before anything is timed
const rates: number[] = [];
if (process.argv.includes("--serve")) {
  process.stdout.write("READY\n");
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line.trim() === "end") break;
    const rate = await round();
    rates.push(rate);
    process.stdout.write(`RUN ${JSON.stringify({ eventsPerSec: rate })}\n`);
  }
} else {
  for (let r = 0; r < arg("rounds", 5); r++) rates.push(await round());
}
b.close();
report({ events: N, rounds: rates.length, eventsPerSec: median(rates), best: Math.max(...rates), worst: Math.min(...rates) });
process.exit(0);
