import { defineLesson } from "../src/lesson/schema.ts";

// As in lesson 4: a kprobe on the sync syscall (__x64_sys_sync), or its
// tracepoint on kernels without kprobes. The tracepoint function is spelled
// out instead of TRACEPOINT_PROBE (which would name its context "args"), so
// that both variants call their context ctx; the tracepoint__ prefix still
// makes it attach by itself.
const original = `
#include <uapi/linux/ptrace.h>

// one event: when the quick sync happened, and how long after the last one
struct data_t {
    u64 ts;
    u64 delta_ms;
};
BPF_PERF_OUTPUT(events);
BPF_HASH(last);

int do_trace(struct pt_regs *ctx) {
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

const portable = `
#include <uapi/linux/ptrace.h>

// one event: when the quick sync happened, and how long after the last one
struct data_t {
    u64 ts;
    u64 delta_ms;
};
BPF_PERF_OUTPUT(events);
BPF_HASH(last);

int tracepoint__syscalls__sys_enter_sync(void *ctx) {
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

export default defineLesson({
  id: "sync_perf_output",
  number: 8,
  kind: "exercise",
  answer: "answers/08-sync_perf_output.ts",
  c: { original, portable },
  variants: [
    { name: "original", probe: "kprobe __x64_sys_sync", needs: ["kprobe", "perf_buffer"] },
    { name: "portable", probe: "tracepoint syscalls:sys_enter_sync", needs: ["tracepoint:syscalls:sys_enter_sync", "perf_buffer"] },
  ],
  trigger: [{ kind: "exec", argv: ["sync"], times: 3, gapMs: 100 }],
  expect: {
    header: ["Tracing for quick sync's... Ctrl-C to end"],
    lines: [
      {
        pattern: "^At time \\d+\\.\\d\\d s: multiple syncs detected, last \\d+ ms ago$",
        example: "At time 0.12 s: multiple syncs detected, last 95 ms ago",
        min: 2,
      },
    ],
  },
  exercise: {
    starter: "lessons/starters/08-sync_perf_output.ts",
    sourceChecks: [
      { id: "perf-output", pattern: "BPF_PERF_OUTPUT\\s*\\(", must: true },
      { id: "perf-submit", pattern: "\\.perf_submit\\s*\\(", must: true },
      { id: "open-perf-buffer", pattern: "\\.openPerfBuffer\\s*\\(", must: true },
      { id: "no-trace-printk", pattern: "bpf_trace_printk", must: false },
    ],
    hints: 3,
  },
});
