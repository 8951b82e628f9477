// Lesson 8, sync_perf_output (exercise): lesson 4's quick-sync detector,
// sending its events through a perf buffer instead of bpf_trace_printk.
//
// Run it: npx tsx answers/08-sync_perf_output.ts   (then run `sync` a few
// times quickly in another terminal; Ctrl-C to end)
import { BPF, lessonVariant, type PerfEventArray } from "bcc-tutor";
import lesson from "../lessons/08-sync_perf_output.ts";

// The C program is kept with the lesson (lessons/08-sync_perf_output.ts),
// one text per variant: lesson 4's quick-sync detector, which sends a
// struct data_t (ts, delta_ms) to the BPF_PERF_OUTPUT map named events
// instead of printing to trace_pipe. With kprobes, do_trace() is attached
// below to the sync syscall's kernel function; without, the function named
// tracepoint__syscalls__sys_enter_sync attaches itself to its tracepoint.
const variant = lessonVariant();
const text = lesson.c[variant];

// The struct as it arrives here: both u64 fields are bigints.
interface Data {
  ts: bigint;
  delta_ms: bigint;
}

const b = new BPF({ text });
await b.ready;
if (variant === "original") b.attachKprobe({ event: BPF.getSyscallFnname("sync"), fnName: "do_trace" });
// (the tracepoint function attached itself: its name starts with tracepoint__)

console.log("Tracing for quick sync's... Ctrl-C to end");

// Times count from the first event, in seconds; ts is in nanoseconds.
let start = 0n;
b.table<PerfEventArray<Data>>("events").openPerfBuffer((event) => {
  if (start === 0n) start = event.ts;
  const time = (Number(event.ts - start) / 1e9).toFixed(2);
  console.log(`At time ${time} s: multiple syncs detected, last ${event.delta_ms} ms ago`);
});

for (;;) await b.perfBufferPoll();
