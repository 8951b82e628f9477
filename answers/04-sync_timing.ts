// Lesson 4, sync_timing: remember when sync() last ran in a BPF hash, and
// report two syncs that come less than a second apart.
//
// Run it: npx tsx answers/04-sync_timing.ts   (then run `sync` a few times
// quickly in another terminal; Ctrl-C to end)
import { BPF, lessonVariant } from "bcc-tutor";

// The tutorial attaches a kprobe to the sync syscall. Kernels without
// kprobes run the same body on the sys_enter_sync tracepoint instead.
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

    // attempt to read the stored timestamp
    tsp = last.lookup(&key);
    if (tsp != NULL) {
        delta = bpf_ktime_get_ns() - *tsp;
        if (delta < 1000000000) {
            // output if time is less than 1 second
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
// (the TRACEPOINT_PROBE attached itself: its name starts with tracepoint__)

console.log("Tracing for quick sync's... Ctrl-C to end");

// Each record is one bpf_trace_printk() call: its msg is the delta in ms.
let start = 0;
for await (const { ts, msg } of b.traceFields()) {
  if (start === 0) start = ts;
  console.log(`At time ${(ts - start).toFixed(2)} s: multiple syncs detected, last ${msg} ms ago`);
}
