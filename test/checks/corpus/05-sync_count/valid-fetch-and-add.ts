// expect: pass
// why: lookup_or_try_init() then __sync_fetch_and_add() on the pointer; explicit attachTracepoint
import { BPF } from "bcc-tutor";

const b = await BPF.create({
  text: `
BPF_HASH(last);

int do_trace(void *ctx) {
    u64 ts, *tsp, delta, key = 0;
    u64 ck = 1, zero = 0, *cnt;

    cnt = last.lookup_or_try_init(&ck, &zero);
    if (!cnt)
        return 0;
    __sync_fetch_and_add(cnt, 1);

    tsp = last.lookup(&key);
    if (tsp) {
        delta = bpf_ktime_get_ns() - *tsp;
        if (delta < 1000000000)
            bpf_trace_printk("%llu %llu\\n", delta / 1000000, *cnt);
        last.delete(&key);
    }
    ts = bpf_ktime_get_ns();
    last.update(&key, &ts);
    return 0;
}`,
});
b.attachTracepoint({ tp: "syscalls:sys_enter_sync", fnName: "do_trace" });
console.log("Tracing for quick sync's... Ctrl-C to end");
let start = 0;
for await (const { ts, msg } of b.traceFields()) {
  const f = /^(\d+) (\d+)$/.exec(msg);
  if (!f) continue;
  if (start === 0) start = ts;
  console.log(`At time ${(ts - start).toFixed(2)} s: multiple syncs detected, last ${f[1]} ms ago, count ${f[2]}`);
}
