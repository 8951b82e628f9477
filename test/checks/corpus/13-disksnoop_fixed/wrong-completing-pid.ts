// expect: fail lines-match-workload
// why: asks bpf_get_current_pid_tgid and bpf_get_current_comm at block_rq_complete, so the rows name whatever task the interrupt landed on, not the dd that issued them
import { BPF, type PerfEventArray } from "bcc-tutor";

const b = await BPF.create({ text: `
#include <linux/sched.h>
struct key_t { u64 dev; u64 sector; };
BPF_HASH(start, struct key_t);
struct data_t { u64 ts; u64 delta_us; u32 pid; u32 bytes; char comm[TASK_COMM_LEN]; char op[2]; };
BPF_PERF_OUTPUT(events);

TRACEPOINT_PROBE(block, block_rq_issue) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    u64 ts = bpf_ktime_get_ns();
    start.update(&key, &ts);
    return 0;
}

TRACEPOINT_PROBE(block, block_rq_complete) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    u64 *tsp = start.lookup(&key);
    if (tsp == 0)
        return 0;
    struct data_t d = {};
    d.ts = bpf_ktime_get_ns();
    d.delta_us = (d.ts - *tsp) / 1000;
    d.pid = bpf_get_current_pid_tgid() >> 32;
    bpf_get_current_comm(&d.comm, sizeof(d.comm));
    d.bytes = args->nr_sector * 512;
    d.op[0] = args->rwbs[0] == 'F' && args->rwbs[1] ? args->rwbs[1] : args->rwbs[0];
    events.perf_submit(args, &d, sizeof(d));
    start.delete(&key);
    return 0;
}
` });

console.log("TIME(s)            COMM             PID    T  BYTES    LAT(ms)");
b.table<PerfEventArray<{ ts: bigint; delta_us: bigint; pid: number; bytes: number; comm: string; op: string }>>("events").openPerfBuffer((e) => {
  console.log(`${(Number(e.ts) / 1e9).toFixed(6).padEnd(18)} ${e.comm.padEnd(16)} ${String(e.pid).padEnd(6)} ${e.op.padEnd(2)} ${String(e.bytes).padEnd(7)} ${(Number(e.delta_us) / 1000).toFixed(2).padStart(8)}`);
});
for (;;) await b.perfBufferPoll();
