// Exercise 8: sync_perf_output
//
// Rewrite lesson 4 (sync_timing) so that its events reach user space
// through BPF_PERF_OUTPUT instead of bpf_trace_printk. The output stays
// the same:
//
//   Tracing for quick sync's... Ctrl-C to end
//   At time 0.00 s: multiple syncs detected, last 95 ms ago
//
// Test it: run `sync` a few times quickly in another terminal.
// Check it: `bcc-tutor check 8`.
import { BPF, lessonVariant } from "bcc-tutor";

// lessonVariant() says whether this kernel has kprobes ("original") or
// not ("portable": the syscalls:sys_enter_sync tracepoint instead).
const variant = lessonVariant();
const probe =
  variant === "original"
    ? "int do_trace(struct pt_regs *ctx)"
    : "TRACEPOINT_PROBE(syscalls, sys_enter_sync)";

const text = `
#include <uapi/linux/ptrace.h>

// TODO: declare a struct for one event (a timestamp and the delta in ms)
// TODO: and a perf output channel for it with BPF_PERF_OUTPUT(...)

BPF_HASH(last);

${probe} {
    u64 ts, *tsp, delta, key = 0;

    // attempt to read the stored timestamp
    tsp = last.lookup(&key);
    if (tsp != NULL) {
        delta = bpf_ktime_get_ns() - *tsp;
        if (delta < 1000000000) {
            // TODO: fill an event and send it with perf_submit()
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

// TODO: open the perf buffer of your channel with a callback that prints
// "At time N.NN s: multiple syncs detected, last N ms ago" for each event
// (time in seconds from the first event).

// TODO: wait for events in a loop with b.perfBufferPoll().
