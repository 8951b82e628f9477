// Benchmark 2: a live tracepoint storm. A child makes 1,000,000 getpid()
// calls as fast as it can; every one becomes a perf event that is read live
// (decoded, as every callback gets a decoded object) while the child runs.
// Counts delivered and lost, and the delivered rate from go() to the last
// event. Usage: storm.ts [--events=N] [--wakeup=W] [--pages=P]
import { BPF, type ArrayTable, type PerfEventArray } from "../src/index.ts";
import { arg, gatedGetpidLoop, getpidLoop, program, report } from "./common.ts";

type Ev = { pid: number; ts: bigint; comm: string };

const N = arg("events", 1_000_000);
const WAKEUP = arg("wakeup", 1);
const PAGES = arg("pages", 64);

const bin = await getpidLoop();
const b = await BPF.create({ text: program("event") });
const target = b.table<ArrayTable<number>>("target");
const submitted = b.table<ArrayTable<bigint>>("submitted");
const events = b.table<PerfEventArray<Ev>>("events");

let delivered = 0;
let lost = 0;
let badPid = 0;
const load = gatedGetpidLoop(bin, N);
events.openPerfBuffer((e) => { delivered++; if (e.pid !== load.pid) badPid++; }, {
  pageCnt: PAGES,
  wakeupEvents: WAKEUP,
  lostCallback: (n) => { lost += n; },
});
target.set(0, load.pid);
const t0 = process.hrtime.bigint();
load.go();
const code = await load.exited;
const tProduced = process.hrtime.bigint();
const sent = Number(submitted.get(0));
// What is still in the rings (below the wakeup threshold) is read now. The
// kernel reports a lost count only at the next write to that ring, so
// delivered + lost may stay below sent: stop when the rings stay empty.
for (let idle = 0; idle < 3 && delivered + lost < sent; ) {
  idle = events.consume() === 0 ? idle + 1 : 0;
  await new Promise((r) => setTimeout(r, 2));
}
const t1 = process.hrtime.bigint();
b.close();
if (code !== 0 || sent !== N || badPid) throw new Error(`workload exit ${code}, submitted ${sent} of ${N}, ${badPid} events of another pid`);
const secs = Number(t1 - t0) / 1e9;
report({
  events: N, wakeup: WAKEUP, pages: PAGES, delivered,
  // The truth is the BPF-side count; the kernel's lost records may lag it.
  lost: sent - delivered, lostReported: lost,
  deliveredPerSec: delivered / secs,
  producedPerSec: sent / (Number(tProduced - t0) / 1e9),
  seconds: secs,
});
