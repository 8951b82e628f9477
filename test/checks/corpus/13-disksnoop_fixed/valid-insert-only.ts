// expect: pass
// why: takes the issuer only at block_rq_insert, where the lesson says the asking task is still on the CPU, and the issue time in a second hash; rows through a perf buffer with a callback
import { BPF, type PerfEventArray } from "bcc-tutor";

const b = await BPF.create({ text: `
#include <linux/sched.h>
struct key_t { u64 dev; u64 sector; };
struct who_t { u32 pid; char comm[TASK_COMM_LEN]; };
BPF_HASH(who, struct key_t, struct who_t);
BPF_HASH(issued, struct key_t, u64);
struct row_t { u64 ts; u64 lat_us; u32 pid; u32 bytes; char comm[TASK_COMM_LEN]; char op[2]; };
BPF_PERF_OUTPUT(rows);

TRACEPOINT_PROBE(block, block_rq_insert) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    struct who_t w = {};
    w.pid = bpf_get_current_pid_tgid() >> 32;
    bpf_get_current_comm(&w.comm, sizeof(w.comm));
    who.update(&key, &w);
    return 0;
}

TRACEPOINT_PROBE(block, block_rq_issue) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    u64 ts = bpf_ktime_get_ns();
    issued.update(&key, &ts);
    return 0;
}

TRACEPOINT_PROBE(block, block_rq_complete) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    u64 *tsp = issued.lookup(&key);
    struct who_t *w = who.lookup(&key);
    if (tsp == 0 || w == 0)
        return 0;
    struct row_t r = {};
    r.ts = bpf_ktime_get_ns();
    r.lat_us = (r.ts - *tsp) / 1000;
    r.pid = w->pid;
    r.bytes = args->nr_sector * 512;
    __builtin_memcpy(&r.comm, w->comm, sizeof(r.comm));
    r.op[0] = args->rwbs[0];
    if (r.op[0] == 'F' && args->rwbs[1] != 0)
        r.op[0] = args->rwbs[1];
    rows.perf_submit(args, &r, sizeof(r));
    issued.delete(&key);
    who.delete(&key);
    return 0;
}
` });

console.log(`${"TIME(s)".padEnd(18)} ${"COMM".padEnd(16)} ${"PID".padEnd(6)} ${"T".padEnd(2)} ${"BYTES".padEnd(7)} ${"LAT(ms)".padStart(8)}`);

interface Row { ts: bigint; lat_us: bigint; pid: number; bytes: number; comm: string; op: string }
b.table<PerfEventArray<Row>>("rows").openPerfBuffer((r) => {
  console.log(`${(Number(r.ts) / 1e9).toFixed(6).padEnd(18)} ${r.comm.padEnd(16)} ${String(r.pid).padEnd(6)} ${r.op.padEnd(2)} ${String(r.bytes).padEnd(7)} ${(Number(r.lat_us) / 1000).toFixed(2).padStart(8)}`);
});
process.on("SIGINT", () => {
  b.close();
  process.exit(0);
});
for (;;) await b.perfBufferPoll();
