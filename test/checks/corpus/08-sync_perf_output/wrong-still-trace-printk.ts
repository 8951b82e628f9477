// expect: fail helpers
// why: lesson 4's program with the perf buffer declared but events still sent with bpf_trace_printk and read from trace_pipe
import { BPF } from "bcc-tutor";

const b = await BPF.create({
  text: `
BPF_PERF_OUTPUT(events);
BPF_HASH(last);

TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
    u64 key = 0, now = bpf_ktime_get_ns();
    u64 *tsp = last.lookup(&key);
    if (tsp && now - *tsp < 1000000000)
        bpf_trace_printk("%llu\\n", (now - *tsp) / 1000000);
    last.update(&key, &now);
    return 0;
}`,
});
console.log("Tracing for quick sync's... Ctrl-C to end");
let start = 0;
for await (const { ts, msg } of b.traceFields()) {
  if (!/^\d+$/.test(msg)) continue;
  if (!start) start = ts;
  console.log(`At time ${(ts - start).toFixed(2)} s: multiple syncs detected, last ${msg} ms ago`);
}
