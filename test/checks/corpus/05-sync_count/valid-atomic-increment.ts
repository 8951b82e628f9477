// expect: pass
// why: atomic_increment() on the count key, then lookup() to print it
import { BPF } from "bcc-tutor";

const b = await BPF.create({
  text: `
BPF_HASH(last);

TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
    u64 key = 0, count_key = 1;
    last.atomic_increment(count_key);
    u64 *count = last.lookup(&count_key);
    u64 *tsp = last.lookup(&key);
    u64 now = bpf_ktime_get_ns();
    if (tsp != NULL && count != NULL) {
        u64 delta = now - *tsp;
        if (delta < 1000000000)
            bpf_trace_printk("%llu %llu\\n", delta / 1000000, *count);
    }
    last.update(&key, &now);
    return 0;
}`,
});
console.log("Tracing for quick sync's... Ctrl-C to end");
let first = -1;
for await (const r of b.traceFields()) {
  const m = r.msg.match(/^(\d+) (\d+)$/);
  if (!m) continue;
  if (first < 0) first = r.ts;
  console.log(`At time ${(r.ts - first).toFixed(2)} s: multiple syncs detected, last ${m[1]} ms ago, count ${m[2]}`);
}
