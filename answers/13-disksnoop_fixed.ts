// Lesson 13, disksnoop_fixed (exercise): lesson 6's disk I/O snoop on the
// block layer's tracepoints, naming the process that issued each request.
//
// Run it: npx tsx answers/13-disksnoop_fixed.ts   (then make some disk I/O,
// e.g. dd if=/dev/zero of=f bs=4k count=4 oflag=direct; Ctrl-C to end)
import { BPF, escapeTerminal, type PerfEventArray } from "bcc-tutor";
import lesson from "../lessons/13-disksnoop_fixed.ts";

// The C program is kept with the lesson (lessons/13-disksnoop_fixed.ts).
// Where the request starts (queued at block_rq_insert, else issued at
// block_rq_issue) it stores, under the request's (device, sector), the
// process on the CPU (PID and name), and at issue the time; at
// block_rq_complete it sends one struct data_t per request to the perf
// buffer named events: times, latency, PID, name, size and operation.
const text = lesson.c.original;

// One event as it arrives here: u64 → bigint, u32 → number, char[] → string.
interface Data {
  ts: bigint;
  delta_us: bigint;
  pid: number;
  bytes: number;
  comm: string;
  op: string;
}

const b = await BPF.create({ text });
// (both TRACEPOINT_PROBEs attached themselves)

console.log(`${"TIME(s)".padEnd(18)} ${"COMM".padEnd(16)} ${"PID".padEnd(6)} ${"T".padEnd(2)} ${"BYTES".padEnd(7)} ${"LAT(ms)".padStart(8)}`);

b.table<PerfEventArray<Data>>("events").openPerfBuffer((event) => {
  const time = (Number(event.ts) / 1e9).toFixed(6);
  const ms = (Number(event.delta_us) / 1000).toFixed(2);
  // comm is whatever name the process gave itself: print it as data
  const comm = escapeTerminal(event.comm, { keepNewlines: false });
  console.log(`${time.padEnd(18)} ${comm.padEnd(16)} ${String(event.pid).padEnd(6)} ${event.op.padEnd(2)} ${String(event.bytes).padEnd(7)} ${ms.padStart(8)}`);
});

// Ctrl-C ends the program (the binding detaches the probes first).
for (;;) await b.perfBufferPoll();
