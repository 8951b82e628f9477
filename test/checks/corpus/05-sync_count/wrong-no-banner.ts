// expect: fail banner
// why: the banner is printed after the loop, which never ends, so it never appears before the events
import { BPF } from "bcc-tutor";

const b = await BPF.create({
  text: `
BPF_HASH(last);
TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
    u64 key = 0, ck = 1;
    last.increment(ck);
    u64 *c = last.lookup(&ck);
    u64 *tsp = last.lookup(&key);
    u64 now = bpf_ktime_get_ns();
    if (c && tsp && now - *tsp < 1000000000)
        bpf_trace_printk("%llu %llu\\n", (now - *tsp) / 1000000, *c);
    last.update(&key, &now);
    return 0;
}`,
});
let start = 0;
for await (const { ts, msg } of b.traceFields()) {
  const f = /^(\d+) (\d+)$/.exec(msg);
  if (!f) continue;
  if (start === 0) start = ts;
  console.log(`At time ${(ts - start).toFixed(2)} s: multiple syncs detected, last ${f[1]} ms ago, count ${f[2]}`);
}
console.log("Tracing for quick sync's... Ctrl-C to end");
