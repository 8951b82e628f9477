// Lesson 13, disksnoop_fixed (exercise): lesson 6's disk I/O snoop, on the
// block layer's tracepoints instead of kprobes on kernel functions.
//
// Run it: npx tsx answers/13-disksnoop_fixed.ts   (then make some disk I/O,
// e.g. dd if=/dev/zero of=f bs=4k count=4 oflag=direct; Ctrl-C to end)
import { BPF, type PerfEventArray } from "bcc-tutor";
import lesson from "../lessons/13-disksnoop_fixed.ts";

// The C program is kept with the lesson (lessons/13-disksnoop_fixed.ts).
const text = lesson.c.original;

// One event as it arrives here: u64 → bigint, u32 → number, char[2] → string.
interface Data {
  ts: bigint;
  delta_us: bigint;
  bytes: number;
  op: string;
}

const b = await BPF.create({ text });
// (both TRACEPOINT_PROBEs attached themselves)

console.log(`${"TIME(s)".padEnd(18)} ${"T".padEnd(2)} ${"BYTES".padEnd(7)} ${"LAT(ms)".padStart(8)}`);

b.table<PerfEventArray<Data>>("events").openPerfBuffer((event) => {
  const time = (Number(event.ts) / 1e9).toFixed(6);
  const ms = (Number(event.delta_us) / 1000).toFixed(2);
  console.log(`${time.padEnd(18)} ${event.op.padEnd(2)} ${String(event.bytes).padEnd(7)} ${ms.padStart(8)}`);
});

// Ctrl-C ends the program (the binding detaches the probes first).
for (;;) await b.perfBufferPoll();
