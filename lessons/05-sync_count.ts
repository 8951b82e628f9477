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
  // 4 to 6 syncs, quick ones (< 1 s apart) and one slow gap (> 1 s), so
  // counting every sync differs from counting the quick ones only.
  trigger: [{ kind: "syncs", count: [4, 6], quickGapMs: [80, 250], slow: [1, 1] }],
  expect: {
    header: ["Tracing for quick sync's... Ctrl-C to end"],
    judge: {
      attach: ["tracepoint:syscalls:sys_enter_sync", "tracepoint:syscalls:sys_exit_sync", "kprobe:/^(__x64_|__arm64_|__ia32_)?sys_sync$/", "kretprobe:/^(__x64_|__arm64_|__ia32_)?sys_sync$/"],
      // A line per quick sync, with its gap and the number of syncs so far.
      events: "quick-syncs-count",
      line: "multiple syncs detected, last (?<delta>\\d+) ms ago, count (?<count>\\d+)",
      example: "At time 0.12 s: multiple syncs detected, last 95 ms ago, count 3",
      // The count lives in the map: at the end it equals all syncs seen.
      mapContents: "sync-total",
      hints: { values: 1, "map-contents": 2, "lines-match-workload": 1 },
    },
  },
  exercise: {
    starter: "lessons/starters/05-sync_count.ts",
    hints: 3,
  },
});
