// expect: pass
// why: counts with the map's increment() and reads the count back with lookup()
import { BPF } from "bcc-tutor";

const text = `
BPF_HASH(last);

TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
    u64 ts, *tsp, delta, key = 0, count_key = 1;
    u64 *count;

    last.increment(count_key);
    count = last.lookup(&count_key);
    if (count == NULL)
        return 0;

    tsp = last.lookup(&key);
    if (tsp != NULL) {
        delta = bpf_ktime_get_ns() - *tsp;
        if (delta < 1000000000) {
            bpf_trace_printk("%llu %llu\\n", delta / 1000000, *count);
        }
        last.delete(&key);
    }
    ts = bpf_ktime_get_ns();
    last.update(&key, &ts);
    return 0;
}
`;

const b = await BPF.create({ text });
console.log("Tracing for quick sync's... Ctrl-C to end");
let start: number | undefined;
for await (const { ts, msg } of b.traceFields()) {
  const m = /^(\d+) (\d+)$/.exec(msg);
  if (!m) continue;
  start ??= ts;
  console.log(`At time ${(ts - start).toFixed(2)} s: multiple syncs detected, last ${m[1]} ms ago, count ${m[2]}`);
}
