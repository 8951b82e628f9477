// Lesson 8, sync_perf_output (exercise): lesson 4's quick-sync detector,
// sending its events through a perf buffer instead of bpf_trace_printk.
//
// Run it: npx tsx answers/08-sync_perf_output.ts   (then run `sync` a few
// times quickly in another terminal; Ctrl-C to end)
import { BPF, lessonVariant, type PerfEventArray } from "bcc-tutor";

// As in lesson 4: a kprobe on the sync syscall (__x64_sys_sync), or its
// tracepoint on kernels without kprobes. The tracepoint function is spelled
// out instead of TRACEPOINT_PROBE (which would name its context "args"), so
// that both variants call their context ctx; the tracepoint__ prefix still
// makes it attach by itself.
const variant = lessonVariant();
const probe =
  variant === "original"
    ? "int do_trace(struct pt_regs *ctx)"
    : "int tracepoint__syscalls__sys_enter_sync(void *ctx)";

const text = `
#include <uapi/linux/ptrace.h>

// one event: when the quick sync happened, and how long after the last one
struct data_t {
    u64 ts;
    u64 delta_ms;
};
BPF_PERF_OUTPUT(events);
BPF_HASH(last);

${probe} {
    u64 ts, *tsp, delta, key = 0;

    // attempt to read the stored timestamp
    tsp = last.lookup(&key);
    if (tsp != NULL) {
        delta = bpf_ktime_get_ns() - *tsp;
        if (delta < 1000000000) {
            // less than 1 second: send an event to user space
            struct data_t data = {};
            data.ts = bpf_ktime_get_ns();
            data.delta_ms = delta / 1000000;
            events.perf_submit(ctx, &data, sizeof(data));
        }
        last.delete(&key);
    }

    // update the stored timestamp
    ts = bpf_ktime_get_ns();
    last.update(&key, &ts);
    return 0;
}
`;

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
