// Exercise 5: sync_count
//
// This is lesson 4's program. Change it so that it also counts every sync
// (quick or slow), keeps that count in the BPF hash under a second key, and
// prints it at the end of each line:
//
//   At time 0.12 s: multiple syncs detected, last 95 ms ago, count 3
//
// The count must grow by one per sync: the first sync of the run is count 1
// (it is not printed, as nothing came before it), so the first printed line
// says count 2.
//
// Test it: run `sync;sync;sync` in another terminal. Check it: `bcc-tutor check 5`.
import { BPF, lessonVariant } from "bcc-tutor";

const variant = lessonVariant();
const probe =
  variant === "original"
    ? "int do_trace(struct pt_regs *ctx)"
    : "TRACEPOINT_PROBE(syscalls, sys_enter_sync)";

const text = `
#include <uapi/linux/ptrace.h>

BPF_HASH(last);

${probe} {
    u64 ts, *tsp, delta, key = 0;
    // TODO: a second key for the count (key 0 already holds the timestamp)

    // TODO: add one to the count stored under that key, on every sync;
    //       the first sync finds no entry yet, so create it with 0

    // attempt to read the stored timestamp
    tsp = last.lookup(&key);
    if (tsp != NULL) {
        delta = bpf_ktime_get_ns() - *tsp;
        if (delta < 1000000000) {
            // output if time is less than 1 second
            // TODO: print the count too (bpf_trace_printk takes up to 3 arguments)
            bpf_trace_printk("%d\\n", delta / 1000000);
        }
        last.delete(&key);
    }

    // update the stored timestamp
    ts = bpf_ktime_get_ns();
    last.update(&key, &ts);
    return 0;
}
`;

const b = new BPF({ text });
await b.ready;
if (variant === "original") b.attachKprobe({ event: BPF.getSyscallFnname("sync"), fnName: "do_trace" });

console.log("Tracing for quick sync's... Ctrl-C to end");

let start = 0;
for await (const { ts, msg } of b.traceFields()) {
  if (start === 0) start = ts;
  // TODO: msg now holds two numbers: split it, and add ", count N" to the line.
  console.log(`At time ${(ts - start).toFixed(2)} s: multiple syncs detected, last ${msg} ms ago`);
}
