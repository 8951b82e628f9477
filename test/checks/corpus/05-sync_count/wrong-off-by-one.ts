// expect: fail values
// why: prints the count before adding this sync to it
import { BPF } from "bcc-tutor";

const text = `
BPF_HASH(last);

TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
    u64 ts, *tsp, delta, key = 0;
    u64 count_key = 1, zero = 0, *count;

    count = last.lookup_or_try_init(&count_key, &zero);
    if (count == NULL)
        return 0;

    tsp = last.lookup(&key);
    if (tsp != NULL) {
        delta = bpf_ktime_get_ns() - *tsp;
        if (delta < 1000000000)
            bpf_trace_printk("%llu %llu\\n", delta / 1000000, *count);
        last.delete(&key);
    }
    lock_xadd(count, 1);
    ts = bpf_ktime_get_ns();
    last.update(&key, &ts);
    return 0;
}
`;

const b = await BPF.create({ text });
console.log("Tracing for quick sync's... Ctrl-C to end");
let start = 0;
for await (const { ts, msg } of b.traceFields()) {
  const f = /^(\d+) (\d+)$/.exec(msg);
  if (!f) continue;
  if (start === 0) start = ts;
  console.log(`At time ${(ts - start).toFixed(2)} s: multiple syncs detected, last ${f[1]} ms ago, count ${f[2]}`);
}
