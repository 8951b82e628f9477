// Lesson 5, sync_count (exercise): lesson 4's quick-sync detector, which
// also counts every sync (quick or not) in the same BPF hash and prints the
// count with each quick sync.
//
// Run it: npx tsx answers/05-sync_count.ts   (then run `sync` a few times
// quickly in another terminal; Ctrl-C to end)
import { BPF, lessonVariant } from "bcc-tutor";
import lesson from "../lessons/05-sync_count.ts";

// The C program is kept with the lesson (lessons/05-sync_count.ts), one
// text per variant. One hash, two keys: 0 holds the time of the last sync
// (as in lesson 4), 1 the number of syncs seen since the program started.
// Each sync adds one to the count, then reports the gap and the count with
// bpf_trace_printk() when it came less than a second after the last one.
const variant = lessonVariant();
const text = lesson.c[variant];

const b = new BPF({ text });
await b.ready;
if (variant === "original") b.attachKprobe({ event: BPF.getSyscallFnname("sync"), fnName: "do_trace" });

console.log("Tracing for quick sync's... Ctrl-C to end");

let start = 0;
for await (const { ts, msg } of b.traceFields()) {
  // trace_pipe is shared by the whole machine: skip lines that are not ours.
  const fields = /^(\d+) (\d+)$/.exec(msg);
  if (!fields) continue;
  const [, ms, count] = fields;
  if (start === 0) start = ts;
  console.log(`At time ${(ts - start).toFixed(2)} s: multiple syncs detected, last ${ms} ms ago, count ${count}`);
}
