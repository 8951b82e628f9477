import { defineLesson } from "../src/lesson/schema.ts";

// The two variants differ in one line: the function's head. With kprobes,
// do_trace() is attached by the answer to the sync syscall's kernel
// function; without, TRACEPOINT_PROBE attaches itself to its tracepoint.
const original = `
#include <uapi/linux/ptrace.h>

BPF_HASH(last);

int do_trace(struct pt_regs *ctx) {
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

const portable = `
#include <uapi/linux/ptrace.h>

BPF_HASH(last);

TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
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

export default defineLesson({
  id: "sync_timing",
  number: 4,
  kind: "example",
  answer: "answers/04-sync_timing.ts",
  c: { original, portable },
  variants: [
    { name: "original", probe: "kprobe __x64_sys_sync", needs: ["kprobe"] },
    { name: "portable", probe: "tracepoint syscalls:sys_enter_sync", needs: ["tracepoint:syscalls:sys_enter_sync"] },
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
});
