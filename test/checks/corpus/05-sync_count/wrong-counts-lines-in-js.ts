// expect: fail values
// why: counts in TypeScript, one per printed line (starting at 2), so slow syncs are never counted
import { BPF } from "bcc-tutor";

const text = `
BPF_HASH(last);

TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
    u64 ts, *tsp, delta, key = 0;
    tsp = last.lookup(&key);
    if (tsp != NULL) {
        delta = bpf_ktime_get_ns() - *tsp;
        if (delta < 1000000000)
            bpf_trace_printk("%d\\n", delta / 1000000);
        last.delete(&key);
    }
    ts = bpf_ktime_get_ns();
    last.update(&key, &ts);
    return 0;
}
`;

const b = await BPF.create({ text });
console.log("Tracing for quick sync's... Ctrl-C to end");
let start = 0;
let count = 1; // the first sync prints nothing
for await (const { ts, msg } of b.traceFields()) {
  if (!/^\d+$/.test(msg)) continue;
  if (start === 0) start = ts;
  count++;
  console.log(`At time ${(ts - start).toFixed(2)} s: multiple syncs detected, last ${msg} ms ago, count ${count}`);
}
