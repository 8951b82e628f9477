// Lesson 5, sync_count (exercise): lesson 4's quick-sync detector, which
// also counts every sync (quick or not) in the same BPF hash and prints the
// count with each quick sync.
//
// Run it: npx tsx answers/05-sync_count.ts   (then run `sync` a few times
// quickly in another terminal; Ctrl-C to end)
import { BPF, lessonVariant } from "bcc-tutor";

const variant = lessonVariant();
const probe =
  variant === "original"
    ? "int do_trace(struct pt_regs *ctx)"
    : "TRACEPOINT_PROBE(syscalls, sys_enter_sync)";

// One hash, two keys: 0 holds the time of the last sync (as in lesson 4),
// 1 holds the number of syncs seen since the program started.
const text = `
#include <uapi/linux/ptrace.h>

BPF_HASH(last);

${probe} {
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
