// Lesson 4, sync_timing: remember when sync() last ran in a BPF hash, and
// report two syncs that come less than a second apart.
//
// Run it: npx tsx answers/04-sync_timing.ts   (then run `sync` a few times
// quickly in another terminal; Ctrl-C to end)
import { BPF, lessonVariant } from "bcc-tutor";
import lesson from "../lessons/04-sync_timing.ts";

// The C program is kept with the lesson (lessons/04-sync_timing.ts), one
// text per variant. It keeps the time of the last sync in a BPF_HASH named
// last, under key 0: each sync looks the old time up, reports the gap in ms
// with bpf_trace_printk() when it is under a second, and stores the new time.
// The tutorial attaches it with a kprobe to the sync syscall; kernels
// without kprobes run the same body on the sys_enter_sync tracepoint.
const variant = lessonVariant();
const text = lesson.c[variant];

const b = new BPF({ text });
await b.ready;
if (variant === "original") b.attachKprobe({ event: BPF.getSyscallFnname("sync"), fnName: "do_trace" });
// (the TRACEPOINT_PROBE attached itself: its name starts with tracepoint__)

console.log("Tracing for quick sync's... Ctrl-C to end");

// Each record is one bpf_trace_printk() call: its msg is the delta in ms.
let start = 0;
for await (const { ts, msg } of b.traceFields()) {
  if (start === 0) start = ts;
  console.log(`At time ${(ts - start).toFixed(2)} s: multiple syncs detected, last ${msg} ms ago`);
}
