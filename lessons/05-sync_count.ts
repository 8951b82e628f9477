import { defineLesson } from "../src/lesson/schema.ts";

// One hash, two keys: 0 holds the time of the last sync (as in lesson 4),
// 1 holds the number of syncs seen since the program started. The variants
// differ in the function's head only, as in lesson 4.
const original = `
#include <uapi/linux/ptrace.h>

BPF_HASH(last);

int do_trace(struct pt_regs *ctx) {
    u64 ts, *tsp, delta, key = 0;
    u64 count_key = 1, zero = 0, *count;

    // count every sync: the first one creates the entry with 0
    count = last.lookup_or_try_init(&count_key, &zero);
    if (count == NULL)
        return 0;
    // the pointer is the map's own value: adding to it updates the map
    // (atomically, in case two CPUs sync at once). last.increment(count_key)
    // would do both steps in one call, without handing back the pointer.
    lock_xadd(count, 1);

    // attempt to read the stored timestamp
    tsp = last.lookup(&key);
    if (tsp != NULL) {
        delta = bpf_ktime_get_ns() - *tsp;
        if (delta < 1000000000) {
            // output the delta in ms and the count, if less than 1 second
            bpf_trace_printk("%llu %llu\\n", delta / 1000000, *count);
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
    u64 count_key = 1, zero = 0, *count;

    // count every sync: the first one creates the entry with 0
    count = last.lookup_or_try_init(&count_key, &zero);
    if (count == NULL)
        return 0;
    // the pointer is the map's own value: adding to it updates the map
    // (atomically, in case two CPUs sync at once). last.increment(count_key)
    // would do both steps in one call, without handing back the pointer.
    lock_xadd(count, 1);

    // attempt to read the stored timestamp
    tsp = last.lookup(&key);
    if (tsp != NULL) {
        delta = bpf_ktime_get_ns() - *tsp;
        if (delta < 1000000000) {
            // output the delta in ms and the count, if less than 1 second
            bpf_trace_printk("%llu %llu\\n", delta / 1000000, *count);
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
  id: "sync_count",
  number: 5,
  kind: "exercise",
  answer: "answers/05-sync_count.ts",
  c: { original, portable },
  variants: [
    { name: "original", probe: "kprobe __x64_sys_sync", needs: ["kprobe"] },
    { name: "portable", probe: "tracepoint syscalls:sys_enter_sync", needs: ["tracepoint:syscalls:sys_enter_sync"] },
  ],
  // Four quick syncs: the first has no earlier sync to compare with, the
  // next three are printed with the counts 2, 3 and 4.
  trigger: [{ kind: "exec", argv: ["sync"], times: 4, gapMs: 100 }],
  expect: {
    header: ["Tracing for quick sync's... Ctrl-C to end"],
    lines: [
      {
        pattern: "^At time \\d+\\.\\d\\d s: multiple syncs detected, last \\d+ ms ago, count \\d+$",
        example: "At time 0.12 s: multiple syncs detected, last 95 ms ago, count 3",
        min: 3,
      },
    ],
    predicates: ["count-increments"],
  },
  exercise: {
    starter: "lessons/starters/05-sync_count.ts",
    sourceChecks: [
      // The count lives in the BPF hash: created there (lookup_or_try_init,
      // increment) or read and written back under a key other than lesson 4's.
      {
        id: "count-in-map",
        pattern: "lookup_or_try_init\\s*\\(|\\.increment\\s*\\(|\\.update\\s*\\(\\s*&\\s*(?!key\\b)\\w+",
        must: true,
      },
      // Lesson 4's timing stays.
      { id: "keeps-timing", pattern: "bpf_ktime_get_ns\\s*\\(", must: true },
    ],
    hints: 3,
  },
});
